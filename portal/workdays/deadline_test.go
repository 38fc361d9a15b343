package workdays_test

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/Moscow and America/New_York without the machine's zoneinfo

	"github.com/pbnode/pbnode/portal/workdays"
)

func location(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// endOf is the last instant of date in loc.
func endOf(date string, loc *time.Location) time.Time {
	d := day(date)
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 999999999, loc)
}

func TestAddWorkingDays(t *testing.T) {
	msk := location(t, "Europe/Moscow")
	at := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, msk)
		if err != nil {
			panic(err)
		}
		return t
	}
	// The 2025 transfers (Government decree of 4 October 2024): Saturday 1 November worked,
	// its day off moved to Monday 3 November, Tuesday 4 November a holiday.
	transfer := mustParse(t, "2025-11-01 workday\n2025-11-03 holiday\n2025-11-04 holiday\n")
	ru := workdays.Russia()
	tests := []struct {
		name  string
		cal   *workdays.Calendar
		start time.Time
		n     int
		loc   *time.Location
		want  string // date of the deadline's day, in loc
	}{
		{"R-4.8: Monday + 4 is Friday", ru, at("2026-04-06 10:00"), 4, msk, "2026-04-10"},
		{"Friday + 1 over a weekend", ru, at("2026-04-10 18:00"), 1, msk, "2026-04-13"},
		{"Friday before a Monday holiday (23 Feb)", ru, at("2026-02-20 15:00"), 1, msk, "2026-02-24"},
		{"Friday before a holiday, R-4.8", ru, at("2026-02-20 15:00"), 4, msk, "2026-02-27"},
		{"Friday before Victory Day, day off moved to Monday", ru, at("2026-05-08 23:59"), 1, msk, "2026-05-12"},
		{"over 1 May", ru, at("2026-04-30 09:00"), 4, msk, "2026-05-07"},
		{"start on a holiday", ru, at("2026-01-03 12:00"), 1, msk, "2026-01-12"},
		{"into 2027 over the New Year holidays", ru, at("2026-12-30 12:00"), 1, msk, "2027-01-11"},
		{"transferred Saturday is a working day", transfer, at("2025-10-31 17:00"), 1, msk, "2025-11-01"},
		{"after the transferred Saturday", transfer, at("2025-10-31 17:00"), 2, msk, "2025-11-05"},
		{"start on the transferred Saturday", transfer, at("2025-11-01 11:00"), 1, msk, "2025-11-05"},
		{"n = 0 is the end of start's day", ru, at("2026-04-11 08:00"), 0, msk, "2026-04-11"},
		// 22:30 UTC on Thursday is 01:30 on Friday in Moscow: the count starts after Friday.
		{"the date is taken in loc", ru, time.Date(2026, 4, 9, 22, 30, 0, 0, time.UTC), 1, msk, "2026-04-13"},
		{"the same instant in UTC", ru, time.Date(2026, 4, 9, 22, 30, 0, 0, time.UTC), 1, time.UTC, "2026-04-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cal.AddWorkingDays(tt.start, tt.n, tt.loc)
			if want := endOf(tt.want, tt.loc); !got.Equal(want) || got.Location() != tt.loc {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.start, tt.n, got, want)
			}
			if tt.n > 0 {
				if back := tt.cal.WorkingDaysBetween(tt.start, got, tt.loc); back != tt.n {
					t.Errorf("WorkingDaysBetween(start, deadline) = %d, want %d", back, tt.n)
				}
			}
		})
	}
}

// TestAddWorkingDaysAcrossDST: the deadline is the end of the local day even when the day
// before had a clock change.
func TestAddWorkingDaysAcrossDST(t *testing.T) {
	ny := location(t, "America/New_York")
	var c workdays.Calendar
	start := time.Date(2026, 3, 6, 12, 0, 0, 0, ny) // Friday; clocks go forward on Sunday 8 March
	got := c.AddWorkingDays(start, 1, ny)
	if want := "2026-03-09 23:59:59.999999999 -0400 EDT"; got.String() != want {
		t.Errorf("AddWorkingDays = %s, want %s", got, want)
	}
}

func TestAddDays(t *testing.T) {
	msk := location(t, "Europe/Moscow")
	ru := workdays.Russia()
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"R-8.3: 8 days ending on a working day", "2026-04-27", 8, "2026-05-05"},
		{"ending on a holiday moves to the next working day", "2026-04-23", 8, "2026-05-04"},
		{"ending on a Sunday moves to Monday", "2026-04-05", 7, "2026-04-13"},
		{"30 days ending on Unity Day", "2026-10-05", 30, "2026-11-05"},
		{"n = 0", "2026-04-08", 0, "2026-04-08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := endOf(tt.start, msk).Add(-9 * time.Hour) // 15:00 in Moscow
			if got := ru.AddDays(start, tt.n, msk); !got.Equal(endOf(tt.want, msk)) {
				t.Errorf("AddDays(%s, %d) = %s, want the end of %s", tt.start, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	msk := location(t, "Europe/Moscow")
	ru := workdays.Russia()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-04-06", "2026-04-06", 0},
		{"2026-04-06", "2026-04-10", 4},
		{"2026-04-10", "2026-04-06", -4},
		{"2026-04-10", "2026-04-12", 0}, // a weekend
		{"2026-12-30", "2027-01-11", 1},
		{"2025-12-31", "2026-12-31", 247},
	}
	for _, tt := range tests {
		if got := ru.WorkingDaysBetween(day(tt.from), day(tt.to), msk); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestNegativeDaysPanic(t *testing.T) {
	for name, f := range map[string]func(){
		"AddWorkingDays": func() { workdays.Russia().AddWorkingDays(time.Now(), -1, time.UTC) },
		"AddDays":        func() { workdays.Russia().AddDays(time.Now(), -1, time.UTC) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s(-1) did not panic", name)
				}
			}()
			f()
		}()
	}
}
