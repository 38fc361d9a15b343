package storage

import (
	"context"
	"fmt"
	"time"
)

// DirectCursor is how far the node has indexed the calls that citizens made directly on a
// BudgetRoundV2 round (migration 9): the first log not applied yet is at (Block, LogIndex) in
// chain order. Done: the round was finalized and read to its end.
type DirectCursor struct {
	RoundID   int64
	Block     int64
	LogIndex  int64
	Done      bool
	UpdatedAt time.Time
}

type directCursorRow struct {
	RoundID   int64 `gorm:"primaryKey"`
	Block     int64
	LogIndex  int64
	Done      bool
	UpdatedAt time.Time
}

func (directCursorRow) TableName() string { return "direct_cursors" }

// DirectCursor returns the cursor of round roundID, or ErrNotFound before its first advance.
func (r Repo) DirectCursor(ctx context.Context, roundID int64) (DirectCursor, error) {
	var row directCursorRow
	if err := r.with(ctx).Take(&row, "round_id = ?", roundID).Error; err != nil {
		return DirectCursor{}, fmt.Errorf("load direct cursor of round %d: %w", roundID, translate(err))
	}
	return DirectCursor{RoundID: row.RoundID, Block: row.Block, LogIndex: row.LogIndex, Done: row.Done, UpdatedAt: row.UpdatedAt.UTC()}, nil
}

// AdvanceDirectCursor moves round to.RoundID's cursor from from (nil: it has none yet) to to,
// in one guarded statement: ErrConflict when the stored cursor is not from (another indexer
// moved it), so logs applied in the same transaction are applied once. ErrInvalid when to is
// before from.
func (r Repo) AdvanceDirectCursor(ctx context.Context, from *DirectCursor, to DirectCursor) error {
	what := fmt.Sprintf("advance direct cursor of round %d", to.RoundID)
	if to.Block < 0 || to.LogIndex < 0 || (from != nil && (to.Block < from.Block || (to.Block == from.Block && to.LogIndex < from.LogIndex))) {
		return fmt.Errorf("%s: %w: to block %d log %d", what, ErrInvalid, to.Block, to.LogIndex)
	}
	if from == nil {
		err := r.with(ctx).Exec("INSERT INTO direct_cursors (round_id, block, log_index, done, updated_at) VALUES (?, ?, ?, ?, ?)",
			to.RoundID, to.Block, to.LogIndex, to.Done, now()).Error
		if err != nil {
			return fmt.Errorf("%s: %w", what, translate(err))
		}
		return nil
	}
	res := r.with(ctx).Exec(`UPDATE direct_cursors SET block = ?, log_index = ?, done = ?, updated_at = ?
		WHERE round_id = ? AND block = ? AND log_index = ? AND done = ?`,
		to.Block, to.LogIndex, to.Done, now(), to.RoundID, from.Block, from.LogIndex, from.Done)
	if res.Error == nil && res.RowsAffected == 0 {
		return fmt.Errorf("%s: %w: it moved", what, ErrConflict)
	}
	return affected(res.Error, res.RowsAffected, "%s", what)
}
