package storage_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestRateCounters(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		w1 := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
		w2 := w1.Add(time.Hour)
		steps := []struct {
			name     string
			bucket   string
			window   time.Time
			wantHits int
			wantErr  error
		}{
			{"first", "phone:a", w1, 1, nil},
			{"second", "phone:a", w1, 2, nil},
			{"over the limit", "phone:a", w1, 2, storage.ErrInsufficient},
			{"other bucket", "phone:b", w1, 1, nil},
			{"next window", "phone:a", w2, 1, nil},
		}
		for _, s := range steps {
			got, err := db.HitRate(ctx, s.bucket, s.window, 2)
			if got != s.wantHits || !errors.Is(err, s.wantErr) {
				t.Errorf("%s: HitRate = %d, %v; want %d, %v", s.name, got, err, s.wantHits, s.wantErr)
			}
		}
		if n, err := db.RateHits(ctx, "phone:a", w1); err != nil || n != 2 {
			t.Errorf("RateHits = %d, %v; want 2", n, err)
		}
		if _, err := db.HitRate(ctx, "", w1, 2); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("HitRate with no bucket: err = %v", err)
		}
		if _, err := db.HitRate(ctx, "x", w1, 0); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("HitRate with limit 0: err = %v", err)
		}
		if err := db.ClearRate(ctx, "phone:a"); err != nil {
			t.Fatal(err)
		}
		if n, err := db.RateHits(ctx, "phone:a", w1); err != nil || n != 0 {
			t.Errorf("RateHits after ClearRate = %d, %v; want 0", n, err)
		}
		if n, err := db.PruneRates(ctx, w2); err != nil || n != 1 {
			t.Errorf("PruneRates = %d, %v; want 1 (phone:b in the first window)", n, err)
		}
	})
}

// Concurrent hits never count past the limit.
func TestRateCountersConcurrent(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		w := time.Now().Truncate(time.Hour)
		const limit = 7
		ok := hammer(t, 8, 3, storage.ErrInsufficient, func(int, int) error {
			_, err := db.HitRate(ctx, "ip:x", w, limit)
			return err
		})
		if ok != limit {
			t.Errorf("hits counted = %d, want %d", ok, limit)
		}
		if n, err := db.RateHits(ctx, "ip:x", w); err != nil || n != limit {
			t.Errorf("RateHits = %d, %v; want %d", n, err, limit)
		}
	})
}

func TestLockouts(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		t0 := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
		if _, err := db.LockedUntil(ctx, "phone:a", t0); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("LockedUntil before any lock-out: err = %v", err)
		}
		for _, until := range []time.Time{t0.Add(30 * time.Minute), t0.Add(10 * time.Minute)} {
			if err := db.LockOut(ctx, "phone:a", until); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := db.LockedUntil(ctx, "phone:a", t0); err != nil || !got.Equal(t0.Add(30*time.Minute)) {
			t.Errorf("LockedUntil = %v, %v; want the further lock-out kept", got, err)
		}
		if _, err := db.LockedUntil(ctx, "phone:a", t0.Add(30*time.Minute)); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("LockedUntil when it ends: err = %v, want ErrNotFound", err)
		}
		if err := db.LockOut(ctx, "phone:a", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, err := db.LockedUntil(ctx, "phone:a", t0); err != nil || !got.Equal(t0.Add(time.Hour)) {
			t.Errorf("LockedUntil after extension = %v, %v", got, err)
		}
		if err := db.LockOut(ctx, "", t0); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("LockOut with no bucket: err = %v", err)
		}
		if n, err := db.PruneLockouts(ctx, t0.Add(2*time.Hour)); err != nil || n != 1 {
			t.Errorf("PruneLockouts = %d, %v; want 1", n, err)
		}
	})
}
