package storage_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// a citizen's tokens in a piggy bank; taking back at most what is there.
func TestAddAllocation(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		cid := newQuota(t, db, rd.ID, 1000)
		in1, in2 := newInitiative(t, db, rd.ID, 10), newInitiative(t, db, rd.ID, 10)
		foreign := newInitiative(t, db, newRound(t, db).ID, 10)
		noQuota := newCitizen(t, db)
		steps := []struct {
			name         string
			citizen, in  int64
			delta        int64
			wantErr      error
			want1, want2 int64
		}{
			{"first", cid, in1.ID, 30, nil, 30, 0},
			{"more", cid, in1.ID, 20, nil, 50, 0},
			{"other initiative", cid, in2.ID, 5, nil, 50, 5},
			{"take back part", cid, in1.ID, -10, nil, 40, 5},
			{"take back too much", cid, in1.ID, -41, storage.ErrInsufficient, 40, 5},
			{"take back all", cid, in2.ID, -5, nil, 40, 0},
			{"take back from nothing", cid, in2.ID, -1, storage.ErrInsufficient, 40, 0},
			{"zero", cid, in1.ID, 0, nil, 40, 0},
			{"no quota in the round", noQuota.ID, in1.ID, 1, storage.ErrNotFound, 40, 0},
			{"initiative of another round", cid, foreign.ID, 1, storage.ErrNotFound, 40, 0},
		}
		for _, s := range steps {
			if err := db.AddAllocation(ctx, rd.ID, s.citizen, s.in, s.delta); !errors.Is(err, s.wantErr) {
				t.Errorf("%s: AddAllocation err = %v, want %v", s.name, err, s.wantErr)
			}
			got, err := db.Allocations(ctx, rd.ID, cid)
			if err != nil {
				t.Fatal(err)
			}
			var want []storage.Allocation // Allocations leaves out emptied ones
			for _, a := range []storage.Allocation{
				{RoundID: rd.ID, CitizenID: cid, InitiativeID: in1.ID, Amount: s.want1},
				{RoundID: rd.ID, CitizenID: cid, InitiativeID: in2.ID, Amount: s.want2},
			} {
				if a.Amount > 0 {
					want = append(want, a)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: Allocations = %+v, want %+v", s.name, got, want)
			}
		}
	})
}

func TestAddAllocationConcurrentWithdrawals(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		cid := newQuota(t, db, rd.ID, 1000)
		in := newInitiative(t, db, rd.ID, 10)
		if err := db.AddAllocation(ctx, rd.ID, cid, in.ID, 100); err != nil {
			t.Fatal(err)
		}
		ok := hammer(t, 8, 10, storage.ErrInsufficient, func(int, int) error { return db.AddAllocation(ctx, rd.ID, cid, in.ID, -3) })
		got, err := db.Allocations(ctx, rd.ID, cid)
		if err != nil || ok != 33 || len(got) != 1 || got[0].Amount != 1 {
			t.Errorf("%d withdrawals succeeded, allocations %+v (%v); want 33 and 1 left", ok, got, err)
		}
	})
}
