package pii

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrPropertyCertFormat is the error of ParsePropertyCert. The API maps it to a stable error
// code.
var ErrPropertyCertFormat = errors.New("property certificate number must look like 77-АБ 123456")

// PropertyCert is the blank number of a certificate of state registration of a property
// right, the flat's L2 verification. It prints as a mask, "**-** ****56"; Reveal gives
// the number. The zero PropertyCert holds no number.
//
// The format is our choice: the land registry printed these certificates on numbered blanks
// until July 2016, with a series of a two-digit region code and two Cyrillic letters and a
// six-digit number, "77-АБ 123456". Owners registered later hold only an extract from the
// real-estate register (EGRN), whose record numbers take several historical forms; accepting
// them is a later extension.
type PropertyCert struct{ s secret }

// latinLookalikes maps Latin capitals to the Cyrillic ones they look like, since blank series
// are often typed on a Latin keyboard.
var latinLookalikes = map[rune]rune{
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К',
	'M': 'М', 'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
}

// ParsePropertyCert accepts a certificate blank number such as "77-АБ 123456",
// "77 аб № 123456" or "77АБ123456": a two-digit region code other than 00, two Cyrillic
// letters (Latin lookalikes are read as Cyrillic, lower case as upper) and six digits, with
// spaces, dashes and "№" anywhere. It returns the number as "77-АБ 123456".
func ParsePropertyCert(s string) (PropertyCert, error) {
	groups, ok := certGroups(s)
	if !ok || len(groups) != 3 {
		return PropertyCert{}, ErrPropertyCertFormat
	}
	// The groups alternate, so with digits first they are digits, letters, digits.
	region, letters, number := groups[0], groups[1], groups[2]
	if !isDigits(region, 2) || region == "00" || utf8.RuneCountInString(letters) != 2 ||
		!isDigits(number, 6) {
		return PropertyCert{}, ErrPropertyCertFormat
	}
	return PropertyCert{newSecret(region+"-"+letters+" "+number, "**-** ****"+number[4:])}, nil
}

// certGroups splits s into runs of digits and runs of Cyrillic capitals, dropping separators.
func certGroups(s string) ([]string, bool) {
	if len(s) > maxInputLen {
		return nil, false
	}
	var groups []string
	var cur strings.Builder
	curDigit := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '-' || r == '№' {
			continue
		}
		r = unicode.ToUpper(r)
		if c, ok := latinLookalikes[r]; ok {
			r = c
		}
		digit := r >= '0' && r <= '9'
		if !digit && (r < 'А' || r > 'Я') && r != 'Ё' {
			return nil, false
		}
		if cur.Len() > 0 && digit != curDigit {
			groups = append(groups, cur.String())
			cur.Reset()
		}
		cur.WriteRune(r)
		curDigit = digit
	}
	if cur.Len() > 0 {
		groups = append(groups, cur.String())
	}
	return groups, true
}

// isDigits reports whether s is n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Reveal returns the number as "77-АБ 123456", or "" for the zero PropertyCert. Call it only
// to seal or index the number or to send it to the registry check.
func (c PropertyCert) Reveal() string { return c.s.reveal() }

// IsZero reports whether c holds no number.
func (c PropertyCert) IsZero() bool { return c.s.isZero() }

// Equal reports whether c and d hold the same number. Use it rather than ==.
func (c PropertyCert) Equal(d PropertyCert) bool { return c.s.equal(d.s) }

// String returns the mask, "**-** ****56".
func (c PropertyCert) String() string { return c.s.mask }

// GoString returns the mask named by type, for %#v.
func (c PropertyCert) GoString() string { return c.s.goString("PropertyCert") }

// Format prints the mask for every verb.
func (c PropertyCert) Format(f fmt.State, verb rune) { c.s.format(f, verb, "PropertyCert") }

// LogValue logs the mask.
func (c PropertyCert) LogValue() slog.Value { return slog.StringValue(c.s.mask) }

// MarshalJSON encodes the mask as a JSON string.
func (c PropertyCert) MarshalJSON() ([]byte, error) { return c.s.marshalJSON() }

// MarshalText encodes the mask.
func (c PropertyCert) MarshalText() ([]byte, error) { return []byte(c.s.mask), nil }
