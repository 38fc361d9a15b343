package storage

import (
	"context"
	"fmt"
)

// quotaBatch is how many quotas one INSERT carries (4 parameters each, well under both
// databases' parameter limits).
const quotaBatch = 500

// Quota is what a citizen may allocate in a round, and how much of it is allocated. Kopecks.
type Quota struct {
	RoundID   int64
	CitizenID int64
	Amount    int64
	Allocated int64
}

type quotaRow struct {
	RoundID   int64 `gorm:"primaryKey;autoIncrement:false"`
	CitizenID int64 `gorm:"primaryKey;autoIncrement:false"`
	Amount    int64
	Allocated int64
}

func (quotaRow) TableName() string { return "quotas" }

// CreateQuotas inserts a batch of quotas, all or nothing, with Allocated 0 whatever the batch
// says. A citizen who already has a quota in that round (or appears twice) gives ErrConflict;
// an unknown round or citizen gives ErrNotFound.
func (r Repo) CreateQuotas(ctx context.Context, batch []Quota) error {
	rows := make([]quotaRow, len(batch))
	for i, q := range batch {
		if q.Amount <= 0 {
			return fmt.Errorf("create quotas: %w: amount %d for citizen %d", ErrInvalid, q.Amount, q.CitizenID)
		}
		rows[i] = quotaRow{RoundID: q.RoundID, CitizenID: q.CitizenID, Amount: q.Amount}
	}
	if len(rows) == 0 {
		return nil
	}
	err := r.atomic(ctx, func(r Repo) error {
		return r.with(ctx).CreateInBatches(rows, quotaBatch).Error
	})
	if err != nil {
		return fmt.Errorf("create %d quotas: %w", len(rows), translate(err))
	}
	return nil
}

// Quota returns a citizen's quota in a round, or ErrNotFound.
func (r Repo) Quota(ctx context.Context, roundID, citizenID int64) (Quota, error) {
	var row quotaRow
	if err := r.with(ctx).Take(&row, "round_id = ? AND citizen_id = ?", roundID, citizenID).Error; err != nil {
		return Quota{}, fmt.Errorf("load quota of citizen %d in round %d: %w", citizenID, roundID, translate(err))
	}
	return Quota(row), nil
}

// AddAllocated adds delta (negative to take back) to the allocated part of a quota in one
// guarded UPDATE, so it is race-free on both databases: ErrInsufficient when the result would
// leave [0, amount], ErrNotFound when there is no such quota.
func (r Repo) AddAllocated(ctx context.Context, roundID, citizenID, delta int64) error {
	res := r.with(ctx).Exec(`UPDATE quotas SET allocated = allocated + ?
		WHERE round_id = ? AND citizen_id = ? AND allocated + ? BETWEEN 0 AND amount`,
		delta, roundID, citizenID, delta)
	const what = "add %d to allocated of citizen %d in round %d"
	if res.Error != nil || res.RowsAffected > 0 {
		return affected(res.Error, res.RowsAffected, what, delta, citizenID, roundID)
	}
	return r.insufficient(ctx, "SELECT COUNT(*) FROM quotas WHERE round_id = ? AND citizen_id = ?",
		[]any{roundID, citizenID}, what, delta, citizenID, roundID)
}

// DistributedTotal returns the sum of the quotas granted in a round.
func (r Repo) DistributedTotal(ctx context.Context, roundID int64) (int64, error) {
	var total int64
	if err := r.with(ctx).Raw("SELECT COALESCE(SUM(amount), 0) FROM quotas WHERE round_id = ?", roundID).Scan(&total).Error; err != nil {
		return 0, fmt.Errorf("sum quotas of round %d: %w", roundID, translate(err))
	}
	return total, nil
}
