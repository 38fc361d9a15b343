package pii

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
)

// Errors of ParseSNILS. The API maps each to a stable error code.
var (
	ErrSNILSFormat   = errors.New("SNILS must be 11 digits")
	ErrSNILSChecksum = errors.New("SNILS check digits do not match")
)

// snilsUncheckedMax is the highest SNILS number (its first nine digits) that carries no
// check digits: the Pension Fund's algorithm checks "only numbers greater than 001-001-998"
// (PFR formats for individual (personified) accounting, section 8, "Algorithm for forming the
// check number of the insurance number"; published by ConsultantPlus as cons_doc_LAW_124607).
const snilsUncheckedMax = 1001998

// SNILS is an insurance number of the individual personal account, the person's L3
// verification. It prints as a mask, "***-***-*** 95"; Reveal gives the number.
// The zero SNILS holds no number.
type SNILS struct{ s secret }

// ParseSNILS accepts the eleven digits of a SNILS, with spaces and dashes anywhere, as in
// "112-233-445 95" or "11223344595". The last two digits must be the check number of the first
// nine, except for numbers up to 001-001-998, which the Pension Fund's rule leaves
// unchecked. The number 000-000-000 was never issued and is refused (our rule).
func ParseSNILS(s string) (SNILS, error) {
	d, ok := digitsOf(s, "-")
	if !ok || len(d) != 11 {
		return SNILS{}, ErrSNILSFormat
	}
	number, _ := strconv.Atoi(d[:9])
	check, _ := strconv.Atoi(d[9:])
	switch {
	case number == 0:
		return SNILS{}, ErrSNILSFormat
	case number > snilsUncheckedMax && check != snilsCheck(d[:9]):
		return SNILS{}, ErrSNILSChecksum
	}
	return SNILS{newSecret(d, "***-***-*** "+d[9:])}, nil
}

// snilsCheck returns the check number of the nine digits of a SNILS: the digits
// weighted 9 down to 1 and summed; a sum under 100 is the check number, 100 and 101 give 00,
// and a larger sum is taken mod 101, with a remainder of 100 giving 00.
func snilsCheck(nine string) int {
	sum := 0
	for i := range 9 {
		sum += int(nine[i]-'0') * (9 - i)
	}
	if sum < 100 {
		return sum
	}
	r := sum % 101 // 100 and 101 give 100 and 0
	if r == 100 {
		return 0
	}
	return r
}

// Reveal returns the eleven digits, "11223344595", or "" for the zero SNILS. Call it only to
// seal or index the number or to send it to the registry check.
func (n SNILS) Reveal() string { return n.s.reveal() }

// IsZero reports whether n holds no number.
func (n SNILS) IsZero() bool { return n.s.isZero() }

// Equal reports whether n and m hold the same number. Use it rather than ==.
func (n SNILS) Equal(m SNILS) bool { return n.s.equal(m.s) }

// String returns the mask, "***-***-*** 95".
func (n SNILS) String() string { return n.s.mask }

// GoString returns the mask named by type, for %#v.
func (n SNILS) GoString() string { return n.s.goString("SNILS") }

// Format prints the mask for every verb.
func (n SNILS) Format(f fmt.State, verb rune) { n.s.format(f, verb, "SNILS") }

// LogValue logs the mask.
func (n SNILS) LogValue() slog.Value { return slog.StringValue(n.s.mask) }

// MarshalJSON encodes the mask as a JSON string.
func (n SNILS) MarshalJSON() ([]byte, error) { return n.s.marshalJSON() }

// MarshalText encodes the mask.
func (n SNILS) MarshalText() ([]byte, error) { return []byte(n.s.mask), nil }
