package api_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

var userIDRE = regexp.MustCompile(`^[1-9]\d{11}$`)

// TestSMSSignIn: a phone gets a code, signs in with a bearer session that /me knows, signs in
// again as the same user, and logs out; refused requests get their codes and write nothing.
func TestSMSSignIn(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testSMSSignIn(t, driver) })
	}
}

func testSMSSignIn(t *testing.T, driver string) {
	n := nodetest.Start(t, driver)
	phone := newPhone()
	id, code := startSMS(t, n, phone)
	r := expect(t, n, "POST", "/api/v1/auth/sms/verify", caller{},
		fmt.Sprintf(`{"challenge_id":%q,"code":%q,"session":"bearer"}`, id, code), http.StatusOK)
	var in struct {
		Token      string    `json:"token"`
		ExpiresAt  time.Time `json:"expires_at"`
		Registered bool      `json:"registered"`
		User       struct {
			UserID string `json:"user_id"`
		}
	}
	r.decode(t, &in)
	if !strings.HasPrefix(in.Token, "pbs_") || !in.Registered || !userIDRE.MatchString(in.User.UserID) ||
		in.ExpiresAt.Before(time.Now().Add(29*24*time.Hour)) {
		t.Fatalf("sign-in = %s", r.body)
	}
	if len(cookiesOf(r, "pbnode_session")) != 0 {
		t.Fatal("a bearer sign-in set a session cookie")
	}
	var me struct {
		UserID    string `json:"user_id"`
		Roles     []struct{ Role, Territory string }
		CreatedAt time.Time `json:"created_at"`
	}
	expect(t, n, "GET", "/api/v1/me", bearer(in.Token), "", http.StatusOK).decode(t, &me)
	if me.UserID != in.User.UserID || len(me.Roles) != 1 || me.Roles[0].Role != "citizen" || me.CreatedAt.IsZero() {
		t.Fatalf("/me = %+v, want the user, a citizen", me)
	}
	if again := signIn(t, n, "8 "+phone[2:], "bearer"); again.userID != me.UserID {
		t.Fatalf("the same phone signed in as %s, then %s", me.UserID, again.userID)
	}

	used := expect(t, n, "POST", "/api/v1/auth/sms/verify", caller{},
		fmt.Sprintf(`{"challenge_id":%q,"code":%q}`, id, code), http.StatusConflict)
	if used.code() != "code_used" {
		t.Fatalf("reused code: %s", used.body)
	}
	id2, code2 := startSMS(t, n, newPhone())
	wrong := fmt.Sprintf("%06d", (mustAtoi(t, code2)+1)%1000000)
	unknown := "otp_" + strings.Repeat("A", 22)
	tests := []struct {
		name, path, body string
		status           int
		code             string
		writes           bool // counts an attempt or a rate
	}{
		{"invalid phone", "/api/v1/auth/sms", `{"phone":"+1 202 555 0100"}`, 400, "invalid_phone", false},
		{"landline", "/api/v1/auth/sms", `{"phone":"+7 495 123 45 67"}`, 400, "invalid_phone", false},
		{"malformed JSON", "/api/v1/auth/sms", `{"phone":`, 400, "malformed_json", false},
		{"unknown field", "/api/v1/auth/sms", `{"phone":"+79160000000","x":1}`, 400, "malformed_json", false},
		{"bad session kind", "/api/v1/auth/sms/verify", fmt.Sprintf(`{"challenge_id":%q,"code":%q,"session":"jwt"}`, id2, code2), 400, "invalid_request", false},
		{"malformed code", "/api/v1/auth/sms/verify", fmt.Sprintf(`{"challenge_id":%q,"code":"12a456"}`, id2), 400, "code_invalid", false},
		{"malformed challenge", "/api/v1/auth/sms/verify", fmt.Sprintf(`{"challenge_id":"x","code":%q}`, code2), 400, "code_invalid", false},
		{"unknown challenge", "/api/v1/auth/sms/verify", fmt.Sprintf(`{"challenge_id":%q,"code":%q}`, unknown, code2), 400, "code_expired", true},
		{"wrong code", "/api/v1/auth/sms/verify", fmt.Sprintf(`{"challenge_id":%q,"code":%q}`, id2, wrong), 400, "code_invalid", true},
		{"bad token", "/api/v1/me", "", 401, "unauthenticated", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, sent := identityState(t, n), n.SMS.Count()
			method, who := "POST", caller{}
			if tt.path == "/api/v1/me" {
				method, who = "GET", bearer("pbs_"+strings.Repeat("A", 43))
			}
			r := send(t, n, method, tt.path, who, tt.body)
			if r.status != tt.status || r.code() != tt.code {
				t.Fatalf("got %d %s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
			if after := identityState(t, n); !tt.writes && after != before || n.SMS.Count() != sent {
				t.Fatalf("a refused request wrote: %s → %s (sent %d → %d)", before, after, sent, n.SMS.Count())
			}
		})
	}

	expect(t, n, "POST", "/api/v1/auth/logout", bearer(in.Token), "", http.StatusNoContent)
	if r := expect(t, n, "GET", "/api/v1/me", bearer(in.Token), "", http.StatusUnauthorized); r.code() != "unauthenticated" {
		t.Fatalf("after logout: %s", r.body)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSMSLimits: too many codes for a phone get 429 rate_limited with Retry-After; wrong
// codes lock the phone out; a code tried too often is spent.
func TestSMSLimits(t *testing.T) {
	n := nodetest.StartWith(t, storage.DriverSQLite, nodetest.Options{Identity: func(c *identity.Config) {
		c.SendsPerPhone, c.MaxAttempts, c.LockoutFailures = 2, 2, 3
	}})
	phone := newPhone()
	id, code := startSMS(t, n, phone)
	startSMS(t, n, phone)
	before := identityState(t, n)
	r := expect(t, n, "POST", "/api/v1/auth/sms", caller{}, fmt.Sprintf(`{"phone":%q}`, phone), http.StatusTooManyRequests)
	if retry, err := strconv.Atoi(r.header.Get("Retry-After")); r.code() != "rate_limited" || err != nil || retry <= 0 || retry > 3600 {
		t.Fatalf("third code: %s, Retry-After %q", r.body, r.header.Get("Retry-After"))
	}
	if identityState(t, n) != before {
		t.Fatal("a rate-limited request wrote")
	}
	wrong := fmt.Sprintf(`{"challenge_id":%q,"code":%q}`, id, fmt.Sprintf("%06d", (mustAtoi(t, code)+1)%1000000))
	for _, want := range []string{"code_invalid", "code_invalid", "too_many_attempts"} {
		if got := send(t, n, "POST", "/api/v1/auth/sms/verify", caller{}, wrong).code(); got != want {
			t.Fatalf("wrong code: %s, want %s", got, want)
		}
	}
	other := newPhone()
	id, code = startSMS(t, n, other)
	wrong = fmt.Sprintf(`{"challenge_id":%q,"code":%q}`, id, fmt.Sprintf("%06d", (mustAtoi(t, code)+1)%1000000))
	send(t, n, "POST", "/api/v1/auth/sms/verify", caller{}, wrong)
	send(t, n, "POST", "/api/v1/auth/sms/verify", caller{}, wrong)
	id, _ = startSMS(t, n, other)
	r = send(t, n, "POST", "/api/v1/auth/sms/verify", caller{}, fmt.Sprintf(`{"challenge_id":%q,"code":"000000"}`, id))
	if r.status != http.StatusTooManyRequests || r.code() != "locked_out" || r.header.Get("Retry-After") == "" {
		t.Fatalf("third wrong code for the phone: %d %s", r.status, r.body)
	}
}

// TestCookieSession: a browser session travels in an HttpOnly SameSite=Lax cookie; reads need
// no CSRF token, unsafe requests need the right one.
func TestCookieSession(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testCookieSession(t, driver) })
	}
}

func testCookieSession(t *testing.T, driver string) {
	n := nodetest.Start(t, driver)
	id, code := startSMS(t, n, newPhone())
	r := expect(t, n, "POST", "/api/v1/auth/sms/verify", caller{},
		fmt.Sprintf(`{"challenge_id":%q,"code":%q,"session":"cookie"}`, id, code), http.StatusOK)
	var in struct {
		Token     string `json:"token"`
		CSRFToken string `json:"csrf_token"`
	}
	r.decode(t, &in)
	session, csrf := cookiesOf(r, "pbnode_session"), cookiesOf(r, "pbnode_csrf")
	switch {
	case in.Token != "" || !strings.HasPrefix(in.CSRFToken, "pbc_"):
		t.Fatalf("cookie sign-in body: %s", r.body)
	case len(session) != 1 || !session[0].HttpOnly || session[0].Secure || session[0].SameSite != http.SameSiteLaxMode || session[0].Path != "/":
		t.Fatalf("session cookie: %+v", session)
	case len(csrf) != 1 || csrf[0].HttpOnly || csrf[0].Value != in.CSRFToken:
		t.Fatalf("csrf cookie: %+v", csrf)
	}
	browser := caller{cookies: session}
	expect(t, n, "GET", "/api/v1/me", browser, "", http.StatusOK)
	expect(t, n, "GET", "/api/v1/rounds", browser, "", http.StatusOK)
	if r := expect(t, n, "GET", "/api/v1/me", caller{token: session[0].Value}, "", http.StatusUnauthorized); r.code() != "unauthenticated" {
		t.Fatalf("a cookie session used as bearer: %s", r.body)
	}
	for name, who := range map[string]caller{
		"no CSRF token":        browser,
		"wrong CSRF token":     {cookies: session, csrf: "pbc_" + strings.Repeat("A", 43)},
		"malformed CSRF token": {cookies: session, csrf: "x"},
	} {
		before := identityState(t, n)
		if r := expect(t, n, "POST", "/api/v1/auth/logout", who, "", http.StatusForbidden); r.code() != "csrf_failed" {
			t.Fatalf("%s: %s", name, r.body)
		}
		if identityState(t, n) != before {
			t.Fatalf("%s: a refused logout wrote", name)
		}
	}
	// A stale cookie leaves public endpoints working.
	expect(t, n, "POST", "/api/v1/auth/sms", browser, fmt.Sprintf(`{"phone":%q}`, newPhone()), http.StatusAccepted)

	browser.csrf = in.CSRFToken
	r = expect(t, n, "POST", "/api/v1/auth/logout", browser, "", http.StatusNoContent)
	if gone := cookiesOf(r, "pbnode_session"); len(gone) != 1 || gone[0].MaxAge >= 0 {
		t.Fatalf("logout did not delete the cookie: %+v", gone)
	}
	if r := expect(t, n, "GET", "/api/v1/me", browser, "", http.StatusUnauthorized); r.code() != "unauthenticated" {
		t.Fatalf("after logout: %s", r.body)
	}
}

// TestSessionExpired: an ended session gets 401 session_expired.
func TestSessionExpired(t *testing.T) {
	n := nodetest.StartWith(t, storage.DriverSQLite, nodetest.Options{Identity: func(c *identity.Config) {
		c.BearerTTL = time.Second
	}})
	u := signIn(t, n, newPhone(), "bearer")
	time.Sleep(1100 * time.Millisecond)
	if r := expect(t, n, "GET", "/api/v1/me", u.caller, "", http.StatusUnauthorized); r.code() != "session_expired" {
		t.Fatalf("expired session: %s", r.body)
	}
}
