package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// OpStatus is where a chain operation is in the outbox.
type OpStatus string

// Operation statuses: pending → sent (signed with a nonce, broadcast) → mined; sent or mined
// → sent again to re-broadcast (after a reorg); pending or sent → failed.
const (
	OpPending OpStatus = "pending"
	OpSent    OpStatus = "sent"
	OpMined   OpStatus = "mined"
	OpFailed  OpStatus = "failed"
)

func (s OpStatus) valid() bool {
	return slices.Contains([]OpStatus{OpPending, OpSent, OpMined, OpFailed}, s)
}

// Op is a chain operation in the outbox: recorded in the same transaction as the business
// change that needs it, then signed, sent and confirmed by the one submitter.
type Op struct {
	ID          int64
	Kind        string          // what to send, for example "round.deploy"
	RoundID     *int64          // the round it belongs to, if any
	Payload     json.RawMessage // the operation's arguments
	Status      OpStatus
	Nonce       *int64 // set when signed
	TxHash      string // set when signed; lowercase 0x hex
	RawTx       []byte // the signed transaction, kept to re-broadcast
	BlockNumber *int64 // set when mined
	Error       string // why it failed
	Attempts    int    // how many times it was signed or re-broadcast
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

type opRow struct {
	ID          int64 `gorm:"primaryKey"`
	Kind        string
	RoundID     *int64
	Payload     string
	Status      string
	Nonce       *int64
	TxHash      *string
	RawTx       []byte
	BlockNumber *int64
	Error       string
	Attempts    int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (opRow) TableName() string { return "operations" }

func (row opRow) op() Op {
	return Op{
		ID: row.ID, Kind: row.Kind, RoundID: row.RoundID, Payload: json.RawMessage(row.Payload),
		Status: OpStatus(row.Status), Nonce: row.Nonce, TxHash: deref(row.TxHash), RawTx: row.RawTx,
		BlockNumber: row.BlockNumber, Error: row.Error, Attempts: row.Attempts,
		CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
	}
}

func opsOf(rows []opRow) []Op {
	out := make([]Op, len(rows))
	for i, row := range rows {
		out[i] = row.op()
	}
	return out
}

// EnqueueOp records a pending operation and sets its ID, Status, Attempts and timestamps;
// only Kind, RoundID and Payload (valid JSON; empty means {}) are taken from op.
func (r Repo) EnqueueOp(ctx context.Context, op *Op) error {
	if len(op.Payload) == 0 {
		op.Payload = json.RawMessage("{}")
	}
	if op.Kind == "" || !json.Valid(op.Payload) {
		return fmt.Errorf("enqueue op: %w: kind is required and payload must be JSON", ErrInvalid)
	}
	t := now()
	row := opRow{Kind: op.Kind, RoundID: op.RoundID, Payload: string(op.Payload), Status: string(OpPending), CreatedAt: t, UpdatedAt: t}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("enqueue op %s: %w", op.Kind, translate(err))
	}
	*op = row.op()
	return nil
}

// Op returns the operation with the given ID, or ErrNotFound.
func (r Repo) Op(ctx context.Context, id int64) (Op, error) {
	var row opRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return Op{}, fmt.Errorf("load op %d: %w", id, translate(err))
	}
	return row.op(), nil
}

// OpsByID returns the operations with the given IDs (at most 1000), by ID; an ID with no
// operation is left out.
func (r Repo) OpsByID(ctx context.Context, ids []int64) (map[int64]Op, error) {
	if len(ids) > maxList {
		return nil, fmt.Errorf("load ops: %w: %d ids, at most %d", ErrInvalid, len(ids), maxList)
	}
	out := make(map[int64]Op, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []opRow
	if err := r.with(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load ops: %w", translate(err))
	}
	for _, row := range rows {
		out[row.ID] = row.op()
	}
	return out, nil
}

// PendingOps returns up to limit (at most 1000) pending operations, oldest first.
func (r Repo) PendingOps(ctx context.Context, limit int) ([]Op, error) {
	if limit < 1 {
		return nil, fmt.Errorf("list pending ops: %w: limit %d", ErrInvalid, limit)
	}
	var rows []opRow
	err := r.with(ctx).Where("status = ?", string(OpPending)).Order("id").Limit(min(limit, maxList)).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list pending ops: %w", translate(err))
	}
	return opsOf(rows), nil
}

// SignedOpsFromNonce returns the signed operations (sent, mined, or failed after signing) with
// nonce >= nonce, by nonce: what to re-broadcast when the chain lost blocks, so that no nonce
// is left unused.
func (r Repo) SignedOpsFromNonce(ctx context.Context, nonce int64) ([]Op, error) {
	var rows []opRow
	err := r.with(ctx).Where("nonce >= ? AND status IN ?", nonce, []string{string(OpSent), string(OpMined), string(OpFailed)}).
		Order("nonce").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list ops from nonce %d: %w", nonce, translate(err))
	}
	return opsOf(rows), nil
}

// SentOps returns the operations waiting to be mined, by nonce.
func (r Repo) SentOps(ctx context.Context) ([]Op, error) {
	var rows []opRow
	if err := r.with(ctx).Where("status = ?", string(OpSent)).Order("nonce").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list sent ops: %w", translate(err))
	}
	return opsOf(rows), nil
}

// MarkOpSigned records that pending operation id was signed with nonce as transaction txHash
// (raw is the signed transaction) and moves it to sent. ErrConflict when the operation is not
// pending or the nonce is taken by another operation; ErrNotFound when there is none.
func (r Repo) MarkOpSigned(ctx context.Context, id, nonce int64, txHash string, raw []byte) error {
	h, err := normTxHash(txHash)
	if err != nil {
		return fmt.Errorf("mark op %d signed: %w", id, err)
	}
	if nonce < 0 || len(raw) == 0 {
		return fmt.Errorf("mark op %d signed: %w: nonce %d, %d raw bytes", id, ErrInvalid, nonce, len(raw))
	}
	res := r.with(ctx).Exec(`UPDATE operations SET status = ?, nonce = ?, tx_hash = ?, raw_tx = ?,
		attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = ?`,
		string(OpSent), nonce, h, raw, now(), id, string(OpPending))
	return r.transition(ctx, res.Error, res.RowsAffected, id, "mark op %d signed", id)
}

// MarkOpMined records that sent operation id was mined in block (again, after a reorg, when
// already mined). ErrConflict when it is neither sent nor mined.
func (r Repo) MarkOpMined(ctx context.Context, id, block int64) error {
	res := r.with(ctx).Exec("UPDATE operations SET status = ?, block_number = ?, updated_at = ? WHERE id = ? AND status IN ?",
		string(OpMined), block, now(), id, []string{string(OpSent), string(OpMined)})
	return r.transition(ctx, res.Error, res.RowsAffected, id, "mark op %d mined", id)
}

// MarkOpSent moves a sent or mined operation back to sent, forgetting its block, to
// re-broadcast its raw transaction; it counts an attempt. ErrConflict when it is neither.
func (r Repo) MarkOpSent(ctx context.Context, id int64) error {
	res := r.with(ctx).Exec(`UPDATE operations SET status = ?, block_number = NULL, attempts = attempts + 1,
		updated_at = ? WHERE id = ? AND status IN ?`,
		string(OpSent), now(), id, []string{string(OpSent), string(OpMined)})
	return r.transition(ctx, res.Error, res.RowsAffected, id, "mark op %d sent", id)
}

// MarkOpFailed gives up on a pending or sent operation, with reason (no personal data: it is
// shown to officials). ErrConflict when it is mined or failed already.
func (r Repo) MarkOpFailed(ctx context.Context, id int64, reason string) error {
	res := r.with(ctx).Exec("UPDATE operations SET status = ?, error = ?, updated_at = ? WHERE id = ? AND status IN ?",
		string(OpFailed), reason, now(), id, []string{string(OpPending), string(OpSent)})
	return r.transition(ctx, res.Error, res.RowsAffected, id, "mark op %d failed", id)
}

// transition explains the outcome of a status change of operation id: the translated error,
// nil when a row changed, else ErrNotFound or ErrConflict (not in the required status).
func (r Repo) transition(ctx context.Context, err error, rows, id int64, what string, args ...any) error {
	if err != nil || rows > 0 {
		return affected(err, rows, what, args...)
	}
	if _, err := r.Op(ctx, id); err != nil {
		return fmt.Errorf("%s: %w", fmt.Sprintf(what, args...), err)
	}
	return fmt.Errorf("%s: %w: not in a status that allows it", fmt.Sprintf(what, args...), ErrConflict)
}

// MaxNonce returns the highest nonce ever signed; ok is false when none was.
func (r Repo) MaxNonce(ctx context.Context) (nonce int64, ok bool, err error) {
	var top *int64
	if err := r.with(ctx).Raw("SELECT MAX(nonce) FROM operations").Scan(&top).Error; err != nil {
		return 0, false, fmt.Errorf("load max nonce: %w", translate(err))
	}
	if top == nil {
		return 0, false, nil
	}
	return *top, true, nil
}

// CountOps counts operations, of one round when roundID is not nil and in the given statuses
// when any are given.
func (r Repo) CountOps(ctx context.Context, roundID *int64, statuses ...OpStatus) (int64, error) {
	q := r.with(ctx).Model(&opRow{})
	if roundID != nil {
		q = q.Where("round_id = ?", *roundID)
	}
	if len(statuses) > 0 {
		ss := make([]string, len(statuses))
		for i, s := range statuses {
			if !s.valid() {
				return 0, fmt.Errorf("count ops: %w: status %q", ErrInvalid, s)
			}
			ss[i] = string(s)
		}
		q = q.Where("status IN ?", ss)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count ops: %w", translate(err))
	}
	return n, nil
}
