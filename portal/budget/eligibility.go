package budget

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
)

// rootPayload is a set_eligibility_root operation: publish the tree of the round's first
// Leaves eligibility indices.
type rootPayload struct {
	Leaves int64 `json:"leaves"`
}

// distributeV2 gives the listed citizens that round r does not have yet permanent eligibility
// indices after the last one, with their quotas, and queues the new eligibility root (R-1.2,
// docs/CONTRACTS-V2.md: indices are append-only). The first distribution splits the budget
// equally; a later one gives each newcomer the first distribution's share while the budget not
// yet granted covers it, else an equal split of what is left (our rule: a quota in a published
// tree never shrinks, so the citizens listed first keep theirs). ErrAlreadyDistributed when
// nobody listed is new or nothing is left to grant.
func (s *Service) distributeV2(ctx context.Context, r storage.Round, addrs []common.Address) (Distribution, error) {
	var dist Distribution
	err := s.db.Tx(ctx, func(tx *storage.Tx) error {
		next, err := tx.NextEligibilityIndex(ctx, r.ID)
		if err != nil {
			return err
		}
		ids, err := newcomers(ctx, tx, r.ID, addrs)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return ErrAlreadyDistributed
		}
		if dist, err = shareFor(ctx, tx, r, next, len(ids)); err != nil {
			return err
		}
		batch := make([]storage.Eligible, len(ids))
		for i, id := range ids {
			batch[i] = storage.Eligible{RoundID: r.ID, CitizenID: id, Index: next + int64(i), Amount: dist.Each}
		}
		if err := tx.CreateEligible(ctx, batch); err != nil {
			return err
		}
		return enqueue(ctx, tx, opSetEligibilityRoot, r.ID, rootPayload{Leaves: next + int64(len(ids))})
	})
	if err != nil {
		return Distribution{}, fmt.Errorf("distribute round %d: %w", r.ID, err)
	}
	s.outbox.Notify()
	return dist, nil
}

// newcomers registers unknown addresses as citizens and returns the ids of those without a
// quota in the round, in list order.
func newcomers(ctx context.Context, tx *storage.Tx, roundID int64, addrs []common.Address) ([]int64, error) {
	var ids []int64
	for _, a := range addrs {
		id, err := ensureCitizen(ctx, tx, a)
		if err != nil {
			return nil, err
		}
		_, err = tx.Quota(ctx, roundID, id)
		switch {
		case errors.Is(err, storage.ErrNotFound):
			ids = append(ids, id)
		case err != nil:
			return nil, err
		}
	}
	return ids, nil
}

// shareFor is the share of n newcomers to round r whose next index is next (see distributeV2).
func shareFor(ctx context.Context, tx *storage.Tx, r storage.Round, next int64, n int) (Distribution, error) {
	if next == 0 {
		each, rem := EqualShares(r.Budget, n)
		if each == 0 {
			return Distribution{}, fmt.Errorf("%w: budget too small for %d citizens", ErrInvalid, n)
		}
		return Distribution{Citizens: n, Each: each, Remainder: rem}, nil
	}
	granted, err := tx.DistributedTotal(ctx, r.ID)
	if err != nil {
		return Distribution{}, err
	}
	first, err := tx.EligibleLeaves(ctx, r.ID, 1)
	if err != nil || len(first) == 0 {
		return Distribution{}, fmt.Errorf("load the first share of round %d: %w", r.ID, err)
	}
	left := r.Budget - granted
	if left == 0 {
		return Distribution{}, fmt.Errorf("%w: the whole budget is granted", ErrAlreadyDistributed)
	}
	each := min(first[0].Amount, left/int64(n))
	if each == 0 {
		return Distribution{}, fmt.Errorf("%w: %d kopecks left for %d more citizens", ErrInvalid, left, n)
	}
	return Distribution{Citizens: n, Each: each, Remainder: left - each*int64(n)}, nil
}

// eligibilityTree is the tree of round roundID's first n leaves, in index order.
func eligibilityTree(ctx context.Context, r storage.Repo, roundID, n int64) (*merkle.Tree, []storage.Eligible, error) {
	leaves, err := r.EligibleLeaves(ctx, roundID, n)
	if err != nil {
		return nil, nil, err
	}
	if int64(len(leaves)) != n {
		return nil, nil, fmt.Errorf("%w: round %d has %d eligibility leaves, want %d", outbox.ErrPermanent, roundID, len(leaves), n)
	}
	hashes := make([]common.Hash, len(leaves))
	for i, l := range leaves {
		hashes[i] = merkle.EligibilityLeaf(uint64(l.Index), common.HexToAddress(l.Address), uint64(l.Amount))
	}
	tree, err := merkle.New(hashes)
	if err != nil {
		return nil, nil, fmt.Errorf("eligibility tree of round %d: %w", roundID, err)
	}
	return tree, leaves, nil
}

// rootHandler publishes an eligibility root. The tree is rebuilt from the quota rows: indices
// are permanent and append-only, so the first Leaves of them never change.
type rootHandler struct {
	outbox.NopHandler
	s *Service
}

func (h rootHandler) Build(ctx context.Context, op storage.Op, _ outbox.Env) (outbox.Call, error) {
	_, to, err := h.s.roundCall(ctx, op)
	if err != nil {
		return outbox.Call{}, err
	}
	var p rootPayload
	if err := decode(op, &p); err != nil {
		return outbox.Call{}, err
	}
	tree, _, err := eligibilityTree(ctx, h.s.db.Repo, *op.RoundID, p.Leaves)
	if err != nil {
		return outbox.Call{}, err
	}
	return outbox.Call{To: to, Data: roundV2ABI.PackSetEligibilityRoot(tree.Root(), bigOf(p.Leaves))}, nil
}

// Mined records the published leaf count: claims relayed from now on are proven against it.
func (h rootHandler) Mined(ctx context.Context, tx *storage.Tx, op storage.Op, _ *types.Receipt) error {
	var p rootPayload
	if err := decode(op, &p); err != nil {
		return err
	}
	return tx.SetEligibilityLeaves(ctx, *op.RoundID, p.Leaves)
}
