package pii

import "testing"

// TestSNILSCheck covers each branch of the check number rule by the weighted sum.
func TestSNILSCheck(t *testing.T) {
	tests := []struct {
		nine    string
		wantSum int // the weighted sum, 9..1 on the digits, worked out by hand
		want    int
	}{
		{"000000000", 0, 0},
		{"000000001", 1, 1},
		{"112233445", 95, 95},  // sum < 100: the sum
		{"300403917", 99, 99},  // sum < 100: the sum
		{"402102488", 100, 0},  // sum 100: 00
		{"141141702", 101, 0},  // sum 101: 00
		{"201045764", 102, 1},  // sum > 101: mod 101
		{"290134338", 150, 49}, // sum > 101: mod 101
		{"642185924", 201, 0},  // sum > 101, mod 101 is 100: 00
		{"195537215", 202, 0},  // sum > 101, mod 101 is 0
		{"893776569", 302, 0},  // sum > 101, mod 101 is 100: 00
		{"999999999", 405, 1},  // the largest sum
		{"100000000", 9, 9},    // the first digit weighs 9
		{"000000009", 9, 9},    // the last digit weighs 1
		{"001001999", 65, 65},  // first checked number
	}
	for _, tt := range tests {
		t.Run(tt.nine, func(t *testing.T) {
			sum := 0
			for i := range 9 {
				sum += int(tt.nine[i]-'0') * (9 - i)
			}
			if sum != tt.wantSum {
				t.Fatalf("table error: weighted sum of %s is %d, not %d", tt.nine, sum, tt.wantSum)
			}
			if got := snilsCheck(tt.nine); got != tt.want {
				t.Errorf("snilsCheck(%s) (sum %d) = %02d, want %02d", tt.nine, sum, got, tt.want)
			}
		})
	}
}
