package audit_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/pbnode/pbnode/chain/audit"
)

func cand(id uint64, cost, received int64) audit.Candidate {
	return audit.Candidate{ID: id, Cost: big.NewInt(cost), Received: big.NewInt(received)}
}

// TestFundedSet covers the greedy rule of R-1.4 (first cut).
func TestFundedSet(t *testing.T) {
	tests := []struct {
		name   string
		budget int64
		items  []audit.Candidate
		want   []uint64
	}{
		{"no initiatives", 1000, nil, []uint64{}},
		{"nothing received funds nothing", 1000, []audit.Candidate{cand(1, 10, 0), cand(2, 10, 0)}, []uint64{}},
		{"all fit, ranked by received", 1000, []audit.Candidate{cand(1, 100, 5), cand(2, 100, 50), cand(3, 100, 20)}, []uint64{2, 3, 1}},
		{"ties go to the lower id", 1000, []audit.Candidate{cand(3, 100, 7), cand(1, 100, 7), cand(2, 100, 7)}, []uint64{1, 2, 3}},
		{"skip what does not fit, fund a cheaper one after", 1000,
			[]audit.Candidate{cand(1, 600, 90), cand(2, 500, 80), cand(3, 400, 70)}, []uint64{1, 3}},
		{"exactly the budget fits", 1000, []audit.Candidate{cand(1, 400, 2), cand(2, 600, 1)}, []uint64{1, 2}},
		{"one kopeck over does not fit", 1000, []audit.Candidate{cand(1, 400, 2), cand(2, 601, 1)}, []uint64{1}},
		{"the most supported may be too expensive", 100, []audit.Candidate{cand(1, 101, 99), cand(2, 100, 1)}, []uint64{2}},
		{"a zero-received cheap one is not a candidate", 1000, []audit.Candidate{cand(1, 1, 0), cand(2, 999, 1)}, []uint64{2}},
		{"zero budget", 0, []audit.Candidate{cand(1, 1, 1)}, []uint64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := slices.Clone(tt.items)
			got := audit.FundedSet(big.NewInt(tt.budget), tt.items)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("FundedSet(%d, %v) = %v, want %v", tt.budget, tt.items, got, tt.want)
			}
			if fmt.Sprint(items) != fmt.Sprint(tt.items) {
				t.Fatalf("FundedSet reordered its input")
			}
		})
	}
}

func ExampleFundedSet() {
	budget := big.NewInt(1_000_00) // 1000.00 in kopecks
	items := []audit.Candidate{
		{ID: 1, Cost: big.NewInt(600_00), Received: big.NewInt(90_00)},
		{ID: 2, Cost: big.NewInt(500_00), Received: big.NewInt(80_00)}, // does not fit after 1
		{ID: 3, Cost: big.NewInt(400_00), Received: big.NewInt(70_00)},
		{ID: 4, Cost: big.NewInt(10_00), Received: big.NewInt(0)}, // received nothing
	}
	fmt.Println(audit.FundedSet(budget, items))
	// Output: [1 3]
}
