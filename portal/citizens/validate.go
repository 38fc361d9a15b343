package citizens

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pbnode/pbnode/portal/pii"
)

// Limits of the profile's free text.
const (
	maxNameRunes    = 200
	maxNameWords    = 6
	maxEmailBytes   = 254
	maxChildren     = 20
	maxChildAge     = 100
	maxAddressRunes = 500
	maxFlatNumber   = 16
	maxTerritory    = 64
	adultAge        = 18
)

// Sex is "m" or "f".
type Sex string

// Sexes.
const (
	Male   Sex = "m"
	Female Sex = "f"
)

// ProfileInput is a profile as a form sends it. Empty fields are not given.
type ProfileInput struct {
	FullName  string
	Sex       string
	BirthDate string // "1985-03-17" or "17.03.1985"
	Email     string
	Children  []int // children's birth years
}

// Profile is a validated profile. It is personal data: never log it.
type Profile struct {
	FullName  string    // surname, first name and patronymic, single-spaced; "" when not given
	Sex       Sex       // "" when not given
	BirthDate time.Time // midnight UTC; zero when not given
	Email     string    // "" when not given
	Children  []int     // birth years, ascending
}

// ValidateProfile checks a profile form and returns it normalized; today is the current time
// in the city's zone. Each refusal is a sentinel: ErrInvalidName, ErrInvalidSex,
// ErrInvalidBirthDate (wrapping the pii error), ErrInvalidEmail or ErrInvalidChildren.
func ValidateProfile(in ProfileInput, today time.Time) (Profile, error) {
	var p Profile
	var err error
	if strings.TrimSpace(in.FullName) != "" {
		if p.FullName, err = NormalizeName(in.FullName); err != nil {
			return Profile{}, err
		}
	}
	if p.Sex, err = ParseSex(in.Sex); err != nil {
		return Profile{}, err
	}
	if strings.TrimSpace(in.BirthDate) != "" {
		if p.BirthDate, err = pii.ParseBirthDate(in.BirthDate, today); err != nil {
			return Profile{}, fmt.Errorf("%w: %w", ErrInvalidBirthDate, err)
		}
	}
	if p.Email, err = NormalizeEmail(in.Email); err != nil {
		return Profile{}, err
	}
	if p.Children, err = ValidateChildren(in.Children, today); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// NormalizeName checks a full name: 2 to 6 words of letters, each word letters joined by
// single hyphens or apostrophes ("Римский-Корсаков", "д'Артаньян"), at most 200 characters.
// It returns the words joined by single spaces; ErrInvalidName otherwise.
func NormalizeName(s string) (string, error) {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxNameRunes {
		return "", ErrInvalidName
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > maxNameWords {
		return "", ErrInvalidName
	}
	for _, w := range words {
		if !nameWord(w) {
			return "", ErrInvalidName
		}
	}
	return strings.Join(words, " "), nil
}

// nameWord reports whether w is letters, with single hyphens or apostrophes between letters.
func nameWord(w string) bool {
	prevLetter := false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			prevLetter = true
		case (r == '-' || r == '\'' || r == '’') && prevLetter:
			prevLetter = false
		default:
			return false
		}
	}
	return prevLetter
}

// ParseSex accepts "m", "f" (any case, spaces around) or "" for not given; ErrInvalidSex
// otherwise.
func ParseSex(s string) (Sex, error) {
	switch x := Sex(strings.ToLower(strings.TrimSpace(s))); x {
	case "", Male, Female:
		return x, nil
	}
	return "", ErrInvalidSex
}

// NormalizeEmail checks a bare e-mail address ("name@example.org": no display name, no
// comments, a dotted domain, at most 254 bytes) and returns it with spaces around trimmed
// and the domain in lower case; "" stays "". ErrInvalidEmail otherwise.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > maxEmailBytes || !utf8.ValidString(s) || strings.ContainsAny(s, " \t\r\n<>()\",;\\") {
		return "", ErrInvalidEmail
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", ErrInvalidEmail
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || !strings.Contains(domain, ".") ||
		strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", ErrInvalidEmail
	}
	return local + "@" + strings.ToLower(domain), nil
}

// ValidateChildren checks children's birth years: at most 20, each from 100 years before
// today's year to today's year. It returns them ascending; ErrInvalidChildren otherwise.
func ValidateChildren(years []int, today time.Time) ([]int, error) {
	if len(years) > maxChildren {
		return nil, ErrInvalidChildren
	}
	out := slices.Clone(years)
	for _, y := range out {
		if y > today.Year() || y < today.Year()-maxChildAge {
			return nil, ErrInvalidChildren
		}
	}
	slices.Sort(out)
	return out, nil
}

// normalizeAddressText checks an address as written: 1 to 500 characters, no control
// characters; spaces are collapsed. ErrInvalidAddress otherwise.
func normalizeAddressText(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", ErrInvalidAddress
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || utf8.RuneCountInString(s) > maxAddressRunes || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", ErrInvalidAddress
	}
	return s, nil
}

// ValidTerritory reports whether t is a territory code: 1 to 64 lowercase letters, digits,
// '-', '_', '.' or '/', beginning with a letter or digit ("msk/cao/arbat"), or "" for the
// whole city. A territory lies in another when its code is the other's followed by "/".
func ValidTerritory(t string) bool {
	if t == "" {
		return true
	}
	if len(t) > maxTerritory || !isAlnum(t[0]) {
		return false
	}
	for _, c := range []byte(t) {
		if !isAlnum(c) && !strings.ContainsRune("-_./", rune(c)) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// ageOn returns the whole years from birth to today's date.
func ageOn(birth, today time.Time) int {
	ty, tm, td := today.Date()
	years := ty - birth.Year()
	if tm < birth.Month() || tm == birth.Month() && td < birth.Day() {
		years--
	}
	return years
}
