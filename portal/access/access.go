// Package access authenticates API callers with role tokens.
//
// This is the foundation's stand-in for identity: a token names a role (treasury, registrar,
// auditor, citizen) and, for a citizen, who they are. Only a token's SHA-256 is stored. The
// identity area will replace it behind the same Authenticate method.
package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/pbnode/pbnode/storage"
)

// Role is what a caller may do.
type Role string

// The roles of the foundation.
const (
	RoleTreasury  Role = "treasury"
	RoleRegistrar Role = "registrar"
	RoleAuditor   Role = "auditor"
	RoleCitizen   Role = "citizen"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleTreasury, RoleRegistrar, RoleAuditor, RoleCitizen:
		return true
	}
	return false
}

// Principal is an authenticated caller.
type Principal struct {
	Role      Role
	CitizenID int64 // set for citizens
	Label     string
}

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
	if !role.Valid() {
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
	p := Principal{Role: Role(rec.Role), Label: rec.Label}
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
