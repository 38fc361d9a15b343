package workdays_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/workdays"
)

// FuzzParseCalendar: ParseCalendar never panics; a calendar it accepts prints to text that
// parses to the same calendar, and each printed day is what IsWorkingDay says.
//
//	go test -run '^$' -fuzz FuzzParseCalendar -fuzztime 10s ./portal/workdays/
func FuzzParseCalendar(f *testing.F) {
	f.Add("2026-01-01 holiday\n")
	f.Add("# comment\n\n2025-11-01 workday # Saturday\r\n2025-11-03\tholiday")
	f.Add("2026-02-30 holiday")
	f.Add("2026-01-07 workday")
	f.Add(workdays.Russia().String())
	f.Fuzz(func(t *testing.T, text string) {
		c, err := workdays.ParseCalendar(strings.NewReader(text))
		if err != nil {
			return
		}
		printed := c.String()
		again, err := workdays.ParseCalendar(strings.NewReader(printed))
		if err != nil || again.String() != printed {
			t.Fatalf("re-parse of %q: %v", printed, err)
		}
		for line := range strings.Lines(printed) {
			date, kind, _ := strings.Cut(strings.TrimSpace(line), " ")
			d, err := time.Parse(time.DateOnly, date)
			if err != nil {
				t.Fatalf("printed line %q: %v", line, err)
			}
			if got := c.IsWorkingDay(d); got != (kind == "workday") || !c.Covers(d.Year()) {
				t.Fatalf("IsWorkingDay(%s) = %v for a %s", date, got, kind)
			}
		}
	})
}

// FuzzAddWorkingDays: on the Russian calendar the deadline is the end of a working day, n
// working days after start by WorkingDaysBetween.
//
//	go test -run '^$' -fuzz FuzzAddWorkingDays -fuzztime 10s ./portal/workdays/
func FuzzAddWorkingDays(f *testing.F) {
	f.Add(int64(1778853600), uint8(4)) // Friday 2026-05-15 in Moscow
	f.Add(int64(1798675200), uint8(1)) // 31 December 2026
	msk := location(f, "Europe/Moscow")
	ru := workdays.Russia()
	f.Fuzz(func(t *testing.T, unix int64, n uint8) {
		// 2025-01-01 to 2028-12-31, where the calendar and its neighbours lie.
		start := time.Unix(1735689600+unix%(4*366*86400), 0)
		got := ru.AddWorkingDays(start, int(n), msk)
		if h, m, s := got.Clock(); h != 23 || m != 59 || s != 59 || got.Nanosecond() != 999999999 {
			t.Fatalf("deadline %s is not the end of a day", got)
		}
		if n > 0 && !ru.IsWorkingDay(got) {
			t.Fatalf("deadline %s is not a working day", got)
		}
		if back := ru.WorkingDaysBetween(start, got, msk); back != int(n) {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", start, got, back, n)
		}
	})
}
