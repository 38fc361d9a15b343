package web

import (
	"testing"
	"time"
)

func TestRubles(t *testing.T) {
	tests := []struct {
		kopecks int64
		want    string
	}{
		{0, "0,00 ₽"},
		{5, "0,05 ₽"},
		{100, "1,00 ₽"},
		{99999, "999,99 ₽"},
		{100000, "1 000,00 ₽"},
		{100000000, "1 000 000,00 ₽"},
		{123456789012, "1 234 567 890,12 ₽"},
		{-150, "−1,50 ₽"},
	}
	for _, tt := range tests {
		got := Rubles(tt.kopecks)
		if want := nbspOf(tt.want); got != want {
			t.Errorf("Rubles(%d) = %q, want %q", tt.kopecks, got, want)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		part, whole int64
		want        string
	}{
		{0, 100, "0 %"}, {45, 100, "45 %"}, {1, 3, "33 %"}, {150, 100, "150 %"}, {5, 0, "0 %"},
	}
	for _, tt := range tests {
		if got := Percent(tt.part, tt.whole); got != nbspOf(tt.want) {
			t.Errorf("Percent(%d, %d) = %q, want %q", tt.part, tt.whole, got, tt.want)
		}
	}
}

func TestDeadline(t *testing.T) {
	at := time.Date(2027, time.January, 2, 15, 4, 0, 0, time.UTC)
	tests := []struct {
		loc  *time.Location
		want string
	}{
		{moscow, "2 января 2027 г., 18:04 (МСК)"},
		{time.UTC, "2 января 2027 г., 15:04 (UTC)"},
		{time.FixedZone("+07", 7*3600), "2 января 2027 г., 22:04 (+07)"},
	}
	for _, tt := range tests {
		if got := Deadline(at, tt.loc); got != nbspOf(tt.want) {
			t.Errorf("Deadline in %s = %q, want %q", tt.loc, got, tt.want)
		}
	}
}

// nbspOf writes a wanted string with plain spaces where the output has non-breaking ones.
func nbspOf(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r == ' ' && i > 0 && (isDigit(out[i-1]) && i+1 < len(out) && (isDigit(out[i+1]) || out[i+1] == '%' || out[i+1] == '₽' || out[i+1] == 'г')) {
			out[i] = '\u00a0'
		}
	}
	return string(out)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
