package web

import (
	"strings"
	"testing"
)

func TestParseRubles(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"150000", 150_000_00, true},
		{"1 500,50", 1_500_50, true},
		{"1\u00a0500.5", 1_500_50, true},
		{"0,01", 1, true},
		{"0", 0, false},
		{"-5", 0, false},
		{"+5", 0, false},
		{"1,234", 0, false},
		{",5", 0, false},
		{"", 0, false},
		{"12 руб", 0, false},
		{"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRubles(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRubles(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParseRubles: an accepted amount is positive, and reading it back from its own
// rendering gives the same kopecks.
func FuzzParseRubles(f *testing.F) {
	for _, s := range []string{"150000", "1 500,50", "0,01", "-1", "1e5", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseRubles(s)
		if !ok {
			return
		}
		if n <= 0 {
			t.Fatalf("parseRubles(%q) = %d", s, n)
		}
		back, ok := parseRubles(strings.NewReplacer("\u00a0", "", "₽", "", " ", "").Replace(Rubles(n)))
		if !ok || back != n {
			t.Fatalf("parseRubles(%q) = %d, but its rendering %q reads %d, %v", s, n, Rubles(n), back, ok)
		}
	})
}
