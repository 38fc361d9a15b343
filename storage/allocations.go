package storage

import (
	"context"
	"fmt"
)

// Allocation is what a citizen has put into one initiative of a round. Kopecks.
type Allocation struct {
	RoundID      int64
	CitizenID    int64
	InitiativeID int64
	Amount       int64
}

type allocationRow struct {
	RoundID      int64 `gorm:"primaryKey;autoIncrement:false"`
	CitizenID    int64 `gorm:"primaryKey;autoIncrement:false"`
	InitiativeID int64 `gorm:"primaryKey;autoIncrement:false"`
	Amount       int64
}

func (allocationRow) TableName() string { return "allocations" }

// AddAllocation adds delta to what a citizen put into an initiative: a positive delta creates
// or grows the allocation (ErrNotFound when the citizen has no quota in the round or the
// initiative is not in the round); a negative one shrinks it in one guarded UPDATE
// (ErrInsufficient when it would go below zero or there is none). Call it in the same Tx as
// AddAllocated, which keeps the citizen's total within the quota.
func (r Repo) AddAllocation(ctx context.Context, roundID, citizenID, initiativeID, delta int64) error {
	const what = "add %d to allocation of citizen %d to initiative %d"
	var err error
	switch {
	case delta > 0:
		err = r.with(ctx).Exec(`INSERT INTO allocations (round_id, citizen_id, initiative_id, amount) VALUES (?, ?, ?, ?)
			ON CONFLICT (round_id, citizen_id, initiative_id) DO UPDATE SET amount = allocations.amount + excluded.amount`,
			roundID, citizenID, initiativeID, delta).Error
	case delta < 0:
		res := r.with(ctx).Exec(`UPDATE allocations SET amount = amount + ?
			WHERE round_id = ? AND citizen_id = ? AND initiative_id = ? AND amount + ? >= 0`,
			delta, roundID, citizenID, initiativeID, delta)
		if err = res.Error; err == nil && res.RowsAffected == 0 {
			return fmt.Errorf(what+": %w", delta, citizenID, initiativeID, ErrInsufficient)
		}
	}
	if err != nil {
		return fmt.Errorf(what+": %w", delta, citizenID, initiativeID, translate(err))
	}
	return nil
}

// Allocations returns a citizen's non-zero allocations in a round, by initiative ID.
func (r Repo) Allocations(ctx context.Context, roundID, citizenID int64) ([]Allocation, error) {
	var rows []allocationRow
	err := r.with(ctx).Where("round_id = ? AND citizen_id = ? AND amount > 0", roundID, citizenID).
		Order("initiative_id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list allocations of citizen %d in round %d: %w", citizenID, roundID, translate(err))
	}
	out := make([]Allocation, len(rows))
	for i, row := range rows {
		out[i] = Allocation(row)
	}
	return out, nil
}

// RoundAllocations lists every positive allocation of a round, by citizen, then initiative.
func (r Repo) RoundAllocations(ctx context.Context, roundID int64) ([]Allocation, error) {
	var rows []allocationRow
	err := r.with(ctx).Where("round_id = ? AND amount > 0", roundID).
		Order("citizen_id, initiative_id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list allocations of round %d: %w", roundID, translate(err))
	}
	out := make([]Allocation, len(rows))
	for i, row := range rows {
		out[i] = Allocation(row)
	}
	return out, nil
}
