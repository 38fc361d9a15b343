package pii

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Errors of NormalizePhone. The API maps each to a stable error code.
var (
	ErrPhoneFormat    = errors.New("phone number not recognised")
	ErrForeignPhone   = errors.New("phone number is not a Russian number")
	ErrPhoneNotMobile = errors.New("phone number is not a mobile number")
)

// Phone is a Russian mobile number, the login of a citizen. It prints as a mask,
// "+7916*****67"; Reveal gives the number. The zero Phone holds no number.
type Phone struct{ s secret }

// NormalizePhone accepts a Russian mobile number in the usual spellings and returns it in
// E.164 form: "+7 916 123-45-67", "8 (916) 123 45 67", "79161234567", "9161234567",
// "+7-916-123-45-67", and international dialling from Russia ("8 10 7 916…", "00 7 916…")
// all give "+79161234567". Registration is by SMS, so only mobile numbers (+7 9xx)
// are accepted: other Russian numbers are ErrPhoneNotMobile; numbers of another country,
// including Kazakhstan's (+7 6xx, +7 7xx), are ErrForeignPhone; anything else is
// ErrPhoneFormat.
func NormalizePhone(s string) (Phone, error) {
	s = strings.TrimSpace(s)
	plus := strings.HasPrefix(s, "+")
	digits, ok := digitsOf(strings.TrimPrefix(s, "+"), "-().")
	if !ok || digits == "" {
		return Phone{}, ErrPhoneFormat
	}
	national, err := nationalNumber(plus, digits)
	if err != nil {
		return Phone{}, err
	}
	switch national[0] {
	case '9':
		return Phone{newSecret("+7"+national, "+7"+national[:3]+"*****"+national[8:])}, nil
	case '6', '7': // Kazakhstan shares country code 7
		return Phone{}, ErrForeignPhone
	case '3', '4', '8': // geographic and toll-free numbers
		return Phone{}, ErrPhoneNotMobile
	}
	return Phone{}, ErrPhoneFormat
}

// nationalNumber returns the ten digits after the country code 7.
func nationalNumber(plus bool, d string) (string, error) {
	if plus {
		switch {
		case d[0] == '7' && len(d) == 11:
			return d[1:], nil
		case d[0] != '7' && d[0] != '0' && len(d) >= 7 && len(d) <= 15:
			return "", ErrForeignPhone
		}
		return "", ErrPhoneFormat
	}
	switch {
	case len(d) > 11 && strings.HasPrefix(d, "810"): // international prefix dialled in Russia
		return nationalNumber(true, d[3:])
	case len(d) > 2 && strings.HasPrefix(d, "00"): // international prefix elsewhere
		return nationalNumber(true, d[2:])
	case len(d) == 11 && (d[0] == '8' || d[0] == '7'):
		return d[1:], nil
	case len(d) == 10:
		return d, nil
	}
	return "", ErrPhoneFormat
}

// Reveal returns the number in E.164 form, "+79161234567", or "" for the zero Phone. Call it
// only to seal or index the number or to send it an SMS.
func (p Phone) Reveal() string { return p.s.reveal() }

// IsZero reports whether p holds no number.
func (p Phone) IsZero() bool { return p.s.isZero() }

// Equal reports whether p and q hold the same number. Use it rather than ==, which compares
// where the numbers are kept.
func (p Phone) Equal(q Phone) bool { return p.s.equal(q.s) }

// String returns the mask, "+7916*****67".
func (p Phone) String() string { return p.s.mask }

// GoString returns the mask named by type, for %#v.
func (p Phone) GoString() string { return p.s.goString("Phone") }

// Format prints the mask for every verb.
func (p Phone) Format(f fmt.State, verb rune) { p.s.format(f, verb, "Phone") }

// LogValue logs the mask.
func (p Phone) LogValue() slog.Value { return slog.StringValue(p.s.mask) }

// MarshalJSON encodes the mask as a JSON string.
func (p Phone) MarshalJSON() ([]byte, error) { return p.s.marshalJSON() }

// MarshalText encodes the mask.
func (p Phone) MarshalText() ([]byte, error) { return []byte(p.s.mask), nil }
