package api_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// matrixRoles are the columns of the authorization matrix: who calls.
var matrixRoles = []string{"anonymous", "citizen", "moderator", "department", "treasury", "registrar", "auditor", "admin"}

// Who may call a route: everyone, every signed-in user (each is a citizen), or the holders
// of one role.
const (
	everyone   = "everyone"
	anySession = "signed-in"
)

// matrixUser is the signed-in user of one column, with a wallet holding a quota.
type matrixUser struct {
	phone, userID string
	token         string
	address       common.Address
}

type matrixFixture struct {
	n        *nodetest.Node
	treasury string // a service token, for set-up
	roundID  int64
	users    map[string]*matrixUser // by column; none for anonymous
}

// request is one call of a route by a column.
type request struct {
	path, body string
	who        caller
	cookies    []*http.Cookie
}

// matrixEntry says who may call a route and how to make a valid call of it.
type matrixEntry struct {
	who  string // everyone, anySession, or roles separated by "|"
	make func(t *testing.T, f *matrixFixture, role string) request
}

func fixed(path, body string) func(*testing.T, *matrixFixture, string) request {
	return func(*testing.T, *matrixFixture, string) request { return request{path: path, body: body} }
}

// TestAuthorizationMatrix calls every route as every role and expects 2xx (or a redirect)
// where the role may call it, 403 where it may not, and 401 for anonymous callers of routes
// that need a session. A route without an entry fails the test.
func TestAuthorizationMatrix(t *testing.T) {
	f := newMatrixFixture(t)
	round := func(suffix string) string { return fmt.Sprintf("/api/v1/rounds/%d%s", f.roundID, suffix) }
	matrix := map[string]matrixEntry{
		"GET /healthz":                           {everyone, fixed("/healthz", "")},
		"GET /readyz":                            {everyone, fixed("/readyz", "")},
		"GET /metrics":                           {everyone, fixed("/metrics", "")},
		"GET /api/v1/contracts":                  {everyone, fixed("/api/v1/contracts", "")},
		"GET /api/v1/rounds":                     {everyone, fixed("/api/v1/rounds", "")},
		"POST /api/v1/rounds":                    {"treasury", fixed("/api/v1/rounds", roundBody())},
		"GET /api/v1/rounds/:round":              {everyone, fixed(round(""), "")},
		"GET /api/v1/rounds/:round/initiatives":  {everyone, fixed(round("/initiatives"), "")},
		"GET /api/v1/rounds/:round/eligibility":  {everyone, fixed(round("/eligibility"), "")},
		"POST /api/v1/rounds/:round/initiatives": {"treasury", fixed(round("/initiatives"), `{"title":"Bench","cost_kopecks":100}`)},
		"POST /api/v1/rounds/:round/quotas": {"registrar", func(t *testing.T, f *matrixFixture, _ string) request {
			// The round's list comes from its eligibility: the fixture's verified citizen.
			return request{path: fmt.Sprintf("/api/v1/rounds/%d/quotas", f.newRound(t)), body: `{}`}
		}},
		"GET /api/v1/rounds/:round/citizens/:citizen/balance": {anySession, func(_ *testing.T, f *matrixFixture, role string) request {
			return request{path: round("/citizens/" + f.address(role).Hex() + "/balance")}
		}},
		"POST /api/v1/rounds/:round/allocations":          {anySession, fixed(round("/allocations"), `{"initiative":1,"amount_kopecks":1}`)},
		"POST /api/v1/rounds/:round/withdrawals":          {anySession, fixed(round("/withdrawals"), `{"initiative":1,"amount_kopecks":1}`)},
		"POST /api/v1/rounds/:round/allocations/unsigned": {anySession, fixed(round("/allocations/unsigned"), `{"initiative":1,"amount_kopecks":1}`)},
		"POST /api/v1/rounds/:round/withdrawals/unsigned": {anySession, fixed(round("/withdrawals/unsigned"), `{"initiative":1,"amount_kopecks":1}`)},
		"POST /api/v1/rounds/:round/finalize": {"treasury", func(t *testing.T, f *matrixFixture, _ string) request {
			closed := newRoundClosingAt(t, &fixture{node: f.n}, time.Now().Add(-time.Hour))
			return request{path: fmt.Sprintf("/api/v1/rounds/%d/finalize", closed)}
		}},
		"GET /api/v1/operations/:op": {anySession, fixed("/api/v1/operations/1", "")},
		"POST /api/v1/auth/sms": {everyone, func(*testing.T, *matrixFixture, string) request {
			return request{path: "/api/v1/auth/sms", body: fmt.Sprintf(`{"phone":%q}`, newPhone())}
		}},
		"POST /api/v1/auth/sms/verify": {everyone, func(t *testing.T, f *matrixFixture, _ string) request {
			id, code := startSMS(t, f.n, newPhone())
			return request{path: "/api/v1/auth/sms/verify", body: fmt.Sprintf(`{"challenge_id":%q,"code":%q}`, id, code)}
		}},
		"POST /api/v1/auth/logout": {anySession, func(t *testing.T, f *matrixFixture, role string) request {
			if u := f.users[role]; u != nil { // a session of its own, so the column's stays
				return request{path: "/api/v1/auth/logout", who: signIn(t, f.n, u.phone, "bearer").caller}
			}
			return request{path: "/api/v1/auth/logout"}
		}},
		"GET /api/v1/auth/oidc/login": {everyone, fixed("/api/v1/auth/oidc/login", "")},
		"GET /api/v1/auth/oidc/callback": {everyone, func(t *testing.T, f *matrixFixture, _ string) request {
			b := newBrowser(t)
			callback := b.atProvider(b.loginRedirect(f.n))
			u, _ := url.Parse(callback)
			return request{path: u.RequestURI(), cookies: b.client.Jar.Cookies(u)}
		}},
		"GET /api/v1/me": {anySession, fixed("/api/v1/me", "")},
		// Wallets (wallets_test.go): each link is a fresh user's, whose wallet holds no quota.
		"GET /api/v1/me/wallet":             {anySession, fixed("/api/v1/me/wallet", "")},
		"POST /api/v1/me/wallet/siwe/nonce": {anySession, fixed("/api/v1/me/wallet/siwe/nonce", "")},
		"POST /api/v1/me/wallet/siwe":       {anySession, matrixLink},
		"GET /api/v1/users/:user_id/roles": {"admin", func(_ *testing.T, f *matrixFixture, _ string) request {
			return request{path: "/api/v1/users/" + f.users["citizen"].userID + "/roles"}
		}},
		"POST /api/v1/users/:user_id/roles": {"admin", func(_ *testing.T, f *matrixFixture, role string) request {
			return request{path: "/api/v1/users/" + f.users["citizen"].userID + "/roles", body: `{"role":"moderator","territory":"t-` + role + `"}`}
		}},
		"DELETE /api/v1/users/:user_id/roles/:role": {"admin", func(t *testing.T, f *matrixFixture, role string) request {
			if _, err := f.n.Identity.GrantRoleAsOperator(t.Context(), f.users["citizen"].userID, identity.RoleDepartment, "d-"+role); err != nil {
				t.Fatal(err)
			}
			return request{path: "/api/v1/users/" + f.users["citizen"].userID + "/roles/department?territory=d-" + role}
		}},
	}

	maps.Copy(matrix, citizenMatrix())
	maps.Copy(matrix, initiativeMatrix(t, f))
	maps.Copy(matrix, tallyMatrix(t, f))

	routes := f.n.Handler.(interface{ Routes() gin.RoutesInfo }).Routes()
	seen := map[string]bool{}
	for _, r := range routes {
		key := r.Method + " " + r.Path
		seen[key] = true
		entry, ok := matrix[key]
		if !ok {
			t.Errorf("route %s has no entry in the authorization matrix", key)
			continue
		}
		for _, role := range matrixRoles {
			t.Run(strings.ReplaceAll(key, "/", "_")+"/"+role, func(t *testing.T) {
				req := entry.make(t, f, role)
				who := req.who
				if who.token == "" && f.users[role] != nil {
					who.token = f.users[role].token
				}
				who.cookies = req.cookies
				got := send(t, f.n, r.Method, req.path, who, req.body)
				want := expectedStatus(entry.who, role)
				if !statusMatches(got.status, want) {
					t.Fatalf("%s as %s: %d %s, want %s", key, role, got.status, got.body, want)
				}
			})
		}
	}
	for key := range matrix {
		if !seen[key] {
			t.Errorf("the authorization matrix has an entry for %s, which is no route", key)
		}
	}
}

// expectedStatus is "2xx" (a redirect counts), "401" or "403".
func expectedStatus(who, role string) string {
	switch {
	case who == everyone:
		return "2xx"
	case role == "anonymous":
		return "401"
	case who == anySession || slices.Contains(strings.Split(who, "|"), role):
		return "2xx"
	}
	return "403"
}

func statusMatches(status int, want string) bool {
	if want == "2xx" {
		return status >= 200 && status < 400
	}
	return fmt.Sprint(status) == want
}

func (f *matrixFixture) address(role string) common.Address {
	if u := f.users[role]; u != nil {
		return u.address
	}
	return common.HexToAddress("0x00000000000000000000000000000000000000e0")
}

// newRound creates a round through the API with the treasury's service token.
func (f *matrixFixture) newRound(t *testing.T) int64 {
	t.Helper()
	var r struct{ ID int64 }
	expect(t, f.n, "POST", "/api/v1/rounds", bearer(f.treasury), roundBody(), http.StatusAccepted).decode(t, &r)
	return r.ID
}

// newMatrixFixture starts a node that logs in through OIDC, with one signed-in user per
// column holding that role, each linked to a wallet with a quota and an allocation.
func newMatrixFixture(t *testing.T) *matrixFixture {
	t.Helper()
	n := startOIDCNode(t, storage.DriverSQLite)
	f := &matrixFixture{n: n, users: map[string]*matrixUser{}}
	var err error
	if f.treasury, err = n.Tokens.Issue(t.Context(), access.RoleTreasury, "matrix"); err != nil {
		t.Fatal(err)
	}
	registrar, err := n.Tokens.Issue(t.Context(), access.RoleRegistrar, "matrix")
	if err != nil {
		t.Fatal(err)
	}
	var round struct{ ID int64 }
	expect(t, n, "POST", "/api/v1/rounds", bearer(f.treasury), fmt.Sprintf(`{"name":"Matrix","budget_kopecks":700000,"deadline":%q,
		"initiatives":[{"title":"Park","cost_kopecks":100000}]}`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339)), http.StatusAccepted).decode(t, &round)
	f.roundID = round.ID
	verifyMatrixCitizen(t, n)
	var addrs []string
	for _, role := range matrixRoles[1:] {
		u := &matrixUser{phone: newPhone()}
		s := signIn(t, n, u.phone, "bearer")
		u.userID, u.token = s.userID, s.token
		// A custodial wallet: the node signs the user's BudgetRoundV2 records.
		rec, err := n.DB.UserByUserID(t.Context(), u.userID)
		if err != nil {
			t.Fatal(err)
		}
		w, err := n.Wallets.EnsureCustodial(t.Context(), rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		u.address = w.Address
		if role != "citizen" {
			if _, err := n.Identity.GrantRoleAsOperator(t.Context(), u.userID, identity.Role(role), ""); err != nil {
				t.Fatal(err)
			}
		}
		f.users[role] = u
		addrs = append(addrs, fmt.Sprintf("%q", u.address.Hex()))
	}
	expect(t, n, "POST", fmt.Sprintf("/api/v1/rounds/%d/quotas", f.roundID), bearer(registrar),
		`{"citizens":[`+strings.Join(addrs, ",")+`]}`, http.StatusAccepted)
	for _, role := range matrixRoles[1:] {
		u := f.users[role]
		expect(t, n, "POST", fmt.Sprintf("/api/v1/rounds/%d/allocations", f.roundID), bearer(u.token),
			`{"initiative":1,"amount_kopecks":100}`, http.StatusAccepted)
	}
	if !slices.Equal(slices.Sorted(maps.Keys(f.users)), slices.Sorted(slices.Values(matrixRoles[1:]))) {
		t.Fatal("a column has no user")
	}
	n.Drain(t)
	return f
}
