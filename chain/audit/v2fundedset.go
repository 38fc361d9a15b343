package audit

import (
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"
)

// Rule is a BudgetRoundV2 funded-set rule, the contract's enum
// Rule; see docs/CONTRACTS-V2.md, "Funded-set rules".
type Rule uint8

// The rules, with the contract's values.
const (
	RuleGreedy          Rule = 0 // fund in ranking order what fits, skip what does not
	RuleGreedyNoSkip    Rule = 1 // as Greedy, but stop at the first that does not fit
	RuleGreedyThreshold Rule = 2 // as Greedy, candidates received ≥ threshold
	RulePiggyBank       Rule = 3 // candidates received ≥ cost, then as Greedy
)

// ErrUnknownRule is returned for a rule value the contract does not define.
var ErrUnknownRule = errors.New("unknown funded-set rule")

func (r Rule) String() string {
	switch r {
	case RuleGreedy:
		return "Greedy"
	case RuleGreedyNoSkip:
		return "GreedyNoSkip"
	case RuleGreedyThreshold:
		return "GreedyThreshold"
	case RulePiggyBank:
		return "PiggyBank"
	}
	return fmt.Sprintf("Rule(%d)", uint8(r))
}

// FundedSetV2 is the funded-set rule of BudgetRoundV2.finalize:
// the candidates (received > 0; for GreedyThreshold received ≥ threshold,
// for PiggyBank received ≥ cost) ranked by received descending, ties by
// lower cost, then lower id, are walked with remaining = budget; one whose
// cost fits is funded, one that does not is skipped (GreedyNoSkip: the walk
// stops). The result is in ranking order, as the contract emits it; the
// input is not changed.
func FundedSetV2(rule Rule, budget, threshold *big.Int, items []Candidate) ([]uint64, error) {
	if rule > RulePiggyBank {
		return nil, fmt.Errorf("funded set: %w %d", ErrUnknownRule, uint8(rule))
	}
	ranked := slices.DeleteFunc(slices.Clone(items), func(c Candidate) bool { return !isCandidate(rule, threshold, c) })
	slices.SortFunc(ranked, func(a, b Candidate) int {
		if c := b.Received.Cmp(a.Received); c != 0 {
			return c
		}
		if c := a.Cost.Cmp(b.Cost); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	remaining := new(big.Int).Set(budget)
	funded := []uint64{}
	for _, c := range ranked {
		if c.Cost.Cmp(remaining) > 0 {
			if rule == RuleGreedyNoSkip {
				break
			}
			continue
		}
		remaining.Sub(remaining, c.Cost)
		funded = append(funded, c.ID)
	}
	return funded, nil
}

// isCandidate is the contract's filter in _ranking.
func isCandidate(rule Rule, threshold *big.Int, c Candidate) bool {
	switch {
	case c.Received.Sign() <= 0:
		return false
	case rule == RuleGreedyThreshold:
		return c.Received.Cmp(threshold) >= 0
	case rule == RulePiggyBank:
		return c.Received.Cmp(c.Cost) >= 0
	}
	return true
}
