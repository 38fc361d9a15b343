package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/api"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/web"
)

// budgetSite is a whole node (pages in front of the API, dev chain, SQLite) whose budget
// service runs on clock, with a round to allocate in: budget 3 000 ₽, three initiatives,
// deadline in an hour.
type budgetSite struct {
	*nodeSite
	clock *testClock
	pages *pageFixture // signs users in through the login pages
	round budget.Round
}

func startBudgetSite(t *testing.T) *budgetSite {
	t.Helper()
	clock := &testClock{}
	n := nodetest.StartWith(t, "sqlite", nodetest.Options{Budget: []budget.Option{budget.WithClock(clock.Now)},
		Identity: func(c *identity.Config) { c.SendsPerPhone = 100 }})
	apiHandler := api.New(api.Deps{Budget: n.Budget, Anchors: n.Anchors, Auth: access.NewAuth(n.Tokens, n.Identity),
		Identity: n.Identity, Citizens: n.Citizens, Wallets: n.Wallets, Initiatives: n.Initiatives, Registry: prometheus.NewRegistry(),
		Log: nodetest.Logger(), Ready: map[string]api.Check{"database": func(context.Context) error { return nil }}})
	h := web.New(web.Deps{Budget: n.Budget, API: apiHandler, RPCURL: testRPC, Log: nodetest.Logger(),
		Identity: n.Identity, Citizens: n.Citizens, Wallets: n.Wallets, Initiatives: n.Initiatives})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	site := &nodeSite{URL: srv.URL, Node: n, Handler: h.(interface{ Routes() gin.RoutesInfo })}
	s := &budgetSite{nodeSite: site, clock: clock, pages: &pageFixture{site: site, users: map[string]*pageUser{}}}
	r, err := n.Budget.CreateRound(t.Context(), budget.NewRound{Name: "Двор на Лесной", Budget: 300_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Детская площадка", Cost: 100_000}, {Title: "Освещение аллеи", Cost: 250_000}, {Title: "Скамейки", Cost: 30_000}}})
	if err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	s.round = r
	return s
}

// resident is a signed-in user with the custodial wallet verification gives.
type resident struct {
	*pageUser
	ref     int64
	address common.Address
}

// resident signs a new user in and has them verified (level 1), which gives them a wallet.
func (s *budgetSite) resident(t *testing.T) resident {
	t.Helper()
	u := s.pages.signIn(t, "citizen", newPagePhone())
	ref := s.pages.userRef(t, u)
	verify(t, s.nodeSite, ref)
	w, err := s.Node.Wallets.Wallet(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return resident{pageUser: u, ref: ref, address: w.Address}
}

// distribute shares the round's budget equally among addrs (once per round) and waits for
// the chain.
func (s *budgetSite) distribute(t *testing.T, addrs ...common.Address) budget.Distribution {
	t.Helper()
	d, err := s.Node.Budget.Distribute(t.Context(), s.round.ID, addrs)
	if err != nil {
		t.Fatal(err)
	}
	s.Node.Drain(t)
	return d
}

// citizenID is the citizen record the user acts as.
func (s *budgetSite) citizenID(t *testing.T, r resident) int64 {
	t.Helper()
	id, err := s.Node.Budget.CitizenByAddress(t.Context(), r.address)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (s *budgetSite) path(suffix string) string {
	return fmt.Sprintf("/rounds/%d/%s", s.round.ID, suffix)
}

// move posts an allocation form ("allocate" or "withdraw") as u.
func (s *budgetSite) move(u *pageUser, kind string, initiative, amount string) response {
	return u.client.post(s.path(kind), url.Values{"csrf_token": {u.csrf}, "initiative": {initiative}, "amount": {amount}})
}

var doneLocation = regexp.MustCompile(`^/rounds/\d+/allocate\?done=(allocated|withdrawn)&op=(\d+)$`)

// moved checks that a form was taken: 303 back to the page with the operation's number.
func moved(t *testing.T, r response) {
	t.Helper()
	if r.Status != http.StatusSeeOther || !doneLocation.MatchString(r.Location) {
		t.Fatalf("form not taken: %d → %q\n%s", r.Status, r.Location, r.Body)
	}
}

// The node's budget service serves the allocation page and the dashboard's look-up: the
// pages find them on Deps.Budget, so a change of its API must fail here, not hide the pages.
var (
	_ web.Allocations = (*budget.Service)(nil)
	_ web.Operations  = (*budget.Service)(nil)
)
