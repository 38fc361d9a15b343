package workdays

import "time"

// AddWorkingDays returns the deadline n working days after start: the last instant
// (23:59:59.999999999) in loc of the n-th working day after start's date in loc. The count
// begins on the day after start, as a period does under the Civil Code (art. 191): a vote cast
// on a Monday with n = 4 and no holiday that week is due by the end of Friday. A thing done at
// any instant not After the deadline is on time. n = 0 gives the end of start's own day.
// AddWorkingDays panics if n is negative.
func (c *Calendar) AddWorkingDays(start time.Time, n int, loc *time.Location) time.Time {
	if n < 0 {
		panic("workdays: AddWorkingDays with a negative number of days")
	}
	d := dateOf(start.In(loc))
	for n > 0 {
		d = d.addDays(1)
		if c.working(d) {
			n--
		}
	}
	return d.end(loc)
}

// AddDays returns the deadline of a period of n calendar days after start (for terms set in
// days rather than working days, R-8.3): the end, in loc, of the n-th day after start's date,
// or, when that day is not a working day, of the next working day (Civil Code art. 193).
// AddDays panics if n is negative.
func (c *Calendar) AddDays(start time.Time, n int, loc *time.Location) time.Time {
	if n < 0 {
		panic("workdays: AddDays with a negative number of days")
	}
	d := dateOf(start.In(loc)).addDays(n)
	for !c.working(d) {
		d = d.addDays(1)
	}
	return d.end(loc)
}

// WorkingDaysBetween reports how many working days come after from's date and up to and
// including to's date, both dates taken in loc; it is negative when to's date is before
// from's. For n >= 1, WorkingDaysBetween(start, AddWorkingDays(start, n, loc), loc) == n.
func (c *Calendar) WorkingDaysBetween(from, to time.Time, loc *time.Location) int {
	a, b := dateOf(from.In(loc)), dateOf(to.In(loc))
	sign := 1
	if b.time().Before(a.time()) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.addDays(1); !d.time().After(b.time()); d = d.addDays(1) {
		if c.working(d) {
			n++
		}
	}
	return sign * n
}
