package pii

import (
	"bytes"
	"errors"
	"testing"
)

func FuzzParseHeader(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{formatV1})
	f.Add(append([]byte{formatV1, 2, 'k', '1'}, make([]byte, gcmOverhead)...))
	f.Add(append([]byte{formatV1, 2, 'k', '1'}, make([]byte, gcmOverhead-1)...))
	f.Add(append([]byte{formatV1, 16}, make([]byte, 16+gcmOverhead)...))
	f.Add(append([]byte{formatV1, 17}, make([]byte, 17+gcmOverhead)...))
	f.Add(append([]byte{2, 2, 'k', '1'}, make([]byte, gcmOverhead)...))
	f.Fuzz(func(t *testing.T, c []byte) {
		id, header, err := parseHeader(c)
		if err != nil {
			if !errors.Is(err, ErrCiphertext) || id != "" || header != nil {
				t.Fatalf("parseHeader = %q, %x, %v", id, header, err)
			}
			return
		}
		n := len(id)
		switch {
		case c[0] != formatV1:
			t.Fatalf("accepted version %d", c[0])
		case n < 1 || n > maxKeyIDLen || int(c[1]) != n:
			t.Fatalf("key ID %q of %d bytes, length byte %d", id, n, c[1])
		case !bytes.Equal(header, c[:2+n]) || string(header[2:]) != id:
			t.Fatalf("header %x and ID %q do not match the input", header, id)
		case len(c) < len(header)+gcmOverhead:
			t.Fatalf("accepted %d bytes, too short for a nonce and tag after a %d-byte header", len(c), len(header))
		}
	})
}
