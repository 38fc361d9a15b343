package replay

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/portal/tally"
)

// TestReplayFundsOfficialSet: every real election whose rule the contract has (greedy,
// greedy-no-skip, greedy-threshold) replayed through BudgetRoundV2 on the embedded chain
// funds exactly the official set, with one eligibility root and relayed signatures
//
func TestReplayFundsOfficialSet(t *testing.T) {
	n := devchaintest.Start(t)
	c, s := devchaintest.Connect(t, n)
	files, err := filepath.Glob(filepath.Join(testdata, "*.pb"))
	if err != nil {
		t.Fatal(err)
	}
	rules := map[tally.Rule]int{}
	for _, path := range files {
		name := filepath.Base(path)
		e := parseFile(t, name)
		if tally.Rule(e.Rule) == tally.RuleEqualSharesAdd1 {
			continue
		}
		t.Run(strings.TrimSuffix(name, ".pb"), func(t *testing.T) {
			p, err := NewPlan(e)
			if err != nil {
				t.Fatalf("NewPlan: %v", err)
			}
			start := time.Now()
			res, err := Run(t.Context(), c, s, n, p, Options{Name: name})
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if !res.Match() {
				t.Fatalf("funded %v, official %v", res.Funded, res.Official)
			}
			rules[tally.Rule(e.Rule)]++
			t.Logf("%s: %d voters (%d materialized), %d records in %d batches, funded %v; gas per citizen %d (claims %d, materialize %d, allocations %d); %s",
				e.Rule, res.Voters, res.Materialized, res.Records, res.Batches, res.Funded, res.PerCitizen(),
				res.Gas.Claims, res.Gas.Materialize, res.Gas.Allocations, time.Since(start).Round(time.Millisecond))
			if res.Voters == 0 || res.Gas.Claims == 0 {
				t.Errorf("voters %d, claims gas %d", res.Voters, res.Gas.Claims)
			}
		})
	}
	for _, r := range []tally.Rule{tally.RuleGreedy, tally.RuleGreedyThreshold, tally.RuleGreedyNoSkip} {
		if rules[r] == 0 {
			t.Errorf("no file with rule %s was replayed; replayed %v", r, rules)
		}
	}
	if got := slices.Collect(func(yield func(tally.Rule) bool) {
		for r := range rules {
			if !yield(r) {
				return
			}
		}
	}); len(got) != 3 {
		t.Errorf("rules replayed: %v", got)
	}
}
