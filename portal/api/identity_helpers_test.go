package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
)

// phones makes distinct phone numbers within the test binary.
var phones atomic.Int64

func newPhone() string { return fmt.Sprintf("+7916%07d", phones.Add(1)) }

// caller is who sends a request: nobody, a bearer token, or a browser's session cookies with
// the CSRF token its script would echo.
type caller struct {
	token   string
	cookies []*http.Cookie
	csrf    string
}

func bearer(token string) caller { return caller{token: token} }

// response is what a request got back.
type response struct {
	status int
	body   []byte
	header http.Header
}

// code is the error code of the body, "" when it is not an error.
func (r response) code() string {
	var e struct{ Error struct{ Code string } }
	json.Unmarshal(r.body, &e)
	return e.Error.Code
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// call sends a request to the node as who.
func send(t *testing.T, n *nodetest.Node, method, path string, who caller, body string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, n.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if who.token != "" {
		req.Header.Set("Authorization", "Bearer "+who.token)
	}
	for _, c := range who.cookies {
		req.AddCookie(c)
	}
	if who.csrf != "" {
		req.Header.Set("X-CSRF-Token", who.csrf)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, data, resp.Header}
}

// expect sends a request and fails the test unless it gets status.
func expect(t *testing.T, n *nodetest.Node, method, path string, who caller, body string, status int) response {
	t.Helper()
	r := send(t, n, method, path, who, body)
	if r.status != status {
		t.Fatalf("%s %s = %d, want %d: %s", method, path, r.status, status, r.body)
	}
	return r
}

// startSMS asks for a code for phone and returns the challenge and the code the gateway got.
func startSMS(t *testing.T, n *nodetest.Node, phone string) (string, string) {
	t.Helper()
	var ch struct {
		ChallengeID string `json:"challenge_id"`
	}
	expect(t, n, "POST", "/api/v1/auth/sms", caller{}, fmt.Sprintf(`{"phone":%q}`, phone), http.StatusAccepted).decode(t, &ch)
	return ch.ChallengeID, n.SMS.CodeFor(t, phone)
}

// signedIn is a user signed in through the API.
type signedIn struct {
	caller
	userID string
}

// signIn signs phone in by SMS with a session of kind ("bearer" or "cookie").
func signIn(t *testing.T, n *nodetest.Node, phone, kind string) signedIn {
	t.Helper()
	id, code := startSMS(t, n, phone)
	r := expect(t, n, "POST", "/api/v1/auth/sms/verify", caller{},
		fmt.Sprintf(`{"challenge_id":%q,"code":%q,"session":%q}`, id, code, kind), http.StatusOK)
	var out struct {
		Token     string `json:"token"`
		CSRFToken string `json:"csrf_token"`
		User      struct {
			UserID string `json:"user_id"`
		}
	}
	r.decode(t, &out)
	s := signedIn{userID: out.User.UserID}
	if kind == "cookie" {
		s.cookies, s.csrf = cookiesOf(r, "pbnode_session"), out.CSRFToken
	} else {
		s.token = out.Token
	}
	return s
}

// cookiesOf returns the cookies named in r's Set-Cookie headers.
func cookiesOf(r response, names ...string) []*http.Cookie {
	var out []*http.Cookie
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		for _, name := range names {
			if c.Name == name {
				out = append(out, c)
			}
		}
	}
	return out
}

// identityState is every identity row count and the users' grants: what a refused request
// must leave as it was.
func identityState(t *testing.T, n *nodetest.Node) string {
	t.Helper()
	c, err := n.DB.IdentityCounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%+v", c)
	return b.String()
}
