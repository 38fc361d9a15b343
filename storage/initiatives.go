package storage

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Initiative is a project citizens put budget tokens into. Number is its on-chain id in the
// round (1, 2, 3, …); ID is the database key. Amounts are kopecks.
type Initiative struct {
	ID        int64
	RoundID   int64
	Number    int
	Title     string
	Cost      int64
	Received  int64
	Funded    bool
	CreatedAt time.Time
}

type initiativeRow struct {
	ID        int64 `gorm:"primaryKey"`
	RoundID   int64
	Number    int
	Title     string
	Cost      int64
	Received  int64
	Funded    bool
	CreatedAt time.Time
}

func (initiativeRow) TableName() string { return "initiatives" }

func (row initiativeRow) initiative() Initiative {
	return Initiative{
		ID: row.ID, RoundID: row.RoundID, Number: row.Number, Title: row.Title, Cost: row.Cost,
		Received: row.Received, Funded: row.Funded, CreatedAt: row.CreatedAt.UTC(),
	}
}

// CreateInitiative inserts in into round in.RoundID with the next number in that round, and
// sets its ID, Number, Received (0), Funded (false) and CreatedAt. It locks the round row for
// the rest of the transaction, so concurrent calls get distinct numbers; a missing round gives
// ErrNotFound.
func (r Repo) CreateInitiative(ctx context.Context, in *Initiative) error {
	if in.Title == "" || in.Cost <= 0 {
		return fmt.Errorf("create initiative: %w: title is required and cost must be positive", ErrInvalid)
	}
	err := r.atomic(ctx, func(r Repo) error {
		if err := r.lockRound(ctx, in.RoundID); err != nil {
			return err
		}
		var last int
		if err := r.with(ctx).Raw("SELECT COALESCE(MAX(number), 0) FROM initiatives WHERE round_id = ?",
			in.RoundID).Scan(&last).Error; err != nil {
			return translate(err)
		}
		row := initiativeRow{RoundID: in.RoundID, Number: last + 1, Title: in.Title, Cost: in.Cost, CreatedAt: now()}
		if err := r.with(ctx).Create(&row).Error; err != nil {
			return translate(err)
		}
		*in = row.initiative()
		return nil
	})
	if err != nil {
		return fmt.Errorf("create initiative in round %d: %w", in.RoundID, err)
	}
	return nil
}

// lockRound locks round id's row until the transaction ends (on SQLite the transaction holds
// the database's write lock already), or returns ErrNotFound. FOR NO KEY UPDATE does not
// block inserts that only reference the round.
func (r Repo) lockRound(ctx context.Context, id int64) error {
	q := "SELECT id FROM rounds WHERE id = ?"
	if r.d == DriverPostgres {
		q += " FOR NO KEY UPDATE"
	}
	var ids []int64
	if err := r.with(ctx).Raw(q, id).Scan(&ids).Error; err != nil {
		return fmt.Errorf("lock round: %w", translate(err))
	}
	if len(ids) == 0 {
		return fmt.Errorf("round %d: %w", id, ErrNotFound)
	}
	return nil
}

// Initiative returns the initiative with the given ID, or ErrNotFound.
func (r Repo) Initiative(ctx context.Context, id int64) (Initiative, error) {
	var row initiativeRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return Initiative{}, fmt.Errorf("load initiative %d: %w", id, translate(err))
	}
	return row.initiative(), nil
}

// Initiatives returns the initiatives of a round, by number.
func (r Repo) Initiatives(ctx context.Context, roundID int64) ([]Initiative, error) {
	var rows []initiativeRow
	if err := r.with(ctx).Where("round_id = ?", roundID).Order("number").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list initiatives of round %d: %w", roundID, translate(err))
	}
	out := make([]Initiative, len(rows))
	for i, row := range rows {
		out[i] = row.initiative()
	}
	return out, nil
}

// InitiativeByNumber returns initiative number of a round, or ErrNotFound.
func (r Repo) InitiativeByNumber(ctx context.Context, roundID int64, number int) (Initiative, error) {
	var row initiativeRow
	if err := r.with(ctx).Take(&row, "round_id = ? AND number = ?", roundID, number).Error; err != nil {
		return Initiative{}, fmt.Errorf("load initiative %d of round %d: %w", number, roundID, translate(err))
	}
	return row.initiative(), nil
}

// AddReceived adds delta (negative for a withdrawal) to what an initiative received, in one
// guarded statement: ErrInsufficient when the total would go below zero, ErrNotFound when
// there is no such initiative.
func (r Repo) AddReceived(ctx context.Context, initiativeID, delta int64) error {
	res := r.with(ctx).Exec("UPDATE initiatives SET received = received + ? WHERE id = ? AND received + ? >= 0",
		delta, initiativeID, delta)
	if res.Error != nil || res.RowsAffected > 0 {
		return affected(res.Error, res.RowsAffected, "add %d to initiative %d", delta, initiativeID)
	}
	return r.insufficient(ctx, "SELECT COUNT(*) FROM initiatives WHERE id = ?", []any{initiativeID},
		"add %d to initiative %d", delta, initiativeID)
}

// insufficient explains a guarded update that matched nothing: ErrNotFound when the count
// query finds no row, ErrInsufficient otherwise.
func (r Repo) insufficient(ctx context.Context, count string, countArgs []any, what string, args ...any) error {
	var n int64
	if err := r.with(ctx).Raw(count, countArgs...).Scan(&n).Error; err != nil {
		return fmt.Errorf("%s: %w", fmt.Sprintf(what, args...), translate(err))
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", fmt.Sprintf(what, args...), ErrNotFound)
	}
	return fmt.Errorf("%s: %w", fmt.Sprintf(what, args...), ErrInsufficient)
}

// SetFunded marks exactly the given initiative numbers of a round as funded and the others
// as not funded, atomically. An unknown number gives ErrNotFound and changes nothing.
func (r Repo) SetFunded(ctx context.Context, roundID int64, numbers []int) error {
	numbers = slices.Compact(slices.Sorted(slices.Values(numbers)))
	err := r.atomic(ctx, func(r Repo) error {
		if err := r.with(ctx).Exec("UPDATE initiatives SET funded = FALSE WHERE round_id = ?", roundID).Error; err != nil {
			return translate(err)
		}
		if len(numbers) == 0 {
			return nil
		}
		res := r.with(ctx).Exec("UPDATE initiatives SET funded = TRUE WHERE round_id = ? AND number IN ?", roundID, numbers)
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected != int64(len(numbers)) {
			return fmt.Errorf("%w: %d of the numbers", ErrNotFound, int64(len(numbers))-res.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("set funded initiatives of round %d: %w", roundID, err)
	}
	return nil
}
