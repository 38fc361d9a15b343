package siwe

import "time"

// parseDateTime reads an RFC 3339 date-time (section 5.6):
//
//	full-date "T" partial-time time-offset
//	YYYY-MM-DD "T" hh:mm:ss [ "." 1*DIGIT ] ( "Z" / ( "+" / "-" ) hh:mm )
//
// "T" and "Z" may be lower case, as RFC 3339 allows. A leap second (ss = 60) is taken as
// the first second of the next minute. Digits past nanoseconds are dropped.
func parseDateTime(s string) (time.Time, bool) {
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' ||
		(s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || month < 1 || month > 12 || day < 1 ||
		day > daysIn(year, time.Month(month)) || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}, false
	}
	nsec, rest, ok := fraction(s[19:])
	if !ok {
		return time.Time{}, false
	}
	zone, ok := offset(rest)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, zone), true
}

// fraction reads [ "." 1*DIGIT ] and returns the nanoseconds and what follows.
func fraction(s string) (nsec int, rest string, ok bool) {
	if s == "" || s[0] != '.' {
		return 0, s, true
	}
	i := 1
	for i < len(s) && isDigit(s[i]) {
		if i <= 9 {
			nsec = nsec*10 + int(s[i]-'0')
		}
		i++
	}
	if i == 1 {
		return 0, "", false
	}
	for n := i; n <= 9; n++ {
		nsec *= 10
	}
	return nsec, s[i:], true
}

// offset reads time-offset = "Z" / ( "+" / "-" ) time-hour ":" time-minute.
func offset(s string) (*time.Location, bool) {
	if s == "Z" || s == "z" {
		return time.UTC, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return nil, false
	}
	h, ok1 := digits(s[1:3])
	m, ok2 := digits(s[4:6])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return nil, false
	}
	secs := (h*60 + m) * 60
	if s[0] == '-' {
		secs = -secs
	}
	return time.FixedZone("", secs), true
}

// digits reads a fixed-width decimal number.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
