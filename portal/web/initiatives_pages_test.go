package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/storage"
)

// registryPeople hands out the people of one registry extract, to verify test users.
type registryPeople struct {
	mu   sync.Mutex // guards next
	reg  registry.Registry
	list []registrytest.Citizen
	next int
}

var sitePeople sync.Map // *nodeSite → *registryPeople

// verify has the user of the browser u verified at level 1 against the site's extract.
func verify(t *testing.T, site *nodeSite, ref int64) {
	t.Helper()
	v, ok := sitePeople.Load(site)
	if !ok {
		reg, list := nodetest.Extracts(t, 64, 74)
		v, _ = sitePeople.LoadOrStore(site, &registryPeople{reg: reg, list: list})
	}
	p := v.(*registryPeople)
	p.mu.Lock()
	person := p.list[p.next]
	p.next++
	p.mu.Unlock()
	site.Node.VerifyPerson(t, ref, p.reg, person, 1, "")
}

// storedInitiative stores an initiative by author in status, as the earlier steps would
// have left it.
func storedInitiative(t *testing.T, n *nodetest.Node, author int64, status string, edit ...func(*storage.Proposal)) int64 {
	t.Helper()
	p := storage.Proposal{AuthorRef: author, Title: "Освещение двора", Problem: "Темно", ExpectedResult: "Светло",
		Category: "improvement", Subcategory: "lighting", Cost: 100_000_00, Status: status}
	for _, e := range edit {
		e(&p)
	}
	if err := n.DB.CreateProposal(t.Context(), &p); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func collecting(deadline time.Time) func(*storage.Proposal) {
	return func(p *storage.Proposal) { p.Track, p.SupportDeadline, p.SupportThreshold = "support", &deadline, 2 }
}

// officialPages are the pages only some signed-in columns may open, by path: the status the
// others get.
var officialPages = map[string]map[string]int{
	"/initiatives/review": {"citizen": http.StatusForbidden, "admin": http.StatusForbidden},
}

// initiativePageMatrix are the page route matrix's entries of the initiatives' pages. Forms
// that need a verified citizen are sent by a fresh verified user of the column's role; each
// action gets a fresh initiative in the state it needs.
func initiativePageMatrix(t *testing.T, f *pageFixture) map[string]pageEntry {
	author := f.userRef(t, f.users["citizen"])
	public := storedInitiative(t, f.site.Node, author, "published", collecting(time.Now().Add(time.Hour)))
	verified := func(path func(t *testing.T) string, form url.Values) func(*testing.T, *pageFixture, string) pageRequest {
		return func(t *testing.T, f *pageFixture, col string) pageRequest {
			if col == "anonymous" {
				return pageRequest{path: path(t), form: url.Values{"csrf_token": {"x"}}}
			}
			u := f.signIn(t, col, newPagePhone())
			verify(t, f.site, f.userRef(t, u))
			v := url.Values{"csrf_token": {u.csrf}}
			for k, vs := range form {
				v[k] = vs
			}
			return pageRequest{path: path(t), form: v, client: u.client}
		}
	}
	fresh := func(suffix, status string, edit ...func(*storage.Proposal)) func(t *testing.T) string {
		return func(t *testing.T) string {
			return fmt.Sprintf("/initiatives/%d%s", storedInitiative(t, f.site.Node, author, status, edit...), suffix)
		}
	}
	fixedPath := func(p string) func(*testing.T) string { return func(*testing.T) string { return p } }
	return map[string]pageEntry{
		"GET /initiatives":             {false, page("/initiatives"), 0, 0},
		"GET /initiatives/new":         {true, page("/initiatives/new"), 0, 0},
		"GET /initiatives/review":      {true, page("/initiatives/review"), 0, 0}, // see officialPages
		"GET /initiatives/:initiative": {false, page(fmt.Sprintf("/initiatives/%d", public)), 0, 0},
		"POST /initiatives": {true, verified(fixedPath("/initiatives"), url.Values{"title": {"Скамейки у подъезда"},
			"problem": {"Негде сесть"}, "expected_result": {"Скамейки"}, "category": {"improvement/yard"}, "cost": {"25000"}}), 0, 0},
		"POST /initiatives/:initiative/support": {true, verified(fresh("/support", "published", collecting(time.Now().Add(time.Hour))),
			url.Values{"vote": {"add"}}), 0, 0},
		"POST /initiatives/:initiative/posts": {true, verified(fresh("/posts", "funded"), url.Values{"body": {"Работы начаты"}}), 0, 0},
		"POST /initiatives/:initiative/action": {true, func(t *testing.T, f *pageFixture, col string) pageRequest {
			// Settling is the moderators'; others are sent back with the refusal.
			v := url.Values{"action": {"settle"}}
			if u := f.users[col]; u != nil {
				v.Set("csrf_token", u.csrf)
			}
			return pageRequest{path: fresh("/action", "published", collecting(time.Now().Add(-time.Hour)))(t), form: v}
		}, 0, 0},
	}
}
