package api_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/oidclogin/oidctest"
	"github.com/pbnode/pbnode/storage"
)

// startOIDCNode starts a node that logs in through the example OP, served on port 0.
func startOIDCNode(t *testing.T, driver string) *nodetest.Node {
	t.Helper()
	return nodetest.StartWith(t, driver, nodetest.Options{OIDC: func(callback string) oidclogin.Config {
		return nodetest.StartOP(t, callback)
	}})
}

var (
	formAction = regexp.MustCompile(`<form[^>]*\baction="([^"]*)"`)
	formID     = regexp.MustCompile(`<input[^>]*\bname="id"[^>]*\bvalue="([^"]*)"`)
)

// browser is a citizen's browser: it keeps cookies and follows redirects.
type browser struct {
	t      *testing.T
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t, &http.Client{Jar: jar, Timeout: 10 * time.Second}}
}

// loginRedirect opens the node's login and stops at the redirect to the provider.
func (b *browser) loginRedirect(n *nodetest.Node) string {
	b.t.Helper()
	client := *b.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(n.URL + "/api/v1/auth/oidc/login")
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		b.t.Fatalf("login: status %d, want 302", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

// atProvider fills the provider's login form and stops at the redirect to the callback,
// which it returns.
func (b *browser) atProvider(authURL string) string {
	b.t.Helper()
	resp, err := b.client.Get(authURL)
	if err != nil {
		b.t.Fatalf("open auth url: %v", err)
	}
	page := b.read(resp, http.StatusOK)
	action, id := formAction.FindStringSubmatch(page), formID.FindStringSubmatch(page)
	if action == nil || id == nil {
		b.t.Fatalf("no login form at %s:\n%s", resp.Request.URL, page)
	}
	target, err := resp.Request.URL.Parse(html.UnescapeString(action[1]))
	if err != nil {
		b.t.Fatal(err)
	}
	client := *b.client
	client.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		if strings.HasSuffix(req.URL.Path, "/api/v1/auth/oidc/callback") {
			return http.ErrUseLastResponse
		}
		return nil
	}
	form := url.Values{"id": {html.UnescapeString(id[1])}, "username": {oidctest.User}, "password": {oidctest.Password}}
	resp, err = client.PostForm(target.String(), form)
	if err != nil {
		b.t.Fatalf("post login form: %v", err)
	}
	resp.Body.Close()
	return resp.Header.Get("Location")
}

// get loads url with the browser's cookies and returns the response, body read. It asks for
// JSON, as an API client does (a browser's callback ends on a page: oidc_pages_test.go).
func (b *browser) get(u string) response {
	b.t.Helper()
	req, err := http.NewRequestWithContext(b.t.Context(), http.MethodGet, u, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, data, resp.Header}
}

func (b *browser) read(resp *http.Response, want int) string {
	b.t.Helper()
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != want {
		b.t.Fatalf("%s: status %d, want %d:\n%s", resp.Request.URL, resp.StatusCode, want, body)
	}
	return string(body)
}

// TestOIDCLogin: a browser logs in through the provider and gets a cookie session; the same
// account signs in as the same user; a callback is used once; a node without OIDC says so.
func TestOIDCLogin(t *testing.T) {
	n := startOIDCNode(t, storage.DriverSQLite)
	b := newBrowser(t)
	callback := b.atProvider(b.loginRedirect(n))
	r := b.get(callback)
	if r.status != http.StatusOK {
		t.Fatalf("callback: %d %s", r.status, r.body)
	}
	var in struct {
		CSRFToken  string `json:"csrf_token"`
		Registered bool   `json:"registered"`
		User       struct {
			UserID string `json:"user_id"`
		}
	}
	if err := json.Unmarshal(r.body, &in); err != nil || !in.Registered || !userIDRE.MatchString(in.User.UserID) || in.CSRFToken == "" {
		t.Fatalf("callback body %s (%v)", r.body, err)
	}
	var me struct {
		UserID string `json:"user_id"`
	}
	if r := b.get(n.URL + "/api/v1/me"); r.status != http.StatusOK || json.Unmarshal(r.body, &me) != nil || me.UserID != in.User.UserID {
		t.Fatalf("/me after login: %d %s", r.status, r.body)
	}
	if r := b.get(callback); r.status != http.StatusBadRequest || r.code() != "oidc_state_invalid" {
		t.Fatalf("replayed callback: %d %s", r.status, r.body)
	}

	again := newBrowser(t)
	r = again.get(again.atProvider(again.loginRedirect(n)))
	var second struct {
		Registered bool `json:"registered"`
		User       struct {
			UserID string `json:"user_id"`
		}
	}
	if err := json.Unmarshal(r.body, &second); err != nil || second.Registered || second.User.UserID != in.User.UserID {
		t.Fatalf("second login: %s, want user %s again", r.body, in.User.UserID)
	}
	// A callback in another browser (no login cookie) is refused, and writes nothing.
	before := identityState(t, n)
	stolen := newBrowser(t).atProvider(b.loginRedirect(n))
	if r := newBrowser(t).get(stolen); r.status != http.StatusBadRequest || r.code() != "oidc_state_invalid" {
		t.Fatalf("callback without the login cookie: %d %s", r.status, r.body)
	}
	if identityState(t, n) != before {
		t.Fatal("a refused callback wrote")
	}

	plain := nodetest.Start(t, storage.DriverSQLite)
	for _, path := range []string{"/api/v1/auth/oidc/login", "/api/v1/auth/oidc/callback?code=x&state=y"} {
		if r := send(t, plain, "GET", path, caller{}, ""); r.status != http.StatusNotFound || r.code() != "oidc_not_configured" {
			t.Fatalf("%s without OIDC: %d %s", path, r.status, r.body)
		}
	}
}
