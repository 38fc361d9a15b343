package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// loginAt opens the node's login with query and stops at the redirect to the provider.
func (b *browser) loginAt(n *nodetest.Node, query string) string {
	b.t.Helper()
	r := b.step(n.URL+"/api/v1/auth/oidc/login?"+query, "")
	if r.status != http.StatusFound {
		b.t.Fatalf("login?%s: status %d, want 302: %s", query, r.status, r.body)
	}
	return r.header.Get("Location")
}

// step loads u with the browser's cookies without following a redirect; accept "" sends the
// Accept header of a browser's navigation.
func (b *browser) step(u, accept string) response {
	b.t.Helper()
	req, err := http.NewRequestWithContext(b.t.Context(), http.MethodGet, u, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	if accept == "" {
		accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	}
	req.Header.Set("Accept", accept)
	client := *b.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	var body [4096]byte
	k, _ := resp.Body.Read(body[:])
	return response{resp.StatusCode, body[:k], resp.Header}
}

// TestOIDCLoginFromPages: a login begun from the sign-in page ends on a page (303), at the
// remembered path when it is one of the site's, never at another site; refusals go back to
// /login with the error's code; a client that asks for JSON still gets JSON.
func TestOIDCLoginFromPages(t *testing.T) {
	n := startOIDCNode(t, storage.DriverSQLite)
	tests := []struct {
		name, query, accept string
		want                string // the Location; "" wants the JSON body
	}{
		{"first login: the new user's profile", "", "", "/profile?welcome=1"},
		{"then the profile", "", "", "/profile"},
		{"the remembered page", "next=" + url.QueryEscape("/rounds/1?x=1"), "", "/rounds/1?x=1"},
		{"an absolute URL is not followed", "next=" + url.QueryEscape("https://evil.example/"), "", "/profile"},
		{"a protocol-relative URL is not followed", "next=" + url.QueryEscape("//evil.example/"), "", "/profile"},
		{"a backslash URL is not followed", "next=" + url.QueryEscape(`/\evil.example`), "", "/profile"},
		{"the API is not a page", "next=" + url.QueryEscape("/api/v1/me"), "", "/profile"},
		{"JSON asked for at the login", "response=json", "", ""},
		{"JSON asked for at the callback", "next=%2Frounds%2F1", "application/json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			callback := b.atProvider(b.loginAt(n, tt.query))
			r := b.step(callback, tt.accept)
			if tt.want == "" {
				var in struct {
					CSRFToken string `json:"csrf_token"`
				}
				if r.status != http.StatusOK || json.Unmarshal(r.body, &in) != nil || in.CSRFToken == "" {
					t.Fatalf("callback: %d %s, want the JSON session", r.status, r.body)
				}
				return
			}
			if r.status != http.StatusSeeOther || r.header.Get("Location") != tt.want {
				t.Fatalf("callback: %d to %q, want 303 to %q", r.status, r.header.Get("Location"), tt.want)
			}
			if !strings.Contains(strings.Join(r.header.Values("Set-Cookie"), "\n"), "pbnode_session=pbs") {
				t.Fatalf("callback set no session cookie: %q", r.header.Values("Set-Cookie"))
			}
			if me := b.get(n.URL + "/api/v1/me"); me.status != http.StatusOK {
				t.Fatalf("/me after the login: %d %s", me.status, me.body)
			}
			// Used once: the same callback again goes back to the sign-in page.
			r = b.step(callback, "")
			if r.status != http.StatusSeeOther || r.header.Get("Location") != "/login?oidc_error=oidc_state_invalid" {
				t.Fatalf("replayed callback: %d to %q", r.status, r.header.Get("Location"))
			}
		})
	}

	t.Run("declined at the provider", func(t *testing.T) {
		b := newBrowser(t)
		auth, err := url.Parse(b.loginAt(n, "next=%2Fverification"))
		if err != nil {
			t.Fatal(err)
		}
		q := url.Values{"error": {"access_denied"}, "state": {auth.Query().Get("state")}}
		r := b.step(n.URL+"/api/v1/auth/oidc/callback?"+q.Encode(), "")
		if want := "/login?next=%2Fverification&oidc_error=oidc_denied"; r.status != http.StatusSeeOther || r.header.Get("Location") != want {
			t.Fatalf("denied: %d to %q, want 303 to %q", r.status, r.header.Get("Location"), want)
		}
	})
}
