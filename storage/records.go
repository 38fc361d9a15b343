package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// RecordStatus is where a signed record is on its way to the chain.
type RecordStatus string

// Record statuses: pending (its relay operation is not signed yet) → sent (signed) → applied
// (mined); pending or sent → failed (its relay failed, or an earlier record of the citizen
// did, and the database change was undone).
const (
	RecordPending RecordStatus = "pending"
	RecordSent    RecordStatus = "sent"
	RecordApplied RecordStatus = "applied"
	RecordFailed  RecordStatus = "failed"
)

func (s RecordStatus) valid() bool {
	return slices.Contains([]RecordStatus{RecordPending, RecordSent, RecordApplied, RecordFailed}, s)
}

// SignedRecord is one EIP-712 record the node signed for a citizen of a BudgetRoundV2 round
// (migration 8): kind 0 claim+allocate (with index and quota, nonce 0), 1 allocate, 2 withdraw
// (with the nonce); initiative is the on-chain id; r and vs the ERC-2098 signature. OpID is
// the relay operation that carries it.
type SignedRecord struct {
	ID         int64
	RoundID    int64
	CitizenID  int64
	Kind       int
	Index      int64
	Quota      int64
	Nonce      int64
	Initiative int
	Amount     int64
	Deadline   int64
	R          []byte
	VS         []byte
	Status     RecordStatus
	OpID       int64
	Address    string // read only: the citizen's address
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

type recordRow struct {
	ID               int64 `gorm:"primaryKey"`
	RoundID          int64
	CitizenID        int64
	Kind             int
	EligibilityIndex int64
	Quota            int64
	Nonce            int64
	Initiative       int
	Amount           int64
	Deadline         int64
	R                []byte
	VS               []byte `gorm:"column:vs"`
	Status           string
	OpID             int64
	Address          string `gorm:"->"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (recordRow) TableName() string { return "signed_records" }

func (row recordRow) record() SignedRecord {
	return SignedRecord{
		ID: row.ID, RoundID: row.RoundID, CitizenID: row.CitizenID, Kind: row.Kind, Index: row.EligibilityIndex,
		Quota: row.Quota, Nonce: row.Nonce, Initiative: row.Initiative, Amount: row.Amount, Deadline: row.Deadline,
		R: row.R, VS: row.VS, Status: RecordStatus(row.Status), OpID: row.OpID, Address: row.Address,
		CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
	}
}

// sigLen reports a signature of 32-byte r and vs, or none yet (both empty).
func sigLen(r, vs []byte) bool { return len(r) == len(vs) && (len(r) == 32 || len(r) == 0) }

// SetRecordSignature stores the signature of a record created before it could be signed (its
// round's address was not known yet).
func (r Repo) SetRecordSignature(ctx context.Context, id int64, sigR, sigVS []byte) error {
	if len(sigR) != 32 || len(sigVS) != 32 {
		return fmt.Errorf("set record %d signature: %w", id, ErrInvalid)
	}
	res := r.with(ctx).Exec("UPDATE signed_records SET r = ?, vs = ?, updated_at = ? WHERE id = ?", sigR, sigVS, now(), id)
	return affected(res.Error, res.RowsAffected, "set record %d signature", id)
}

// CreateRecord inserts a signed record (status pending) and sets its ID and timestamps; r and
// vs may both be empty for a record signed later (SetRecordSignature).
// ErrConflict when the citizen has a live record with that nonce; ErrNotFound without a quota
// or operation.
func (r Repo) CreateRecord(ctx context.Context, rec *SignedRecord) error {
	if rec.Kind < 0 || rec.Kind > 2 || rec.Amount <= 0 || !sigLen(rec.R, rec.VS) {
		return fmt.Errorf("create record: %w: kind %d, amount %d", ErrInvalid, rec.Kind, rec.Amount)
	}
	t := now()
	if len(rec.R) == 0 { // not signed yet: empty, not NULL
		rec.R, rec.VS = []byte{}, []byte{}
	}
	row := recordRow{
		RoundID: rec.RoundID, CitizenID: rec.CitizenID, Kind: rec.Kind, EligibilityIndex: rec.Index, Quota: rec.Quota,
		Nonce: rec.Nonce, Initiative: rec.Initiative, Amount: rec.Amount, Deadline: rec.Deadline, R: rec.R, VS: rec.VS,
		Status: string(RecordPending), OpID: rec.OpID, CreatedAt: t, UpdatedAt: t,
	}
	if err := r.with(ctx).Omit("Address").Create(&row).Error; err != nil {
		return fmt.Errorf("create record: %w", translate(err))
	}
	rec.ID, rec.Status, rec.CreatedAt, rec.UpdatedAt = row.ID, RecordPending, t, t
	return nil
}

// recordsQuery selects records with their citizens' addresses.
func (r Repo) recordsQuery(ctx context.Context) *gorm.DB {
	return r.with(ctx).Table("signed_records").Select("signed_records.*, citizens.address").
		Joins("JOIN citizens ON citizens.id = signed_records.citizen_id")
}

// OpRecords lists the records an operation carries: claims by eligibility index, then the
// rest in the order they were signed.
func (r Repo) OpRecords(ctx context.Context, opID int64) ([]SignedRecord, error) {
	var rows []recordRow
	err := r.recordsQuery(ctx).Where("signed_records.op_id = ?", opID).
		Order("CASE WHEN signed_records.kind = 0 THEN 0 ELSE 1 END, signed_records.eligibility_index, signed_records.id").
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list records of op %d: %w", opID, translate(err))
	}
	return recordsOf(rows), nil
}

// CitizenRecords lists a citizen's records in a round in the given statuses, by nonce.
func (r Repo) CitizenRecords(ctx context.Context, roundID, citizenID int64, statuses ...RecordStatus) ([]SignedRecord, error) {
	ss := make([]string, len(statuses))
	for i, s := range statuses {
		if !s.valid() {
			return nil, fmt.Errorf("list records: %w: status %q", ErrInvalid, s)
		}
		ss[i] = string(s)
	}
	var rows []recordRow
	err := r.recordsQuery(ctx).Where("signed_records.round_id = ? AND signed_records.citizen_id = ? AND signed_records.status IN ?", roundID, citizenID, ss).
		Order("signed_records.nonce, signed_records.id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list records of citizen %d in round %d: %w", citizenID, roundID, translate(err))
	}
	return recordsOf(rows), nil
}

// CountOpRecords counts the live records an operation carries: claims and the others.
func (r Repo) CountOpRecords(ctx context.Context, opID int64) (claims, others int64, err error) {
	var rows []struct {
		Claim bool
		N     int64
	}
	err = r.with(ctx).Raw(`SELECT kind = 0 AS claim, COUNT(*) AS n FROM signed_records
		WHERE op_id = ? AND status <> ? GROUP BY kind = 0`, opID, string(RecordFailed)).Scan(&rows).Error
	if err != nil {
		return 0, 0, fmt.Errorf("count records of op %d: %w", opID, translate(err))
	}
	for _, row := range rows {
		if row.Claim {
			claims = row.N
		} else {
			others = row.N
		}
	}
	return claims, others, nil
}

// SetRecordStatus moves record id to status; from, when given, lists the statuses it may
// leave (ErrConflict otherwise).
func (r Repo) SetRecordStatus(ctx context.Context, id int64, status RecordStatus, from ...RecordStatus) error {
	if !status.valid() {
		return fmt.Errorf("set record %d status: %w: %q", id, ErrInvalid, status)
	}
	q := r.with(ctx).Table("signed_records").Where("id = ?", id)
	if len(from) > 0 {
		ss := make([]string, len(from))
		for i, s := range from {
			ss[i] = string(s)
		}
		q = q.Where("status IN ?", ss)
	}
	res := q.Updates(map[string]any{"status": string(status), "updated_at": now()})
	if res.Error == nil && res.RowsAffected == 0 {
		return fmt.Errorf("set record %d status %s: %w", id, status, ErrConflict)
	}
	return affected(res.Error, res.RowsAffected, "set record %d status", id)
}

// SetOpRecordsStatus moves every record of an operation that is in one of from to status and
// returns how many moved.
func (r Repo) SetOpRecordsStatus(ctx context.Context, opID int64, status RecordStatus, from ...RecordStatus) (int64, error) {
	if !status.valid() {
		return 0, fmt.Errorf("set records of op %d: %w: %q", opID, ErrInvalid, status)
	}
	ss := make([]string, len(from))
	for i, s := range from {
		ss[i] = string(s)
	}
	res := r.with(ctx).Table("signed_records").Where("op_id = ? AND status IN ?", opID, ss).
		Updates(map[string]any{"status": string(status), "updated_at": now()})
	if res.Error != nil {
		return 0, fmt.Errorf("set records of op %d %s: %w", opID, status, translate(res.Error))
	}
	return res.RowsAffected, nil
}

// LatestPendingOp returns the newest pending operation of a kind in a round, or ErrNotFound.
func (r Repo) LatestPendingOp(ctx context.Context, roundID int64, kind string) (Op, error) {
	return r.pendingOp(ctx, roundID, kind, 0, "id DESC")
}

// OldestPendingOpAfter returns the oldest pending operation of a kind in a round whose id is
// greater than after, or ErrNotFound.
func (r Repo) OldestPendingOpAfter(ctx context.Context, roundID int64, kind string, after int64) (Op, error) {
	return r.pendingOp(ctx, roundID, kind, after, "id")
}

func (r Repo) pendingOp(ctx context.Context, roundID int64, kind string, after int64, order string) (Op, error) {
	var row opRow
	err := r.with(ctx).Where("round_id = ? AND kind = ? AND status = ? AND id > ? AND payload <> ?", roundID, kind, string(OpPending), after, closedPayload).
		Order(order).Take(&row).Error
	if err != nil {
		return Op{}, fmt.Errorf("load pending %s of round %d: %w", kind, roundID, translate(err))
	}
	return row.op(), nil
}

// LastOpID returns the id of the newest operation of a kind in a round, whatever its status;
// 0 when there is none.
func (r Repo) LastOpID(ctx context.Context, roundID int64, kind string) (int64, error) {
	var top *int64
	err := r.with(ctx).Raw("SELECT MAX(id) FROM operations WHERE round_id = ? AND kind = ?", roundID, kind).Scan(&top).Error
	if err != nil {
		return 0, fmt.Errorf("load last %s of round %d: %w", kind, roundID, translate(err))
	}
	if top == nil {
		return 0, nil
	}
	return *top, nil
}

// closedPayload is the payload of an operation that takes no more records (CloseOp).
const closedPayload = `{"closed":true}`

// HoldPendingOp locks pending operation id for the transaction (a guarded no-op UPDATE) and
// reports whether it still takes records: pending and not closed. A record joins an operation
// only before the worker closes it to build its call.
func (r Repo) HoldPendingOp(ctx context.Context, id int64) (bool, error) {
	res := r.with(ctx).Exec("UPDATE operations SET updated_at = ? WHERE id = ? AND status = ? AND payload <> ?",
		now(), id, string(OpPending), closedPayload)
	if res.Error != nil {
		return false, fmt.Errorf("hold op %d: %w", id, translate(res.Error))
	}
	return res.RowsAffected > 0, nil
}

// CloseOp makes pending operation id take no more records (its payload becomes
// {"closed":true}); it waits for the transactions holding it (HoldPendingOp) to end, so the
// records read after it are all the operation will carry. Closing a closed operation is a
// no-op; ErrConflict when it is not pending.
func (r Repo) CloseOp(ctx context.Context, id int64) error {
	res := r.with(ctx).Exec("UPDATE operations SET payload = ?, updated_at = ? WHERE id = ? AND status = ?",
		closedPayload, now(), id, string(OpPending))
	return r.transition(ctx, res.Error, res.RowsAffected, id, "close op %d", id)
}

func recordsOf(rows []recordRow) []SignedRecord {
	out := make([]SignedRecord, len(rows))
	for i, row := range rows {
		out[i] = row.record()
	}
	return out
}
