package storage

import (
	"context"
	"fmt"
)

// Eligible is a citizen's leaf in a BudgetRoundV2 eligibility tree (migration 8): their
// permanent index in the round and their quota, in kopecks.
type Eligible struct {
	RoundID   int64
	CitizenID int64
	Index     int64
	Amount    int64
	Address   string // read only: the citizen's address, lowercase 0x hex
}

// Account is what the node knows of a citizen's BudgetRoundV2 account: their leaf, the next
// nonce it will sign for them (0: the next record is the claim, unless ClaimedDirectly), the
// claims batch that applied their claim (nil before), the pending materialize operation,
// whether the account is materialized on chain, and whether the citizen claimed directly
// (migration 9: claimAndAllocate from their own wallet materialized the account with nonce 0).
type Account struct {
	Eligible
	NextNonce       int64
	ClaimBatch      *int64
	MaterializeOp   *int64
	Materialized    bool
	ClaimedDirectly bool
}

// Claimed reports whether the citizen's quota is claimed, or its claim signed: their next
// record is no claim.
func (a Account) Claimed() bool { return a.NextNonce > 0 || a.ClaimedDirectly }

// CreateEligible inserts v2 quotas with their indices, all or nothing, like CreateQuotas:
// ErrConflict when a citizen already has a quota in the round or an index is taken.
func (r Repo) CreateEligible(ctx context.Context, batch []Eligible) error {
	for _, e := range batch {
		if e.Amount <= 0 || e.Index < 0 {
			return fmt.Errorf("create eligible: %w: amount %d, index %d for citizen %d", ErrInvalid, e.Amount, e.Index, e.CitizenID)
		}
	}
	err := r.atomic(ctx, func(r Repo) error {
		for _, e := range batch {
			err := r.with(ctx).Exec(`INSERT INTO quotas (round_id, citizen_id, amount, allocated, eligibility_index)
				VALUES (?, ?, ?, 0, ?)`, e.RoundID, e.CitizenID, e.Amount, e.Index).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create %d eligible: %w", len(batch), translate(err))
	}
	return nil
}

// NextEligibilityIndex is the index the next citizen added to round roundID gets: one more than
// the highest so far, 0 for the first.
func (r Repo) NextEligibilityIndex(ctx context.Context, roundID int64) (int64, error) {
	var top *int64
	err := r.with(ctx).Raw("SELECT MAX(eligibility_index) FROM quotas WHERE round_id = ?", roundID).Scan(&top).Error
	if err != nil {
		return 0, fmt.Errorf("load last eligibility index of round %d: %w", roundID, translate(err))
	}
	if top == nil {
		return 0, nil
	}
	return *top + 1, nil
}

// EligibleLeaves lists the leaves of round roundID with index below n, in index order.
func (r Repo) EligibleLeaves(ctx context.Context, roundID, n int64) ([]Eligible, error) {
	return r.EligibleLeavesRange(ctx, roundID, 0, n)
}

// EligibleLeavesRange lists the leaves of round roundID with index in [from, to), in index
// order: a page of a list too long to hold at once.
func (r Repo) EligibleLeavesRange(ctx context.Context, roundID, from, to int64) ([]Eligible, error) {
	var out []Eligible
	err := r.with(ctx).Raw(`SELECT q.round_id, q.citizen_id, q.eligibility_index AS "index", q.amount, c.address
		FROM quotas q JOIN citizens c ON c.id = q.citizen_id
		WHERE q.round_id = ? AND q.eligibility_index IS NOT NULL AND q.eligibility_index >= ? AND q.eligibility_index < ?
		ORDER BY q.eligibility_index`, roundID, from, to).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list eligibility leaves %d to %d of round %d: %w", from, to, roundID, translate(err))
	}
	return out, nil
}

type accountRow struct {
	RoundID          int64
	CitizenID        int64
	EligibilityIndex *int64
	Amount           int64
	Address          string
	NextNonce        int64
	ClaimBatch       *int64
	MaterializeOp    *int64
	Materialized     bool
	ClaimedDirectly  bool
}

// accountQuery selects v2 accounts with their citizens' addresses.
const accountQuery = `SELECT q.round_id, q.citizen_id, q.eligibility_index, q.amount, c.address,
	q.next_nonce, q.claim_batch, q.materialize_op, q.materialized, q.claimed_directly
	FROM quotas q JOIN citizens c ON c.id = q.citizen_id `

// Account returns a citizen's v2 account in a round: ErrNotFound without a quota, ErrInvalid
// when the quota has no eligibility index (a v1 round).
func (r Repo) Account(ctx context.Context, roundID, citizenID int64) (Account, error) {
	return r.account(ctx, fmt.Sprintf("load account of citizen %d in round %d", citizenID, roundID),
		"WHERE q.round_id = ? AND q.citizen_id = ?", roundID, citizenID)
}

// AccountByAddress returns the v2 account of the citizen at address (0x hex, any case) in a
// round, like Account: ErrNotFound when no citizen of the round has that address.
func (r Repo) AccountByAddress(ctx context.Context, roundID int64, address string) (Account, error) {
	what := fmt.Sprintf("load account of an address in round %d", roundID)
	a, err := normAddress(address)
	if err != nil {
		return Account{}, fmt.Errorf("%s: %w", what, err)
	}
	return r.account(ctx, what, "WHERE q.round_id = ? AND c.address = ?", roundID, a)
}

func (r Repo) account(ctx context.Context, what, where string, args ...any) (Account, error) {
	var rows []accountRow
	if err := r.with(ctx).Raw(accountQuery+where, args...).Scan(&rows).Error; err != nil {
		return Account{}, fmt.Errorf("%s: %w", what, translate(err))
	}
	if len(rows) == 0 {
		return Account{}, fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	row := rows[0]
	if row.EligibilityIndex == nil {
		return Account{}, fmt.Errorf("%s: %w: no eligibility index", what, ErrInvalid)
	}
	return Account{
		Eligible:  Eligible{RoundID: row.RoundID, CitizenID: row.CitizenID, Index: *row.EligibilityIndex, Amount: row.Amount, Address: row.Address},
		NextNonce: row.NextNonce, ClaimBatch: row.ClaimBatch, MaterializeOp: row.MaterializeOp, Materialized: row.Materialized,
		ClaimedDirectly: row.ClaimedDirectly,
	}, nil
}

// TakeNonce returns the nonce of a citizen's next record and moves the account's next nonce
// on, in one guarded UPDATE (the row stays locked until the transaction ends).
func (r Repo) TakeNonce(ctx context.Context, roundID, citizenID int64) (int64, error) {
	res := r.with(ctx).Exec("UPDATE quotas SET next_nonce = next_nonce + 1 WHERE round_id = ? AND citizen_id = ? AND eligibility_index IS NOT NULL",
		roundID, citizenID)
	if err := affected(res.Error, res.RowsAffected, "take nonce of citizen %d in round %d", citizenID, roundID); err != nil {
		return 0, err
	}
	a, err := r.Account(ctx, roundID, citizenID)
	if err != nil {
		return 0, err
	}
	return a.NextNonce - 1, nil
}

// LockAccount locks a citizen's quota row for the transaction (a no-op UPDATE): a change that
// reads the citizen's records and rewrites them waits for, and holds off, the others.
func (r Repo) LockAccount(ctx context.Context, roundID, citizenID int64) error {
	res := r.with(ctx).Exec("UPDATE quotas SET next_nonce = next_nonce WHERE round_id = ? AND citizen_id = ?", roundID, citizenID)
	return affected(res.Error, res.RowsAffected, "lock account of citizen %d in round %d", citizenID, roundID)
}

// SetNextNonce rewinds a citizen's next nonce (after the records from nonce on failed).
func (r Repo) SetNextNonce(ctx context.Context, roundID, citizenID, nonce int64) error {
	res := r.with(ctx).Exec("UPDATE quotas SET next_nonce = ? WHERE round_id = ? AND citizen_id = ?", nonce, roundID, citizenID)
	return affected(res.Error, res.RowsAffected, "set next nonce of citizen %d in round %d", citizenID, roundID)
}

// SetClaimBatch records the claims batch that applied a citizen's claim (nil: none did).
func (r Repo) SetClaimBatch(ctx context.Context, roundID, citizenID int64, batch *int64) error {
	res := r.with(ctx).Exec("UPDATE quotas SET claim_batch = ? WHERE round_id = ? AND citizen_id = ?", batch, roundID, citizenID)
	return affected(res.Error, res.RowsAffected, "set claim batch of citizen %d in round %d", citizenID, roundID)
}

// SetMaterializeOp records the operation that materializes a citizen's account (nil: none).
func (r Repo) SetMaterializeOp(ctx context.Context, roundID, citizenID int64, op *int64) error {
	res := r.with(ctx).Exec("UPDATE quotas SET materialize_op = ? WHERE round_id = ? AND citizen_id = ?", op, roundID, citizenID)
	return affected(res.Error, res.RowsAffected, "set materialize op of citizen %d in round %d", citizenID, roundID)
}

// SetMaterialized records that a citizen's account is materialized on chain.
func (r Repo) SetMaterialized(ctx context.Context, roundID, citizenID int64) error {
	res := r.with(ctx).Exec("UPDATE quotas SET materialized = ? WHERE round_id = ? AND citizen_id = ?", true, roundID, citizenID)
	return affected(res.Error, res.RowsAffected, "set citizen %d materialized in round %d", citizenID, roundID)
}

// SetClaimedDirectly records that a citizen claimed their quota directly: the account is
// materialized on chain (with nonce 0) and needs no materialize operation.
func (r Repo) SetClaimedDirectly(ctx context.Context, roundID, citizenID int64) error {
	res := r.with(ctx).Exec("UPDATE quotas SET claimed_directly = ?, materialized = ?, materialize_op = NULL WHERE round_id = ? AND citizen_id = ?",
		true, true, roundID, citizenID)
	return affected(res.Error, res.RowsAffected, "set citizen %d claimed directly in round %d", citizenID, roundID)
}

// ClaimedTotal is the sum of the quotas whose claim a relayed batch applied or the citizen
// made directly: the round's distributed() on chain.
func (r Repo) ClaimedTotal(ctx context.Context, roundID int64) (int64, error) {
	var total int64
	err := r.with(ctx).Raw("SELECT COALESCE(SUM(amount), 0) FROM quotas WHERE round_id = ? AND (claim_batch IS NOT NULL OR claimed_directly)", roundID).Scan(&total).Error
	if err != nil {
		return 0, fmt.Errorf("sum claimed quotas of round %d: %w", roundID, translate(err))
	}
	return total, nil
}
