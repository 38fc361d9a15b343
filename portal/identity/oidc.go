package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/storage"
)

// LoginOIDC signs in the user with an external identity, the issuer and subject of an ID token
// that the caller has already verified, creating the user at the first sign-in (created
// reports it), and opens a session of the given kind. ErrInvalidIdentity when the issuer or
// subject is empty, longer than 255 bytes or not printable ASCII, ErrInvalidKind for an unknown
// kind (nothing is written either way); ErrDeactivated for a deactivated user.
func (s *Service) LoginOIDC(ctx context.Context, issuer, subject string, kind SessionKind) (Session, User, bool, error) {
	if !validIdentityText(issuer) || !validIdentityText(subject) {
		return Session{}, User{}, false, fmt.Errorf("oidc sign-in: %w", ErrInvalidIdentity)
	}
	if !kind.valid() {
		return Session{}, User{}, false, fmt.Errorf("oidc sign-in: %w", ErrInvalidKind)
	}
	sess, u, created, err := s.signInOIDC(ctx, issuer, subject, kind, s.clock())
	if err != nil {
		return Session{}, User{}, false, fmt.Errorf("oidc sign-in: %w", err)
	}
	return sess, u, created, nil
}

func (s *Service) signInOIDC(ctx context.Context, issuer, subject string, kind SessionKind, now time.Time) (Session, User, bool, error) {
	var (
		sess    Session
		u       storage.User
		created bool
	)
	err := s.db.Tx(ctx, func(tx *storage.Tx) error {
		var err error
		u, created, err = s.findOrCreate(ctx, tx.Repo, storage.User{OIDCIssuer: issuer, OIDCSubject: subject},
			func() (storage.User, error) { return tx.UserByOIDC(ctx, issuer, subject) })
		if err != nil {
			return err
		}
		sess, err = s.openSession(ctx, tx.Repo, u, kind, now)
		return err
	})
	if err != nil {
		return Session{}, User{}, false, err
	}
	if created {
		s.log.Info("user registered", "user_id", u.UserID, "via", "oidc")
	}
	return sess, userOf(u), created, nil
}
