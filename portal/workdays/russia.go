package workdays

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed ru2026-2027.txt
var russiaText string

var russia = sync.OnceValue(func() *Calendar {
	c, err := ParseCalendar(strings.NewReader(russiaText))
	if err != nil {
		panic("workdays: embedded ru2026-2027.txt: " + err.Error()) // a test parses it
	}
	return c
})

// Russia returns the Russian production calendar of 2026 and 2027 (ru2026-2027.txt): public
// holidays and the days off and working days moved by the Government's decrees. The 2027
// transfers had not been checked against a decree when the file was written (see its header);
// outside 2026 and 2027 it knows weekends only (see Covers). Every call returns the same
// Calendar.
func Russia() *Calendar {
	return russia()
}
