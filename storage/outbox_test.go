package storage_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func enqueue(t *testing.T, db *storage.DB, roundID *int64) storage.Op {
	t.Helper()
	op := storage.Op{Kind: "round.allocate", RoundID: roundID, Payload: []byte(`{"citizen":1,"amount":5}`)}
	if err := db.EnqueueOp(t.Context(), &op); err != nil {
		t.Fatal(err)
	}
	return op
}

func TestEnqueueOp(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		op := enqueue(t, db, &rd.ID)
		if op.ID == 0 || op.Status != storage.OpPending || op.Nonce != nil || op.Attempts != 0 || op.CreatedAt.IsZero() {
			t.Errorf("enqueued op = %+v", op)
		}
		got, err := db.Op(ctx, op.ID)
		if err != nil || got.Kind != op.Kind || *got.RoundID != rd.ID || string(got.Payload) != string(op.Payload) || !got.CreatedAt.Equal(op.CreatedAt) {
			t.Errorf("Op = %+v, %v; want %+v", got, err, op)
		}
		empty := storage.Op{Kind: "anchor"}
		if err := db.EnqueueOp(ctx, &empty); err != nil || string(empty.Payload) != "{}" || empty.RoundID != nil {
			t.Errorf("op without payload = %+v, %v", empty, err)
		}
		for _, bad := range []storage.Op{{Kind: "", Payload: []byte(`{}`)}, {Kind: "x", Payload: []byte(`{`)}} {
			if err := db.EnqueueOp(ctx, &bad); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("EnqueueOp(%+v) err = %v, want ErrInvalid", bad, err)
			}
		}
		unknownRound := int64(9999)
		if err := db.EnqueueOp(ctx, &storage.Op{Kind: "x", RoundID: &unknownRound}); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("EnqueueOp for an unknown round: err = %v, want ErrNotFound", err)
		}
		if _, err := db.Op(ctx, 9999); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Op(9999) err = %v, want ErrNotFound", err)
		}
	})
}

// The outbox life cycle: pending → sent → mined → sent (reorg) → mined; pending → failed.
func TestOpTransitions(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		op, doomed := enqueue(t, db, nil), enqueue(t, db, nil)
		hash := txHash()
		raw := []byte{0x02, 0xf8, 0x00, 0xff}
		steps := []struct {
			name    string
			do      func() error
			wantErr error
			status  storage.OpStatus
		}{
			{"mined before signed", func() error { return db.MarkOpMined(ctx, op.ID, 5) }, storage.ErrConflict, storage.OpPending},
			{"re-broadcast before signed", func() error { return db.MarkOpSent(ctx, op.ID) }, storage.ErrConflict, storage.OpPending},
			{"bad hash", func() error { return db.MarkOpSigned(ctx, op.ID, 0, "0x12", raw) }, storage.ErrInvalid, storage.OpPending},
			{"no raw tx", func() error { return db.MarkOpSigned(ctx, op.ID, 0, hash, nil) }, storage.ErrInvalid, storage.OpPending},
			{"signed", func() error { return db.MarkOpSigned(ctx, op.ID, 0, "0X"+strings.ToUpper(hash[2:]), raw) }, nil, storage.OpSent},
			{"signed twice", func() error { return db.MarkOpSigned(ctx, op.ID, 1, txHash(), raw) }, storage.ErrConflict, storage.OpSent},
			{"mined", func() error { return db.MarkOpMined(ctx, op.ID, 7) }, nil, storage.OpMined},
			{"reorged out", func() error { return db.MarkOpSent(ctx, op.ID) }, nil, storage.OpSent},
			{"mined again", func() error { return db.MarkOpMined(ctx, op.ID, 8) }, nil, storage.OpMined},
			{"failed after mined", func() error { return db.MarkOpFailed(ctx, op.ID, "x") }, storage.ErrConflict, storage.OpMined},
			{"unknown op", func() error { return db.MarkOpSigned(ctx, 9999, 5, txHash(), raw) }, storage.ErrNotFound, storage.OpMined},
		}
		for _, s := range steps {
			if err := s.do(); !errors.Is(err, s.wantErr) {
				t.Errorf("%s: err = %v, want %v", s.name, err, s.wantErr)
			}
			if got, _ := db.Op(ctx, op.ID); got.Status != s.status {
				t.Errorf("%s: status %q, want %q", s.name, got.Status, s.status)
			}
		}
		got, err := db.Op(ctx, op.ID)
		if err != nil || *got.Nonce != 0 || got.TxHash != hash || !bytes.Equal(got.RawTx, raw) || *got.BlockNumber != 8 || got.Attempts != 2 {
			t.Errorf("op after its life = %+v, %v", got, err)
		}
		if err := db.MarkOpFailed(ctx, doomed.ID, "reverted: DeadlinePassed()"); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkOpFailed(ctx, doomed.ID, "again"); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("failing a failed op: err = %v, want ErrConflict", err)
		}
		if got, _ := db.Op(ctx, doomed.ID); got.Status != storage.OpFailed || got.Error != "reverted: DeadlinePassed()" {
			t.Errorf("failed op = %+v", got)
		}
	})
}

// One nonce signs one operation; an operation is signed once, whoever races for it.
func TestOpNonceUnique(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		a, b := enqueue(t, db, nil), enqueue(t, db, nil)
		if err := db.MarkOpSigned(ctx, a.ID, 3, txHash(), []byte{1}); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkOpSigned(ctx, b.ID, 3, txHash(), []byte{1}); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("second op with nonce 3: err = %v, want ErrConflict", err)
		}
		if got, _ := db.Op(ctx, b.ID); got.Status != storage.OpPending || got.Nonce != nil {
			t.Errorf("op refused a nonce = %+v, want pending without nonce", got)
		}
		t.Run("racing signers of one op", func(t *testing.T) {
			op := enqueue(t, db, nil)
			ok := hammer(t, 8, 1, storage.ErrConflict, func(w, _ int) error {
				return db.MarkOpSigned(ctx, op.ID, int64(100+w), txHash(), []byte{1})
			})
			if ok != 1 {
				t.Errorf("%d signers succeeded, want 1", ok)
			}
		})
		t.Run("racing ops for one nonce", func(t *testing.T) {
			ops := make([]storage.Op, 8)
			for i := range ops {
				ops[i] = enqueue(t, db, nil)
			}
			ok := hammer(t, len(ops), 1, storage.ErrConflict, func(w, _ int) error {
				return db.MarkOpSigned(ctx, ops[w].ID, 200, txHash(), []byte{1})
			})
			if ok != 1 {
				t.Errorf("%d ops got nonce 200, want 1", ok)
			}
		})
	})
}

func TestOpQueries(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		if n, ok, err := db.MaxNonce(ctx); err != nil || ok || n != 0 {
			t.Errorf("MaxNonce of an empty outbox = %d, %v, %v", n, ok, err)
		}
		rd := newRound(t, db)
		ops := make([]storage.Op, 6)
		for i := range ops {
			ops[i] = enqueue(t, db, &rd.ID)
		}
		enqueue(t, db, nil)
		// Signed out of ID order: ops[2] gets nonce 0, ops[0] nonce 1, ops[1] nonce 2, ops[3] nonce 3.
		for nonce, i := range []int{2, 0, 1, 3} {
			if err := db.MarkOpSigned(ctx, ops[i].ID, int64(nonce), txHash(), []byte{byte(nonce)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.MarkOpMined(ctx, ops[0].ID, 10); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkOpFailed(ctx, ops[3].ID, "dropped"); err != nil {
			t.Fatal(err)
		}
		ids := func(list []storage.Op, err error) []int64 {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			out := []int64{}
			for _, op := range list {
				out = append(out, op.ID)
			}
			return out
		}
		idsOf := func(idx ...int) []int64 {
			out := []int64{}
			for _, i := range idx {
				out = append(out, ops[i].ID)
			}
			return out
		}
		tests := []struct {
			name string
			got  []int64
			want []int64
		}{
			{"PendingOps(10)", ids(db.PendingOps(ctx, 10)), append(idsOf(4, 5), ops[5].ID+1)},
			{"PendingOps(1)", ids(db.PendingOps(ctx, 1)), idsOf(4)},
			{"SentOps", ids(db.SentOps(ctx)), idsOf(2, 1)},
			// Failed ops with a nonce are listed too: their nonce must be used again if lost.
			{"SignedOpsFromNonce(0)", ids(db.SignedOpsFromNonce(ctx, 0)), idsOf(2, 0, 1, 3)},
			{"SignedOpsFromNonce(1)", ids(db.SignedOpsFromNonce(ctx, 1)), idsOf(0, 1, 3)},
			{"SignedOpsFromNonce(3)", ids(db.SignedOpsFromNonce(ctx, 3)), idsOf(3)},
			{"SignedOpsFromNonce(4)", ids(db.SignedOpsFromNonce(ctx, 4)), idsOf()},
		}
		for _, tt := range tests {
			if !slices.Equal(tt.got, tt.want) {
				t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
			}
		}
		if _, err := db.PendingOps(ctx, 0); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("PendingOps(0) err = %v, want ErrInvalid", err)
		}
		if n, ok, err := db.MaxNonce(ctx); err != nil || !ok || n != 3 {
			t.Errorf("MaxNonce = %d, %v, %v; want 3 (a failed op keeps its nonce)", n, ok, err)
		}
		counts := []struct {
			round    *int64
			statuses []storage.OpStatus
			want     int64
		}{
			{nil, nil, 7},
			{&rd.ID, nil, 6},
			{&rd.ID, []storage.OpStatus{storage.OpPending}, 2},
			{nil, []storage.OpStatus{storage.OpPending}, 3},
			{&rd.ID, []storage.OpStatus{storage.OpSent, storage.OpMined}, 3},
			{&rd.ID, []storage.OpStatus{storage.OpFailed}, 1},
		}
		for _, c := range counts {
			if n, err := db.CountOps(ctx, c.round, c.statuses...); err != nil || n != c.want {
				t.Errorf("CountOps(%v, %v) = %d, %v; want %d", c.round, c.statuses, n, err, c.want)
			}
		}
		if _, err := db.CountOps(ctx, nil, "lost"); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("CountOps with an unknown status: err = %v, want ErrInvalid", err)
		}
	})
}

// TestOpsByID loads several operations in one query; unknown IDs are left out, none gives an
// empty map, and more than 1000 IDs are refused.
func TestOpsByID(t *testing.T) {
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		var ids []int64
		for _, kind := range []string{"a", "b", "c"} {
			op := storage.Op{Kind: kind, Payload: []byte(`{}`)}
			if err := db.EnqueueOp(ctx, &op); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, op.ID)
		}
		got, err := db.OpsByID(ctx, []int64{ids[0], ids[2], 999_999})
		if err != nil || len(got) != 2 || got[ids[0]].Kind != "a" || got[ids[2]].Kind != "c" {
			t.Fatalf("OpsByID = %+v, %v; want ops a and c", got, err)
		}
		if got, err := db.OpsByID(ctx, nil); err != nil || len(got) != 0 {
			t.Fatalf("OpsByID(nil) = %+v, %v", got, err)
		}
		if _, err := db.OpsByID(ctx, make([]int64, 1001)); !errors.Is(err, storage.ErrInvalid) {
			t.Fatalf("OpsByID of 1001 ids: %v, want ErrInvalid", err)
		}
	})
}
