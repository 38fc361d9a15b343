package pii

import (
	"errors"
	"strings"
	"time"
)

// Errors of ParseBirthDate. The API maps each to a stable error code.
var (
	ErrBirthDateFormat = errors.New("birth date must be YYYY-MM-DD or DD.MM.YYYY")
	ErrBirthDateFuture = errors.New("birth date is in the future")
	ErrBirthDateTooOld = errors.New("birth date is more than 130 years ago")
)

// MaxAge is the greatest age in whole years that ParseBirthDate accepts.
const MaxAge = 130

// ParseBirthDate accepts a birth date, part of the person's L1 verification, as
// "1985-03-17" or "17.03.1985", and returns midnight UTC of that date. The date must not be
// after today's date and the person must be at most MaxAge years old on it; today is the
// caller's clock in the caller's zone (Moscow for the portal), which keeps this a pure
// function.
func ParseBirthDate(s string, today time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	layout := time.DateOnly
	if strings.Contains(s, ".") {
		layout = "02.01.2006"
	}
	d, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, ErrBirthDateFormat
	}
	ty, tm, td := today.Date()
	switch {
	case d.After(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)):
		return time.Time{}, ErrBirthDateFuture
	case age(d, ty, tm, td) > MaxAge:
		return time.Time{}, ErrBirthDateTooOld
	}
	return d, nil
}

// age returns the whole years from birth to the date ty-tm-td.
func age(birth time.Time, ty int, tm time.Month, td int) int {
	years := ty - birth.Year()
	if tm < birth.Month() || tm == birth.Month() && td < birth.Day() {
		years--
	}
	return years
}
