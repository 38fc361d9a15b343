package storage

import (
	"context"
	"fmt"
	"time"
)

// APIToken grants a role to the bearer of a token. Only the token's hash is stored.
type APIToken struct {
	Hash      string // hex SHA-256 of the token, 64 lowercase digits; never the token itself
	Role      string
	CitizenID *int64 // the citizen the token acts for, if any
	Label     string
	CreatedAt time.Time
}

type apiTokenRow struct {
	Hash      string `gorm:"primaryKey"`
	Role      string
	CitizenID *int64
	Label     string
	CreatedAt time.Time
}

func (apiTokenRow) TableName() string { return "api_tokens" }

func (row apiTokenRow) token() APIToken {
	return APIToken{Hash: row.Hash, Role: row.Role, CitizenID: row.CitizenID, Label: row.Label, CreatedAt: row.CreatedAt.UTC()}
}

// CreateAPIToken stores t and sets its CreatedAt. The hash must be 64 hex digits (ErrInvalid
// otherwise, so a raw token is not stored by mistake); a taken hash gives ErrConflict, an
// unknown citizen ErrNotFound.
func (r Repo) CreateAPIToken(ctx context.Context, t *APIToken) error {
	h, err := normTokenHash(t.Hash)
	if err == nil && t.Role == "" {
		err = fmt.Errorf("%w: token role is empty", ErrInvalid)
	}
	if err != nil {
		return fmt.Errorf("create api token: %w", err)
	}
	row := apiTokenRow{Hash: h, Role: t.Role, CitizenID: t.CitizenID, Label: t.Label, CreatedAt: now()}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create api token: %w", translate(err))
	}
	*t = row.token()
	return nil
}

// APITokenByHash returns the token with the given hash, or ErrNotFound.
func (r Repo) APITokenByHash(ctx context.Context, hash string) (APIToken, error) {
	h, err := normTokenHash(hash)
	if err != nil {
		return APIToken{}, fmt.Errorf("load api token: %w", err)
	}
	var row apiTokenRow
	if err := r.with(ctx).Take(&row, "hash = ?", h).Error; err != nil {
		return APIToken{}, fmt.Errorf("load api token: %w", translate(err))
	}
	return row.token(), nil
}
