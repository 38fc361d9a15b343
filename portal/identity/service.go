package identity

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Service signs users in, checks their sessions and keeps their roles. It is safe for
// concurrent use.
type Service struct {
	db      *storage.DB
	vault   *pii.Vault
	sms     SMSGateway
	cfg     Config
	log     *slog.Logger
	now     func() time.Time
	userIDs io.Reader // random source of unique user IDs
}

// Option changes a Service for tests.
type Option func(*Service)

// WithClock makes the service read the time from now instead of time.Now.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithUserIDSource makes the service draw unique user IDs from r instead of crypto/rand.
func WithUserIDSource(r io.Reader) Option { return func(s *Service) { s.userIDs = r } }

// New returns a Service over db that seals and indexes phones with vault and sends codes
// through sms. log may be nil.
func New(db *storage.DB, vault *pii.Vault, sms SMSGateway, cfg Config, log *slog.Logger, opts ...Option) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if db == nil || vault == nil || sms == nil {
		return nil, fmt.Errorf("%w: database, vault and SMS gateway are required", ErrConfig)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Service{db: db, vault: vault, sms: sms, cfg: cfg, log: log, now: time.Now, userIDs: rand.Reader}
	for _, opt := range opts {
		opt(s)
	}
	return s, nil
}

// clock returns the current time as the database keeps it.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// mac is a keyed hash of value in its own domain, under the Vault's index key.
func (s *Service) mac(domain, value string) string { return s.vault.MAC(domain, value) }

// hit counts one event in bucket's current window and refuses with a *LimitError (scope
// names what is limited) when limit events are already counted there.
func (s *Service) hit(ctx context.Context, bucket, scope string, limit int, now time.Time) error {
	start := now.Truncate(s.cfg.RateWindow)
	_, err := s.db.HitRate(ctx, bucket, start, limit)
	if errors.Is(err, storage.ErrInsufficient) {
		return newLimitError(ErrRateLimited, scope, start.Add(s.cfg.RateWindow).Sub(now))
	}
	return err
}

// hitIP counts a request from ip.
func (s *Service) hitIP(ctx context.Context, ip string, now time.Time) error {
	key, err := ipKey(ip)
	if err != nil {
		return err
	}
	return s.hit(ctx, "ip:"+s.mac("ip", key), "ip", s.cfg.RequestsPerIP, now)
}

// Buckets of a phone, by its index.
func sendBucket(phoneIndex string) string { return "sms:" + phoneIndex }
func failBucket(phoneIndex string) string { return "fail:" + phoneIndex }
func lockBucket(phoneIndex string) string { return "lock:" + phoneIndex }

// checkLockout refuses with a *LimitError while the phone is locked out.
func (s *Service) checkLockout(ctx context.Context, phoneIndex string, now time.Time) error {
	until, err := s.db.LockedUntil(ctx, lockBucket(phoneIndex), now)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	return newLimitError(ErrLockedOut, "phone", until.Sub(now))
}

// recordFailure counts a wrong code for the phone and locks it out at the
// Config.LockoutFailures-th in a window; it returns the lock-out, or nil.
func (s *Service) recordFailure(ctx context.Context, phoneIndex string, now time.Time) (*LimitError, error) {
	n, err := s.db.HitRate(ctx, failBucket(phoneIndex), now.Truncate(s.cfg.RateWindow), s.cfg.LockoutFailures)
	if err != nil && !errors.Is(err, storage.ErrInsufficient) {
		return nil, err
	}
	if n < s.cfg.LockoutFailures {
		return nil, nil
	}
	if err := s.db.LockOut(ctx, lockBucket(phoneIndex), now.Add(s.cfg.LockoutDuration)); err != nil {
		return nil, err
	}
	s.log.Warn("phone locked out after wrong codes", "failures", n, "for", s.cfg.LockoutDuration)
	return newLimitError(ErrLockedOut, "phone", s.cfg.LockoutDuration), nil
}

// sweepGrace is how long expired sessions are kept before Sweep deletes them.
const sweepGrace = 24 * time.Hour

// Sweep deletes what can no longer be used: expired codes, rate-limit windows and lock-outs
// that have ended, and sessions expired for more than a day. It returns how many rows it
// deleted. Call it now and then (every few minutes) from a goroutine the node owns.
func (s *Service) Sweep(ctx context.Context) (int64, error) {
	now := s.clock()
	steps := []func() (int64, error){
		func() (int64, error) { return s.db.PruneOTPChallenges(ctx, now) },
		func() (int64, error) { return s.db.PruneRates(ctx, now.Truncate(s.cfg.RateWindow)) },
		func() (int64, error) { return s.db.PruneLockouts(ctx, now) },
		func() (int64, error) { return s.db.PruneSessions(ctx, now.Add(-sweepGrace)) },
	}
	var total int64
	for _, step := range steps {
		n, err := step()
		if err != nil {
			return total, fmt.Errorf("sweep identity: %w", err)
		}
		total += n
	}
	return total, nil
}

// Config returns the limits the service runs with.
func (s *Service) Config() Config { return s.cfg }
