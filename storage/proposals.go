package storage

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Proposal is a citizen's initiative from submission to implementation. It is called a
// proposal here because Initiative is already a round's on-chain initiative (initiatives.go);
// a proposal published into a round points at one by RoundID and RoundNumber. Which statuses
// exist and how they follow each other is the initiatives area's business: storage keeps the
// CHECK constraint and guards each change by the status it expects.
type Proposal struct {
	ID               int64
	AuthorRef        int64 // users.id of the author
	Title            string
	Problem          string
	ExpectedResult   string
	Category         string
	Subcategory      string
	Territory        string
	Cost             int64 // kopecks
	Status           string
	Track            string // "" until published, then "round" or "support"
	ReviewerRef      *int64
	RejectReason     string
	RoundID          *int64
	RoundNumber      *int
	SupportDeadline  *time.Time
	SupportThreshold int
	Supporters       int
	MeasuresDue      *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

type proposalRow struct {
	ID               int64 `gorm:"primaryKey"`
	AuthorRef        int64
	Title            string
	Problem          string
	ExpectedResult   string
	Category         string
	Subcategory      string
	Territory        string
	Cost             int64
	Status           string
	Track            string
	ReviewerRef      *int64
	RejectReason     string
	RoundID          *int64
	RoundNumber      *int
	SupportDeadline  *time.Time
	SupportThreshold int
	Supporters       int
	MeasuresDue      *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (proposalRow) TableName() string { return "proposals" }

func (row proposalRow) proposal() Proposal {
	p := Proposal(row)
	p.SupportDeadline, p.MeasuresDue = utcPtr(row.SupportDeadline), utcPtr(row.MeasuresDue)
	p.CreatedAt, p.UpdatedAt = row.CreatedAt.UTC(), row.UpdatedAt.UTC()
	return p
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// CreateProposal inserts p with status p.Status and sets its ID and timestamps. ErrInvalid
// when a required field is empty or the cost is not positive; ErrNotFound when the author does
// not exist.
func (r Repo) CreateProposal(ctx context.Context, p *Proposal) error {
	if p.Title == "" || p.Problem == "" || p.ExpectedResult == "" || p.Category == "" || p.Cost <= 0 || p.Status == "" {
		return fmt.Errorf("create proposal: %w: title, problem, expected result, category, status and a positive cost are required", ErrInvalid)
	}
	t := now()
	row := proposalRow(*p)
	row.ID, row.Supporters, row.CreatedAt, row.UpdatedAt = 0, 0, t, t
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create proposal: %w", translate(err))
	}
	*p = row.proposal()
	return nil
}

// Proposal returns proposal id, or ErrNotFound.
func (r Repo) Proposal(ctx context.Context, id int64) (Proposal, error) {
	var row proposalRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return Proposal{}, fmt.Errorf("load proposal %d: %w", id, translate(err))
	}
	return row.proposal(), nil
}

// ProposalFilter selects proposals: with one of Statuses (none: any), by AuthorRef (0: any),
// after the proposal with ID After, at most Limit of them (1 to 500; 0 means 100), by ID.
type ProposalFilter struct {
	Statuses  []string
	AuthorRef int64
	After     int64
	Limit     int
}

// Proposals lists the proposals f selects, in ID order.
func (r Repo) Proposals(ctx context.Context, f ProposalFilter) ([]Proposal, error) {
	if f.Limit == 0 {
		f.Limit = 100
	}
	if f.Limit < 1 || f.Limit > 500 {
		return nil, fmt.Errorf("list proposals: %w: limit %d is not 1 to 500", ErrInvalid, f.Limit)
	}
	q := r.with(ctx).Where("id > ?", f.After)
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.AuthorRef != 0 {
		q = q.Where("author_ref = ?", f.AuthorRef)
	}
	var rows []proposalRow
	if err := q.Order("id").Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list proposals: %w", translate(err))
	}
	out := make([]Proposal, len(rows))
	for i, row := range rows {
		out[i] = row.proposal()
	}
	return out, nil
}

// ProposalChange is a change of status and of the fields set (non-nil) with it.
type ProposalChange struct {
	Status           string
	Track            *string
	ReviewerRef      *int64
	RejectReason     *string
	RoundID          *int64
	RoundNumber      *int
	SupportDeadline  *time.Time
	SupportThreshold *int
	MeasuresDue      *time.Time
	ClearRound       bool // sets track to "" and round_id and round_number to NULL
}

func (c ProposalChange) columns() map[string]any {
	m := map[string]any{"status": c.Status, "updated_at": now()}
	set := func(col string, ok bool, v func() any) {
		if ok {
			m[col] = v()
		}
	}
	set("track", c.Track != nil, func() any { return *c.Track })
	set("reviewer_ref", c.ReviewerRef != nil, func() any { return *c.ReviewerRef })
	set("reject_reason", c.RejectReason != nil, func() any { return *c.RejectReason })
	set("round_id", c.RoundID != nil, func() any { return *c.RoundID })
	set("round_number", c.RoundNumber != nil, func() any { return *c.RoundNumber })
	set("support_deadline", c.SupportDeadline != nil, func() any { return dbTime(*c.SupportDeadline) })
	set("support_threshold", c.SupportThreshold != nil, func() any { return *c.SupportThreshold })
	set("measures_due", c.MeasuresDue != nil, func() any { return dbTime(*c.MeasuresDue) })
	if c.ClearRound {
		m["track"], m["round_id"], m["round_number"] = "", gorm.Expr("NULL"), gorm.Expr("NULL")
	}
	return m
}

// ChangeProposal applies c to proposal id if its status is from, and returns the proposal as
// changed. ErrConflict when the proposal is in another status (someone changed it first);
// ErrNotFound when it does not exist or a row it refers to (reviewer, round) does not.
func (r Repo) ChangeProposal(ctx context.Context, id int64, from string, c ProposalChange) (Proposal, error) {
	var p Proposal
	err := r.atomic(ctx, func(r Repo) error {
		res := r.with(ctx).Model(&proposalRow{}).Where("id = ? AND status = ?", id, from).Updates(c.columns())
		if res.Error != nil {
			return translate(res.Error)
		}
		var err error
		if p, err = r.Proposal(ctx, id); err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("%w: proposal is %s, not %s", ErrConflict, p.Status, from)
		}
		return nil
	})
	if err != nil {
		return Proposal{}, fmt.Errorf("change proposal %d from %s to %s: %w", id, from, c.Status, err)
	}
	return p, nil
}

// AddSupport records user's support of proposal id and returns the new count, if the
// proposal's status is status. ErrConflict when the user supports it already or it is in
// another status; ErrNotFound when the proposal or the user does not exist.
func (r Repo) AddSupport(ctx context.Context, id, userRef int64, status string) (int, error) {
	var n int
	err := r.atomic(ctx, func(r Repo) error {
		res := r.with(ctx).Exec("UPDATE proposals SET supporters = supporters + 1 WHERE id = ? AND status = ?", id, status)
		if err := statusGuard(ctx, r, res, id, status); err != nil {
			return err
		}
		err := r.with(ctx).Exec("INSERT INTO proposal_supports (proposal_id, user_ref, created_at) VALUES (?, ?, ?)", id, userRef, now()).Error
		if err != nil {
			return translate(err)
		}
		return r.with(ctx).Raw("SELECT supporters FROM proposals WHERE id = ?", id).Scan(&n).Error
	})
	if err != nil {
		return 0, fmt.Errorf("add support of proposal %d by user %d: %w", id, userRef, err)
	}
	return n, nil
}

// RemoveSupport withdraws user's support of proposal id and returns the new count, if the
// proposal's status is status. ErrNotFound when the user does not support it; ErrConflict when
// it is in another status.
func (r Repo) RemoveSupport(ctx context.Context, id, userRef int64, status string) (int, error) {
	var n int
	err := r.atomic(ctx, func(r Repo) error {
		res := r.with(ctx).Exec("UPDATE proposals SET supporters = supporters - 1 WHERE id = ? AND status = ? AND supporters > 0", id, status)
		if err := statusGuard(ctx, r, res, id, status); err != nil {
			return err
		}
		res = r.with(ctx).Exec("DELETE FROM proposal_supports WHERE proposal_id = ? AND user_ref = ?", id, userRef)
		if err := affected(res.Error, res.RowsAffected, "withdraw support"); err != nil {
			return err
		}
		return r.with(ctx).Raw("SELECT supporters FROM proposals WHERE id = ?", id).Scan(&n).Error
	})
	if err != nil {
		return 0, fmt.Errorf("remove support of proposal %d by user %d: %w", id, userRef, err)
	}
	return n, nil
}

// statusGuard turns a guarded UPDATE that matched nothing into ErrNotFound or ErrConflict.
func statusGuard(ctx context.Context, r Repo, res *gorm.DB, id int64, status string) error {
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected > 0 {
		return nil
	}
	p, err := r.Proposal(ctx, id)
	if err != nil {
		return err
	}
	if p.Status != status {
		return fmt.Errorf("%w: proposal is %s, not %s", ErrConflict, p.Status, status)
	}
	return fmt.Errorf("%w: nobody supports the proposal", ErrNotFound)
}

// Supports reports whether user supports proposal id.
func (r Repo) Supports(ctx context.Context, id, userRef int64) (bool, error) {
	var n int64
	if err := r.with(ctx).Raw("SELECT COUNT(*) FROM proposal_supports WHERE proposal_id = ? AND user_ref = ?", id, userRef).Scan(&n).Error; err != nil {
		return false, fmt.Errorf("check support of proposal %d: %w", id, translate(err))
	}
	return n > 0, nil
}
