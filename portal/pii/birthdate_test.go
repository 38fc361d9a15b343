package pii_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
)

var moscow = time.FixedZone("MSK", 3*60*60)

func TestParseBirthDate(t *testing.T) {
	today := time.Date(2026, time.March, 17, 15, 30, 0, 0, moscow)
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr error
	}{
		// the birth date is part of the person's L1 verification.
		{"ISO", "1985-03-17", date(1985, 3, 17), nil},
		{"Russian", "17.03.1985", date(1985, 3, 17), nil},
		{"surrounding white space", " 1985-03-17\n", date(1985, 3, 17), nil},
		{"leap day", "29.02.2000", date(2000, 2, 29), nil},
		{"born today", "2026-03-17", date(2026, 3, 17), nil},
		{"exactly MaxAge years old today", "1896-03-17", date(1896, 3, 17), nil},
		{"MaxAge years and a day", "1896-03-16", date(1896, 3, 16), nil},
		{"MaxAge + 1 tomorrow", "1895-03-18", date(1895, 3, 18), nil},

		{"tomorrow", "2026-03-18", time.Time{}, pii.ErrBirthDateFuture},
		{"next year", "17.03.2027", time.Time{}, pii.ErrBirthDateFuture},
		{"MaxAge + 1 today", "1895-03-17", time.Time{}, pii.ErrBirthDateTooOld},
		{"year 0", "0000-01-01", time.Time{}, pii.ErrBirthDateTooOld},

		{"empty", "", time.Time{}, pii.ErrBirthDateFormat},
		{"slashes", "1985/03/17", time.Time{}, pii.ErrBirthDateFormat},
		{"two-digit year", "17.03.85", time.Time{}, pii.ErrBirthDateFormat},
		{"one-digit month", "1985-3-17", time.Time{}, pii.ErrBirthDateFormat},
		{"one-digit day, Russian", "7.03.1985", time.Time{}, pii.ErrBirthDateFormat},
		{"year last with dashes", "17-03-1985", time.Time{}, pii.ErrBirthDateFormat},
		{"year first with dots", "1985.03.17", time.Time{}, pii.ErrBirthDateFormat},
		{"no such day", "1985-02-30", time.Time{}, pii.ErrBirthDateFormat},
		{"no leap day", "29.02.2001", time.Time{}, pii.ErrBirthDateFormat},
		{"month 13", "1985-13-01", time.Time{}, pii.ErrBirthDateFormat},
		{"with a time", "1985-03-17T00:00:00Z", time.Time{}, pii.ErrBirthDateFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.ParseBirthDate(tt.in, today)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseBirthDate(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("ParseBirthDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestParseBirthDateCallersZone checks that "today" is the date on the caller's clock: just
// after midnight in Moscow it is already the next day there, though not yet in UTC.
func TestParseBirthDateCallersZone(t *testing.T) {
	today := time.Date(2026, time.March, 17, 0, 30, 0, 0, moscow) // 16 March 21:30 UTC
	if _, err := pii.ParseBirthDate("2026-03-17", today); err != nil {
		t.Errorf("born today in Moscow: %v", err)
	}
	if _, err := pii.ParseBirthDate("2026-03-17", today.UTC()); !errors.Is(err, pii.ErrBirthDateFuture) {
		t.Errorf("born tomorrow by the UTC date: error = %v, want %v", err, pii.ErrBirthDateFuture)
	}
}
