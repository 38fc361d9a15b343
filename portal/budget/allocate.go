package budget

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/storage"
)

// Move is a citizen's request to put tokens into, or take them out of, a piggy bank.
type Move struct {
	RoundID    int64
	CitizenID  int64
	Initiative int   // on-chain id
	Amount     int64 // kopecks
	// Signature is set by a citizen whose wallet is their own (BudgetRoundV2 rounds): their
	// 65-byte signature of the record PrepareMove returned, for nonce Nonce. Custodial
	// citizens leave both empty: the node signs for them.
	Signature []byte
	Nonce     int64
}

// Allocate moves a citizen's tokens into an initiative's piggy bank.
func (s *Service) Allocate(ctx context.Context, m Move) (Receipt, error) {
	return s.move(ctx, m, opAllocate)
}

// Withdraw takes a citizen's tokens back out of a piggy bank before the deadline.
func (s *Service) Withdraw(ctx context.Context, m Move) (Receipt, error) {
	return s.move(ctx, m, opWithdraw)
}

// moveTarget checks what every move needs before the citizen: a positive amount, an open
// round, and the initiative in it.
func (s *Service) moveTarget(ctx context.Context, m Move) (storage.Round, storage.Initiative, error) {
	if m.Amount <= 0 {
		return storage.Round{}, storage.Initiative{}, fmt.Errorf("%w: amount must be positive", ErrInvalid)
	}
	r, err := s.openRound(ctx, m.RoundID)
	if err != nil {
		return r, storage.Initiative{}, err
	}
	ini, err := s.db.InitiativeByNumber(ctx, m.RoundID, m.Initiative)
	if errors.Is(err, storage.ErrNotFound) {
		return r, ini, fmt.Errorf("initiative %d: %w", m.Initiative, ErrInitiativeNotFound)
	} else if err != nil {
		return r, ini, fmt.Errorf("load initiative %d: %w", m.Initiative, err)
	}
	return r, ini, nil
}

func (s *Service) move(ctx context.Context, m Move, kind string) (Receipt, error) {
	r, ini, err := s.moveTarget(ctx, m)
	if err != nil {
		return Receipt{}, err
	}
	cit, err := s.citizen(ctx, m.CitizenID)
	if err != nil {
		return Receipt{}, err
	}
	if r.ContractVersion == 2 {
		return s.moveV2(ctx, r, m, ini, cit, kind)
	}
	rc := Receipt{Status: string(storage.OpPending)}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		delta := m.Amount
		if kind == opWithdraw {
			delta = -m.Amount
		}
		if err := applyMove(ctx, tx, m.RoundID, cit.ID, ini.ID, delta); err != nil {
			return err
		}
		rc.OpID, err = enqueueID(ctx, tx, kind, m.RoundID, movePayload{Citizen: cit.Address, Initiative: m.Initiative, Amount: m.Amount})
		if err != nil {
			return err
		}
		// Read back in the same transaction: once it commits, the answer cannot fail.
		rc.Balance, err = balanceOf(ctx, tx.Repo, m.RoundID, cit)
		return err
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("%s %d to initiative %d: %w", kind, m.Amount, m.Initiative, err)
	}
	s.outbox.Notify()
	return rc, nil
}

// applyMove changes a citizen's allocation and the piggy bank by delta kopecks, refusing
// anything that would overdraw the quota or the allocation. The guarded updates make
// concurrent requests safe without locks.
func applyMove(ctx context.Context, tx *storage.Tx, roundID, citizenID, initiativeID, delta int64) error {
	err := tx.AddAllocated(ctx, roundID, citizenID, delta)
	if errors.Is(err, storage.ErrInsufficient) || errors.Is(err, storage.ErrNotFound) {
		if delta < 0 {
			return ErrInsufficientAllocation
		}
		return ErrInsufficientBalance
	}
	if err != nil {
		return err
	}
	err = tx.AddAllocation(ctx, roundID, citizenID, initiativeID, delta)
	if errors.Is(err, storage.ErrInsufficient) || errors.Is(err, storage.ErrNotFound) {
		return ErrInsufficientAllocation
	}
	if err != nil {
		return err
	}
	return tx.AddReceived(ctx, initiativeID, delta)
}

// Balance returns a citizen's quota, allocations and what is left to allocate.
func (s *Service) Balance(ctx context.Context, roundID, citizenID int64) (Balance, error) {
	if _, err := s.loadRound(ctx, roundID); err != nil {
		return Balance{}, err
	}
	cit, err := s.citizen(ctx, citizenID)
	if err != nil {
		return Balance{}, err
	}
	return balanceOf(ctx, s.db.Repo, roundID, cit)
}

// balanceOf reads a citizen's balance through r: the database, or a transaction.
func balanceOf(ctx context.Context, r storage.Repo, roundID int64, cit storage.Citizen) (Balance, error) {
	bal := Balance{Citizen: common.HexToAddress(cit.Address), Allocations: []Allocation{}}
	q, err := r.Quota(ctx, roundID, cit.ID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return bal, nil
	case err != nil:
		return bal, fmt.Errorf("load quota: %w", err)
	}
	bal.Quota, bal.Allocated, bal.Available = q.Amount, q.Allocated, q.Amount-q.Allocated
	allocs, err := r.Allocations(ctx, roundID, cit.ID)
	if err != nil {
		return bal, fmt.Errorf("load allocations: %w", err)
	}
	numbers, err := initiativeNumbers(ctx, r, roundID)
	if err != nil {
		return bal, err
	}
	for _, a := range allocs {
		if a.Amount > 0 {
			bal.Allocations = append(bal.Allocations, Allocation{Initiative: numbers[a.InitiativeID], Amount: a.Amount})
		}
	}
	return bal, nil
}

// CitizenByAddress resolves a citizen's on-chain address to their record id.
func (s *Service) CitizenByAddress(ctx context.Context, addr common.Address) (int64, error) {
	c, err := s.db.CitizenByAddress(ctx, hexAddr(addr))
	if errors.Is(err, storage.ErrNotFound) {
		return 0, fmt.Errorf("citizen %s: %w", addr, ErrCitizenNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("load citizen: %w", err)
	}
	return c.ID, nil
}

func (s *Service) citizen(ctx context.Context, id int64) (storage.Citizen, error) {
	c, err := s.db.Citizen(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return c, fmt.Errorf("citizen %d: %w", id, ErrCitizenNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("load citizen %d: %w", id, err)
	}
	return c, nil
}

func initiativeNumbers(ctx context.Context, r storage.Repo, roundID int64) (map[int64]int, error) {
	inis, err := r.Initiatives(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("load initiatives: %w", err)
	}
	m := make(map[int64]int, len(inis))
	for _, ini := range inis {
		m[ini.ID] = ini.Number
	}
	return m, nil
}
