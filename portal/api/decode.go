package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// maxBody caps a request body; the largest legitimate one is a quota list.
const maxBody = 4 << 20

// decodeJSON reads exactly one JSON object with no unknown fields into v.
func decodeJSON(r io.Reader, v any) error {
	data, err := readBody(r)
	if err != nil {
		return err
	}
	return decodeObject(data, v)
}

// decodeOptionalJSON is decodeJSON for a body that may also be empty (or only white space),
// which leaves v as it is.
func decodeOptionalJSON(r io.Reader, v any) error {
	data, err := readBody(r)
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return err
	}
	return decodeObject(data, v)
}

// readBody reads r, a body capped by http.MaxBytesReader, whole.
func readBody(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, fmt.Errorf("%w: over %d bytes", errBodyTooLarge, tooBig.Limit)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformedJSON, err)
	}
	return data, nil
}

// decodeObject decodes exactly one JSON object with no unknown fields from data into v.
func decodeObject(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", errMalformedJSON, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: trailing data after the object", errMalformedJSON)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: trailing data after the object", errMalformedJSON)
	}
	return nil
}
