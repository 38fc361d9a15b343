package budget

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Ballots returns what each citizen holds in a round's piggy banks, one ballot per citizen
// with at least one positive allocation, each in initiative order. A ballot carries no
// trace of who cast it: no citizen ID, no address. The ballots come in the database's
// citizen order; callers that publish them should reorder them (package export sorts them
// by content).
func (s *Service) Ballots(ctx context.Context, roundID int64) ([][]Allocation, error) {
	if _, err := s.loadRound(ctx, roundID); err != nil {
		return nil, err
	}
	numbers, err := initiativeNumbers(ctx, s.db.Repo, roundID)
	if err != nil {
		return nil, fmt.Errorf("ballots of round %d: %w", roundID, err)
	}
	recs, err := s.db.RoundAllocations(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("ballots of round %d: %w", roundID, err)
	}
	var out [][]Allocation
	last := int64(-1)
	for _, a := range recs {
		if a.CitizenID != last {
			out = append(out, nil)
			last = a.CitizenID
		}
		i := len(out) - 1
		out[i] = append(out[i], Allocation{Initiative: numbers[a.InitiativeID], Amount: a.Amount})
	}
	for _, b := range out {
		slices.SortFunc(b, func(x, y Allocation) int { return cmp.Compare(x.Initiative, y.Initiative) })
	}
	return out, nil
}
