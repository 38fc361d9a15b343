package budget

import (
	"fmt"
	"testing"
	"unicode"

	"github.com/ethereum/go-ethereum/common"
)

// R-1.2: the budget is split equally among eligible citizens; the treasury keeps the rest.
func TestEqualShares(t *testing.T) {
	tests := []struct {
		budget        int64
		n             int
		each, remains int64
	}{
		{100_000_000, 100, 1_000_000, 0},
		{100, 3, 33, 1},
		{2, 3, 0, 2},
		{100, 0, 0, 100},
		{0, 5, 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%d", tt.budget, tt.n), func(t *testing.T) {
			each, rem := EqualShares(tt.budget, tt.n)
			if each != tt.each || rem != tt.remains {
				t.Fatalf("EqualShares(%d, %d) = %d, %d; want %d, %d", tt.budget, tt.n, each, rem, tt.each, tt.remains)
			}
			if tt.n > 0 && each*int64(tt.n)+rem != tt.budget {
				t.Fatalf("shares do not add up to the budget")
			}
		})
	}
}

func TestTokenSymbol(t *testing.T) {
	tests := map[string]string{
		"Demo 2027":                   "DEMO2027",
		"Бюджет 2027":                 "2027",
		"":                            "PB",
		"a very long round name here": "AVERYLONGRO",
		"Центр":                       "PB",
	}
	for in, want := range tests {
		if got := TokenSymbol(in); got != want {
			t.Errorf("TokenSymbol(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTokenSymbol: any round name gives 1–11 ASCII letters and digits.
func FuzzTokenSymbol(f *testing.F) {
	f.Add("Demo 2027")
	f.Add("Бюджет\x00\xff")
	f.Fuzz(func(t *testing.T, name string) {
		got := TokenSymbol(name)
		if len(got) == 0 || len(got) > 11 {
			t.Fatalf("TokenSymbol(%q) = %q: bad length", name, got)
		}
		for _, r := range got {
			if r > unicode.MaxASCII || !(unicode.IsUpper(r) || unicode.IsDigit(r)) {
				t.Fatalf("TokenSymbol(%q) = %q: bad rune %q", name, got, r)
			}
		}
	})
}

func ExamplePiggyBank() {
	round := common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")
	fmt.Println(PiggyBank(round, 1) != PiggyBank(round, 2))
	// Output: true
}
