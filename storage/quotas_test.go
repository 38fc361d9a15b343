package storage_test

import (
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// quotas are granted once per citizen and round, all of a batch or none of it.
func TestCreateQuotas(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		c1, c2, c3 := newCitizen(t, db), newCitizen(t, db), newCitizen(t, db)
		batch := []storage.Quota{{RoundID: rd.ID, CitizenID: c1.ID, Amount: 100, Allocated: 50}, {RoundID: rd.ID, CitizenID: c2.ID, Amount: 200}}
		if err := db.CreateQuotas(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if q, err := db.Quota(ctx, rd.ID, c1.ID); err != nil || q != (storage.Quota{RoundID: rd.ID, CitizenID: c1.ID, Amount: 100}) {
			t.Errorf("Quota = %+v, %v; want amount 100, nothing allocated", q, err)
		}
		tests := []struct {
			name    string
			batch   []storage.Quota
			wantErr error
		}{
			{"one already granted", []storage.Quota{{RoundID: rd.ID, CitizenID: c3.ID, Amount: 1}, {RoundID: rd.ID, CitizenID: c2.ID, Amount: 1}}, storage.ErrConflict},
			{"twice in the batch", []storage.Quota{{RoundID: rd.ID, CitizenID: c3.ID, Amount: 1}, {RoundID: rd.ID, CitizenID: c3.ID, Amount: 1}}, storage.ErrConflict},
			{"unknown citizen", []storage.Quota{{RoundID: rd.ID, CitizenID: c3.ID, Amount: 1}, {RoundID: rd.ID, CitizenID: 9999, Amount: 1}}, storage.ErrNotFound},
			{"unknown round", []storage.Quota{{RoundID: 9999, CitizenID: c3.ID, Amount: 1}}, storage.ErrNotFound},
			{"zero amount", []storage.Quota{{RoundID: rd.ID, CitizenID: c3.ID}}, storage.ErrInvalid},
			{"empty", nil, nil},
		}
		for _, tt := range tests {
			if err := db.CreateQuotas(ctx, tt.batch); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateQuotas err = %v, want %v", tt.name, err, tt.wantErr)
			}
			if _, err := db.Quota(ctx, rd.ID, c3.ID); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("%s: a failed batch wrote citizen %d's quota (err %v)", tt.name, c3.ID, err)
			}
		}
		if total, err := db.DistributedTotal(ctx, rd.ID); err != nil || total != 300 {
			t.Errorf("DistributedTotal = %d, %v; want 300", total, err)
		}
		if total, err := db.DistributedTotal(ctx, 9999); err != nil || total != 0 {
			t.Errorf("DistributedTotal of an unknown round = %d, %v; want 0", total, err)
		}
	})
}

// A batch larger than one INSERT statement is still all or nothing.
func TestCreateQuotasManyStatements(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		const n = 510 // more than one INSERT of quotaBatch (500)
		batch := make([]storage.Quota, n)
		err := db.Tx(ctx, func(tx *storage.Tx) error {
			for i := range batch {
				c := storage.Citizen{Address: addr()}
				if err := tx.CreateCitizen(ctx, &c); err != nil {
					return err
				}
				batch[i] = storage.Quota{RoundID: rd.ID, CitizenID: c.ID, Amount: 10}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		last := batch[n-1]
		if err := db.CreateQuotas(ctx, batch[n-1:]); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateQuotas(ctx, batch); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("batch ending in a granted quota: err = %v, want ErrConflict", err)
		}
		if total, _ := db.DistributedTotal(ctx, rd.ID); total != last.Amount {
			t.Fatalf("DistributedTotal after the failed batch = %d, want %d", total, last.Amount)
		}
		if err := db.CreateQuotas(ctx, batch[:n-1]); err != nil {
			t.Fatal(err)
		}
		if total, _ := db.DistributedTotal(ctx, rd.ID); total != n*10 {
			t.Errorf("DistributedTotal = %d, want %d", total, n*10)
		}
	})
}

// a citizen allocates at most the quota, and takes back at most what was allocated.
func TestAddAllocated(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		cid := newQuota(t, db, rd.ID, 100)
		steps := []struct {
			delta, want int64
			wantErr     error
		}{
			{60, 60, nil},
			{41, 60, storage.ErrInsufficient},
			{40, 100, nil},
			{1, 100, storage.ErrInsufficient},
			{-101, 100, storage.ErrInsufficient},
			{-100, 0, nil},
			{-1, 0, storage.ErrInsufficient},
		}
		for _, s := range steps {
			if err := db.AddAllocated(ctx, rd.ID, cid, s.delta); !errors.Is(err, s.wantErr) {
				t.Errorf("AddAllocated(%d) err = %v, want %v", s.delta, err, s.wantErr)
			}
			if q, _ := db.Quota(ctx, rd.ID, cid); q.Allocated != s.want {
				t.Errorf("after AddAllocated(%d): allocated %d, want %d", s.delta, q.Allocated, s.want)
			}
		}
		if err := db.AddAllocated(ctx, rd.ID, 9999, 1); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("AddAllocated without a quota: err = %v, want ErrNotFound", err)
		}
	})
}

// 8 goroutines × 50 allocations race on one quota: exactly the ones that fit succeed.
func TestAddAllocatedConcurrent(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		rd := newRound(t, db)
		const amount, delta = 1000, 7
		t.Run("up to the quota", func(t *testing.T) {
			cid := newQuota(t, db, rd.ID, amount)
			ok := hammer(t, 8, 50, storage.ErrInsufficient, func(int, int) error { return db.AddAllocated(ctx, rd.ID, cid, delta) })
			q, err := db.Quota(ctx, rd.ID, cid)
			if err != nil || ok != amount/delta || q.Allocated != int64(ok)*delta {
				t.Errorf("%d succeeded, allocated %d (%v); want %d and %d", ok, q.Allocated, err, amount/delta, amount/delta*delta)
			}
		})
		t.Run("up and down", func(t *testing.T) {
			cid := newQuota(t, db, rd.ID, 100)
			var sum atomic.Int64
			hammer(t, 8, 20, storage.ErrInsufficient, func(w, i int) error {
				d := rand.Int64N(61) - 30
				err := db.AddAllocated(ctx, rd.ID, cid, d)
				if err == nil {
					sum.Add(d)
				}
				return err
			})
			q, err := db.Quota(ctx, rd.ID, cid)
			if err != nil || q.Allocated != sum.Load() || q.Allocated < 0 || q.Allocated > q.Amount {
				t.Errorf("allocated %d (%v), sum of successful deltas %d, amount %d", q.Allocated, err, sum.Load(), q.Amount)
			}
		})
	})
}
