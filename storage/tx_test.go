package storage_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// fill writes one row of most tables through tx.
func fill(t *testing.T, tx *storage.Tx) {
	t.Helper()
	ctx := t.Context()
	rd := storage.Round{Name: "in tx", Symbol: "TX", Budget: 1000, Deadline: time.Now().Add(time.Hour), Treasury: addr()}
	c := storage.Citizen{Address: addr()}
	steps := []func() error{
		func() error { return tx.CreateRound(ctx, &rd) },
		func() error { return tx.CreateCitizen(ctx, &c) },
		func() error {
			return tx.CreateInitiative(ctx, &storage.Initiative{RoundID: rd.ID, Title: "park", Cost: 10})
		},
		func() error {
			return tx.CreateQuotas(ctx, []storage.Quota{{RoundID: rd.ID, CitizenID: c.ID, Amount: 100}})
		},
		func() error { return tx.EnqueueOp(ctx, &storage.Op{Kind: "round.deploy", RoundID: &rd.ID}) },
		func() error { return tx.SetSetting(ctx, "in-tx", "yes") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
}

// assertEmpty checks that nothing fill writes is visible.
func assertEmpty(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := t.Context()
	if rounds, err := db.ListRounds(ctx); err != nil || len(rounds) != 0 {
		t.Errorf("rounds after rollback = %v, %v", rounds, err)
	}
	if cs, err := db.ListCitizens(ctx, 10, 0); err != nil || len(cs) != 0 {
		t.Errorf("citizens after rollback = %v, %v", cs, err)
	}
	if n, err := db.CountOps(ctx, nil); err != nil || n != 0 {
		t.Errorf("ops after rollback = %d, %v", n, err)
	}
	if _, err := db.Setting(ctx, "in-tx"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("setting after rollback: err = %v", err)
	}
}

func TestTx(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		t.Run("error rolls back everything", func(t *testing.T) {
			boom := errors.New("boom")
			err := db.Tx(ctx, func(tx *storage.Tx) error {
				fill(t, tx)
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("Tx err = %v, want the function's error", err)
			}
			assertEmpty(t, db)
		})
		t.Run("panic rolls back everything", func(t *testing.T) {
			func() {
				defer func() {
					if recover() == nil {
						t.Error("panic did not propagate")
					}
				}()
				db.Tx(ctx, func(tx *storage.Tx) error {
					fill(t, tx)
					panic("boom")
				})
			}()
			assertEmpty(t, db)
		})
		t.Run("nil commits", func(t *testing.T) {
			if err := db.Tx(ctx, func(tx *storage.Tx) error { fill(t, tx); return nil }); err != nil {
				t.Fatal(err)
			}
			if v, err := db.Setting(ctx, "in-tx"); err != nil || v != "yes" {
				t.Errorf("Setting after commit = %q, %v", v, err)
			}
			if n, err := db.CountOps(ctx, nil, storage.OpPending); err != nil || n != 1 {
				t.Errorf("pending ops after commit = %d, %v", n, err)
			}
		})
		// CreateQuotas runs in a savepoint: its conflict writes nothing and the transaction goes on.
		t.Run("failed batch keeps the transaction usable", func(t *testing.T) {
			rd := newRound(t, db)
			old, fresh := newCitizen(t, db), newCitizen(t, db)
			err := db.Tx(ctx, func(tx *storage.Tx) error {
				if err := tx.CreateQuotas(ctx, []storage.Quota{{RoundID: rd.ID, CitizenID: old.ID, Amount: 5}}); err != nil {
					return err
				}
				err := tx.CreateQuotas(ctx, []storage.Quota{{RoundID: rd.ID, CitizenID: fresh.ID, Amount: 5}, {RoundID: rd.ID, CitizenID: old.ID, Amount: 5}})
				if !errors.Is(err, storage.ErrConflict) {
					t.Errorf("conflicting batch err = %v, want ErrConflict", err)
				}
				payload := json.RawMessage(`{"after":"conflict"}`)
				return tx.EnqueueOp(ctx, &storage.Op{Kind: "grant", Payload: payload})
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Quota(ctx, rd.ID, fresh.ID); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("quota from the failed batch: err = %v, want ErrNotFound", err)
			}
			if total, err := db.DistributedTotal(ctx, rd.ID); err != nil || total != 5 {
				t.Errorf("DistributedTotal = %d, %v; want 5", total, err)
			}
		})
	})
}
