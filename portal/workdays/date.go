package workdays

import "time"

// date is a calendar date with no location: deadlines count dates in the caller's location,
// and counting them as dates keeps daylight-saving changes out of the arithmetic.
type date struct {
	year  int
	month time.Month
	day   int
}

// dateOf is t's date in t's location.
func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

// time is the date's midnight in UTC, for weekdays and arithmetic.
func (d date) time() time.Time {
	return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC)
}

func (d date) addDays(n int) date {
	return dateOf(d.time().AddDate(0, 0, n))
}

// end is the last instant of the date in loc.
func (d date) end(loc *time.Location) time.Time {
	return time.Date(d.year, d.month, d.day+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}
