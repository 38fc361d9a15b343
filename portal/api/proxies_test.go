package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// sendVia sends a JSON POST with extra headers, as a load balancer forwards it.
func sendVia(t *testing.T, n *nodetest.Node, path, body string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, n.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, data, resp.Header}
}

// TestTrustedProxies: X-Forwarded-For sets the client address of the sign-in rate limit only
// when the peer is a trusted proxy, and X-Forwarded-Proto: https from one makes the session
// cookie Secure. The test's peer is 127.0.0.1.
func TestTrustedProxies(t *testing.T) {
	const perIP = 3
	start := func(cidrs ...string) *nodetest.Node {
		p, err := httpx.ParseProxies(cidrs)
		if err != nil {
			t.Fatal(err)
		}
		return nodetest.StartWith(t, storage.DriverSQLite, nodetest.Options{Proxies: p,
			Identity: func(c *identity.Config) { c.RequestsPerIP = perIP }})
	}
	smsFrom := func(n *nodetest.Node, xff string) int {
		return sendVia(t, n, "/api/v1/auth/sms", fmt.Sprintf(`{"phone":%q}`, newPhone()), map[string]string{"X-Forwarded-For": xff}).status
	}

	t.Run("untrusted peer: spoofed X-Forwarded-For is ignored", func(t *testing.T) {
		n := start("10.0.0.0/8")
		for i := range perIP {
			if got := smsFrom(n, fmt.Sprintf("198.51.100.%d", i)); got != http.StatusAccepted {
				t.Fatalf("request %d: %d", i, got)
			}
		}
		if got := smsFrom(n, "198.51.100.200"); got != http.StatusTooManyRequests {
			t.Fatalf("over the peer's limit with another spoofed address: %d, want 429", got)
		}
		r := signInVia(t, n, map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.201"})
		if r.status != http.StatusTooManyRequests {
			t.Fatalf("verify from the limited peer: %d, want 429", r.status)
		}
	})

	t.Run("trusted proxy: the forwarded client", func(t *testing.T) {
		n := start("127.0.0.0/8", "::1")
		for i := range 2 * perIP {
			if got := smsFrom(n, fmt.Sprintf("203.0.113.%d", i)); got != http.StatusAccepted {
				t.Fatalf("client %d behind the proxy: %d, want 202 (each its own limit)", i, got)
			}
		}
		for i := range perIP - 1 { // one more request of 203.0.113.0 fills its limit
			if got := smsFrom(n, "1.2.3.4, 203.0.113.0"); got != http.StatusAccepted {
				t.Fatalf("request %d: %d", i, got)
			}
		}
		if got := smsFrom(n, "9.9.9.9, 203.0.113.0"); got != http.StatusTooManyRequests {
			t.Fatalf("over the forwarded client's limit: %d, want 429", got)
		}
		r := signInVia(t, n, map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.77"})
		if r.status != http.StatusOK || !secureCookies(r) {
			t.Fatalf("cookie sign-in over https through the proxy: %d, cookies %q, want Secure", r.status, r.header.Values("Set-Cookie"))
		}
		r = signInVia(t, n, map[string]string{"X-Forwarded-Proto": "http", "X-Forwarded-For": "203.0.113.78"})
		if r.status != http.StatusOK || secureCookies(r) {
			t.Fatalf("cookie sign-in over http: %d, cookies %q, want not Secure", r.status, r.header.Values("Set-Cookie"))
		}
	})
}

// signInVia signs a new phone in with a cookie session, both requests sent with header.
func signInVia(t *testing.T, n *nodetest.Node, header map[string]string) response {
	t.Helper()
	phone := newPhone()
	r := sendVia(t, n, "/api/v1/auth/sms", fmt.Sprintf(`{"phone":%q}`, phone), header)
	if r.status != http.StatusAccepted {
		return r
	}
	var ch struct {
		ChallengeID string `json:"challenge_id"`
	}
	r.decode(t, &ch)
	return sendVia(t, n, "/api/v1/auth/sms/verify",
		fmt.Sprintf(`{"challenge_id":%q,"code":%q,"session":"cookie"}`, ch.ChallengeID, n.SMS.CodeFor(t, phone)), header)
}

// secureCookies reports whether the response set cookies, all of them Secure.
func secureCookies(r response) bool {
	cookies := r.header.Values("Set-Cookie")
	for _, c := range cookies {
		if !strings.Contains(c, "; Secure") {
			return false
		}
	}
	return len(cookies) > 0
}
