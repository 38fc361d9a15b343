package web_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/web"
	"github.com/pbnode/pbnode/portal/web/webtest"
)

// TestTreasuryDashboardInBrowser opens a round's dashboard in headless Chromium over a real
// node as the treasury: supply, distributed and allocated totals, every piggy bank against
// its cost, the projected funded set, the contracts and the audit command must be the budget
// service's, and an operation looked up shows its transaction. A citizen gets the 403 page.
func TestTreasuryDashboardInBrowser(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	s := startBudgetSite(t)
	n := s.Node
	ctx := t.Context()
	addrs := make([]common.Address, 3)
	for i := range addrs { // custodial wallets: the node signs their records
		_, addrs[i], _ = n.CustodialCitizen(t)
	}
	s.distribute(t, addrs...)
	var last budget.Receipt
	for _, m := range []struct {
		citizen, initiative int
		amount              int64
		withdraw            bool
	}{{0, 2, 60_000, false}, {1, 1, 50_000, false}, {2, 1, 40_000, false}, {2, 3, 10_000, false}, {1, 1, 5_000, true}} {
		id, err := n.Budget.CitizenByAddress(ctx, addrs[m.citizen])
		if err != nil {
			t.Fatal(err)
		}
		do := n.Budget.Allocate
		if m.withdraw {
			do = n.Budget.Withdraw
		}
		if last, err = do(ctx, budget.Move{RoundID: s.round.ID, CitizenID: id, Initiative: m.initiative, Amount: m.amount}); err != nil {
			t.Fatal(err)
		}
	}
	n.Drain(t)

	userID := browserSignIn(t, b, s.nodeSite, "+79165550411")
	if _, err := n.Identity.GrantRoleAsOperator(ctx, userID, identity.RoleTreasury, ""); err != nil {
		t.Fatal(err)
	}
	b.Open(s.URL + fmt.Sprintf("/rounds/%d", s.round.ID))
	if status := b.Follow("#treasury-link"); status != 200 {
		b.Fatalf("dashboard: status %d", status)
	}
	checkTreasuryPage(t, b, n.Budget, s.round.ID)
	if got := b.Text("#supply-check"); got != "Выпуск токенов равен бюджету: 1 токен = 1 копейка." {
		b.Fatalf("supply check %q", got)
	}

	// The last change's operation, looked up by its number.
	op, err := n.Budget.Operation(ctx, last.OpID)
	if err != nil {
		t.Fatal(err)
	}
	b.Do("type the operation", chromedp.SendKeys(chromedp.CSS("#op"), strconv.FormatInt(last.OpID, 10)))
	b.Follow("#op-find")
	if got := b.Text("#op-tx"); got != op.TxHash || op.Status != "mined" {
		b.Fatalf("operation %d shows transaction %q, the service has %q (%s)", last.OpID, got, op.TxHash, op.Status)
	}
	checkTreasuryPage(t, b, n.Budget, s.round.ID)
	if p := b.Problems(); len(p) > 0 {
		b.Fatalf("the browser reported problems: %q", p)
	}
	checkFitsPhone(t, b)

	// A citizen may not open it.
	b.Follow("#logout")
	browserSignIn(t, b, s.nodeSite, "+79165550412")
	if status := b.Open(s.URL + s.path("treasury")); status != 403 {
		b.Fatalf("a citizen opened the dashboard: status %d", status)
	}
}

// checkTreasuryPage compares the dashboard with the budget service's figures.
func checkTreasuryPage(t *testing.T, b *webtest.Browser, svc *budget.Service, id int64) {
	t.Helper()
	r, err := svc.Round(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	inis, err := svc.Initiatives(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]int64{"#budget": r.Budget, "#supply": r.Totals.Supply, "#distributed": r.Totals.Distributed,
		"#allocated": r.Totals.Allocated, "#undistributed": r.Totals.Supply - r.Totals.Distributed,
		"#unallocated": r.Totals.Distributed - r.Totals.Allocated} {
		shown := b.Text(sel)
		if got := kopecksOf(t, shown); got != want || shown != web.Rubles(want) {
			b.Fatalf("%s shows %q, the service has %d kopecks", sel, shown, want)
		}
	}
	var fundedCost int64
	for _, ini := range inis {
		row := fmt.Sprintf(`tr[data-initiative="%d"]`, ini.Number)
		if got := kopecksOf(t, b.Text(row+" .received")); got != ini.Received {
			b.Fatalf("initiative %d received %d, the service has %d", ini.Number, got, ini.Received)
		}
		if got := kopecksOf(t, b.Text(row+" .cost")); got != ini.Cost {
			b.Fatalf("initiative %d cost %d, the service has %d", ini.Number, got, ini.Cost)
		}
		if got, want := b.Text(row+" .share"), web.Percent(ini.Received, ini.Cost); !strings.HasPrefix(got, want) {
			b.Fatalf("initiative %d share %q, want %q", ini.Number, got, want)
		}
		in := slices.Contains(r.Funded, ini.Number)
		if in {
			fundedCost += ini.Cost
		}
		if got := webtest.Run(b, "read the funded flag", chromedp.AttributeValue(chromedp.CSS(row+" .funded-flag"), "data-funded-flag")).Value; got != strconv.FormatBool(in) {
			b.Fatalf("initiative %d funded flag %q, the service's set is %v", ini.Number, got, r.Funded)
		}
		if got := b.Text(row + " .piggy-address"); got != ini.PiggyBank.Hex() {
			b.Fatalf("initiative %d piggy bank %q, the service has %s", ini.Number, got, ini.PiggyBank.Hex())
		}
	}
	var funded []int
	for _, v := range webtest.Run(b, "read the funded set", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('[data-funded]'), e => e.dataset.funded)`)) {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		funded = append(funded, n)
	}
	if !slices.Equal(funded, r.Funded) || len(funded) == 0 {
		b.Fatalf("funded set shown %v, the service has %v", funded, r.Funded)
	}
	if got := kopecksOf(t, b.Text("#funded-cost")); got != fundedCost {
		b.Fatalf("funded cost %d, want %d", got, fundedCost)
	}
	for sel, want := range map[string]string{"#round-address": r.Address.Hex(), "#token-address": r.Token.Hex(), "#treasury-address": r.Treasury.Hex(),
		"#audit-command": "pbnode audit --rpc " + testRPC + " --round " + r.Address.Hex()} {
		if got := b.Text(sel); got != want {
			b.Fatalf("%s = %q, want %q", sel, got, want)
		}
	}
}
