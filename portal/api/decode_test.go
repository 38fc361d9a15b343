package api

import (
	"errors"
	"strings"
	"testing"
)

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		in      string
		wantErr error
	}{
		{`{"initiative":1,"amount_kopecks":5}`, nil},
		{` {"initiative":1} `, nil},
		{``, errMalformedJSON},
		{`{"initiative":1`, errMalformedJSON},
		{`{"initiative":1}{"initiative":2}`, errMalformedJSON},
		{`{"initiative":1} x`, errMalformedJSON},
		{`{"surprise":1}`, errMalformedJSON},
		{`{"amount_kopecks":1e3}`, errMalformedJSON},
		{`{"amount_kopecks":99999999999999999999}`, errMalformedJSON},
		{`[]`, errMalformedJSON},
	}
	for _, tt := range tests {
		var req moveRequest
		if err := decodeJSON(strings.NewReader(tt.in), &req); !errors.Is(err, tt.wantErr) {
			t.Errorf("decodeJSON(%q) = %v, want %v", tt.in, err, tt.wantErr)
		}
	}
}

// FuzzDecodeJSON: any body either decodes into the request type or fails as malformed JSON;
// nothing panics and no other error escapes.
func FuzzDecodeJSON(f *testing.F) {
	f.Add(`{"initiative":1,"amount_kopecks":5}`)
	f.Add(`{"name":"x","budget_kopecks":1,"deadline":"2030-01-01T00:00:00Z","initiatives":[{"title":"a","cost_kopecks":1}]}`)
	f.Add(`{"citizens":["0x01"]}`)
	f.Add("{\"initiative\":1}\x00")
	f.Fuzz(func(t *testing.T, body string) {
		for _, v := range []any{&moveRequest{}, &createRoundRequest{}, &quotasRequest{}} {
			if err := decodeJSON(strings.NewReader(body), v); err != nil && !errors.Is(err, errMalformedJSON) {
				t.Fatalf("decodeJSON(%q) = %v, want nil or errMalformedJSON", body, err)
			}
		}
	})
}
