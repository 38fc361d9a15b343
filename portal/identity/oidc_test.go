package identity_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

const esia = "https://esia.gosuslugi.ru/"

func TestLoginOIDC(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, roomy())
		sess, u, created, err := h.svc.LoginOIDC(ctx, esia, "1000299353", identity.Cookie)
		if err != nil || !created || u.HasPhone || u.OIDCIssuer != esia || sess.CSRF == "" {
			t.Fatalf("LoginOIDC = %v, %+v, %v, %v", sess, u, created, err)
		}
		_, again, created, err := h.svc.LoginOIDC(ctx, esia, "1000299353", identity.Bearer)
		if err != nil || created || again.ID != u.ID {
			t.Errorf("second LoginOIDC = %+v, %v, %v; want the same user", again, created, err)
		}
		if _, other, created, err := h.svc.LoginOIDC(ctx, "https://other.example", "1000299353", identity.Bearer); err != nil || !created || other.ID == u.ID {
			t.Errorf("LoginOIDC of another issuer = %+v, %v, %v; want a new user", other, created, err)
		}
		if p, err := h.svc.AuthenticateCookie(ctx, sess.Token, sess.CSRF, true); err != nil || p.UserID != u.UserID {
			t.Errorf("AuthenticateCookie = %+v, %v", p, err)
		}
		before := h.counts(t)
		bad := []struct {
			name, issuer, subject string
			kind                  identity.SessionKind
			want                  error
		}{
			{"no issuer", "", "1", identity.Bearer, identity.ErrInvalidIdentity},
			{"no subject", esia, "", identity.Bearer, identity.ErrInvalidIdentity},
			{"space in subject", esia, "a b", identity.Bearer, identity.ErrInvalidIdentity},
			{"non-ASCII subject", esia, "пользователь", identity.Bearer, identity.ErrInvalidIdentity},
			{"long subject", esia, strings.Repeat("x", 256), identity.Bearer, identity.ErrInvalidIdentity},
			{"unknown kind", esia, "2", "ticket", identity.ErrInvalidKind},
		}
		for _, tt := range bad {
			if _, _, _, err := h.svc.LoginOIDC(ctx, tt.issuer, tt.subject, tt.kind); !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
		}
		if after := h.counts(t); after != before {
			t.Errorf("refused sign-ins wrote rows: %+v → %+v", before, after)
		}
		if err := db.SetUserStatus(ctx, u.ID, storage.UserDeactivated); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := h.svc.LoginOIDC(ctx, esia, "1000299353", identity.Bearer); !errors.Is(err, identity.ErrDeactivated) {
			t.Errorf("LoginOIDC of a deactivated user: err = %v, want ErrDeactivated", err)
		}
	})
}

// repeatReader yields the same bytes for its first n reads, then crypto/rand.
type repeatReader struct {
	b []byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return rand.Read(p)
	}
	r.n--
	return copy(p, r.b), nil
}

// A user ID that is already taken is drawn again.
func TestUserIDCollision(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		src := &repeatReader{b: []byte{0, 0, 0, 0, 42}, n: 2}
		h := newHarness(t, db, roomy(), identity.WithUserIDSource(src))
		_, first := h.signIn(t, newPhone(), identity.Bearer)
		_, second := h.signIn(t, newPhone(), identity.Bearer)
		if first.UserID != "100000000042" || second.UserID == first.UserID || second.ID == first.ID {
			t.Errorf("user IDs %s and %s; want the second drawn again", first.UserID, second.UserID)
		}
		broken := newHarness(t, db, roomy(), identity.WithUserIDSource(bytes.NewReader(nil)))
		if _, _, _, err := broken.svc.LoginOIDC(ctx, esia, "x", identity.Bearer); !errors.Is(err, io.EOF) {
			t.Errorf("LoginOIDC with a dead random source: err = %v, want io.EOF", err)
		}
	})
}
