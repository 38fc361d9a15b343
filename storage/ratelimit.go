package storage

import (
	"context"
	"fmt"
	"time"
)

// HitRate counts one event in the fixed window of bucket that starts at windowStart and
// returns the window's count including it. When limit events are already counted there it
// counts nothing and returns ErrInsufficient with the count. It is one upsert, atomic on both
// databases, so concurrent callers never count more than limit between them. A bucket names
// what is limited ("phone:<index>", "ip:<hash>"): keep personal data out of it.
func (r Repo) HitRate(ctx context.Context, bucket string, windowStart time.Time, limit int) (int, error) {
	if err := checkBucket(bucket); err != nil || limit < 1 {
		return 0, fmt.Errorf("hit rate counter: %w: bucket or limit %d", ErrInvalid, limit)
	}
	var hits []int
	err := r.with(ctx).Raw(`INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 1)
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1
		WHERE rate_counters.hits < ?
		RETURNING hits`, bucket, dbTime(windowStart), limit).Scan(&hits).Error
	if err != nil {
		return 0, fmt.Errorf("hit rate counter: %w", translate(err))
	}
	if len(hits) == 0 {
		return limit, fmt.Errorf("hit rate counter: %w: %d events in the window", ErrInsufficient, limit)
	}
	return hits[0], nil
}

// RateHits returns the count of bucket's window that starts at windowStart, 0 when none.
func (r Repo) RateHits(ctx context.Context, bucket string, windowStart time.Time) (int, error) {
	var hits []int
	err := r.with(ctx).Raw("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?",
		bucket, dbTime(windowStart)).Scan(&hits).Error
	if err != nil {
		return 0, fmt.Errorf("read rate counter: %w", translate(err))
	}
	if len(hits) == 0 {
		return 0, nil
	}
	return hits[0], nil
}

// ClearRate deletes every window of bucket.
func (r Repo) ClearRate(ctx context.Context, bucket string) error {
	if err := r.with(ctx).Exec("DELETE FROM rate_counters WHERE bucket = ?", bucket).Error; err != nil {
		return fmt.Errorf("clear rate counter: %w", translate(err))
	}
	return nil
}

// PruneRates deletes the windows that started before before and returns how many.
func (r Repo) PruneRates(ctx context.Context, before time.Time) (int64, error) {
	res := r.with(ctx).Exec("DELETE FROM rate_counters WHERE window_start < ?", dbTime(before))
	if res.Error != nil {
		return 0, fmt.Errorf("prune rate counters: %w", translate(res.Error))
	}
	return res.RowsAffected, nil
}

// LockOut locks bucket until until. A lock-out already reaching further is kept.
func (r Repo) LockOut(ctx context.Context, bucket string, until time.Time) error {
	if err := checkBucket(bucket); err != nil {
		return fmt.Errorf("lock out: %w", err)
	}
	err := r.with(ctx).Exec(`INSERT INTO lockouts (bucket, locked_until) VALUES (?, ?)
		ON CONFLICT (bucket) DO UPDATE SET locked_until = excluded.locked_until
		WHERE lockouts.locked_until < excluded.locked_until`, bucket, dbTime(until)).Error
	if err != nil {
		return fmt.Errorf("lock out: %w", translate(err))
	}
	return nil
}

// LockedUntil returns when the lock-out of bucket ends, or ErrNotFound when bucket is not
// locked at time at.
func (r Repo) LockedUntil(ctx context.Context, bucket string, at time.Time) (time.Time, error) {
	var until []time.Time
	err := r.with(ctx).Raw("SELECT locked_until FROM lockouts WHERE bucket = ? AND locked_until > ?",
		bucket, dbTime(at)).Scan(&until).Error
	switch {
	case err != nil:
		return time.Time{}, fmt.Errorf("read lock-out: %w", translate(err))
	case len(until) == 0:
		return time.Time{}, fmt.Errorf("read lock-out: %w", ErrNotFound)
	}
	return until[0].UTC(), nil
}

// PruneLockouts deletes the lock-outs that ended before before and returns how many.
func (r Repo) PruneLockouts(ctx context.Context, before time.Time) (int64, error) {
	res := r.with(ctx).Exec("DELETE FROM lockouts WHERE locked_until < ?", dbTime(before))
	if res.Error != nil {
		return 0, fmt.Errorf("prune lock-outs: %w", translate(res.Error))
	}
	return res.RowsAffected, nil
}

func checkBucket(bucket string) error {
	if bucket == "" || len(bucket) > maxIdentityText {
		return fmt.Errorf("%w: bucket must be 1 to %d bytes", ErrInvalid, maxIdentityText)
	}
	return nil
}
