package storage_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestAPITokens(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		c := newCitizen(t, db)
		h := tokenHash()
		tok := storage.APIToken{Hash: strings.ToUpper(h), Role: "citizen", CitizenID: &c.ID, Label: "phone"}
		if err := db.CreateAPIToken(ctx, &tok); err != nil || tok.Hash != h || tok.CreatedAt.IsZero() {
			t.Fatalf("CreateAPIToken = %+v, %v", tok, err)
		}
		got, err := db.APITokenByHash(ctx, strings.ToUpper(h))
		if err != nil || got.Hash != h || got.Role != "citizen" || *got.CitizenID != c.ID || got.Label != "phone" || !got.CreatedAt.Equal(tok.CreatedAt) {
			t.Errorf("APITokenByHash = %+v, %v; want %+v", got, err, tok)
		}
		unknown := int64(9999)
		tests := []struct {
			name    string
			tok     storage.APIToken
			wantErr error
		}{
			{"same hash", storage.APIToken{Hash: h, Role: "treasury"}, storage.ErrConflict},
			{"raw token instead of hash", storage.APIToken{Hash: "pbn_secret_token", Role: "treasury"}, storage.ErrInvalid},
			{"no role", storage.APIToken{Hash: tokenHash()}, storage.ErrInvalid},
			{"unknown citizen", storage.APIToken{Hash: tokenHash(), Role: "citizen", CitizenID: &unknown}, storage.ErrNotFound},
			{"official without citizen", storage.APIToken{Hash: tokenHash(), Role: "treasury"}, nil},
		}
		for _, tt := range tests {
			if err := db.CreateAPIToken(ctx, &tt.tok); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateAPIToken err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		if _, err := db.APITokenByHash(ctx, tokenHash()); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("APITokenByHash of an unknown hash: err = %v, want ErrNotFound", err)
		}
	})
}
