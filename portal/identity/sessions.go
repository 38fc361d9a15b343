package identity

import (
	"context"
	"crypto/hmac"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/pbnode/pbnode/storage"
)

// SessionKind is how the client keeps its session token.
type SessionKind string

// Session kinds.
const (
	// Bearer: the client sends "Authorization: Bearer <token>" (apps, scripts).
	Bearer SessionKind = "bearer"
	// Cookie: the browser keeps the token in an HttpOnly cookie and sends the CSRF token in a
	// header with every unsafe request.
	Cookie SessionKind = "cookie"
)

func (k SessionKind) valid() bool { return k == Bearer || k == Cookie }

// touchEvery is how stale a cookie session's last use may get before it is written again.
const touchEvery = time.Minute

// Session is a new session, given to the client once: only hashes of the tokens are kept. It
// prints and logs without its tokens.
type Session struct {
	Token     string // the session token ("pbs_…")
	CSRF      string // the CSRF token ("pbc_…") of a cookie session; "" for bearer sessions
	Kind      SessionKind
	ExpiresAt time.Time // when it ends if unused (cookie sessions are extended by use, up to CookieTTL)
}

// String describes the session without its tokens.
func (s Session) String() string {
	return fmt.Sprintf("Session{Kind: %s, ExpiresAt: %s}", s.Kind, s.ExpiresAt.Format(time.RFC3339))
}

// GoString is String, for %#v.
func (s Session) GoString() string { return "identity." + s.String() }

// LogValue logs the kind and expiry only.
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", string(s.Kind)), slog.Time("expires_at", s.ExpiresAt))
}

// openSession creates a session of kind for u.
func (s *Service) openSession(ctx context.Context, r storage.Repo, u storage.User, kind SessionKind, now time.Time) (Session, error) {
	out := Session{Token: newToken(sessionPrefix, tokenBytes), Kind: kind}
	rec := storage.Session{TokenHash: hashToken(out.Token), UserRef: u.ID, CreatedAt: now, LastSeenAt: now}
	switch kind {
	case Bearer:
		rec.Kind, rec.ExpiresAt = storage.SessionBearer, now.Add(s.cfg.BearerTTL)
		out.ExpiresAt = rec.ExpiresAt
	case Cookie:
		out.CSRF = newToken(csrfPrefix, tokenBytes)
		rec.Kind, rec.CSRFHash, rec.ExpiresAt = storage.SessionCookie, hashToken(out.CSRF), now.Add(s.cfg.CookieTTL)
		out.ExpiresAt = now.Add(s.cfg.CookieIdleTTL)
	default:
		return Session{}, ErrInvalidKind
	}
	if err := r.CreateSession(ctx, &rec); err != nil {
		return Session{}, fmt.Errorf("open session: %w", err)
	}
	return out, nil
}

// Authenticate returns who holds a bearer session token. ErrUnauthenticated when the token is
// malformed, unknown, revoked, a cookie session's, or its user is deactivated;
// ErrSessionExpired when it has ended.
func (s *Service) Authenticate(ctx context.Context, bearerToken string) (Principal, error) {
	p, _, err := s.authenticate(ctx, bearerToken, storage.SessionBearer)
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate: %w", err)
	}
	return p, nil
}

// AuthenticateCookie returns who holds a cookie session token. For an unsafe method (anything
// but GET, HEAD, OPTIONS and TRACE) csrfHeader must be the session's CSRF token (ErrCSRF);
// otherwise it is ignored. Errors are those of Authenticate, and a bearer token is refused
// here. Use extends an idle cookie session, never past Config.CookieTTL from sign-in.
func (s *Service) AuthenticateCookie(ctx context.Context, cookieToken, csrfHeader string, unsafeMethod bool) (Principal, error) {
	p, rec, err := s.authenticate(ctx, cookieToken, storage.SessionCookie)
	if err == nil && unsafeMethod && !s.csrfMatches(rec, csrfHeader) {
		err = ErrCSRF
	}
	if err == nil {
		err = s.touch(ctx, rec)
	}
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate cookie: %w", err)
	}
	return p, nil
}

func (s *Service) csrfMatches(rec storage.Session, csrf string) bool {
	return checkToken(csrf, csrfPrefix, tokenBytes) && hmac.Equal([]byte(hashToken(csrf)), []byte(rec.CSRFHash))
}

// touch records the use of a cookie session when that extends it.
func (s *Service) touch(ctx context.Context, rec storage.Session) error {
	now := s.clock()
	if !rec.LastSeenAt.Add(s.cfg.CookieIdleTTL).Before(rec.ExpiresAt) || now.Sub(rec.LastSeenAt) < touchEvery {
		return nil // the idle limit cannot end it first, or it was recorded a moment ago
	}
	err := s.db.TouchSession(ctx, rec.TokenHash, now)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("%w: session revoked", ErrUnauthenticated)
	}
	return err
}

// authenticate loads a live session of kind and its principal.
func (s *Service) authenticate(ctx context.Context, token string, kind storage.SessionKind) (Principal, storage.Session, error) {
	if !checkToken(token, sessionPrefix, tokenBytes) {
		return Principal{}, storage.Session{}, fmt.Errorf("%w: malformed session token", ErrUnauthenticated)
	}
	rec, err := s.db.SessionByHash(ctx, hashToken(token))
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return Principal{}, rec, fmt.Errorf("%w: unknown session", ErrUnauthenticated)
	case err != nil:
		return Principal{}, rec, err
	case rec.Kind != kind:
		return Principal{}, rec, fmt.Errorf("%w: a %s session used as %s", ErrUnauthenticated, rec.Kind, kind)
	case rec.RevokedAt != nil:
		return Principal{}, rec, fmt.Errorf("%w: session revoked", ErrUnauthenticated)
	case !s.clock().Before(s.expiry(rec)):
		return Principal{}, rec, ErrSessionExpired
	}
	p, err := s.principal(ctx, rec.UserRef)
	return p, rec, err
}

// expiry is when a session ends unless it is used again.
func (s *Service) expiry(rec storage.Session) time.Time {
	if rec.Kind == storage.SessionCookie {
		return minTime(rec.ExpiresAt, rec.LastSeenAt.Add(s.cfg.CookieIdleTTL))
	}
	return rec.ExpiresAt
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Logout revokes a session, bearer or cookie. ErrUnauthenticated when the token is malformed,
// unknown or already revoked.
func (s *Service) Logout(ctx context.Context, token string) error {
	if !checkToken(token, sessionPrefix, tokenBytes) {
		return fmt.Errorf("log out: %w: malformed session token", ErrUnauthenticated)
	}
	err := s.db.RevokeSession(ctx, hashToken(token), s.clock())
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("log out: %w: unknown or revoked session", ErrUnauthenticated)
	}
	if err != nil {
		return fmt.Errorf("log out: %w", err)
	}
	return nil
}

// LogoutEverywhere revokes every session of the user with internal key id and returns how
// many it revoked.
func (s *Service) LogoutEverywhere(ctx context.Context, id int64) (int64, error) {
	n, err := s.db.RevokeUserSessions(ctx, id, s.clock())
	if err != nil {
		return 0, fmt.Errorf("log out everywhere: %w", err)
	}
	return n, nil
}
