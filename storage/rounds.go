package storage

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// RoundStatus is where a budget round is in its life.
type RoundStatus string

// Round statuses.
const (
	RoundDeploying  RoundStatus = "deploying"  // the round contract is being deployed
	RoundOpen       RoundStatus = "open"       // deployed; citizens allocate until the deadline
	RoundFinalizing RoundStatus = "finalizing" // finalize() sent, not yet mined
	RoundFinalized  RoundStatus = "finalized"  // the funded set is on chain
	RoundFailed     RoundStatus = "failed"     // deployment or finalization failed for good
)

func (s RoundStatus) valid() bool {
	return slices.Contains([]RoundStatus{RoundDeploying, RoundOpen, RoundFinalizing, RoundFinalized, RoundFailed}, s)
}

// Round is a participatory budgeting round. Amounts are kopecks.
type Round struct {
	ID           int64
	Name         string
	Symbol       string
	Budget       int64
	Deadline     time.Time
	Treasury     string // lowercase 0x hex
	Status       RoundStatus
	Address      string // BudgetRound contract, lowercase 0x hex; "" until deployed
	TokenAddress string // BudgetToken contract; "" until deployed
	// Who may take part (migration 5): the minimum person verification level (R-5.2, 1 to 3;
	// 0 becomes 1) and the territory of the registration address ("" the whole city).
	MinPersonLevel int
	Territory      string
	// Migration 8: the contract (1 BudgetRound, 2 BudgetRoundV2; 0 becomes 1), its funded-set
	// rule (0 to 3, roundv2.Rule) and threshold, and how many eligibility leaves the
	// last published root has.
	ContractVersion   int
	Rule              int
	Threshold         int64
	EligibilityLeaves int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

type roundRow struct {
	ID                int64 `gorm:"primaryKey"`
	Name              string
	Symbol            string
	Budget            int64
	Deadline          time.Time
	Treasury          string
	Status            string
	Address           *string
	TokenAddress      *string
	MinPersonLevel    int
	Territory         string
	ContractVersion   int
	Rule              int
	Threshold         int64
	EligibilityLeaves int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (roundRow) TableName() string { return "rounds" }

func (row roundRow) round() Round {
	return Round{
		ID: row.ID, Name: row.Name, Symbol: row.Symbol, Budget: row.Budget,
		Deadline: row.Deadline.UTC(), Treasury: row.Treasury, Status: RoundStatus(row.Status),
		Address: deref(row.Address), TokenAddress: deref(row.TokenAddress),
		MinPersonLevel: row.MinPersonLevel, Territory: row.Territory,
		ContractVersion: row.ContractVersion, Rule: row.Rule, Threshold: row.Threshold, EligibilityLeaves: row.EligibilityLeaves,
		CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
	}
}

// CreateRound inserts rd and sets its ID and timestamps; an empty Status becomes
// RoundDeploying. Addresses are normalised; a taken Address gives ErrConflict.
func (r Repo) CreateRound(ctx context.Context, rd *Round) error {
	if err := rd.normalize(); err != nil {
		return fmt.Errorf("create round: %w", err)
	}
	rd.CreatedAt, rd.UpdatedAt = now(), now()
	row := roundRow{
		Name: rd.Name, Symbol: rd.Symbol, Budget: rd.Budget, Deadline: rd.Deadline,
		Treasury: rd.Treasury, Status: string(rd.Status), Address: nullable(rd.Address),
		TokenAddress: nullable(rd.TokenAddress), MinPersonLevel: rd.MinPersonLevel, Territory: rd.Territory,
		ContractVersion: rd.ContractVersion, Rule: rd.Rule, Threshold: rd.Threshold,
		CreatedAt: rd.CreatedAt, UpdatedAt: rd.UpdatedAt,
	}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create round: %w", translate(err))
	}
	rd.ID = row.ID
	return nil
}

func (rd *Round) normalize() (err error) {
	switch {
	case rd.Name == "" || rd.Symbol == "":
		return fmt.Errorf("%w: round name and symbol are required", ErrInvalid)
	case rd.Budget <= 0:
		return fmt.Errorf("%w: round budget %d is not positive", ErrInvalid, rd.Budget)
	case rd.Deadline.IsZero():
		return fmt.Errorf("%w: round deadline is not set", ErrInvalid)
	case rd.MinPersonLevel < 0 || rd.MinPersonLevel > 3 || len(rd.Territory) > maxIdentityText:
		return fmt.Errorf("%w: round eligibility: level %d, territory of %d bytes", ErrInvalid, rd.MinPersonLevel, len(rd.Territory))
	}
	if rd.MinPersonLevel == 0 {
		rd.MinPersonLevel = 1
	}
	if rd.ContractVersion == 0 {
		rd.ContractVersion = 1
	}
	if rd.ContractVersion < 1 || rd.ContractVersion > 2 || rd.Rule < 0 || rd.Rule > 3 || rd.Threshold < 0 {
		return fmt.Errorf("%w: round contract %d, rule %d, threshold %d", ErrInvalid, rd.ContractVersion, rd.Rule, rd.Threshold)
	}
	if rd.Status == "" {
		rd.Status = RoundDeploying
	}
	if !rd.Status.valid() {
		return fmt.Errorf("%w: round status %q", ErrInvalid, rd.Status)
	}
	rd.Deadline = dbTime(rd.Deadline)
	if rd.Treasury, err = normAddress(rd.Treasury); err != nil {
		return err
	}
	return normOptionalAddresses(&rd.Address, &rd.TokenAddress)
}

// normOptionalAddresses normalises each non-empty address in place.
func normOptionalAddresses(addrs ...*string) (err error) {
	for _, a := range addrs {
		if *a == "" {
			continue
		}
		if *a, err = normAddress(*a); err != nil {
			return err
		}
	}
	return nil
}

// Round returns the round with the given ID, or ErrNotFound.
func (r Repo) Round(ctx context.Context, id int64) (Round, error) {
	var row roundRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return Round{}, fmt.Errorf("load round %d: %w", id, translate(err))
	}
	return row.round(), nil
}

// RoundByAddress returns the round whose contract is at addr (any letter case), or ErrNotFound.
func (r Repo) RoundByAddress(ctx context.Context, addr string) (Round, error) {
	a, err := normAddress(addr)
	if err != nil {
		return Round{}, fmt.Errorf("load round by address: %w", err)
	}
	var row roundRow
	if err := r.with(ctx).Take(&row, "address = ?", a).Error; err != nil {
		return Round{}, fmt.Errorf("load round at %s: %w", a, translate(err))
	}
	return row.round(), nil
}

// ListRounds returns every round, by ID.
func (r Repo) ListRounds(ctx context.Context) ([]Round, error) {
	var rows []roundRow
	if err := r.with(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list rounds: %w", translate(err))
	}
	rounds := make([]Round, len(rows))
	for i, row := range rows {
		rounds[i] = row.round()
	}
	return rounds, nil
}

// SetRoundChain records where round id's contracts were deployed. A round address already
// used by another round gives ErrConflict.
func (r Repo) SetRoundChain(ctx context.Context, id int64, address, token string) error {
	a, err := normAddress(address)
	if err == nil {
		token, err = normAddress(token)
	}
	if err != nil {
		return fmt.Errorf("set round %d chain: %w", id, err)
	}
	res := r.with(ctx).Exec("UPDATE rounds SET address = ?, token_address = ?, updated_at = ? WHERE id = ?",
		a, token, now(), id)
	return affected(res.Error, res.RowsAffected, "set round %d chain", id)
}

// SetRoundStatus moves round id to status. It does not check the transition.
func (r Repo) SetRoundStatus(ctx context.Context, id int64, status RoundStatus) error {
	if !status.valid() {
		return fmt.Errorf("set round %d status: %w: %q", id, ErrInvalid, status)
	}
	res := r.with(ctx).Exec("UPDATE rounds SET status = ?, updated_at = ? WHERE id = ?", string(status), now(), id)
	return affected(res.Error, res.RowsAffected, "set round %d status", id)
}

// SetEligibilityLeaves records that round id's last published eligibility root has n leaves.
func (r Repo) SetEligibilityLeaves(ctx context.Context, id, n int64) error {
	res := r.with(ctx).Exec("UPDATE rounds SET eligibility_leaves = ?, updated_at = ? WHERE id = ?", n, now(), id)
	return affected(res.Error, res.RowsAffected, "set round %d eligibility leaves", id)
}
