package storage_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// Migration 9, R-1.3: a citizen who claimed directly is materialized with nonce 0, counts in
// the claimed total, and is found by address; their next record is an allocation or a
// withdrawal with nonce 0, which signed_records now takes, while a claim still needs nonce 0.
func TestClaimedDirectly(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		c, other := newCitizen(t, db), newCitizen(t, db)
		if err := db.CreateEligible(ctx, []storage.Eligible{{RoundID: rd.ID, CitizenID: c.ID, Index: 0, Amount: 100}, {RoundID: rd.ID, CitizenID: other.ID, Index: 1, Amount: 50}}); err != nil {
			t.Fatal(err)
		}
		op := storage.Op{Kind: "test.materialize", RoundID: &rd.ID}
		if err := db.EnqueueOp(ctx, &op); err != nil {
			t.Fatal(err)
		}
		if err := db.SetMaterializeOp(ctx, rd.ID, c.ID, &op.ID); err != nil {
			t.Fatal(err)
		}
		if a, err := db.Account(ctx, rd.ID, c.ID); err != nil || a.Claimed() {
			t.Fatalf("Account before the claim = %+v, %v; want unclaimed", a, err)
		}
		if err := db.SetClaimedDirectly(ctx, rd.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.LockAccount(ctx, rd.ID, c.ID); err != nil {
			t.Errorf("LockAccount: %v", err)
		}
		if err := db.LockAccount(ctx, rd.ID, 9999); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("LockAccount of no account: err = %v, want ErrNotFound", err)
		}
		a, err := db.AccountByAddress(ctx, rd.ID, "0x"+strings.ToUpper(c.Address[2:]))
		if err != nil {
			t.Fatal(err)
		}
		if a.CitizenID != c.ID || !a.ClaimedDirectly || !a.Materialized || a.MaterializeOp != nil || a.NextNonce != 0 || !a.Claimed() {
			t.Errorf("AccountByAddress = %+v; want c claimed directly, materialized, no materialize op, nonce 0", a)
		}
		if total, err := db.ClaimedTotal(ctx, rd.ID); err != nil || total != 100 {
			t.Errorf("ClaimedTotal = %d, %v; want 100 (the direct claim)", total, err)
		}
		if _, err := db.AccountByAddress(ctx, rd.ID, "0x00000000000000000000000000000000000000e9"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("AccountByAddress of an unknown address: err = %v, want ErrNotFound", err)
		}
		sig := bytes.Repeat([]byte{2}, 32)
		rec := storage.SignedRecord{RoundID: rd.ID, CitizenID: c.ID, Kind: 1, Nonce: 0, Initiative: 1, Amount: 10, Deadline: 1 << 32, R: sig, VS: sig, OpID: op.ID}
		if err := db.CreateRecord(ctx, &rec); err != nil {
			t.Errorf("an allocation with nonce 0 after a direct claim: %v", err)
		}
		claim := storage.SignedRecord{RoundID: rd.ID, CitizenID: other.ID, Kind: 0, Index: 1, Quota: 50, Nonce: 2, Initiative: 1, Amount: 10, Deadline: 1 << 32, R: sig, VS: sig, OpID: op.ID}
		if err := db.CreateRecord(ctx, &claim); err == nil {
			t.Error("a claim with nonce 2 was stored")
		}
	})
}

// The direct-call cursor only moves forward from where the mover read it: a second indexer
// holding a stale cursor gets ErrConflict, so a log is applied once.
func TestDirectCursor(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		if _, err := db.DirectCursor(ctx, rd.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("DirectCursor before any: err = %v, want ErrNotFound", err)
		}
		first := storage.DirectCursor{RoundID: rd.ID, Block: 10}
		if err := db.AdvanceDirectCursor(ctx, nil, first); err != nil {
			t.Fatal(err)
		}
		if err := db.AdvanceDirectCursor(ctx, nil, first); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("a second first cursor: err = %v, want ErrConflict", err)
		}
		next := storage.DirectCursor{RoundID: rd.ID, Block: 12, LogIndex: 3}
		tests := []struct {
			name    string
			from    storage.DirectCursor
			to      storage.DirectCursor
			wantErr error
		}{
			{"backwards", first, storage.DirectCursor{RoundID: rd.ID, Block: 9}, storage.ErrInvalid},
			{"stale from", storage.DirectCursor{RoundID: rd.ID, Block: 11}, next, storage.ErrConflict},
			{"forward", first, next, nil},
			{"again from the old place", first, storage.DirectCursor{RoundID: rd.ID, Block: 13}, storage.ErrConflict},
			{"done", next, storage.DirectCursor{RoundID: rd.ID, Block: 20, Done: true}, nil},
		}
		for _, tt := range tests {
			if err := db.AdvanceDirectCursor(ctx, &tt.from, tt.to); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		if got, err := db.DirectCursor(ctx, rd.ID); err != nil || got.Block != 20 || got.LogIndex != 0 || !got.Done {
			t.Errorf("DirectCursor = %+v, %v; want block 20, done", got, err)
		}
	})
}

// Migration 9 keeps the signed records of a database migrated to 8 (SQLite rebuilds the
// table): same rows, same ids, and new ids after them.
func TestMigrateDirectIndexKeepsRecords(t *testing.T) {
	t.Parallel()
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			ctx := t.Context()
			db, err := storage.Open(ctx, storagetest.Config(t, driver), storagetest.Logger(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = db.Close() })
			known := storage.KnownMigrations()
			if _, err := db.MigrateWith(ctx, known[:len(known)-1]); err != nil {
				t.Fatal(err)
			}
			rd, c := newRound(t, db), newCitizen(t, db)
			if err := db.CreateEligible(ctx, []storage.Eligible{{RoundID: rd.ID, CitizenID: c.ID, Index: 0, Amount: 100}}); err != nil {
				t.Fatal(err)
			}
			op := storage.Op{Kind: "test.relay", RoundID: &rd.ID}
			if err := db.EnqueueOp(ctx, &op); err != nil {
				t.Fatal(err)
			}
			sig := bytes.Repeat([]byte{3}, 32)
			old := storage.SignedRecord{RoundID: rd.ID, CitizenID: c.ID, Kind: 0, Quota: 100, Initiative: 1, Amount: 10, Deadline: 1 << 32, R: sig, VS: sig, OpID: op.ID}
			if err := db.CreateRecord(ctx, &old); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			got, err := db.OpRecords(ctx, op.ID)
			if err != nil || len(got) != 1 || got[0].ID != old.ID || got[0].Quota != 100 || !bytes.Equal(got[0].VS, sig) {
				t.Fatalf("records after migration 9 = %+v, %v; want the one of before", got, err)
			}
			next := storage.SignedRecord{RoundID: rd.ID, CitizenID: c.ID, Kind: 1, Nonce: 1, Initiative: 1, Amount: 5, Deadline: 1 << 32, R: sig, VS: sig, OpID: op.ID}
			if err := db.CreateRecord(ctx, &next); err != nil || next.ID <= old.ID {
				t.Errorf("a record after migration 9: id %d, %v; want after %d", next.ID, err, old.ID)
			}
			dup := storage.SignedRecord{RoundID: rd.ID, CitizenID: c.ID, Kind: 2, Nonce: 1, Initiative: 1, Amount: 5, Deadline: 1 << 32, R: sig, VS: sig, OpID: op.ID}
			if err := db.CreateRecord(ctx, &dup); !errors.Is(err, storage.ErrConflict) {
				t.Errorf("a second live nonce 1 after migration 9: err = %v, want ErrConflict (the index is back)", err)
			}
		})
	}
}
