// Package workdays counts deadlines on a production calendar: a voter is told within 4 working
// days whether the vote was counted (DOMAIN.md ), and appeals are answered within a set
// number of days. Plain functions over plain values; the only input read is a
// calendar's text.
package workdays

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Calendar tells working days from days off: Monday to Friday work and Saturday and Sunday do
// not, except for the days it lists, which are holidays or transferred working days (a
// Saturday or Sunday made a working day, as the Russian Government's decrees on transfers
// do). The zero Calendar lists no day. A Calendar does not change once parsed, so it is safe
// for concurrent use.
type Calendar struct {
	days  map[date]bool // listed days: true for a transferred working day, false for a holiday
	years map[int]bool  // years with at least one listed day
}

// maxLine bounds a calendar line; real lines are under 100 bytes.
const maxLine = 4096

// ParseCalendar reads a calendar: one "YYYY-MM-DD holiday" or "YYYY-MM-DD workday" per line,
// blank lines allowed, "#" starting a comment. A workday line must name a Saturday or Sunday,
// and no date may be listed twice. Errors name the line.
func ParseCalendar(r io.Reader) (*Calendar, error) {
	c := &Calendar{days: map[date]bool{}, years: map[int]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256), maxLine)
	for n := 1; sc.Scan(); n++ {
		if err := c.parseLine(sc.Text()); err != nil {
			return nil, fmt.Errorf("parse calendar: line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("parse calendar: %w", err)
	}
	return c, nil
}

func (c *Calendar) parseLine(line string) error {
	line, _, _ = strings.Cut(line, "#")
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return nil
	}
	if len(fields) != 2 {
		return fmt.Errorf("want \"YYYY-MM-DD holiday|workday\", got %q", strings.TrimSpace(line))
	}
	t, err := time.Parse(time.DateOnly, fields[0])
	if err != nil {
		return fmt.Errorf("date %q is not a valid YYYY-MM-DD", fields[0])
	}
	var working bool
	switch fields[1] {
	case "holiday":
	case "workday":
		working = true
		if !weekend(t.Weekday()) {
			return fmt.Errorf("%s is a %s: only a Saturday or Sunday can be a transferred working day", fields[0], t.Weekday())
		}
	default:
		return fmt.Errorf("kind %q, want holiday or workday", fields[1])
	}
	d := dateOf(t)
	if _, dup := c.days[d]; dup {
		return fmt.Errorf("%s is listed twice", fields[0])
	}
	c.days[d], c.years[d.year] = working, true
	return nil
}

// String returns the calendar in the format ParseCalendar reads, one line a listed day, by
// date.
func (c *Calendar) String() string {
	days := make([]date, 0, len(c.days))
	for d := range c.days {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b date) int { return a.time().Compare(b.time()) })
	var b strings.Builder
	for _, d := range days {
		kind := "holiday"
		if c.days[d] {
			kind = "workday"
		}
		fmt.Fprintf(&b, "%s %s\n", d.time().Format(time.DateOnly), kind)
	}
	return b.String()
}

// IsWorkingDay reports whether day's date, in day's own location, is a working day.
func (c *Calendar) IsWorkingDay(day time.Time) bool {
	return c.working(dateOf(day))
}

// Covers reports whether the calendar lists any day of year. Outside the years it covers, a
// Calendar knows weekends only, so a deadline there misses the holidays.
func (c *Calendar) Covers(year int) bool {
	return c.years[year]
}

func (c *Calendar) working(d date) bool {
	if w, listed := c.days[d]; listed {
		return w
	}
	return !weekend(d.time().Weekday())
}

func weekend(w time.Weekday) bool { return w == time.Saturday || w == time.Sunday }
