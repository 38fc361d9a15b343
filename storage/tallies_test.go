package storage_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestTallies(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		sha := tokenHash()
		op := storage.Op{Kind: "tallies.anchor"}
		if err := db.EnqueueOp(ctx, &op); err != nil {
			t.Fatal(err)
		}
		input := []byte("META\nkey;value\nbudget;10\n\x00binary-safe\xff")
		tl := storage.Tally{SHA256: sha, Rule: "equalshares/add1", Input: input, Result: `{"rule":"equalshares/add1"}`,
			Root: fmt.Sprintf("0x%064x", seq.Add(1)), Selected: 2, OpID: &op.ID}
		if err := db.CreateTally(ctx, &tl); err != nil {
			t.Fatal(err)
		}
		got, err := db.Tally(ctx, tl.ID)
		if err != nil || !bytes.Equal(got.Input, input) || got.Root != tl.Root || got.OpID == nil || *got.OpID != op.ID {
			t.Fatalf("Tally = %+v, %v; want %+v", got, err, tl)
		}
		if got, err := db.TallyBySHA256(ctx, sha, "equalshares/add1"); err != nil || got.ID != tl.ID {
			t.Fatalf("TallyBySHA256 = %+v, %v", got, err)
		}
		list, err := db.Tallies(ctx, 10)
		if err != nil || len(list) == 0 || list[0].ID != tl.ID || list[0].Input != nil {
			t.Fatalf("Tallies = %+v, %v; want the tally first, without its input", list, err)
		}
		again := tl
		if err := db.CreateTally(ctx, &again); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("second CreateTally of the same input and rule: %v, want ErrConflict", err)
		}
		if _, err := db.Tally(ctx, tl.ID+1000); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Tally(unknown) = %v, want ErrNotFound", err)
		}
		for _, bad := range []storage.Tally{
			{SHA256: "ABC", Rule: "greedy", Input: input, Result: "{}", Root: tl.Root},
			{SHA256: tokenHash(), Rule: "greedy", Input: input, Result: "{}", Root: "0x12"},
			{SHA256: tokenHash(), Rule: "", Input: input, Result: "{}", Root: tl.Root},
			{SHA256: tokenHash(), Rule: "greedy", Input: nil, Result: "{}", Root: tl.Root},
		} {
			if err := db.CreateTally(ctx, &bad); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("CreateTally(%+v) = %v, want ErrInvalid", bad, err)
			}
		}
	})
}
