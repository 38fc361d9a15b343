package oidclogin

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/oidclogin/oidctest"
)

// The client registered at the test OP, and users of the example storage
// (example/server/storage/user.go: NewUserStore).
const (
	testClientID     = oidctest.ClientID
	testClientSecret = oidctest.ClientSecret
	// testRedirectURL is never served: the browser stops at the redirect to it.
	testRedirectURL = "http://127.0.0.1/oidc/callback"
	testPassword    = oidctest.Password
	testUser2       = oidctest.User // subject id2, "Test User2"
	// testOtherClientID is a second web client at the same OP, for tokens meant for others.
	testOtherClientID = "other-web"
)

// testUser1 is the example user whose name carries the issuer's host (subject id1).
func testUser1(issuer string) string {
	u, _ := url.Parse(issuer)
	return "test-user@" + u.Hostname()
}

// testOP is the zitadel example OpenID provider with its in-memory storage, served on port 0.
// Its issuer is the server's URL.
type testOP struct {
	issuer string

	mu     sync.Mutex                           // guards tamper
	tamper map[string]func(body map[string]any) // path suffix → edit of the JSON response
}

func newTestOP(t *testing.T) *testOP {
	t.Helper()
	op := &testOP{}
	op.issuer = oidctest.StartWrapped(t, op.tampering,
		oidctest.Client{ID: testClientID, Secret: testClientSecret, RedirectURL: testRedirectURL},
		oidctest.Client{ID: testOtherClientID, Secret: testClientSecret, RedirectURL: testRedirectURL})
	return op
}

// setTamper makes the OP's JSON responses on paths ending in suffix pass through edit until the
// test ends.
func (op *testOP) setTamper(t *testing.T, suffix string, edit func(body map[string]any)) {
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.tamper == nil {
		op.tamper = map[string]func(map[string]any){}
	}
	op.tamper[suffix] = edit
	t.Cleanup(func() {
		op.mu.Lock()
		defer op.mu.Unlock()
		delete(op.tamper, suffix)
	})
}

func (op *testOP) editFor(path string) func(map[string]any) {
	op.mu.Lock()
	defer op.mu.Unlock()
	for suffix, edit := range op.tamper {
		if strings.HasSuffix(path, suffix) {
			return edit
		}
	}
	return nil
}

// tampering plays a man in the middle for the paths registered with setTamper.
func (op *testOP) tampering(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		edit := op.editFor(r.URL.Path)
		if edit == nil {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := map[string]any{}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			http.Error(w, "tamper: "+err.Error(), http.StatusInternalServerError)
			return
		}
		edit(body)
		out, _ := json.Marshal(body)
		maps.Copy(w.Header(), rec.Header())
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.WriteHeader(rec.Code)
		w.Write(out)
	})
}

func (op *testOP) config() Config {
	cfg := DefaultConfig()
	cfg.IssuerURL = op.issuer
	cfg.ClientID = testClientID
	cfg.ClientSecret = testClientSecret
	cfg.RedirectURL = testRedirectURL
	cfg.HTTPTimeout = 5 * time.Second
	return cfg
}

func (op *testOP) provider(t *testing.T) *Provider {
	t.Helper()
	return op.providerFor(t, testClientID)
}

func (op *testOP) providerFor(t *testing.T, clientID string) *Provider {
	t.Helper()
	cfg := op.config()
	cfg.ClientID = clientID
	p, err := New(t.Context(), cfg, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

var (
	formAction = regexp.MustCompile(`<form[^>]*\baction="([^"]*)"`)
	formID     = regexp.MustCompile(`<input[^>]*\bname="id"[^>]*\bvalue="([^"]*)"`)
)

// browser plays the citizen's browser: it keeps cookies, follows the provider's redirects and
// stops at the redirect to the callback, which it returns instead of loading.
type browser struct {
	t      *testing.T
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, client: &http.Client{
		Jar:     jar,
		Timeout: 10 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if strings.HasPrefix(req.URL.String(), testRedirectURL) {
				return http.ErrUseLastResponse
			}
			if len(via) >= 10 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}}
}

// login opens authURL, fills the OP's login form and returns the callback's query.
func (b *browser) login(authURL, username, password string) url.Values {
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
	form := url.Values{"id": {html.UnescapeString(id[1])}, "username": {username}, "password": {password}}
	resp, err = b.client.PostForm(target.String(), form)
	if err != nil {
		b.t.Fatalf("post login form: %v", err)
	}
	return b.callback(resp)
}

// open opens authURL and expects the OP to redirect straight to the callback.
func (b *browser) open(authURL string) url.Values {
	b.t.Helper()
	resp, err := b.client.Get(authURL)
	if err != nil {
		b.t.Fatalf("open auth url: %v", err)
	}
	return b.callback(resp)
}

func (b *browser) callback(resp *http.Response) url.Values {
	b.t.Helper()
	body := b.read(resp, http.StatusFound)
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), testRedirectURL+"?") {
		b.t.Fatalf("want redirect to the callback, got %q (%v):\n%s", resp.Header.Get("Location"), err, body)
	}
	return loc.Query()
}

func (b *browser) read(resp *http.Response, wantStatus int) string {
	b.t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		b.t.Fatalf("read %s: %v", resp.Request.URL, err)
	}
	if resp.StatusCode != wantStatus {
		b.t.Fatalf("%s %s: status %d, want %d:\n%s", resp.Request.Method, resp.Request.URL, resp.StatusCode, wantStatus, body)
	}
	return string(bytes.TrimSpace(body))
}
