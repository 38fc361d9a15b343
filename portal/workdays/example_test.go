package workdays_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/pbnode/pbnode/portal/workdays"
)

func ExampleCalendar_AddWorkingDays() {
	msk, _ := time.LoadLocation("Europe/Moscow")
	ru := workdays.Russia()

	// R-4.8: a renovation vote cast on Friday 8 May 2026, before Victory Day (Saturday 9 May,
	// its day off moved to Monday 11 May); the voter is told within 4 working days.
	voted := time.Date(2026, 5, 8, 16, 30, 0, 0, msk)
	deadline := ru.AddWorkingDays(voted, 4, msk)
	fmt.Println(deadline.Format("Mon 2006-01-02 15:04:05 MST"))
	fmt.Println(ru.WorkingDaysBetween(voted, deadline, msk))
	// Output:
	// Fri 2026-05-15 23:59:59 MSK
	// 4
}

func ExampleParseCalendar() {
	// The 2025 November transfer: Saturday 1 November worked, its day off moved to Monday 3.
	c, err := workdays.ParseCalendar(strings.NewReader(`
# Government decree of 4 October 2024
2025-11-01 workday  # Saturday
2025-11-03 holiday
2025-11-04 holiday  # Unity Day
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for d := time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC); d.Day() != 6; d = d.AddDate(0, 0, 1) {
		fmt.Println(d.Format("Mon 02 Jan"), c.IsWorkingDay(d))
	}
	// Output:
	// Fri 31 Oct true
	// Sat 01 Nov true
	// Sun 02 Nov false
	// Mon 03 Nov false
	// Tue 04 Nov false
	// Wed 05 Nov true
}
