package storage

import (
	"context"
	"fmt"
	"time"
)

// SessionKind is how a session's token travels: in an Authorization header or in a cookie.
type SessionKind string

// Session kinds. A cookie session also has a CSRF token.
const (
	SessionBearer SessionKind = "bearer"
	SessionCookie SessionKind = "cookie"
)

// Session is a signed-in user's session. Only hashes of its tokens are kept.
type Session struct {
	TokenHash  string // hex SHA-256 of the session token, 64 digits; never the token
	UserRef    int64  // users.id
	Kind       SessionKind
	CSRFHash   string // hex SHA-256 of the CSRF token; set for cookie sessions only
	CreatedAt  time.Time
	LastSeenAt time.Time // when it was last used, as far as the caller records it
	ExpiresAt  time.Time // absolute end
	RevokedAt  *time.Time
}

type sessionRow struct {
	TokenHash  string `gorm:"primaryKey"`
	UserRef    int64
	Kind       string
	CSRFHash   *string `gorm:"column:csrf_hash"`
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	RevokedAt  *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

func (row sessionRow) session() Session {
	s := Session{
		TokenHash: row.TokenHash, UserRef: row.UserRef, Kind: SessionKind(row.Kind), CSRFHash: deref(row.CSRFHash),
		CreatedAt: row.CreatedAt.UTC(), LastSeenAt: row.LastSeenAt.UTC(), ExpiresAt: row.ExpiresAt.UTC(),
	}
	if row.RevokedAt != nil {
		at := row.RevokedAt.UTC()
		s.RevokedAt = &at
	}
	return s
}

// CreateSession stores s, not revoked. TokenHash (and CSRFHash, required for cookie sessions
// and refused for bearer ones) must be 64 hex digits, so that a raw token is never stored;
// ExpiresAt is required; CreatedAt and LastSeenAt default to now. A taken hash gives
// ErrConflict, an unknown user ErrNotFound.
func (r Repo) CreateSession(ctx context.Context, s *Session) error {
	if err := s.normalize(); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	row := sessionRow{
		TokenHash: s.TokenHash, UserRef: s.UserRef, Kind: string(s.Kind), CSRFHash: nullable(s.CSRFHash),
		CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt,
	}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create session: %w", translate(err))
	}
	*s = row.session()
	return nil
}

func (s *Session) normalize() (err error) {
	switch {
	case s.Kind != SessionBearer && s.Kind != SessionCookie:
		return fmt.Errorf("%w: session kind %q", ErrInvalid, s.Kind)
	case (s.Kind == SessionCookie) != (s.CSRFHash != ""):
		return fmt.Errorf("%w: a cookie session, and only a cookie session, has a CSRF hash", ErrInvalid)
	case s.ExpiresAt.IsZero():
		return fmt.Errorf("%w: session expiry is not set", ErrInvalid)
	}
	if s.TokenHash, err = normTokenHash(s.TokenHash); err != nil {
		return err
	}
	if s.CSRFHash != "" {
		if s.CSRFHash, err = normTokenHash(s.CSRFHash); err != nil {
			return err
		}
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = now()
	}
	if s.LastSeenAt.IsZero() {
		s.LastSeenAt = s.CreatedAt
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = dbTime(s.CreatedAt), dbTime(s.LastSeenAt), dbTime(s.ExpiresAt)
	return nil
}

// SessionByHash returns the session whose token has the given hash, revoked and expired ones
// included, or ErrNotFound.
func (r Repo) SessionByHash(ctx context.Context, hash string) (Session, error) {
	h, err := normTokenHash(hash)
	if err != nil {
		return Session{}, fmt.Errorf("load session: %w", err)
	}
	var row sessionRow
	if err := r.with(ctx).Take(&row, "token_hash = ?", h).Error; err != nil {
		return Session{}, fmt.Errorf("load session: %w", translate(err))
	}
	return row.session(), nil
}

// TouchSession records that a live session was used at time at: it moves LastSeenAt forward
// (never back) and does nothing to a revoked session. ErrNotFound when no live session has
// that hash.
func (r Repo) TouchSession(ctx context.Context, hash string, at time.Time) error {
	hash, err := normTokenHash(hash)
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	at = dbTime(at)
	res := r.with(ctx).Exec(`UPDATE sessions SET last_seen_at = ?
		WHERE token_hash = ? AND revoked_at IS NULL AND last_seen_at < ?`, at, hash, at)
	if res.Error != nil || res.RowsAffected > 0 {
		return affected(res.Error, res.RowsAffected, "touch session")
	}
	return r.liveSession(ctx, hash, "touch session")
}

// liveSession returns nil when a session with that hash exists and is not revoked,
// ErrNotFound otherwise.
func (r Repo) liveSession(ctx context.Context, hash, what string) error {
	var n int64
	if err := r.with(ctx).Raw("SELECT COUNT(*) FROM sessions WHERE token_hash = ? AND revoked_at IS NULL", hash).Scan(&n).Error; err != nil {
		return fmt.Errorf("%s: %w", what, translate(err))
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return nil
}

// RevokeSession revokes the session with the given hash at time at. ErrNotFound when there is
// no such session or it is already revoked: of concurrent callers exactly one succeeds.
func (r Repo) RevokeSession(ctx context.Context, hash string, at time.Time) error {
	hash, err := normTokenHash(hash)
	if err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	res := r.with(ctx).Exec("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", dbTime(at), hash)
	return affected(res.Error, res.RowsAffected, "revoke session")
}

// RevokeUserSessions revokes every live session of a user at time at and returns how many.
func (r Repo) RevokeUserSessions(ctx context.Context, userRef int64, at time.Time) (int64, error) {
	res := r.with(ctx).Exec("UPDATE sessions SET revoked_at = ? WHERE user_ref = ? AND revoked_at IS NULL", dbTime(at), userRef)
	if res.Error != nil {
		return 0, fmt.Errorf("revoke sessions of user %d: %w", userRef, translate(res.Error))
	}
	return res.RowsAffected, nil
}

// PruneSessions deletes the sessions that expired before before and returns how many.
func (r Repo) PruneSessions(ctx context.Context, before time.Time) (int64, error) {
	res := r.with(ctx).Exec("DELETE FROM sessions WHERE expires_at < ?", dbTime(before))
	if res.Error != nil {
		return 0, fmt.Errorf("prune sessions: %w", translate(res.Error))
	}
	return res.RowsAffected, nil
}
