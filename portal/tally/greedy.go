// Package tally computes the outcome of a participatory-budgeting election under the rules
// pabulib names: greedy, greedy-no-skip, greedy-threshold and equalshares/add1 (the Method of
// Equal Shares with the add-one completion). The rules are pure functions over plain types;
// Run applies the rule of a parsed .pb file.
package tally

import (
	"cmp"
	"slices"
)

// Candidate is a project as the rules see it.
type Candidate struct {
	ID      string
	Cost    int64 // whole currency units
	Support int64 // what the greedy rules rank by (see Candidates)
}

// Outcome is what a rule funds.
type Outcome struct {
	Selected []string // project ids in the order the rule selected them
	Cost     int64    // their total cost
}

// Greedy ranks the candidates by support, more first (equal support: the cheaper first,
// then input order), and funds each in turn if it fits in what is left of the budget,
// skipping those that do not fit.
func Greedy(budget int64, cs []Candidate) Outcome {
	return greedy(budget, cs, true)
}

// GreedyNoSkip is Greedy that stops at the first candidate that does not fit.
func GreedyNoSkip(budget int64, cs []Candidate) Outcome {
	return greedy(budget, cs, false)
}

// GreedyThreshold drops the candidates whose support is below threshold, then is Greedy.
func GreedyThreshold(budget, threshold int64, cs []Candidate) Outcome {
	kept := slices.DeleteFunc(slices.Clone(cs), func(c Candidate) bool { return c.Support < threshold })
	return greedy(budget, kept, true)
}

func greedy(budget int64, cs []Candidate, skip bool) Outcome {
	ranked := slices.Clone(cs)
	slices.SortStableFunc(ranked, func(a, b Candidate) int {
		if c := cmp.Compare(b.Support, a.Support); c != 0 {
			return c
		}
		return cmp.Compare(a.Cost, b.Cost)
	})
	out := Outcome{Selected: []string{}}
	for _, c := range ranked {
		if c.Cost > budget-out.Cost {
			if !skip {
				break
			}
			continue
		}
		out.Selected = append(out.Selected, c.ID)
		out.Cost += c.Cost
	}
	return out
}
