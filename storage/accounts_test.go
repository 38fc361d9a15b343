package storage_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// docs/CONTRACTS-V2.md: a citizen's eligibility index is permanent and unique in the
// round; indices are handed out append-only and the leaves come back in index order.
func TestEligibleIndices(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		if n, err := db.NextEligibilityIndex(ctx, rd.ID); err != nil || n != 0 {
			t.Fatalf("NextEligibilityIndex of an empty round = %d, %v; want 0", n, err)
		}
		c0, c1, c2 := newCitizen(t, db), newCitizen(t, db), newCitizen(t, db)
		if err := db.CreateEligible(ctx, []storage.Eligible{{RoundID: rd.ID, CitizenID: c1.ID, Index: 1, Amount: 20}, {RoundID: rd.ID, CitizenID: c0.ID, Index: 0, Amount: 10}}); err != nil {
			t.Fatal(err)
		}
		if n, err := db.NextEligibilityIndex(ctx, rd.ID); err != nil || n != 2 {
			t.Fatalf("NextEligibilityIndex = %d, %v; want 2", n, err)
		}
		tests := []struct {
			name    string
			batch   []storage.Eligible
			wantErr error
		}{
			{"index taken", []storage.Eligible{{RoundID: rd.ID, CitizenID: c2.ID, Index: 1, Amount: 5}}, storage.ErrConflict},
			{"citizen listed", []storage.Eligible{{RoundID: rd.ID, CitizenID: c0.ID, Index: 5, Amount: 5}}, storage.ErrConflict},
			{"negative index", []storage.Eligible{{RoundID: rd.ID, CitizenID: c2.ID, Index: -1, Amount: 5}}, storage.ErrInvalid},
			{"zero amount", []storage.Eligible{{RoundID: rd.ID, CitizenID: c2.ID, Index: 2}}, storage.ErrInvalid},
			{"second of batch fails", []storage.Eligible{{RoundID: rd.ID, CitizenID: c2.ID, Index: 2, Amount: 5}, {RoundID: rd.ID, CitizenID: c0.ID, Index: 3, Amount: 5}}, storage.ErrConflict},
		}
		for _, tt := range tests {
			if err := db.CreateEligible(ctx, tt.batch); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateEligible err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		if _, err := db.Quota(ctx, rd.ID, c2.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("a failed batch wrote citizen %d's quota (err %v)", c2.ID, err)
		}
		leaves, err := db.EligibleLeaves(ctx, rd.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		want := []storage.Eligible{{RoundID: rd.ID, CitizenID: c0.ID, Index: 0, Amount: 10, Address: c0.Address}, {RoundID: rd.ID, CitizenID: c1.ID, Index: 1, Amount: 20, Address: c1.Address}}
		if len(leaves) != 2 || leaves[0] != want[0] || leaves[1] != want[1] {
			t.Errorf("EligibleLeaves = %+v, want %+v", leaves, want)
		}
		if leaves, err := db.EligibleLeaves(ctx, rd.ID, 1); err != nil || len(leaves) != 1 {
			t.Errorf("EligibleLeaves below 1 = %+v, %v; want index 0 only", leaves, err)
		}
		if leaves, err := db.EligibleLeavesRange(ctx, rd.ID, 1, 10); err != nil || len(leaves) != 1 || leaves[0] != want[1] {
			t.Errorf("EligibleLeavesRange [1, 10) = %+v, %v; want index 1 only", leaves, err)
		}
		if err := db.SetEligibilityLeaves(ctx, rd.ID, 2); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Round(ctx, rd.ID); got.EligibilityLeaves != 2 {
			t.Errorf("EligibilityLeaves = %d, want 2", got.EligibilityLeaves)
		}
		// A v1 quota has no index: it is no v2 account.
		v1 := newQuota(t, db, rd.ID, 7)
		if _, err := db.Account(ctx, rd.ID, v1); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("Account of a v1 quota err = %v, want ErrInvalid", err)
		}
	})
}

// The account the node tracks: nonces taken in order, the claim batch, materialization.
func TestAccountState(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		c := newCitizen(t, db)
		if err := db.CreateEligible(ctx, []storage.Eligible{{RoundID: rd.ID, CitizenID: c.ID, Index: 0, Amount: 100}}); err != nil {
			t.Fatal(err)
		}
		for want := int64(0); want < 3; want++ {
			if n, err := db.TakeNonce(ctx, rd.ID, c.ID); err != nil || n != want {
				t.Fatalf("TakeNonce = %d, %v; want %d", n, err, want)
			}
		}
		if err := db.SetNextNonce(ctx, rd.ID, c.ID, 1); err != nil {
			t.Fatal(err)
		}
		batch := int64(4)
		op := storage.Op{Kind: "test.materialize", RoundID: &rd.ID}
		if err := db.EnqueueOp(ctx, &op); err != nil {
			t.Fatal(err)
		}
		for _, f := range []func() error{
			func() error { return db.SetClaimBatch(ctx, rd.ID, c.ID, &batch) },
			func() error { return db.SetMaterializeOp(ctx, rd.ID, c.ID, &op.ID) },
			func() error { return db.SetMaterialized(ctx, rd.ID, c.ID) },
		} {
			if err := f(); err != nil {
				t.Fatal(err)
			}
		}
		a, err := db.Account(ctx, rd.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.NextNonce != 1 || a.ClaimBatch == nil || *a.ClaimBatch != 4 || a.MaterializeOp == nil || *a.MaterializeOp != op.ID || !a.Materialized || a.Address != c.Address {
			t.Errorf("Account = %+v", a)
		}
		if total, err := db.ClaimedTotal(ctx, rd.ID); err != nil || total != 100 {
			t.Errorf("ClaimedTotal = %d, %v; want 100", total, err)
		}
		if _, err := db.TakeNonce(ctx, rd.ID, 9999); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("TakeNonce of no account err = %v, want ErrNotFound", err)
		}
	})
}

// Signed records: a live nonce is unique per citizen, records of an operation come back claims
// first by index, and statuses move as the relay goes.
func TestSignedRecords(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		a, b := newCitizen(t, db), newCitizen(t, db)
		if err := db.CreateEligible(ctx, []storage.Eligible{{RoundID: rd.ID, CitizenID: a.ID, Index: 0, Amount: 100}, {RoundID: rd.ID, CitizenID: b.ID, Index: 1, Amount: 100}}); err != nil {
			t.Fatal(err)
		}
		op := storage.Op{Kind: "test.relay", RoundID: &rd.ID}
		if err := db.EnqueueOp(ctx, &op); err != nil {
			t.Fatal(err)
		}
		sig := bytes.Repeat([]byte{1}, 32)
		mk := func(c storage.Citizen, kind int, index, nonce int64) storage.SignedRecord {
			return storage.SignedRecord{RoundID: rd.ID, CitizenID: c.ID, Kind: kind, Index: index, Quota: 100 * int64(1-min(kind, 1)),
				Nonce: nonce, Initiative: 1, Amount: 10, Deadline: 1 << 32, R: sig, VS: sig, OpID: op.ID}
		}
		recs := []storage.SignedRecord{mk(a, 1, 0, 1), mk(b, 0, 1, 0), mk(a, 0, 0, 0)}
		for i := range recs {
			if err := db.CreateRecord(ctx, &recs[i]); err != nil {
				t.Fatal(err)
			}
		}
		dup := mk(a, 2, 0, 1)
		if err := db.CreateRecord(ctx, &dup); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("a second live record with nonce 1: err = %v, want ErrConflict", err)
		}
		bad := mk(a, 0, 0, 3) // a claim with a nonce
		if err := db.CreateRecord(ctx, &bad); err == nil {
			t.Error("a claim with nonce 3 was stored")
		}
		got, err := db.OpRecords(ctx, op.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].ID != recs[2].ID || got[1].ID != recs[1].ID || got[2].ID != recs[0].ID || got[0].Address != a.Address || !bytes.Equal(got[0].R, sig) {
			t.Errorf("OpRecords order = %+v", got)
		}
		if claims, others, err := db.CountOpRecords(ctx, op.ID); err != nil || claims != 2 || others != 1 {
			t.Errorf("CountOpRecords = %d, %d, %v; want 2, 1", claims, others, err)
		}
		if n, err := db.SetOpRecordsStatus(ctx, op.ID, storage.RecordSent, storage.RecordPending); err != nil || n != 3 {
			t.Errorf("SetOpRecordsStatus = %d, %v; want 3", n, err)
		}
		if err := db.SetRecordStatus(ctx, recs[0].ID, storage.RecordFailed, storage.RecordPending); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("SetRecordStatus from pending of a sent record: err = %v, want ErrConflict", err)
		}
		if err := db.SetRecordStatus(ctx, recs[0].ID, storage.RecordFailed, storage.RecordSent); err != nil {
			t.Fatal(err)
		}
		if again := mk(a, 2, 0, 1); db.CreateRecord(ctx, &again) != nil {
			t.Error("nonce 1 of a failed record could not be signed again")
		}
		live, err := db.CitizenRecords(ctx, rd.ID, a.ID, storage.RecordPending, storage.RecordSent)
		if err != nil || len(live) != 2 || live[0].Nonce != 0 || live[1].Nonce != 1 || live[1].Kind != 2 {
			t.Errorf("CitizenRecords = %+v, %v", live, err)
		}
		if claims, others, _ := db.CountOpRecords(ctx, op.ID); claims != 2 || others != 1 {
			t.Errorf("CountOpRecords after a failure = %d, %d; want 2, 1", claims, others)
		}
		if got, err := db.LatestPendingOp(ctx, rd.ID, "test.relay"); err != nil || got.ID != op.ID {
			t.Errorf("LatestPendingOp = %+v, %v", got, err)
		}
		if held, err := db.HoldPendingOp(ctx, op.ID); err != nil || !held {
			t.Errorf("HoldPendingOp of a pending op = %v, %v", held, err)
		}
		// A closed operation takes no more records and is no longer offered, still pending.
		closed := storage.Op{Kind: "test.relay", RoundID: &rd.ID}
		if err := db.EnqueueOp(ctx, &closed); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := db.CloseOp(ctx, closed.ID); err != nil {
				t.Fatal(err)
			}
		}
		if held, err := db.HoldPendingOp(ctx, closed.ID); err != nil || held {
			t.Errorf("HoldPendingOp of a closed op = %v, %v; want false", held, err)
		}
		if got, err := db.LatestPendingOp(ctx, rd.ID, "test.relay"); err != nil || got.ID != op.ID {
			t.Errorf("LatestPendingOp with the newest closed = %+v, %v; want op %d", got, err, op.ID)
		}
		if got, err := db.OldestPendingOpAfter(ctx, rd.ID, "test.relay", op.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("OldestPendingOpAfter op %d = %+v, %v; want ErrNotFound (the only later one is closed)", op.ID, got, err)
		}
		if id, err := db.LastOpID(ctx, rd.ID, "test.relay"); err != nil || id != closed.ID {
			t.Errorf("LastOpID = %d, %v; want %d", id, err, closed.ID)
		}
		if err := db.MarkOpSigned(ctx, op.ID, 1, txHash(), []byte{1}); err != nil {
			t.Fatal(err)
		}
		if err := db.CloseOp(ctx, op.ID); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("CloseOp of a signed op: err = %v, want ErrConflict", err)
		}
		if held, err := db.HoldPendingOp(ctx, op.ID); err != nil || held {
			t.Errorf("HoldPendingOp of a signed op = %v, %v; want false", held, err)
		}
		if _, err := db.LatestPendingOp(ctx, rd.ID, "test.relay"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("LatestPendingOp with none pending: err = %v", err)
		}
	})
}
