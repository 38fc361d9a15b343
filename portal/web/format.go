package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// nbsp joins the groups of a sum and the sum to its sign, so "1 000 ₽" never breaks.
const nbsp = "\u00a0"

// moscow is the default time zone of the pages: Moscow time, UTC+3 all year.
var moscow = time.FixedZone("МСК", 3*60*60)

// Rubles formats kopecks as Russian roubles: 100000000 → "1 000 000,00 ₽", with non-breaking
// spaces between the groups of three digits and before the sign.
func Rubles(kopecks int64) string {
	sign, n := "", kopecks
	if n < 0 {
		sign = "−"
	}
	rub, kop := n/100, n%100
	if n < 0 {
		rub, kop = -rub, -kop
	}
	digits := strconv.FormatInt(rub, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(d)
	}
	fmt.Fprintf(&b, ",%02d%s₽", kop, nbsp)
	return b.String()
}

// Percent is part of whole in whole percent, rounded down ("45 %"); a zero whole is 0 %.
func Percent(part, whole int64) string {
	if whole <= 0 {
		return "0" + nbsp + "%"
	}
	return strconv.FormatInt(part*100/whole, 10) + nbsp + "%"
}

var months = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
	"сентября", "октября", "ноября", "декабря"}

// Deadline formats t in loc the Russian way: "2 января 2027 г., 18:00 (МСК)".
func Deadline(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	zone, _ := t.Zone()
	return fmt.Sprintf("%d %s %d%sг., %02d:%02d (%s)", t.Day(), months[t.Month()-1], t.Year(), nbsp, t.Hour(), t.Minute(), zone)
}

// statusLabel is a round's status in words.
func statusLabel(status string) string {
	switch status {
	case "deploying":
		return "Контракт развёртывается"
	case "open":
		return "Идёт голосование"
	case "finalizing":
		return "Подводятся итоги"
	case "finalized":
		return "Итоги подведены"
	case "failed":
		return "Сбой контракта"
	default:
		return status
	}
}

// Date formats the day of t in loc the Russian way: "17 марта 1985 г.".
func Date(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%d %s %d%sг.", t.Day(), months[t.Month()-1], t.Year(), nbsp)
}

// UserID prints a twelve-digit unique user ID in groups of four, "1234 5678 9012", as it is
// read out to support staff; anything else is printed as it is.
func UserID(id string) string {
	if len(id) != 12 {
		return id
	}
	return id[:4] + nbsp + id[4:8] + nbsp + id[8:]
}

// sexLabel is the sex of a profile in words.
func sexLabel(sex string) string {
	switch sex {
	case "m":
		return "мужской"
	case "f":
		return "женский"
	}
	return "не указан"
}
