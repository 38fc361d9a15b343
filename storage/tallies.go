package storage

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Tally is an off-chain tally of a published election file, anchored on-chain: the input as it
// was published, its SHA-256, the result and the root the AnchorRegistry holds.
type Tally struct {
	ID        int64
	SHA256    string // lowercase hex of the input's SHA-256
	Rule      string
	Input     []byte // the .pb file, byte for byte
	Result    string // the canonical result JSON
	Root      string // 0x hex of the anchored root
	Selected  int    // how many projects the result selects
	OpID      *int64 // the anchoring operation
	CreatedBy *int64 // the official's user id
	CreatedAt time.Time
}

type tallyRow struct {
	ID        int64  `gorm:"primaryKey"`
	SHA256    string `gorm:"column:sha256"`
	Rule      string
	Input     []byte
	Result    string
	Root      string
	Selected  int
	OpID      *int64
	CreatedBy *int64
	CreatedAt time.Time
}

func (tallyRow) TableName() string { return "tallies" }

var (
	sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)
	rootHex   = regexp.MustCompile(`^0x[0-9a-f]{64}$`)
)

// CreateTally records t with its anchoring operation already in t.OpID (same transaction).
// ErrConflict when the same input was already tallied under the same rule.
func (r Repo) CreateTally(ctx context.Context, t *Tally) error {
	switch {
	case !sha256Hex.MatchString(t.SHA256), !rootHex.MatchString(t.Root):
		return fmt.Errorf("create tally: %w: sha256 and root must be lowercase hex", ErrInvalid)
	case t.Rule == "" || len(t.Input) == 0 || t.Result == "" || t.Selected < 0:
		return fmt.Errorf("create tally: %w: rule, input and result are required", ErrInvalid)
	}
	row := tallyRow{SHA256: t.SHA256, Rule: t.Rule, Input: t.Input, Result: t.Result, Root: t.Root,
		Selected: t.Selected, OpID: t.OpID, CreatedBy: t.CreatedBy, CreatedAt: now()}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create tally of %s: %w", t.SHA256, translate(err))
	}
	*t = row.tally()
	return nil
}

// Tally loads tally id, input included. ErrNotFound when there is none.
func (r Repo) Tally(ctx context.Context, id int64) (Tally, error) {
	var row tallyRow
	err := r.with(ctx).Where("id = ?", id).Take(&row).Error
	if err != nil {
		return Tally{}, fmt.Errorf("load tally %d: %w", id, translate(err))
	}
	return row.tally(), nil
}

// TallyBySHA256 loads the tally of an input under a rule. ErrNotFound when there is none.
func (r Repo) TallyBySHA256(ctx context.Context, sha, rule string) (Tally, error) {
	var row tallyRow
	err := r.with(ctx).Where("sha256 = ? AND rule = ?", sha, rule).Take(&row).Error
	if err != nil {
		return Tally{}, fmt.Errorf("load tally of %s: %w", sha, translate(err))
	}
	return row.tally(), nil
}

// Tallies lists the tallies, newest first, without their inputs; limit caps the count.
func (r Repo) Tallies(ctx context.Context, limit int) ([]Tally, error) {
	if limit <= 0 {
		return nil, errors.New("list tallies: limit must be positive")
	}
	var rows []tallyRow
	err := r.with(ctx).Omit("input").Order("id DESC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list tallies: %w", translate(err))
	}
	out := make([]Tally, len(rows))
	for i, row := range rows {
		out[i] = row.tally()
	}
	return out, nil
}

func (row tallyRow) tally() Tally { return Tally(row) }
