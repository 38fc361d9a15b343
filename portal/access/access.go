// Package access authenticates API callers: by service token or by identity session.
//
// A service token ("pbt_…") names one role (treasury, registrar, auditor, citizen) and, for a
// citizen, who they are; it is for machine clients and the development demo. Only a token's
// SHA-256 is stored. People sign in through the identity area instead (SMS code or OIDC), and
// carry its session token as a bearer token or a cookie. Auth accepts both and gives one
// Principal, whose role grants the API checks.
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

// TokenRoles are the roles a service token may stand for.
var TokenRoles = []Role{RoleTreasury, RoleRegistrar, RoleAuditor, RoleCitizen}

// ValidTokenRole reports whether a service token may stand for r.
func ValidTokenRole(r Role) bool { return slices.Contains(TokenRoles, r) }

// ErrUnauthenticated means the token is missing, malformed or unknown.
var ErrUnauthenticated = errors.New("unauthenticated")

const (
	tokenPrefix = "pbt_"
	tokenBytes  = 32
)

// Tokens issues and checks API tokens.
type Tokens struct{ db *storage.DB }

// NewTokens returns the token store.
func NewTokens(db *storage.DB) *Tokens { return &Tokens{db: db} }

// Issue creates a token for role; citizenID is required for citizens and ignored otherwise.
// The token is returned once; only its hash is kept.
func (t *Tokens) Issue(ctx context.Context, role Role, citizenID int64, label string) (string, error) {
	if !ValidTokenRole(role) {
		return "", fmt.Errorf("issue token: unknown role %q", role)
	}
	rec := storage.APIToken{Role: string(role), Label: label}
	if role == RoleCitizen {
		if citizenID <= 0 {
			return "", errors.New("issue token: a citizen token needs a citizen")
		}
		rec.CitizenID = &citizenID
	}
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

// Authenticate returns the principal a token stands for.
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
	p := Principal{Roles: []identity.RoleGrant{{Role: Role(rec.Role), CreatedAt: rec.CreatedAt}}, Label: rec.Label, CreatedAt: rec.CreatedAt}
	if rec.CitizenID != nil {
		p.CitizenID = *rec.CitizenID
	}
	return p, nil
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
