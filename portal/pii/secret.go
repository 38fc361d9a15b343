package pii

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// maxInputLen bounds every input a parser looks at; longer input is a format error.
const maxInputLen = 64

// secret holds a normalized value and its mask. The value sits behind a pointer: fmt cannot
// call methods through an unexported struct field, so when it prints a struct that keeps one of
// this package's types in such a field it walks the fields by reflection, and a pointer below
// the top level is printed as an address. The digits never reach the output that way either.
type secret struct {
	value *string
	mask  string
}

func newSecret(value, mask string) secret { return secret{value: &value, mask: mask} }

func (s secret) reveal() string {
	if s.value == nil {
		return ""
	}
	return *s.value
}

func (s secret) isZero() bool { return s.value == nil }

func (s secret) equal(t secret) bool { return s.reveal() == t.reveal() }

// format writes the mask for every verb: %q quotes it, %#v names the type.
func (s secret) format(f fmt.State, verb rune, typeName string) {
	switch {
	case verb == 'v' && f.Flag('#'):
		io.WriteString(f, s.goString(typeName))
	case verb == 'q':
		io.WriteString(f, strconv.Quote(s.mask))
	default:
		io.WriteString(f, s.mask)
	}
}

func (s secret) goString(typeName string) string { return "pii." + typeName + "{" + s.mask + "}" }

func (s secret) marshalJSON() ([]byte, error) { return json.Marshal(s.mask) }

// digitsOf returns the ASCII digits of s, skipping white space and the runes in seps. It
// reports false when s holds anything else or is too long.
func digitsOf(s, seps string) (string, bool) {
	if len(s) > maxInputLen {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsSpace(r), strings.ContainsRune(seps, r):
		default:
			return "", false
		}
	}
	return b.String(), true
}
