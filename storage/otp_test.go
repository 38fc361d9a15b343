package storage_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// newChallenge stores a challenge that expires at expires.
func newChallenge(t *testing.T, db *storage.DB, expires time.Time) storage.OTPChallenge {
	t.Helper()
	c := storage.OTPChallenge{
		ID: fmt.Sprintf("ch-%d", seq.Add(1)), PhoneIndex: tokenHash(), PhoneCipher: []byte("sealed"),
		CodeHash: tokenHash(), ExpiresAt: expires,
	}
	if err := db.CreateOTPChallenge(t.Context(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOTPChallenges(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		t0 := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
		c := newChallenge(t, db, t0.Add(5*time.Minute))
		got, err := db.OTPChallenge(ctx, c.ID)
		if err != nil || got.ID != c.ID || got.CodeHash != c.CodeHash || got.Attempts != 0 || got.ConsumedAt != nil ||
			!got.ExpiresAt.Equal(t0.Add(5*time.Minute)) || string(got.PhoneCipher) != "sealed" {
			t.Fatalf("OTPChallenge = %+v, %v; want %+v", got, err, c)
		}
		bad := []struct {
			name string
			c    storage.OTPChallenge
			want error
		}{
			{"taken ID", storage.OTPChallenge{ID: c.ID, PhoneIndex: tokenHash(), PhoneCipher: []byte{1}, CodeHash: tokenHash(), ExpiresAt: t0}, storage.ErrConflict},
			{"bare code as hash", storage.OTPChallenge{ID: "x1", PhoneIndex: tokenHash(), PhoneCipher: []byte{1}, CodeHash: "123456", ExpiresAt: t0}, storage.ErrInvalid},
			{"no ID", storage.OTPChallenge{PhoneIndex: tokenHash(), PhoneCipher: []byte{1}, CodeHash: tokenHash(), ExpiresAt: t0}, storage.ErrInvalid},
			{"no expiry", storage.OTPChallenge{ID: "x2", PhoneIndex: tokenHash(), PhoneCipher: []byte{1}, CodeHash: tokenHash()}, storage.ErrInvalid},
			{"no cipher", storage.OTPChallenge{ID: "x3", PhoneIndex: tokenHash(), CodeHash: tokenHash(), ExpiresAt: t0}, storage.ErrInvalid},
		}
		for _, tt := range bad {
			if err := db.CreateOTPChallenge(ctx, &tt.c); !errors.Is(err, tt.want) {
				t.Errorf("%s: CreateOTPChallenge err = %v, want %v", tt.name, err, tt.want)
			}
		}
		if _, err := db.OTPChallenge(ctx, "unknown"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("OTPChallenge(unknown) err = %v", err)
		}

		steps := []struct {
			name string
			err  error
			want error
		}{
			{"attempt 1", db.AttemptOTP(ctx, c.ID, t0, 2), nil},
			{"attempt 2", db.AttemptOTP(ctx, c.ID, t0, 2), nil},
			{"attempt 3 of 2", db.AttemptOTP(ctx, c.ID, t0, 2), storage.ErrConflict},
			{"attempt of unknown", db.AttemptOTP(ctx, "unknown", t0, 2), storage.ErrNotFound},
			{"consume after expiry", db.ConsumeOTP(ctx, c.ID, t0.Add(5*time.Minute)), storage.ErrConflict},
			{"consume", db.ConsumeOTP(ctx, c.ID, t0.Add(time.Minute)), nil},
			{"consume again", db.ConsumeOTP(ctx, c.ID, t0.Add(time.Minute)), storage.ErrConflict},
			{"attempt when consumed", db.AttemptOTP(ctx, c.ID, t0, 9), storage.ErrConflict},
			{"consume unknown", db.ConsumeOTP(ctx, "unknown", t0), storage.ErrNotFound},
			{"zero max attempts", db.AttemptOTP(ctx, c.ID, t0, 0), storage.ErrInvalid},
		}
		for _, s := range steps {
			if !errors.Is(s.err, s.want) {
				t.Errorf("%s: err = %v, want %v", s.name, s.err, s.want)
			}
		}
		got, err = db.OTPChallenge(ctx, c.ID)
		if err != nil || got.Attempts != 2 || got.ConsumedAt == nil || !got.ConsumedAt.Equal(t0.Add(time.Minute)) {
			t.Errorf("OTPChallenge after use = %+v, %v", got, err)
		}
		expired := newChallenge(t, db, t0)
		if err := db.AttemptOTP(ctx, expired.ID, t0, 5); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("AttemptOTP at the expiry instant: err = %v, want ErrConflict", err)
		}
		if n, err := db.PruneOTPChallenges(ctx, t0.Add(time.Minute)); err != nil || n != 1 {
			t.Errorf("PruneOTPChallenges = %d, %v; want 1 (the expired one)", n, err)
		}
	})
}

// Concurrent verifications of one code never exceed the attempts, and exactly one consumes it.
func TestOTPConcurrentAttemptsAndConsume(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		at := time.Now()
		c := newChallenge(t, db, at.Add(time.Hour))
		const maxAttempts = 5
		if ok := hammer(t, 8, 4, storage.ErrConflict, func(int, int) error {
			return db.AttemptOTP(ctx, c.ID, at, maxAttempts)
		}); ok != maxAttempts {
			t.Errorf("successful attempts = %d, want %d", ok, maxAttempts)
		}
		if ok := hammer(t, 8, 2, storage.ErrConflict, func(int, int) error {
			return db.ConsumeOTP(ctx, c.ID, at)
		}); ok != 1 {
			t.Errorf("successful consumes = %d, want 1", ok)
		}
		// The same race inside transactions, as the identity service consumes a code.
		c2 := newChallenge(t, db, at.Add(time.Hour))
		if ok := hammer(t, 4, 1, storage.ErrConflict, func(int, int) error {
			return db.Tx(ctx, func(tx *storage.Tx) error { return tx.ConsumeOTP(ctx, c2.ID, at) })
		}); ok != 1 {
			t.Errorf("successful consumes in transactions = %d, want 1", ok)
		}
	})
}
