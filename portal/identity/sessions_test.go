package identity_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestCookieSessionsAndCSRF(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, roomy())
		cookie, u := h.signIn(t, newPhone(), identity.Cookie)
		bearer, _ := h.signIn(t, newPhone(), identity.Bearer)
		if !strings.HasPrefix(cookie.CSRF, "pbc_") || cookie.Kind != identity.Cookie || !cookie.ExpiresAt.Equal(start.Add(12*time.Hour)) {
			t.Fatalf("cookie session = %v, CSRF %q", cookie, cookie.CSRF)
		}
		other, _ := h.signIn(t, newPhone(), identity.Cookie)
		tests := []struct {
			name   string
			token  string
			csrf   string
			unsafe bool
			want   error
		}{
			{"safe method, no CSRF", cookie.Token, "", false, nil},
			{"unsafe method with CSRF", cookie.Token, cookie.CSRF, true, nil},
			{"unsafe method, no CSRF", cookie.Token, "", true, identity.ErrCSRF},
			{"unsafe method, another session's CSRF", cookie.Token, other.CSRF, true, identity.ErrCSRF},
			{"unsafe method, malformed CSRF", cookie.Token, "pbc_x", true, identity.ErrCSRF},
			{"unsafe method, the session token as CSRF", cookie.Token, cookie.Token, true, identity.ErrCSRF},
			{"bearer token as cookie", bearer.Token, "", false, identity.ErrUnauthenticated},
			{"malformed token", "pbs_nope", cookie.CSRF, true, identity.ErrUnauthenticated},
			{"no token", "", "", false, identity.ErrUnauthenticated},
		}
		for _, tt := range tests {
			p, err := h.svc.AuthenticateCookie(ctx, tt.token, tt.csrf, tt.unsafe)
			if !errors.Is(err, tt.want) || (err == nil && p.ID != u.ID) {
				t.Errorf("%s: AuthenticateCookie = %+v, %v; want %v", tt.name, p, err, tt.want)
			}
		}
		if _, err := h.svc.Authenticate(ctx, cookie.Token); !errors.Is(err, identity.ErrUnauthenticated) {
			t.Errorf("cookie token as bearer: err = %v, want ErrUnauthenticated", err)
		}
		if s := cookie.String() + " " + cookie.GoString(); strings.Contains(s, cookie.Token[4:]) || strings.Contains(s, cookie.CSRF[4:]) {
			t.Errorf("Session prints its tokens: %s", s)
		}
	})
}

func TestCookieSessionExpiry(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		cfg := roomy()
		cfg.CookieIdleTTL, cfg.CookieTTL = time.Hour, 150*time.Minute
		h := newHarness(t, db, cfg)
		used, u := h.signIn(t, newPhone(), identity.Cookie)
		idle, _ := h.signIn(t, newPhone(), identity.Cookie)
		if !used.ExpiresAt.Equal(start.Add(time.Hour)) {
			t.Errorf("ExpiresAt = %v, want the idle limit", used.ExpiresAt)
		}
		auth := func(s identity.Session) error {
			_, err := h.svc.AuthenticateCookie(ctx, s.Token, "", false)
			return err
		}
		steps := []struct {
			after   time.Duration
			session identity.Session
			want    error
		}{
			{50 * time.Minute, used, nil}, // extends the used session to 1h50
			{50 * time.Minute, used, nil}, // 1h40: extends to 2h30, the absolute end
			{0, idle, identity.ErrSessionExpired},
			{45 * time.Minute, used, nil}, // 2h25
			{5 * time.Minute, used, identity.ErrSessionExpired},
		}
		for i, s := range steps {
			h.clock.Advance(s.after)
			if err := auth(s.session); !errors.Is(err, s.want) {
				t.Errorf("step %d: err = %v, want %v", i, err, s.want)
			}
		}
		if n, err := h.svc.LogoutEverywhere(ctx, u.ID); err != nil || n != 1 {
			t.Errorf("LogoutEverywhere = %d, %v; want 1", n, err)
		}
	})
}

func TestBearerExpiryAndLogout(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, roomy())
		expiring, _ := h.signIn(t, newPhone(), identity.Bearer)
		leaving, _ := h.signIn(t, newPhone(), identity.Bearer)
		cookie, _ := h.signIn(t, newPhone(), identity.Cookie)
		steps := []struct {
			name string
			err  error
			want error
		}{
			{"logout", h.svc.Logout(ctx, leaving.Token), nil},
			{"logout again", h.svc.Logout(ctx, leaving.Token), identity.ErrUnauthenticated},
			{"logout malformed", h.svc.Logout(ctx, "pbt_foundation_token"), identity.ErrUnauthenticated},
			{"logout cookie", h.svc.Logout(ctx, cookie.Token), nil},
		}
		for _, s := range steps {
			if !errors.Is(s.err, s.want) {
				t.Errorf("%s: err = %v, want %v", s.name, s.err, s.want)
			}
		}
		if _, err := h.svc.Authenticate(ctx, leaving.Token); !errors.Is(err, identity.ErrUnauthenticated) {
			t.Errorf("Authenticate after logout: err = %v", err)
		}
		if _, err := h.svc.AuthenticateCookie(ctx, cookie.Token, cookie.CSRF, true); !errors.Is(err, identity.ErrUnauthenticated) {
			t.Errorf("AuthenticateCookie after logout: err = %v", err)
		}
		h.clock.Advance(30*24*time.Hour - time.Second)
		if _, err := h.svc.Authenticate(ctx, expiring.Token); err != nil {
			t.Errorf("Authenticate a second before the end: %v", err)
		}
		h.clock.Advance(time.Second)
		if _, err := h.svc.Authenticate(ctx, expiring.Token); !errors.Is(err, identity.ErrSessionExpired) {
			t.Errorf("Authenticate at the end: err = %v, want ErrSessionExpired", err)
		}
		// Deactivated users are refused with their sessions, and cannot sign in again.
		fresh, deact := h.signIn(t, newPhone(), identity.Bearer)
		if err := db.SetUserStatus(ctx, deact.ID, storage.UserDeactivated); err != nil {
			t.Fatal(err)
		}
		if _, err := h.svc.Authenticate(ctx, fresh.Token); !errors.Is(err, identity.ErrUnauthenticated) || !errors.Is(err, identity.ErrDeactivated) {
			t.Errorf("Authenticate of a deactivated user: err = %v", err)
		}
		if n, err := h.svc.Sweep(ctx); err != nil || n == 0 {
			t.Errorf("Sweep = %d, %v; want expired challenges deleted", n, err)
		}
	})
}
