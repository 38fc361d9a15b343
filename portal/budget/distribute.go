package budget

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/storage"
)

// MaxDistribution caps the citizens of one distribution request.
const MaxDistribution = 100_000

// Distribution reports an equal split of a round's budget.
type Distribution struct {
	Citizens  int
	Each      int64 // kopecks per citizen
	Remainder int64 // kept by the treasury
}

// Distribute gives each listed citizen an equal share of the round's budget;
// unknown addresses are registered as citizens. A v1 round is distributed once. A v2 round
// gives the listed citizens it does not have yet new eligibility indices after the last one
// and publishes a new eligibility root; see distributeV2 for their share. ErrAlreadyDistributed
// when nobody listed is new.
func (s *Service) Distribute(ctx context.Context, roundID int64, citizens []common.Address) (Distribution, error) {
	if err := validateCitizens(citizens); err != nil {
		return Distribution{}, err
	}
	r, err := s.openRound(ctx, roundID)
	if err != nil {
		return Distribution{}, err
	}
	if r.ContractVersion == 2 {
		return s.distributeV2(ctx, r, citizens)
	}
	each, rem := EqualShares(r.Budget, len(citizens))
	if each == 0 {
		return Distribution{}, fmt.Errorf("%w: budget too small for %d citizens", ErrInvalid, len(citizens))
	}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		n, err := tx.DistributedTotal(ctx, roundID)
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyDistributed
		}
		return grantQuotas(ctx, tx, roundID, citizens, each)
	})
	if err != nil {
		return Distribution{}, fmt.Errorf("distribute round %d: %w", roundID, err)
	}
	s.outbox.Notify()
	return Distribution{Citizens: len(citizens), Each: each, Remainder: rem}, nil
}

// Electorate lists the wallet addresses of the citizens eligible under a round's rules;
// *wallets.Electorate implements it.
type Electorate interface {
	Addresses(ctx context.Context, rules citizens.RoundRules) ([]common.Address, error)
}

// DistributeEligible gives each citizen eligible under the round's rules (verified person
// level and territory) who has a wallet an equal share of the budget, once per round.
// ErrInvalid when nobody is eligible.
func (s *Service) DistributeEligible(ctx context.Context, roundID int64, voters Electorate) (Distribution, error) {
	r, err := s.openRound(ctx, roundID)
	if err != nil {
		return Distribution{}, err
	}
	addrs, err := voters.Addresses(ctx, citizens.RoundRules{MinPersonLevel: r.MinPersonLevel, Territory: r.Territory})
	if err != nil {
		return Distribution{}, fmt.Errorf("list citizens of round %d: %w", roundID, err)
	}
	if len(addrs) == 0 {
		return Distribution{}, fmt.Errorf("%w: no citizen with a wallet is eligible (person level %d, territory %q)",
			ErrInvalid, r.MinPersonLevel, r.Territory)
	}
	return s.Distribute(ctx, roundID, addrs)
}

func validateCitizens(citizens []common.Address) error {
	if len(citizens) == 0 || len(citizens) > MaxDistribution {
		return fmt.Errorf("%w: 1 to %d citizens", ErrInvalid, MaxDistribution)
	}
	seen := make(map[common.Address]bool, len(citizens))
	for _, c := range citizens {
		if c == (common.Address{}) {
			return fmt.Errorf("%w: zero address", ErrInvalid)
		}
		if seen[c] {
			return fmt.Errorf("%w: %s listed twice", ErrInvalid, c)
		}
		seen[c] = true
	}
	return nil
}

// grantQuotas records the quotas and queues them in batches of quotaBatch citizens.
func grantQuotas(ctx context.Context, tx *storage.Tx, roundID int64, citizens []common.Address, each int64) error {
	quotas := make([]storage.Quota, 0, len(citizens))
	var batch grantPayload
	for i, addr := range citizens {
		id, err := ensureCitizen(ctx, tx, addr)
		if err != nil {
			return err
		}
		quotas = append(quotas, storage.Quota{RoundID: roundID, CitizenID: id, Amount: each})
		batch.Citizens = append(batch.Citizens, hexAddr(addr))
		batch.Amounts = append(batch.Amounts, each)
		if len(batch.Citizens) == quotaBatch || i == len(citizens)-1 {
			if err := enqueue(ctx, tx, opGrantQuotas, roundID, batch); err != nil {
				return err
			}
			batch = grantPayload{}
		}
	}
	return tx.CreateQuotas(ctx, quotas)
}

func ensureCitizen(ctx context.Context, tx *storage.Tx, addr common.Address) (int64, error) {
	c, err := tx.CitizenByAddress(ctx, hexAddr(addr))
	if err == nil {
		return c.ID, nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return 0, err
	}
	c = storage.Citizen{Address: hexAddr(addr)}
	if err := tx.CreateCitizen(ctx, &c); err != nil {
		return 0, err
	}
	return c.ID, nil
}
