package access

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
)

// Principal is an authenticated caller: a signed-in user, or a service token.
type Principal struct {
	UserID    string // the user's twelve-digit unique user ID; "" for a service token
	ID        int64  // the user's internal key; 0 for a service token
	CitizenID int64  // the citizen (wallet address) the caller acts as; 0 until linked
	Roles     []identity.RoleGrant
	CreatedAt time.Time // when the user registered, or the token was issued
	Label     string    // a service token's label
}

// Has reports whether p holds role in territory ("" asks for the whole city, which only a
// city-wide grant gives; a city-wide grant covers every territory).
func (p Principal) Has(role Role, territory string) bool {
	return slices.ContainsFunc(p.Roles, func(g identity.RoleGrant) bool { return g.Covers(role, territory) })
}

// HasAnywhere reports whether p holds role in at least one territory or city-wide.
func (p Principal) HasAnywhere(role Role) bool {
	return slices.ContainsFunc(p.Roles, func(g identity.RoleGrant) bool { return g.Role == role })
}

// IsUser reports whether p is a signed-in user rather than a service token.
func (p Principal) IsUser() bool { return p.ID != 0 }

// Identity is p as the identity area knows it, to act on its behalf (grant roles).
func (p Principal) Identity() identity.Principal {
	return identity.Principal{UserID: p.UserID, ID: p.ID, CitizenID: p.CitizenID, Roles: p.Roles, CreatedAt: p.CreatedAt}
}

// fromIdentity converts a signed-in user. Every active signed-in user is a citizen: the
// city-wide citizen grant is implied when the user holds none.
func fromIdentity(ip identity.Principal) Principal {
	p := Principal{UserID: ip.UserID, ID: ip.ID, CitizenID: ip.CitizenID, CreatedAt: ip.CreatedAt,
		Roles: slices.Clone(ip.Roles)}
	if !p.Has(RoleCitizen, "") {
		p.Roles = append(p.Roles, identity.RoleGrant{Role: RoleCitizen, CreatedAt: ip.CreatedAt})
	}
	return p
}

// Sessions checks identity sessions; *identity.Service implements it.
type Sessions interface {
	Authenticate(ctx context.Context, bearerToken string) (identity.Principal, error)
	AuthenticateCookie(ctx context.Context, cookieToken, csrfHeader string, unsafeMethod bool) (identity.Principal, error)
}

// Auth authenticates API callers by service token or identity session.
type Auth struct {
	tokens   *Tokens
	sessions Sessions // nil: service tokens only
}

// NewAuth returns the authenticator over tokens and sessions; sessions may be nil.
func NewAuth(tokens *Tokens, sessions Sessions) *Auth {
	return &Auth{tokens: tokens, sessions: sessions}
}

// Authenticate returns who holds a bearer token: a service token ("pbt_…") or a bearer
// session. Errors wrap ErrUnauthenticated, or identity.ErrSessionExpired.
func (a *Auth) Authenticate(ctx context.Context, token string) (Principal, error) {
	if strings.HasPrefix(token, tokenPrefix) || a.sessions == nil {
		return a.tokens.Authenticate(ctx, token)
	}
	ip, err := a.sessions.Authenticate(ctx, token)
	if err != nil {
		return Principal{}, unauthenticated(err)
	}
	return fromIdentity(ip), nil
}

// AuthenticateCookie returns who holds a cookie session. An unsafe method needs the session's
// CSRF token (identity.ErrCSRF).
func (a *Auth) AuthenticateCookie(ctx context.Context, token, csrf string, unsafeMethod bool) (Principal, error) {
	if a.sessions == nil {
		return Principal{}, fmt.Errorf("%w: sign-in is not enabled", ErrUnauthenticated)
	}
	ip, err := a.sessions.AuthenticateCookie(ctx, token, csrf, unsafeMethod)
	if err != nil {
		return Principal{}, unauthenticated(err)
	}
	return fromIdentity(ip), nil
}

// unauthenticated makes identity's refusals match ErrUnauthenticated too, keeping their own
// sentinel (session expired, CSRF) for the API's codes.
func unauthenticated(err error) error {
	if errors.Is(err, identity.ErrUnauthenticated) {
		return fmt.Errorf("%w: %w", ErrUnauthenticated, err)
	}
	return err
}
