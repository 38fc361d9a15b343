package audit

import (
	"cmp"
	"math/big"
	"slices"
)

// Candidate is an initiative as the funded-set rule sees it.
type Candidate struct {
	ID       uint64
	Cost     *big.Int
	Received *big.Int
}

// FundedSet is the funded-set rule of BudgetRound.finalize (R-1.4, first
// cut): the initiatives that received anything, ranked by received
// descending and ties by lower id, are funded in that order while their cost
// fits in what remains of the budget; one that does not fit is skipped and
// the walk goes on. The result is in ranking order, as the contract emits it.
func FundedSet(budget *big.Int, items []Candidate) []uint64 {
	ranked := slices.DeleteFunc(slices.Clone(items), func(c Candidate) bool { return c.Received.Sign() <= 0 })
	slices.SortFunc(ranked, func(a, b Candidate) int {
		if c := b.Received.Cmp(a.Received); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	remaining := new(big.Int).Set(budget)
	funded := []uint64{}
	for _, c := range ranked {
		if c.Cost.Cmp(remaining) <= 0 {
			remaining.Sub(remaining, c.Cost)
			funded = append(funded, c.ID)
		}
	}
	return funded
}
