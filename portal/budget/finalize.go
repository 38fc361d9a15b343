package budget

import (
	"context"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/storage"
)

// Finalize closes a round after its deadline: the contract computes the funded set and
// returns unspent tokens to the treasury.
func (s *Service) Finalize(ctx context.Context, roundID int64) (Round, error) {
	rec, err := s.loadRound(ctx, roundID)
	if err != nil {
		return Round{}, err
	}
	switch {
	case rec.Status == storage.RoundFailed:
		return Round{}, fmt.Errorf("round %d: %w", roundID, ErrRoundFailed)
	case rec.Status == storage.RoundFinalizing || rec.Status == storage.RoundFinalized:
		return Round{}, fmt.Errorf("round %d: %w", roundID, ErrAlreadyFinalized)
	case s.now().Before(rec.Deadline):
		return Round{}, fmt.Errorf("round %d closes at %s: %w", roundID, rec.Deadline.UTC().Format(time.RFC3339), ErrDeadlineNotReached)
	}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		if err := tx.SetRoundStatus(ctx, roundID, storage.RoundFinalizing); err != nil {
			return err
		}
		return enqueue(ctx, tx, opFinalize, roundID, nil)
	})
	if err != nil {
		return Round{}, fmt.Errorf("finalize round %d: %w", roundID, err)
	}
	s.outbox.Notify()
	return s.Round(ctx, roundID)
}
