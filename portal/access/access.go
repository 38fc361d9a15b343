// Package access authenticates API callers: by service token or by identity session.
//
// A service token ("pbt_…") names one official role (treasury, registrar, auditor); it is for
// the machine clients of those offices. Only a token's SHA-256 is stored. People, citizens
// above all, sign in through the identity area instead (SMS code or OIDC), and carry its
// session token as a bearer token or a cookie: a citizen acts only through a real identity,
// never through a service token. Auth accepts both and gives one Principal, whose role grants
// the API checks.
package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage"
)

// Role is what a caller may do: the identity area's roles.
type Role = identity.Role

// The roles.
const (
	RoleCitizen    = identity.RoleCitizen
	RoleModerator  = identity.RoleModerator
	RoleDepartment = identity.RoleDepartment
	RoleTreasury   = identity.RoleTreasury
	RoleRegistrar  = identity.RoleRegistrar
	RoleAuditor    = identity.RoleAuditor
	RoleAdmin      = identity.RoleAdmin
)

// TokenRoles are the roles a service token may stand for: the official roles of machine
// clients. Citizens sign in through identity instead.
var TokenRoles = []Role{RoleTreasury, RoleRegistrar, RoleAuditor}

// ValidTokenRole reports whether a service token may stand for r.
func ValidTokenRole(r Role) bool { return slices.Contains(TokenRoles, r) }

// ErrUnauthenticated means the token is missing, malformed or unknown.
var ErrUnauthenticated = errors.New("unauthenticated")

// ErrCitizenToken refuses a service token for the citizen role: citizens act only through
// their identity (sign-in by SMS code or OIDC).
var ErrCitizenToken = errors.New("service tokens are not issued for citizens: a citizen signs in (SMS code or OIDC) and uses the session token")

const (
	tokenPrefix = "pbt_"
	tokenBytes  = 32
)

// Tokens issues and checks API tokens.
type Tokens struct{ db *storage.DB }

// NewTokens returns the token store.
func NewTokens(db *storage.DB) *Tokens { return &Tokens{db: db} }

// Issue creates a token for role, one of TokenRoles (ErrCitizenToken for the citizen role).
// The token is returned once; only its hash is kept.
func (t *Tokens) Issue(ctx context.Context, role Role, label string) (string, error) {
	if role == RoleCitizen {
		return "", fmt.Errorf("issue token: %w", ErrCitizenToken)
	}
	if !ValidTokenRole(role) {
		return "", fmt.Errorf("issue token: unknown role %q (service tokens are for treasury, registrar and auditor)", role)
	}
	rec := storage.APIToken{Role: string(role), Label: label}
	var raw [tokenBytes]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", fmt.Errorf("issue token: %w", err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	rec.Hash = hashToken(token)
	if err := t.db.CreateAPIToken(ctx, &rec); err != nil {
		return "", fmt.Errorf("issue token: %w", err)
	}
	return token, nil
}

// Authenticate returns the principal a token stands for. A token stored for a role no longer
// issued (a citizen's, from before citizens signed in through identity) is refused.
func (t *Tokens) Authenticate(ctx context.Context, token string) (Principal, error) {
	if err := CheckFormat(token); err != nil {
		return Principal{}, err
	}
	rec, err := t.db.APITokenByHash(ctx, hashToken(token))
	if errors.Is(err, storage.ErrNotFound) {
		return Principal{}, fmt.Errorf("%w: unknown token", ErrUnauthenticated)
	}
	if err != nil {
		return Principal{}, fmt.Errorf("look up token: %w", err)
	}
	role := Role(rec.Role)
	if role == RoleCitizen {
		return Principal{}, fmt.Errorf("%w: citizen service tokens are no longer accepted; sign in (SMS code or OIDC) and use the session token", ErrUnauthenticated)
	}
	if !ValidTokenRole(role) {
		return Principal{}, fmt.Errorf("%w: the token's role %q is not a service token role", ErrUnauthenticated, rec.Role)
	}
	return Principal{Roles: []identity.RoleGrant{{Role: role, CreatedAt: rec.CreatedAt}}, Label: rec.Label, CreatedAt: rec.CreatedAt}, nil
}

// CheckFormat rejects anything that cannot be a token before it reaches the database.
func CheckFormat(token string) error {
	body, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok {
		return fmt.Errorf("%w: not a pbnode token", ErrUnauthenticated)
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) != tokenBytes {
		return fmt.Errorf("%w: malformed token", ErrUnauthenticated)
	}
	return nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
