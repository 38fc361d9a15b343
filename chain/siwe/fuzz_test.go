package siwe_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/chain/siwe"
)

// FuzzParse: Parse never panics, and whatever it accepts re-serializes to the same text and
// parses again to the same message.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 10s ./chain/siwe/
func FuzzParse(f *testing.F) {
	f.Add(eipExample)
	f.Add(strings.Replace(eipExample, "example.com wants", "https://user@[::1]:80 wants", 1))
	var fx struct {
		Cases []struct{ Message string } `json:"cases"`
	}
	data, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		f.Fatal(err)
	}
	if err := json.Unmarshal(data, &fx); err != nil {
		f.Fatal(err)
	}
	for _, c := range fx.Cases {
		f.Add(c.Message)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m, err := siwe.Parse(text)
		if err != nil {
			return
		}
		got := m.String()
		if got != text {
			t.Fatalf("String() = %q, parsed from %q", got, text)
		}
		again, err := siwe.Parse(got)
		if err != nil || again.String() != text {
			t.Fatalf("re-parse: %v", err)
		}
	})
}
