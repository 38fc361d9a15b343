package workdays_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/workdays"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustParse(t *testing.T, text string) *workdays.Calendar {
	t.Helper()
	c, err := workdays.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseCalendar(t *testing.T) {
	c := mustParse(t, "# 2025, Government decree of 4 October 2024\n\n"+
		"2025-11-01 workday   # Sat: its day off moved to Mon 3 Nov\r\n"+
		"\t2025-11-03\tholiday\n"+
		"2025-11-04 holiday#Unity Day\n")
	if got, want := c.String(), "2025-11-01 workday\n2025-11-03 holiday\n2025-11-04 holiday\n"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	tests := []struct {
		day  string
		want bool
	}{
		{"2025-10-31", true},  // Friday
		{"2025-11-01", true},  // transferred Saturday
		{"2025-11-02", false}, // Sunday
		{"2025-11-03", false}, // Monday, day off moved from Saturday
		{"2025-11-04", false}, // holiday
		{"2025-11-05", true},
		{"2025-11-08", false}, // an ordinary Saturday
	}
	for _, tt := range tests {
		if got := c.IsWorkingDay(day(tt.day)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
	if !c.Covers(2025) || c.Covers(2026) {
		t.Errorf("Covers(2025), Covers(2026) = %v, %v; want true, false", c.Covers(2025), c.Covers(2026))
	}
}

func TestParseCalendarRejects(t *testing.T) {
	tests := []struct{ name, text, wantErr string }{
		{"capitalised kind", "2026-01-01 Holiday", "line 1: kind"},
		{"unknown kind", "2026-01-01 weekend", "kind"},
		{"date only", "2026-01-01", "want"},
		{"three fields", "2026-01-01 holiday extra", "want"},
		{"30 February", "2026-02-30 holiday", "not a valid"},
		{"unpadded month", "2026-1-01 holiday", "not a valid"},
		{"day first", "01.01.2026 holiday", "not a valid"},
		{"workday on a weekday", "# x\n2026-01-07 workday", "line 2: 2026-01-07 is a Wednesday"},
		{"listed twice", "2026-01-01 holiday\n2026-01-01 holiday", "line 2: 2026-01-01 is listed twice"},
		{"holiday and workday", "2026-01-03 workday\n2026-01-03 holiday", "listed twice"},
		{"line too long", strings.Repeat(" ", 5000) + "2026-01-01 holiday", "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := workdays.ParseCalendar(strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestZeroCalendarHasWeekendsOnly(t *testing.T) {
	var c workdays.Calendar
	for d, want := range map[string]bool{"2026-01-01": true, "2026-01-03": false, "2026-01-04": false, "2026-01-05": true} {
		if got := c.IsWorkingDay(day(d)); got != want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", d, got, want)
		}
	}
	if c.String() != "" || c.Covers(2026) {
		t.Error("the zero Calendar lists days")
	}
}

// TestRussia2026 checks the embedded calendar against the Government's published summary of
// the 2026 decree: 247 working days, and these days off besides weekends.
func TestRussia2026(t *testing.T) {
	c := workdays.Russia()
	if !c.Covers(2026) || !c.Covers(2027) || c.Covers(2028) {
		t.Error("Russia() should cover 2026 and 2027 only")
	}
	var working int
	var offWeekdays []string
	for d := day("2026-01-01"); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		switch {
		case c.IsWorkingDay(d):
			working++
		case d.Weekday() != time.Saturday && d.Weekday() != time.Sunday:
			offWeekdays = append(offWeekdays, d.Format("01-02"))
		}
	}
	if working != 247 {
		t.Errorf("2026 has %d working days, the decree gives 247", working)
	}
	want := "01-01 01-02 01-05 01-06 01-07 01-08 01-09 02-23 03-09 05-01 05-11 06-12 11-04 12-31"
	if got := strings.Join(offWeekdays, " "); got != want {
		t.Errorf("2026 weekdays off:\n got %s\nwant %s", got, want)
	}
}

// TestRussia2027Holidays checks the public holidays of 2027 (Labour Code art. 112), which do
// not depend on the decree; the transfers are provisional (see ru2026-2027.txt).
func TestRussia2027Holidays(t *testing.T) {
	c := workdays.Russia()
	for _, d := range []string{"2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07",
		"2027-01-08", "2027-02-23", "2027-03-08", "2027-11-04"} {
		if c.IsWorkingDay(day(d)) {
			t.Errorf("%s should be a holiday", d)
		}
	}
}
