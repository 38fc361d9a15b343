package pii

import (
	"errors"
	"fmt"
	"log/slog"
)

// Errors of ParsePassport. The API maps each to a stable error code.
var (
	ErrPassportSeries = errors.New("passport series must be 4 digits")
	ErrPassportNumber = errors.New("passport number must be 6 digits")
)

// Passport is the series and number of a Russian internal passport, the person's L2
// verification. It prints as a mask, "**** ****56"; Reveal gives the ten digits.
// The zero Passport holds no number.
type Passport struct{ s secret }

// ParsePassport accepts a passport's series (4 digits) and number (6 digits) as the two
// fields of a form, each with spaces anywhere: "45 09" and "123 456". It takes them apart
// so that each has its own error, ErrPassportSeries or ErrPassportNumber.
func ParsePassport(series, number string) (Passport, error) {
	sd, ok := digitsOf(series, "")
	if !ok || len(sd) != 4 {
		return Passport{}, ErrPassportSeries
	}
	nd, ok := digitsOf(number, "")
	if !ok || len(nd) != 6 {
		return Passport{}, ErrPassportNumber
	}
	return Passport{newSecret(sd+nd, "**** ****"+nd[4:])}, nil
}

// Reveal returns the series followed by the number, ten digits such as "4509123456", or ""
// for the zero Passport. Call it only to seal or index the passport or to send it to the
// registry check.
func (p Passport) Reveal() string { return p.s.reveal() }

// IsZero reports whether p holds no passport.
func (p Passport) IsZero() bool { return p.s.isZero() }

// Equal reports whether p and q hold the same passport. Use it rather than ==.
func (p Passport) Equal(q Passport) bool { return p.s.equal(q.s) }

// String returns the mask, "**** ****56".
func (p Passport) String() string { return p.s.mask }

// GoString returns the mask named by type, for %#v.
func (p Passport) GoString() string { return p.s.goString("Passport") }

// Format prints the mask for every verb.
func (p Passport) Format(f fmt.State, verb rune) { p.s.format(f, verb, "Passport") }

// LogValue logs the mask.
func (p Passport) LogValue() slog.Value { return slog.StringValue(p.s.mask) }

// MarshalJSON encodes the mask as a JSON string.
func (p Passport) MarshalJSON() ([]byte, error) { return p.s.marshalJSON() }

// MarshalText encodes the mask.
func (p Passport) MarshalText() ([]byte, error) { return []byte(p.s.mask), nil }
