package citizens_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pbnode/pbnode/portal/citizens"
)

var today = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// FuzzValidateProfile: every input is accepted or refused with a sentinel; an accepted
// profile is stable under validation again and holds no digits in the name.
func FuzzValidateProfile(f *testing.F) {
	f.Add("Иванов Иван Иванович", "m", "1985-03-17", "ivan@example.org", 2015)
	f.Add("Римский-Корсаков  Николай", "F", "17.03.1985", "", 0)
	f.Add("x", "x", "1985-13-40", "a@b", 1800)
	f.Add("д'Артаньян Шарль", "", "", "Name <a@b.ru>", 2026)
	f.Fuzz(func(t *testing.T, name, sex, born, email string, child int) {
		in := citizens.ProfileInput{FullName: name, Sex: sex, BirthDate: born, Email: email}
		if child != 0 {
			in.Children = []int{child}
		}
		p, err := citizens.ValidateProfile(in, today)
		if err != nil {
			sentinels := []error{citizens.ErrInvalidName, citizens.ErrInvalidSex, citizens.ErrInvalidBirthDate,
				citizens.ErrInvalidEmail, citizens.ErrInvalidChildren}
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("ValidateProfile: unexpected error %v", err)
		}
		if strings.ContainsFunc(p.FullName, unicode.IsDigit) || strings.Contains(p.FullName, "  ") {
			t.Fatalf("accepted name %q", p.FullName)
		}
		if p.BirthDate.After(today) {
			t.Fatalf("accepted a future birth date %v", p.BirthDate)
		}
		again := citizens.ProfileInput{FullName: p.FullName, Sex: string(p.Sex), Email: p.Email, Children: p.Children}
		if !p.BirthDate.IsZero() {
			again.BirthDate = p.BirthDate.Format(time.DateOnly)
		}
		q, err := citizens.ValidateProfile(again, today)
		if err != nil || q.FullName != p.FullName || q.Email != p.Email || q.Sex != p.Sex || !q.BirthDate.Equal(p.BirthDate) {
			t.Fatalf("not stable: %+v → %+v, %v", p, q, err)
		}
	})
}

// FuzzNormalizeEmail: an accepted address has one @, a dotted domain, no spaces, and is
// accepted again unchanged.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"a@b.ru", " A.B@EXAMPLE.ORG ", "a@b", "a b@c.d", "\"q\"@x.y", "<a@b.c>", "a@@b.c", "a@b..c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := citizens.NormalizeEmail(s)
		if err != nil {
			if !errors.Is(err, citizens.ErrInvalidEmail) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if got == "" {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("%q normalized to empty", s)
			}
			return
		}
		if strings.Count(got, "@") != 1 || strings.ContainsAny(got, " \t\r\n") || len(got) > 254 {
			t.Fatalf("accepted %q", got)
		}
		if again, err := citizens.NormalizeEmail(got); err != nil || again != got {
			t.Fatalf("not stable: %q → %q, %v", got, again, err)
		}
	})
}

// FuzzNormalizeName: an accepted name is 2 to 6 single-spaced words of letters and is
// accepted again unchanged.
func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{"Иванов Иван", "Римская-Корсакова  Анна Петровна", "- -", "Иван", "A1 B", "Семёнов\tПётр"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := citizens.NormalizeName(s)
		if err != nil {
			if !errors.Is(err, citizens.ErrInvalidName) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		words := strings.Split(got, " ")
		if len(words) < 2 || len(words) > 6 || strings.ContainsFunc(got, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsControl(r) }) {
			t.Fatalf("accepted %q", got)
		}
		if again, err := citizens.NormalizeName(got); err != nil || again != got {
			t.Fatalf("not stable: %q → %q, %v", got, again, err)
		}
	})
}

// FuzzValidateChildren: accepted years are sorted and within 100 years before today.
func FuzzValidateChildren(f *testing.F) {
	f.Add(2015, 2010, 3)
	f.Add(1900, 2027, 1)
	f.Fuzz(func(t *testing.T, a, b, n int) {
		years := []int{a, b}
		for range min(max(n, 0), 25) {
			years = append(years, a)
		}
		got, err := citizens.ValidateChildren(years, today)
		if err != nil {
			if !errors.Is(err, citizens.ErrInvalidChildren) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for i, y := range got {
			if y > today.Year() || y < today.Year()-100 || i > 0 && got[i-1] > y {
				t.Fatalf("accepted %v", got)
			}
		}
	})
}
