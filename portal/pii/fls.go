package pii

import (
	"errors"
	"fmt"
	"log/slog"
)

// ErrFLSFormat is the error of ParseFLS. The API maps it to a stable error code.
var ErrFLSFormat = errors.New("personal account number (FLS) must be 10 digits")

// FLS is a flat's personal account number with the utility billing centre, the flat's L1
// verification. It prints as a mask, "********90"; Reveal gives the number. The zero
// FLS holds no number.
type FLS struct{ s secret }

// ParseFLS accepts exactly ten digits, with spaces anywhere: "1234567890", "12345 67890".
func ParseFLS(s string) (FLS, error) {
	d, ok := digitsOf(s, "")
	if !ok || len(d) != 10 {
		return FLS{}, ErrFLSFormat
	}
	return FLS{newSecret(d, "********"+d[8:])}, nil
}

// Reveal returns the ten digits, or "" for the zero FLS. Call it only to seal or index the
// number or to send it to the registry check.
func (n FLS) Reveal() string { return n.s.reveal() }

// IsZero reports whether n holds no number.
func (n FLS) IsZero() bool { return n.s.isZero() }

// Equal reports whether n and m hold the same number. Use it rather than ==.
func (n FLS) Equal(m FLS) bool { return n.s.equal(m.s) }

// String returns the mask, "********90".
func (n FLS) String() string { return n.s.mask }

// GoString returns the mask named by type, for %#v.
func (n FLS) GoString() string { return n.s.goString("FLS") }

// Format prints the mask for every verb.
func (n FLS) Format(f fmt.State, verb rune) { n.s.format(f, verb, "FLS") }

// LogValue logs the mask.
func (n FLS) LogValue() slog.Value { return slog.StringValue(n.s.mask) }

// MarshalJSON encodes the mask as a JSON string.
func (n FLS) MarshalJSON() ([]byte, error) { return n.s.marshalJSON() }

// MarshalText encodes the mask.
func (n FLS) MarshalText() ([]byte, error) { return []byte(n.s.mask), nil }
