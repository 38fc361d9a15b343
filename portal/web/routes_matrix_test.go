package web_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
)

// pageColumns are who opens the pages: nobody, a citizen, and officials (the pages treat
// every signed-in user as a citizen; no page is an official's alone yet).
var pageColumns = []string{"anonymous", "citizen", "moderator", "admin"}

// pageFixture is the site and one signed-in browser per column.
type pageFixture struct {
	site    *nodeSite
	roundID int64
	users   map[string]*pageUser // by column; none for anonymous
}

type pageUser struct {
	phone  string
	client *formClient // keeps the column's session
	csrf   string      // the session's CSRF token
}

// pageRequest is one valid request of a route by a column: the form of a POST (nil for GET),
// sent by client (nil: a copy of the column's browser, so that the column's session stays).
type pageRequest struct {
	path   string
	form   url.Values
	client *formClient
}

// pageEntry says whether a route needs a session, how to make a valid request of it and,
// when it differs from the rule, what a column gets.
type pageEntry struct {
	signedIn bool
	make     func(t *testing.T, f *pageFixture, col string) pageRequest
	anon     int // 0: 200 (GET) or 303 (POST) for a public route, 303 to /login for a signed-in one
	user     int // 0: 200 (GET) or 303 (POST)
}

func page(path string) func(*testing.T, *pageFixture, string) pageRequest {
	return func(*testing.T, *pageFixture, string) pageRequest { return pageRequest{path: path} }
}

// post is a form with the column's CSRF token.
func post(path string, form func(f *pageFixture, col string) url.Values) func(*testing.T, *pageFixture, string) pageRequest {
	return func(_ *testing.T, f *pageFixture, col string) pageRequest {
		v := form(f, col)
		if u := f.users[col]; u != nil {
			v.Set("csrf_token", u.csrf)
		}
		return pageRequest{path: path, form: v}
	}
}

// fresh signs a new user of the column's role in and posts form with its session: for the
// routes that change a user for good (verification queued, account ended, wallet linked).
func fresh(path string, profile bool, form func(t *testing.T, f *pageFixture, u *pageUser) url.Values) func(*testing.T, *pageFixture, string) pageRequest {
	return func(t *testing.T, f *pageFixture, col string) pageRequest {
		if col == "anonymous" {
			return pageRequest{path: path, form: url.Values{"csrf_token": {"x"}}}
		}
		u := f.signIn(t, col, newPagePhone())
		if profile {
			in := citizens.ProfileInput{FullName: "Иванов Иван Иванович", Sex: "m", BirthDate: "1980-05-12"}
			if _, err := f.site.Node.Citizens.UpdateProfile(t.Context(), f.userRef(t, u), in); err != nil {
				t.Fatal(err)
			}
		}
		v := form(t, f, u)
		v.Set("csrf_token", u.csrf)
		return pageRequest{path: path, form: v, client: u.client}
	}
}

// TestPageRouteMatrix opens every route of the pages as every column: public pages answer
// everyone, signed-in pages send a visitor without a session to /login (GET: with next) and
// answer a signed-in user (a valid form with its CSRF token: 303), and a form of a signed-in
// page without the CSRF token is refused. A route without an entry fails the test.
func TestPageRouteMatrix(t *testing.T) {
	f := newPageFixture(t)
	matrix := map[string]pageEntry{
		"GET /static/*file": {false, page("/static/style.css"), 0, 0},
		"GET /":             {false, page("/"), 0, 0},
		"GET /rounds/:round": {false, func(*testing.T, *pageFixture, string) pageRequest {
			return pageRequest{path: fmt.Sprintf("/rounds/%d", f.roundID)}
		}, 0, 0},
		"GET /login":            {false, page("/login"), 0, http.StatusSeeOther}, // signed in: on to the profile
		"GET /login/code":       {false, page("/login/code?challenge=x"), 0, 0},
		"POST /login":           {false, f.sendCode, 0, 0},
		"POST /login/code":      {false, f.verifyCode, 0, 0},
		"GET /logout":           {false, page("/logout"), http.StatusSeeOther, 0}, // nobody to sign out: home
		"POST /logout":          {true, f.logout, 0, 0},
		"GET /profile":          {true, page("/profile"), 0, 0},
		"POST /profile":         {true, post("/profile", profileForm), 0, 0},
		"POST /profile/address": {true, post("/profile/address", addressForm), 0, 0},
		"POST /profile/minors": {true, post("/profile/minors", func(*pageFixture, string) url.Values {
			return url.Values{"minor_name": {"Иванов Пётр Иванович"}, "minor_birth_date": {"01.04.2015"}, "basis": {"parent"}}
		}), 0, 0},
		"GET /profile/deactivate":  {true, page("/profile/deactivate"), 0, 0},
		"POST /profile/deactivate": {true, fresh("/profile/deactivate", false, confirmForm), 0, 0},
		"GET /profile/erase":       {true, page("/profile/erase"), 0, 0},
		"POST /profile/erase":      {true, fresh("/profile/erase", true, confirmForm), 0, 0},
		"GET /verification":        {true, page("/verification"), 0, 0},
		"POST /verification/person": {true, fresh("/verification/person", true, func(*testing.T, *pageFixture, *pageUser) url.Values {
			return url.Values{"level": {"1"}}
		}), 0, 0},
		"POST /verification/flat": {true, fresh("/verification/flat", false, func(*testing.T, *pageFixture, *pageUser) url.Values {
			return url.Values{"level": {"1"}, "fls": {"1234567890"}, "building": {"г. Москва, ул. Тверская, д. 7"}, "flat_number": {"12"}}
		}), 0, 0},
		"GET /wallet": {true, page("/wallet"), 0, 0},
		"POST /wallet/message": {true, post("/wallet/message", func(*pageFixture, string) url.Values {
			return url.Values{"address": {"0x00000000000000000000000000000000000000e1"}}
		}), 0, http.StatusOK}, // the text to sign, for static/wallet.js
		"POST /wallet/link": {true, fresh("/wallet/link", false, linkForm), 0, 0},
	}
	maps.Copy(matrix, initiativePageMatrix(t, f))
	maps.Copy(matrix, budgetPageMatrix(t, f))

	seen := map[string]bool{}
	for _, r := range f.site.Handler.Routes() {
		method := r.Method
		if method == http.MethodHead {
			method = http.MethodGet // HEAD answers as GET does, without the body
		}
		key := method + " " + r.Path
		seen[key] = true
		entry, ok := matrix[key]
		if !ok {
			t.Errorf("page route %s %s has no entry in the page route matrix", r.Method, r.Path)
			continue
		}
		for _, col := range pageColumns {
			t.Run(strings.ReplaceAll(r.Method+" "+r.Path, "/", "_")+"/"+col, func(t *testing.T) {
				f.check(t, r.Method, entry, col)
			})
		}
	}
	for key := range matrix {
		if !seen[key] {
			t.Errorf("the page route matrix has an entry for %s, which is no route", key)
		}
	}
}

// check makes the entry's request as col and compares the answer with the rule.
func (f *pageFixture) check(t *testing.T, method string, e pageEntry, col string) {
	req := e.make(t, f, col)
	c := req.client
	if c == nil {
		c = f.browser(t, col)
	}
	if method == http.MethodPost && req.form == nil {
		req.form = url.Values{}
	}
	if method != http.MethodPost {
		req.form = nil
	}
	if e.signedIn && method == http.MethodPost && col == "citizen" { // without the CSRF token: refused, nothing done
		bare := url.Values{}
		for k, v := range req.form {
			if k != "csrf_token" {
				bare[k] = v
			}
		}
		if r := c.do(method, req.path, bare); r.Status != http.StatusForbidden {
			t.Fatalf("%s %s without the CSRF token: %d, want 403", method, req.path, r.Status)
		}
	}
	r := c.do(method, req.path, req.form)
	want, location := e.user, ""
	switch {
	case col == "anonymous" && e.signedIn:
		want, location = http.StatusSeeOther, "/login"
		if method != http.MethodPost {
			path, _, _ := strings.Cut(req.path, "?")
			location += "?next=" + url.QueryEscape(path)
		}
	case col == "anonymous":
		want = e.anon
	case officialPages[req.path][col] != 0:
		want = officialPages[req.path][col]
	}
	if want == 0 {
		want = http.StatusOK
		if method == http.MethodPost {
			want = http.StatusSeeOther
		}
	}
	if r.Status != want || (location != "" && r.Location != location) {
		t.Fatalf("%s %s as %s: %d to %q, want %d %s\n%s", method, req.path, col, r.Status, r.Location, want, location, r.Body)
	}
}

var pagePhones atomic.Int64

func newPagePhone() string { return fmt.Sprintf("+7917%07d", pagePhones.Add(1)) }

func newPageFixture(t *testing.T) *pageFixture {
	t.Helper()
	s := startNodeSite(t, siteOptions{OIDC: true})
	f := &pageFixture{site: s, users: map[string]*pageUser{}}
	r, err := s.Node.Budget.CreateRound(t.Context(), budget.NewRound{Name: "Матрица", Budget: 100_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Скамейка", Cost: 50_000}}})
	if err != nil {
		t.Fatal(err)
	}
	f.roundID = r.ID
	s.Node.Drain(t)
	for _, col := range pageColumns[1:] {
		f.users[col] = f.signIn(t, col, newPagePhone())
	}
	return f
}

// signIn signs phone in through the login pages, granting the column's role when it is an
// official's.
func (f *pageFixture) signIn(t *testing.T, col, phone string) *pageUser {
	t.Helper()
	c := newFormClient(t, f.site.URL)
	token := c.csrf("/login")
	r := c.post("/login", url.Values{"csrf_token": {token}, "phone": {phone}})
	u, err := url.Parse(r.Location)
	if r.Status != http.StatusSeeOther || err != nil {
		t.Fatalf("send code: %d %q", r.Status, r.Location)
	}
	r = c.post("/login/code", url.Values{"csrf_token": {token}, "challenge": {u.Query().Get("challenge")},
		"code": {f.site.Node.SMS.CodeFor(t, phone)}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("verify code: %d\n%s", r.Status, r.Body)
	}
	pu := &pageUser{phone: phone, client: c, csrf: c.csrf("/profile")}
	if col != "citizen" {
		userID := userIDIn(t, c.get("/profile").Body)
		if _, err := f.site.Node.Identity.GrantRoleAsOperator(t.Context(), userID, identity.Role(col), ""); err != nil {
			t.Fatal(err)
		}
	}
	return pu
}

func (f *pageFixture) userRef(t *testing.T, u *pageUser) int64 {
	t.Helper()
	rec, err := f.site.Node.DB.UserByUserID(t.Context(), userIDIn(t, u.client.get("/profile").Body))
	if err != nil {
		t.Fatal(err)
	}
	return rec.ID
}

// browser is a copy of the column's browser: its cookies, its own jar.
func (f *pageFixture) browser(t *testing.T, col string) *formClient {
	c := newFormClient(t, f.site.URL)
	if u := f.users[col]; u != nil {
		base, _ := url.Parse(f.site.URL)
		jar, err := cookiejar.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		jar.SetCookies(base, u.client.http.Jar.Cookies(base))
		c.http.Jar = jar
	}
	return c
}

var codeFormToken = regexp.MustCompile(`action="/login/code"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"`)

// loginFormToken is the login forms' own token (not the session's, which a signed-in
// visitor's navigation carries).
func loginFormToken(t *testing.T, c *formClient) string {
	t.Helper()
	m := codeFormToken.FindStringSubmatch(c.get("/login/code?challenge=x").Body)
	if m == nil {
		t.Fatal("no login token in the code form")
	}
	return m[1]
}

// sendCode asks for a code with the login forms' token the browser gets.
func (f *pageFixture) sendCode(t *testing.T, _ *pageFixture, col string) pageRequest {
	c := f.browser(t, col)
	token := loginFormToken(t, c)
	return pageRequest{path: "/login", form: url.Values{"csrf_token": {token}, "phone": {newPagePhone()}}, client: c}
}

// verifyCode signs a new phone in, in a copy of the column's browser.
func (f *pageFixture) verifyCode(t *testing.T, _ *pageFixture, col string) pageRequest {
	c := f.browser(t, col)
	token := loginFormToken(t, c)
	phone := newPagePhone()
	r := c.post("/login", url.Values{"csrf_token": {token}, "phone": {phone}})
	u, err := url.Parse(r.Location)
	if r.Status != http.StatusSeeOther || err != nil {
		t.Fatalf("send code: %d %q", r.Status, r.Location)
	}
	return pageRequest{path: "/login/code", client: c, form: url.Values{"csrf_token": {token},
		"challenge": {u.Query().Get("challenge")}, "code": {f.site.Node.SMS.CodeFor(t, phone)}}}
}

// logout signs the column's user in again and ends that session, so the column's stays.
func (f *pageFixture) logout(t *testing.T, _ *pageFixture, col string) pageRequest {
	u := f.users[col]
	if u == nil {
		return pageRequest{path: "/logout", form: url.Values{}}
	}
	again := f.signIn(t, "citizen", u.phone)
	return pageRequest{path: "/logout", form: url.Values{"csrf_token": {again.csrf}}, client: again.client}
}

func profileForm(*pageFixture, string) url.Values {
	return url.Values{"full_name": {"Иванов Иван Иванович"}, "sex": {"m"}, "birth_date": {"12.05.1980"}, "email": {"ivanov@example.org"}, "children": {"2015"}}
}

func addressForm(*pageFixture, string) url.Values {
	return url.Values{"kind": {"residence"}, "text": {"г. Москва, ул. Тверская, д. 7, кв. 12"}}
}

func confirmForm(*testing.T, *pageFixture, *pageUser) url.Values {
	return url.Values{"confirm": {"yes"}}
}

// linkForm signs the Sign-In with Ethereum text of a new key, as a browser wallet does.
func linkForm(t *testing.T, _ *pageFixture, u *pageUser) url.Values {
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	r := u.client.post("/wallet/message", url.Values{"csrf_token": {u.csrf}, "address": {crypto.PubkeyToAddress(key.PublicKey).Hex()}})
	if r.Status != http.StatusOK {
		t.Fatalf("wallet message: %d %s", r.Status, r.Body)
	}
	sig, err := crypto.Sign(accounts.TextHash([]byte(r.Body)), key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return url.Values{"message": {r.Body}, "signature": {hexutil.Encode(sig)}}
}
