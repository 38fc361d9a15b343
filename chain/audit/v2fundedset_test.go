package audit_test

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/pbnode/pbnode/chain/audit"
)

// TestFundedSetV2 covers every rule of R-1.4 for BudgetRoundV2 and the tie
// order (received desc, then lower cost, then lower id).
func TestFundedSetV2(t *testing.T) {
	c := cand
	tests := []struct {
		name      string
		rule      audit.Rule
		budget    int64
		threshold int64
		items     []audit.Candidate
		want      []uint64
	}{
		// Greedy
		{"greedy: no initiatives", audit.RuleGreedy, 1000, 0, nil, []uint64{}},
		{"greedy: nothing received funds nothing", audit.RuleGreedy, 1000, 0, []audit.Candidate{c(1, 10, 0), c(2, 10, 0)}, []uint64{}},
		{"greedy: ranked by received", audit.RuleGreedy, 1000, 0, []audit.Candidate{c(1, 100, 5), c(2, 100, 50), c(3, 100, 20)}, []uint64{2, 3, 1}},
		{"greedy: tie by lower cost", audit.RuleGreedy, 1000, 0, []audit.Candidate{c(1, 300, 7), c(2, 100, 7), c(3, 200, 7)}, []uint64{2, 3, 1}},
		{"greedy: full tie by lower id", audit.RuleGreedy, 1000, 0, []audit.Candidate{c(3, 100, 7), c(1, 100, 7), c(2, 100, 7)}, []uint64{1, 2, 3}},
		{"greedy: cost tie beats id", audit.RuleGreedy, 500, 0, []audit.Candidate{c(1, 400, 7), c(2, 300, 7)}, []uint64{2}},
		{"greedy: skip, then fund a cheaper one", audit.RuleGreedy, 1000, 0,
			[]audit.Candidate{c(1, 600, 90), c(2, 500, 80), c(3, 400, 70)}, []uint64{1, 3}},
		{"greedy: exactly the budget fits", audit.RuleGreedy, 1000, 0, []audit.Candidate{c(1, 400, 2), c(2, 600, 1)}, []uint64{1, 2}},
		{"greedy: one kopeck over does not fit", audit.RuleGreedy, 1000, 0, []audit.Candidate{c(1, 400, 2), c(2, 601, 1)}, []uint64{1}},
		// GreedyNoSkip
		{"no-skip: stops at the first that does not fit", audit.RuleGreedyNoSkip, 1000, 0,
			[]audit.Candidate{c(1, 600, 90), c(2, 500, 80), c(3, 400, 70)}, []uint64{1}},
		{"no-skip: all fit", audit.RuleGreedyNoSkip, 1000, 0, []audit.Candidate{c(1, 500, 9), c(2, 500, 8)}, []uint64{1, 2}},
		{"no-skip: the first does not fit", audit.RuleGreedyNoSkip, 100, 0, []audit.Candidate{c(1, 101, 99), c(2, 100, 1)}, []uint64{}},
		{"no-skip: zero received is not a candidate, so no stop", audit.RuleGreedyNoSkip, 100, 0,
			[]audit.Candidate{c(1, 1000, 0), c(2, 100, 1)}, []uint64{2}},
		// GreedyThreshold
		{"threshold: below is out", audit.RuleGreedyThreshold, 1000, 10,
			[]audit.Candidate{c(1, 100, 9), c(2, 100, 10), c(3, 100, 11)}, []uint64{3, 2}},
		{"threshold: above but does not fit is skipped", audit.RuleGreedyThreshold, 500, 10,
			[]audit.Candidate{c(1, 600, 50), c(2, 400, 20), c(3, 100, 5)}, []uint64{2}},
		{"threshold: ties by cost then id", audit.RuleGreedyThreshold, 1000, 5,
			[]audit.Candidate{c(4, 200, 5), c(3, 100, 5), c(2, 100, 5), c(1, 100, 4)}, []uint64{2, 3, 4}},
		// PiggyBank
		{"piggy bank: only those that reached their cost", audit.RulePiggyBank, 1000, 0,
			[]audit.Candidate{c(1, 100, 99), c(2, 100, 100), c(3, 50, 60)}, []uint64{2, 3}},
		{"piggy bank: largest piggy bank first when over budget", audit.RulePiggyBank, 100, 0,
			[]audit.Candidate{c(1, 60, 60), c(2, 70, 80), c(3, 40, 40)}, []uint64{2}},
		{"piggy bank: ties by cost then id", audit.RulePiggyBank, 1000, 0,
			[]audit.Candidate{c(3, 40, 50), c(2, 50, 50), c(1, 50, 50)}, []uint64{3, 1, 2}},
		{"piggy bank: nothing reached", audit.RulePiggyBank, 1000, 0, []audit.Candidate{c(1, 100, 1)}, []uint64{}},
		{"zero budget", audit.RuleGreedy, 0, 0, []audit.Candidate{c(1, 1, 1)}, []uint64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := slices.Clone(tt.items)
			got, err := audit.FundedSetV2(tt.rule, big.NewInt(tt.budget), big.NewInt(tt.threshold), tt.items)
			if err != nil {
				t.Fatalf("FundedSetV2: %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("FundedSetV2(%s, %d, %d, %v) = %v, want %v", tt.rule, tt.budget, tt.threshold, tt.items, got, tt.want)
			}
			if fmt.Sprint(items) != fmt.Sprint(tt.items) {
				t.Fatalf("FundedSetV2 reordered its input")
			}
		})
	}
}

func TestFundedSetV2UnknownRule(t *testing.T) {
	_, err := audit.FundedSetV2(audit.Rule(4), big.NewInt(1), big.NewInt(0), nil)
	if !errors.Is(err, audit.ErrUnknownRule) {
		t.Fatalf("err = %v, want ErrUnknownRule", err)
	}
}

func ExampleFundedSetV2() {
	budget := big.NewInt(1_000_00) // 1000.00 in kopecks
	items := []audit.Candidate{
		{ID: 1, Cost: big.NewInt(600_00), Received: big.NewInt(90_00)},
		{ID: 2, Cost: big.NewInt(500_00), Received: big.NewInt(80_00)}, // does not fit after 1
		{ID: 3, Cost: big.NewInt(400_00), Received: big.NewInt(70_00)},
	}
	for _, rule := range []audit.Rule{audit.RuleGreedy, audit.RuleGreedyNoSkip} {
		funded, _ := audit.FundedSetV2(rule, budget, new(big.Int), items)
		fmt.Println(rule, funded)
	}
	// Output:
	// Greedy [1 3]
	// GreedyNoSkip [1]
}
