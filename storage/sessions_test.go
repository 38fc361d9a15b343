package storage_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		t0 := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
		h, csrf := tokenHash(), tokenHash()
		s := storage.Session{TokenHash: strings.ToUpper(h), UserRef: u.ID, Kind: storage.SessionCookie, CSRFHash: csrf,
			CreatedAt: t0, ExpiresAt: t0.Add(12 * time.Hour)}
		if err := db.CreateSession(ctx, &s); err != nil || s.TokenHash != h || !s.LastSeenAt.Equal(t0) {
			t.Fatalf("CreateSession = %+v, %v", s, err)
		}
		got, err := db.SessionByHash(ctx, h)
		if err != nil || got.UserRef != u.ID || got.Kind != storage.SessionCookie || got.CSRFHash != csrf ||
			!got.ExpiresAt.Equal(s.ExpiresAt) || !got.CreatedAt.Equal(t0) || got.RevokedAt != nil {
			t.Fatalf("SessionByHash = %+v, %v; want %+v", got, err, s)
		}
		bad := []struct {
			name string
			s    storage.Session
			want error
		}{
			{"taken hash", storage.Session{TokenHash: h, UserRef: u.ID, Kind: storage.SessionBearer, ExpiresAt: t0}, storage.ErrConflict},
			{"raw token", storage.Session{TokenHash: "pbs_secret", UserRef: u.ID, Kind: storage.SessionBearer, ExpiresAt: t0}, storage.ErrInvalid},
			{"cookie without csrf", storage.Session{TokenHash: tokenHash(), UserRef: u.ID, Kind: storage.SessionCookie, ExpiresAt: t0}, storage.ErrInvalid},
			{"bearer with csrf", storage.Session{TokenHash: tokenHash(), UserRef: u.ID, Kind: storage.SessionBearer, CSRFHash: tokenHash(), ExpiresAt: t0}, storage.ErrInvalid},
			{"unknown kind", storage.Session{TokenHash: tokenHash(), UserRef: u.ID, Kind: "ticket", ExpiresAt: t0}, storage.ErrInvalid},
			{"no expiry", storage.Session{TokenHash: tokenHash(), UserRef: u.ID, Kind: storage.SessionBearer}, storage.ErrInvalid},
			{"unknown user", storage.Session{TokenHash: tokenHash(), UserRef: u.ID + 100, Kind: storage.SessionBearer, ExpiresAt: t0}, storage.ErrNotFound},
		}
		for _, tt := range bad {
			if err := db.CreateSession(ctx, &tt.s); !errors.Is(err, tt.want) {
				t.Errorf("%s: CreateSession err = %v, want %v", tt.name, err, tt.want)
			}
		}
		steps := []struct {
			name string
			err  error
			want error
		}{
			{"touch", db.TouchSession(ctx, h, t0.Add(time.Hour)), nil},
			{"touch back in time", db.TouchSession(ctx, h, t0), nil},
			{"touch unknown", db.TouchSession(ctx, tokenHash(), t0), storage.ErrNotFound},
			{"revoke", db.RevokeSession(ctx, h, t0.Add(2*time.Hour)), nil},
			{"revoke again", db.RevokeSession(ctx, h, t0.Add(3*time.Hour)), storage.ErrNotFound},
			{"touch revoked", db.TouchSession(ctx, h, t0.Add(4*time.Hour)), storage.ErrNotFound},
			{"revoke malformed", db.RevokeSession(ctx, "nope", t0), storage.ErrInvalid},
		}
		for _, st := range steps {
			if !errors.Is(st.err, st.want) {
				t.Errorf("%s: err = %v, want %v", st.name, st.err, st.want)
			}
		}
		got, err = db.SessionByHash(ctx, h)
		if err != nil || !got.LastSeenAt.Equal(t0.Add(time.Hour)) || got.RevokedAt == nil || !got.RevokedAt.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("SessionByHash after use = %+v, %v", got, err)
		}
		if _, err := db.SessionByHash(ctx, tokenHash()); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("SessionByHash(unknown) err = %v", err)
		}
	})
}

func TestRevokeUserSessionsAndPrune(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u, other := newPhoneUser(t, db), newPhoneUser(t, db)
		t0 := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
		for i, ref := range []int64{u.ID, u.ID, other.ID} {
			s := storage.Session{TokenHash: tokenHash(), UserRef: ref, Kind: storage.SessionBearer, ExpiresAt: t0.Add(time.Duration(i) * time.Hour)}
			if err := db.CreateSession(ctx, &s); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := db.RevokeUserSessions(ctx, u.ID, t0); err != nil || n != 2 {
			t.Errorf("RevokeUserSessions = %d, %v; want 2", n, err)
		}
		if n, err := db.RevokeUserSessions(ctx, u.ID, t0); err != nil || n != 0 {
			t.Errorf("RevokeUserSessions again = %d, %v; want 0", n, err)
		}
		if n, err := db.PruneSessions(ctx, t0.Add(90*time.Minute)); err != nil || n != 2 {
			t.Errorf("PruneSessions = %d, %v; want 2", n, err)
		}
		if c, err := db.IdentityCounts(ctx); err != nil || c.Sessions != 1 {
			t.Errorf("IdentityCounts = %+v, %v; want 1 session", c, err)
		}
	})
}
