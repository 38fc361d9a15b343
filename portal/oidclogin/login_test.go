package oidclogin

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// login runs Begin and the browser's login at the OP, and returns the callback query.
func login(t *testing.T, p *Provider, username string) (Start, url.Values) {
	t.Helper()
	start, err := p.Begin(t.Context())
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	return start, newBrowser(t).login(start.AuthURL, username, testPassword)
}

func TestLogin(t *testing.T) {
	op := newTestOP(t)
	p := op.provider(t)
	want := Identity{
		Issuer:        op.issuer,
		Subject:       "id2",
		Name:          "Test User2",
		GivenName:     "Test",
		FamilyName:    "User2",
		Email:         "test-user2@zitadel.ch",
		EmailVerified: true,
	}
	for i := range 2 { // a second login yields the same subject
		start, query := login(t, p, testUser2)
		got, err := p.Finish(t.Context(), start, query)
		if err != nil {
			t.Fatalf("login %d: Finish: %v", i, err)
		}
		if got != want {
			t.Errorf("login %d: got %+v, want %+v", i, got, want)
		}
	}

	start, query := login(t, p, testUser1(op.issuer))
	got, err := p.Finish(t.Context(), start, query)
	if err != nil {
		t.Fatalf("other user: Finish: %v", err)
	}
	if got.Subject != "id1" || got.Issuer != op.issuer || got.Name != "Test User" {
		t.Errorf("other user: got %+v, want subject id1, name Test User", got)
	}
}

func TestBegin(t *testing.T) {
	op := newTestOP(t)
	p := op.provider(t)
	a, err := p.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if a.State == b.State || a.Nonce == b.Nonce || a.CodeVerifier == b.CodeVerifier {
		t.Errorf("two logins share a secret: %#v and %#v", a, b)
	}
	u, err := url.Parse(a.AuthURL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.AuthURL, op.issuer+"/") {
		t.Errorf("auth url %s is not at the issuer %s", a.AuthURL, op.issuer)
	}
	q := u.Query()
	for name, want := range map[string]string{
		"response_type":         "code",
		"client_id":             testClientID,
		"redirect_uri":          testRedirectURL,
		"scope":                 "openid profile email phone",
		"state":                 a.State,
		"nonce":                 a.Nonce,
		"code_challenge":        oidc.NewSHACodeChallenge(a.CodeVerifier),
		"code_challenge_method": "S256",
	} {
		if got := q.Get(name); got != want {
			t.Errorf("auth url %s = %q, want %q", name, got, want)
		}
	}
	if strings.Contains(a.AuthURL, a.CodeVerifier) {
		t.Error("auth url carries the PKCE verifier")
	}
}

func TestFinishRejects(t *testing.T) {
	op := newTestOP(t)
	p := op.provider(t)
	finish := func(t *testing.T, start Start, query url.Values) error {
		_, err := p.Finish(t.Context(), start, query)
		return err
	}
	tests := []struct {
		name    string
		run     func(t *testing.T) error
		wantErr error
	}{
		{"state differs", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			query.Set("state", start.State+"x")
			return finish(t, start, query)
		}, ErrStateMismatch},
		{"state missing", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			query.Del("state")
			return finish(t, start, query)
		}, ErrStateMismatch},
		{"no login begun", func(t *testing.T) error {
			_, query := login(t, p, testUser2)
			return finish(t, Start{}, query)
		}, ErrStateMismatch},
		{"start of another login", func(t *testing.T) error {
			_, query := login(t, p, testUser2)
			other, _ := p.Begin(t.Context())
			return finish(t, other, query)
		}, ErrStateMismatch},
		{"callback names another issuer", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			query.Set("iss", "https://idp.example")
			return finish(t, start, query)
		}, ErrStateMismatch},
		{"code repeated", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			query.Add("code", "other")
			return finish(t, start, query)
		}, ErrMalformedCallback},
		{"access denied", func(t *testing.T) error {
			start, _ := p.Begin(t.Context())
			query := url.Values{"state": {start.State}, "error": {"access_denied"}, "error_description": {"citizen declined"}}
			err := finish(t, start, query)
			if pe, ok := errors.AsType[*ProviderError](err); !ok || pe.Code != "access_denied" || pe.Description != "citizen declined" {
				t.Errorf("got %v, want a *ProviderError access_denied", err)
			}
			return err
		}, ErrProviderError},
		{"login required by the OP", func(t *testing.T) error {
			start, _ := p.Begin(t.Context())
			query := newBrowser(t).open(start.AuthURL + "&prompt=none")
			err := finish(t, start, query)
			if pe, ok := errors.AsType[*ProviderError](err); !ok || pe.Code != "login_required" {
				t.Errorf("got %v, want a *ProviderError login_required", err)
			}
			return err
		}, ErrProviderError},
		{"code replayed", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			if err := finish(t, start, query); err != nil {
				t.Fatalf("first Finish: %v", err)
			}
			return finish(t, start, query)
		}, ErrExchange},
		{"verifier of another login", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			other, _ := p.Begin(t.Context())
			start.CodeVerifier = other.CodeVerifier
			return finish(t, start, query)
		}, ErrExchange},
		{"nonce of another login", func(t *testing.T) error {
			start, query := login(t, p, testUser2)
			other, _ := p.Begin(t.Context())
			start.Nonce = other.Nonce
			err := finish(t, start, query)
			if err != nil && (strings.Contains(err.Error(), start.Nonce) || !errors.Is(err, oidc.ErrNonceInvalid)) {
				t.Errorf("error %q: want oidc.ErrNonceInvalid without the nonce", err)
			}
			return err
		}, ErrTokenInvalid},
		{"client secret wrong", func(t *testing.T) error {
			cfg := op.config()
			cfg.ClientSecret = "wrong"
			wrong, err := New(t.Context(), cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			start, query := login(t, wrong, testUser2)
			_, err = wrong.Finish(t.Context(), start, query)
			return err
		}, ErrExchange},
		{"id token missing", func(t *testing.T) error {
			op.setTamper(t, "/oauth/token", func(body map[string]any) { delete(body, "id_token") })
			start, query := login(t, p, testUser2)
			return finish(t, start, query)
		}, ErrTokenInvalid},
		{"id token signature altered", func(t *testing.T) error {
			op.setTamper(t, "/oauth/token", editIDToken(t, func(parts []string) {
				sig := []byte(parts[2])
				i := len(sig) / 2
				sig[i] = map[bool]byte{true: 'B', false: 'A'}[sig[i] == 'A']
				parts[2] = string(sig)
			}))
			start, query := login(t, p, testUser2)
			return finish(t, start, query)
		}, ErrTokenInvalid},
		{"id token subject altered", func(t *testing.T) error {
			op.setTamper(t, "/oauth/token", editIDToken(t, func(parts []string) {
				parts[1] = editSegment(t, parts[1], func(claims map[string]any) { claims["sub"] = "id1" })
			}))
			start, query := login(t, p, testUser2)
			return finish(t, start, query)
		}, ErrTokenInvalid},
		{"id token unsigned", func(t *testing.T) error {
			op.setTamper(t, "/oauth/token", editIDToken(t, func(parts []string) {
				parts[0] = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
				parts[2] = ""
			}))
			start, query := login(t, p, testUser2)
			return finish(t, start, query)
		}, ErrTokenInvalid},
		{"id token for another client", func(t *testing.T) error {
			foreign := idTokenOf(t, op, op.providerFor(t, testOtherClientID))
			op.setTamper(t, "/oauth/token", func(body map[string]any) { body["id_token"] = foreign })
			start, query := login(t, p, testUser2)
			err := finish(t, start, query)
			if !errors.Is(err, oidc.ErrAudience) {
				t.Errorf("got %v, want oidc.ErrAudience", err)
			}
			return err
		}, ErrTokenInvalid},
		{"id token from another issuer", func(t *testing.T) error {
			other := newTestOP(t)
			foreign := idTokenOf(t, other, other.provider(t))
			op.setTamper(t, "/oauth/token", func(body map[string]any) { body["id_token"] = foreign })
			start, query := login(t, p, testUser2)
			err := finish(t, start, query)
			if !errors.Is(err, oidc.ErrIssuerInvalid) {
				t.Errorf("got %v, want oidc.ErrIssuerInvalid", err)
			}
			return err
		}, ErrTokenInvalid},
		{"userinfo for another subject", func(t *testing.T) error {
			op.setTamper(t, "/userinfo", func(body map[string]any) { body["sub"] = "id1" })
			start, query := login(t, p, testUser2)
			return finish(t, start, query)
		}, ErrTokenInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run(t)
			t.Logf("error: %v", err)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// idTokenOf logs in through p at op and returns the ID token that op issued, genuinely signed.
func idTokenOf(t *testing.T, op *testOP, p *Provider) string {
	t.Helper()
	var raw string
	op.setTamper(t, "/oauth/token", func(body map[string]any) { raw, _ = body["id_token"].(string) })
	start, query := login(t, p, testUser2)
	if _, err := p.Finish(t.Context(), start, query); err != nil {
		t.Fatalf("login for a foreign token: %v", err)
	}
	if raw == "" {
		t.Fatal("no id_token seen")
	}
	return raw
}

// editIDToken returns a token-response edit that changes the id_token's three segments.
func editIDToken(t *testing.T, edit func(parts []string)) func(map[string]any) {
	return func(body map[string]any) {
		raw, _ := body["id_token"].(string)
		parts := strings.Split(raw, ".")
		if len(parts) != 3 {
			t.Errorf("id_token has %d segments", len(parts))
			return
		}
		edit(parts)
		body["id_token"] = strings.Join(parts, ".")
	}
}

// editSegment decodes a JWT segment, edits it as JSON and encodes it again.
func editSegment(t *testing.T, seg string, edit func(map[string]any)) string {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Errorf("decode segment: %v", err)
		return seg
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Errorf("segment json: %v", err)
		return seg
	}
	edit(m)
	b, _ = json.Marshal(m)
	return base64.RawURLEncoding.EncodeToString(b)
}

func TestNewRejects(t *testing.T) {
	op := newTestOP(t)
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	t.Cleanup(hung.Close)

	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr error // nil: any error
	}{
		{"invalid config", func(c *Config) { c.ClientID = "" }, ErrInvalidConfig},
		{"issuer differs from discovery", func(c *Config) { c.IssuerURL += "/" }, oidc.ErrIssuerInvalid},
		{"no provider", func(c *Config) { c.IssuerURL = op.issuer + "/nothing" }, oidc.ErrDiscoveryFailed},
		{"provider hangs", func(c *Config) {
			c.IssuerURL = hung.URL
			c.HTTPTimeout = 100 * time.Millisecond
		}, oidc.ErrDiscoveryFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := op.config()
			tt.edit(&cfg)
			p, err := New(t.Context(), cfg, nil)
			if !errors.Is(err, tt.wantErr) || p != nil {
				t.Fatalf("got %v, %v; want error %v", p, err, tt.wantErr)
			}
		})
	}
}

// TestFinishRejectsExpiredToken runs the OP in a synctest bubble, whose clock stands at
// 2000-01-01: every token it issues expired long before Finish, outside the bubble, checks it.
func TestFinishRejectsExpiredToken(t *testing.T) {
	issuer := make(chan string)
	release := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		synctest.Test(t, func(t *testing.T) {
			op := newTestOP(t)
			issuer <- op.issuer
			<-release // a channel from outside the bubble: waiting on it does not advance the clock
		})
	}()
	defer func() { close(release); <-done }()
	var op *testOP
	select {
	case iss := <-issuer:
		op = &testOP{issuer: iss}
	case <-done:
		t.Fatal("the OP in the bubble did not start")
	}

	p, err := New(t.Context(), op.config(), nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	start, query := login(t, p, testUser2)
	_, err = p.Finish(t.Context(), start, query)
	if !errors.Is(err, ErrTokenInvalid) || !errors.Is(err, oidc.ErrExpired) {
		t.Fatalf("got %v, want ErrTokenInvalid for an expired token", err)
	}
}
