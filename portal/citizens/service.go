package citizens

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Service keeps citizens' profiles and queues their verification. It is safe for concurrent
// use.
type Service struct {
	db    *storage.DB
	vault *pii.Vault
	cfg   Config
	log   *slog.Logger
	now   func() time.Time
}

// Option changes a Service for tests.
type Option func(*Service)

// WithClock makes the service read the time from now instead of time.Now.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// New returns a Service over db that seals and indexes documents with vault. log may be nil.
func New(db *storage.DB, vault *pii.Vault, cfg Config, log *slog.Logger, opts ...Option) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if db == nil || vault == nil {
		return nil, fmt.Errorf("%w: database and vault are required", ErrConfig)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Service{db: db, vault: vault, cfg: cfg, log: log, now: time.Now}
	for _, opt := range opts {
		opt(s)
	}
	return s, nil
}

// clock returns the current time as the database keeps it.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// today is the current date in the service's zone, for birth-date checks.
func (s *Service) today() time.Time { return s.now().In(s.cfg.Location) }

// activeUser loads a user that may act: ErrUnknownUser or ErrDeactivated otherwise.
func (s *Service) activeUser(ctx context.Context, r storage.Repo, user int64) (storage.User, error) {
	u, err := r.User(ctx, user)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return u, ErrUnknownUser
	case err != nil:
		return u, err
	case u.Status != storage.UserActive:
		return u, ErrDeactivated
	}
	return u, nil
}

// Deactivate stops a user from signing in and acting: the user is marked deactivated and every
// session is revoked, in one transaction. Personal data stays (see ErasePersonalData).
func (s *Service) Deactivate(ctx context.Context, user int64) error {
	err := s.db.Tx(ctx, func(tx *storage.Tx) error {
		if err := tx.SetUserStatus(ctx, user, storage.UserDeactivated); err != nil {
			return err
		}
		_, err := tx.RevokeUserSessions(ctx, user, s.clock())
		return err
	})
	if errors.Is(err, storage.ErrNotFound) {
		err = ErrUnknownUser
	}
	if err != nil {
		return fmt.Errorf("deactivate user %d: %w", user, err)
	}
	s.log.Info("user deactivated", "user", user)
	return nil
}

// ErasePersonalData deactivates a user and removes their personal data; see the package
// documentation for what is removed and what is kept. It is idempotent.
func (s *Service) ErasePersonalData(ctx context.Context, user int64) error {
	err := s.db.EraseUser(ctx, user, s.clock())
	if errors.Is(err, storage.ErrNotFound) {
		err = ErrUnknownUser
	}
	if err != nil {
		return fmt.Errorf("erase personal data: %w", err)
	}
	s.log.Info("personal data erased", "user", user)
	return nil
}
