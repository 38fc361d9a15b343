package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
)

// TestBudgetPagesEveryRole opens the allocation page and the treasury dashboard of a
// city-wide round and of a territorial one as every role, city-wide and in a territory: the
// dashboard answers the treasury, auditors and admins of the round's territory or of the
// city, and 403 to everyone else; the allocation page answers every signed-in user.
func TestBudgetPagesEveryRole(t *testing.T) {
	s := startBudgetSite(t)
	local, err := s.Node.Budget.CreateRound(t.Context(), budget.NewRound{Name: "Центральный район", Budget: 100_000,
		Deadline: time.Now().Add(time.Hour), Eligibility: citizens.RoundRules{Territory: "krasnoyarsk"},
		Initiatives: []budget.NewInitiative{{Title: "Сквер", Cost: 50_000}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Node.Drain(t)
	official := map[identity.Role]bool{identity.RoleTreasury: true, identity.RoleAuditor: true, identity.RoleAdmin: true}
	type grant struct {
		role      identity.Role
		territory string
	}
	var grants []grant
	for _, role := range identity.AllRoles {
		grants = append(grants, grant{role, ""}, grant{role, "krasnoyarsk"}, grant{role, "norilsk"})
	}
	anon := newFormClient(t, s.URL)
	for _, g := range grants {
		u := s.pages.signIn(t, "citizen", newPagePhone())
		if g.role != identity.RoleCitizen || g.territory != "" {
			if _, err := s.Node.Identity.GrantRoleAsOperator(t.Context(), userIDIn(t, u.client.get("/profile").Body), g.role, g.territory); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range []budget.Round{s.round, local} {
			t.Run(fmt.Sprintf("%s in %q, round of %q", g.role, g.territory, r.Eligibility.Territory), func(t *testing.T) {
				want := http.StatusForbidden
				if official[g.role] && (g.territory == "" || g.territory == r.Eligibility.Territory) {
					want = http.StatusOK
				}
				path := fmt.Sprintf("/rounds/%d/treasury", r.ID)
				if got := u.client.get(path); got.Status != want {
					t.Errorf("GET %s: %d, want %d\n%s", path, got.Status, want, got.Body)
				} else if want == http.StatusForbidden && !strings.Contains(got.Body, "для казначейства, аудиторов и администраторов") {
					t.Errorf("GET %s: the 403 page does not say who may open it", path)
				}
				if got := u.client.get(fmt.Sprintf("/rounds/%d/allocate", r.ID)); got.Status != http.StatusOK {
					t.Errorf("allocation page: %d", got.Status)
				}
			})
		}
	}
	for _, path := range []string{s.path("treasury"), s.path("allocate")} {
		if r := anon.get(path); r.Status != http.StatusSeeOther || r.Location != "/login?next="+url.QueryEscape(path) {
			t.Errorf("a visitor at %s: %d → %q, want the sign-in page", path, r.Status, r.Location)
		}
	}
	auditor := s.pages.signIn(t, "auditor", newPagePhone())
	for _, path := range []string{"/rounds/999/treasury", "/rounds/x/treasury", "/rounds/999/allocate"} {
		if r := auditor.client.get(path); r.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, r.Status)
		}
	}
}

// TestTreasuryOperationLookUp: the dashboard looks an operation up by its number, with its
// status and transaction hash, and says when there is none.
func TestTreasuryOperationLookUp(t *testing.T) {
	s := startBudgetSite(t)
	_, addr, id := s.Node.CustodialCitizen(t) // the node signs a custodial citizen's records
	s.distribute(t, addr, common.HexToAddress("0xc1"))
	rc, err := s.Node.Budget.Allocate(t.Context(), budget.Move{RoundID: s.round.ID, CitizenID: id, Initiative: 1, Amount: 5_000})
	if err != nil {
		t.Fatal(err)
	}
	s.Node.Drain(t)
	op, err := s.Node.Budget.Operation(t.Context(), rc.OpID)
	if err != nil {
		t.Fatal(err)
	}
	treasurer := s.pages.signIn(t, "treasury", newPagePhone())
	page := treasurer.client.get(fmt.Sprintf("%s?op=%d", s.path("treasury"), rc.OpID))
	for _, want := range []string{`data-status="mined"`, `id="op-tx">` + op.TxHash, "пакет подписанных вложений и возвратов", "записана в блок №"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the look-up of operation %d lacks %q:\n%s", rc.OpID, want, page.Body)
		}
	}
	for _, q := range []string{"999999", "abc", "-1"} {
		if page := treasurer.client.get(s.path("treasury") + "?op=" + q); page.Status != http.StatusOK || !strings.Contains(page.Body, `id="op-missing"`) {
			t.Errorf("op=%s: %d, want the page saying there is no such operation", q, page.Status)
		}
	}
}
