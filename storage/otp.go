package storage

import (
	"context"
	"fmt"
	"time"
)

// OTPChallenge is a one-time code sent by SMS to a phone. Only a keyed hash of the code is
// kept, never the code; the phone is kept as a pii.Vault ciphertext and index, so that the
// user can be created when the code is verified.
type OTPChallenge struct {
	ID          string // random and opaque, chosen by the caller; it is what the client holds
	PhoneIndex  string // hex HMAC-SHA256 of the normalized phone
	PhoneCipher []byte
	CodeHash    string // hex keyed hash of the code, 64 digits
	ExpiresAt   time.Time
	Attempts    int        // verifications tried so far
	ConsumedAt  *time.Time // when the code was used to sign in
	CreatedAt   time.Time
}

type otpRow struct {
	ID          string `gorm:"primaryKey"`
	PhoneIndex  string
	PhoneCipher []byte
	CodeHash    string
	ExpiresAt   time.Time
	Attempts    int
	ConsumedAt  *time.Time
	CreatedAt   time.Time
}

func (otpRow) TableName() string { return "otp_challenges" }

func (row otpRow) challenge() OTPChallenge {
	c := OTPChallenge{
		ID: row.ID, PhoneIndex: row.PhoneIndex, PhoneCipher: row.PhoneCipher, CodeHash: row.CodeHash,
		ExpiresAt: row.ExpiresAt.UTC(), Attempts: row.Attempts, CreatedAt: row.CreatedAt.UTC(),
	}
	if row.ConsumedAt != nil {
		at := row.ConsumedAt.UTC()
		c.ConsumedAt = &at
	}
	return c
}

// CreateOTPChallenge stores c with no attempts and not consumed, and sets its CreatedAt. The
// ID (1 to 255 bytes), the phone index and ciphertext, the code hash (64 hex digits, so that
// a bare code is refused) and ExpiresAt are required (ErrInvalid); a taken ID gives
// ErrConflict.
func (r Repo) CreateOTPChallenge(ctx context.Context, c *OTPChallenge) error {
	if err := c.normalize(); err != nil {
		return fmt.Errorf("create otp challenge: %w", err)
	}
	row := otpRow{
		ID: c.ID, PhoneIndex: c.PhoneIndex, PhoneCipher: c.PhoneCipher, CodeHash: c.CodeHash,
		ExpiresAt: c.ExpiresAt, CreatedAt: now(),
	}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create otp challenge: %w", translate(err))
	}
	*c = row.challenge()
	return nil
}

func (c *OTPChallenge) normalize() (err error) {
	switch {
	case c.ID == "" || len(c.ID) > maxIdentityText:
		return fmt.Errorf("%w: challenge ID must be 1 to %d bytes", ErrInvalid, maxIdentityText)
	case len(c.PhoneCipher) == 0:
		return fmt.Errorf("%w: challenge phone ciphertext is empty", ErrInvalid)
	case c.ExpiresAt.IsZero():
		return fmt.Errorf("%w: challenge expiry is not set", ErrInvalid)
	}
	if c.PhoneIndex, err = normIndex(c.PhoneIndex); err != nil {
		return err
	}
	if c.CodeHash, err = normIndex(c.CodeHash); err != nil {
		return fmt.Errorf("%w: code hash must be 64 hex digits", ErrInvalid)
	}
	c.ExpiresAt = dbTime(c.ExpiresAt)
	return nil
}

// OTPChallenge returns the challenge with the given ID, or ErrNotFound.
func (r Repo) OTPChallenge(ctx context.Context, id string) (OTPChallenge, error) {
	var row otpRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return OTPChallenge{}, fmt.Errorf("load otp challenge: %w", translate(err))
	}
	return row.challenge(), nil
}

// AttemptOTP counts one verification of challenge id at time at, in one guarded UPDATE: it
// succeeds only while the challenge is not consumed, not expired at at, and has had fewer than
// maxAttempts verifications, so concurrent callers can never exceed maxAttempts between them.
// ErrConflict when the guard refuses (load the challenge to tell why), ErrNotFound when there
// is no such challenge.
func (r Repo) AttemptOTP(ctx context.Context, id string, at time.Time, maxAttempts int) error {
	if maxAttempts < 1 {
		return fmt.Errorf("attempt otp challenge: %w: max attempts %d", ErrInvalid, maxAttempts)
	}
	res := r.with(ctx).Exec(`UPDATE otp_challenges SET attempts = attempts + 1
		WHERE id = ? AND consumed_at IS NULL AND expires_at > ? AND attempts < ?`, id, dbTime(at), maxAttempts)
	return r.otpGuard(ctx, res.Error, res.RowsAffected, id, "attempt otp challenge")
}

// ConsumeOTP marks challenge id used at time at, in one guarded UPDATE: of concurrent callers
// exactly one succeeds, and only while the challenge is not expired at at. ErrConflict when it
// is already consumed or expired, ErrNotFound when there is no such challenge. Inside a Tx the
// row stays locked until the end of the transaction.
func (r Repo) ConsumeOTP(ctx context.Context, id string, at time.Time) error {
	at = dbTime(at)
	res := r.with(ctx).Exec(`UPDATE otp_challenges SET consumed_at = ?
		WHERE id = ? AND consumed_at IS NULL AND expires_at > ?`, at, id, at)
	return r.otpGuard(ctx, res.Error, res.RowsAffected, id, "consume otp challenge")
}

// otpGuard turns the outcome of a guarded UPDATE of a challenge into an error.
func (r Repo) otpGuard(ctx context.Context, err error, rows int64, id, what string) error {
	if err != nil || rows > 0 {
		return affected(err, rows, "%s", what)
	}
	var n int64
	if err := r.with(ctx).Raw("SELECT COUNT(*) FROM otp_challenges WHERE id = ?", id).Scan(&n).Error; err != nil {
		return fmt.Errorf("%s: %w", what, translate(err))
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("%s: %w: consumed, expired or out of attempts", what, ErrConflict)
}

// PruneOTPChallenges deletes the challenges that expired before before and returns how many.
func (r Repo) PruneOTPChallenges(ctx context.Context, before time.Time) (int64, error) {
	res := r.with(ctx).Exec("DELETE FROM otp_challenges WHERE expires_at < ?", dbTime(before))
	if res.Error != nil {
		return 0, fmt.Errorf("prune otp challenges: %w", translate(res.Error))
	}
	return res.RowsAffected, nil
}
