package registry

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// foldName returns the key a full name is matched by: lower case, ё read as е, the words
// separated by one space. Hyphens and apostrophes stay: they are part of a name.
func foldName(s string) string { return fold(s, unicode.IsSpace) }

// foldAddress returns the key a building address or flat number is matched by: as
// foldName, and everything that is neither a letter nor a digit separates words, so that
// "ул.Тверская,д.7" and "ул. Тверская, д. 7" have the same key.
func foldAddress(s string) string { return fold(s, notAlnum) }

func notAlnum(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	case 'А' <= r && r <= 'я', r == 'Ё', r == 'ё': // Cyrillic capitals and small letters
		return false
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// lower returns the small letter of r, with ё read as е. ASCII and Cyrillic take a short way.
func lower(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf, 'а' <= r && r <= 'я':
		return r
	case 'А' <= r && r <= 'Я':
		return r + 'а' - 'А'
	case r == 'Ё', r == 'ё':
		return 'е'
	}
	return unicode.ToLower(r)
}

// fold lowers s, reads ё as е, and separates the words, the runs of runes that are not sep,
// by one space.
func fold(s string, sep func(rune) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false // a separator follows the last word written
	for _, r := range s {
		if sep(r) {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte(' ')
			gap = false
		}
		b.WriteRune(lower(r))
	}
	return b.String()
}

// day is a calendar date as yyyymmdd, compared without regard to time zones.
type day int32

// dayOf returns the date of t in t's location.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day(y*10000 + int(m)*100 + d)
}
