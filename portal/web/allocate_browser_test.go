package web_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/web/webtest"
)

// TestAllocateInBrowser walks in headless Chromium over a real node (dev chain,
// contracts, SQLite): a verified citizen with a quota opens the round, goes to their tokens,
// puts 500 ₽ into an initiative and sees its piggy bank grow, watches the operation reach
// the chain, takes 200,50 ₽ back and sees it shrink, and is refused more than they have. After
// each step the page and the budget service's Balance agree.
func TestAllocateInBrowser(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	s := startBudgetSite(t)
	n := s.Node
	ctx := t.Context()

	u, err := n.DB.UserByUserID(ctx, browserSignIn(t, b, s.nodeSite, "+79165550401"))
	if err != nil {
		t.Fatal(err)
	}
	verify(t, s.nodeSite, u.ID)
	w, err := n.Wallets.Wallet(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := s.distribute(t, w.Address, common.HexToAddress("0xc1")); d.Each != 150_000 {
		t.Fatalf("distribution %+v, want 1 500 ₽ each", d)
	}
	citizen, err := n.Budget.CitizenByAddress(ctx, w.Address)
	if err != nil {
		t.Fatal(err)
	}

	b.Open(s.URL + fmt.Sprintf("/rounds/%d", s.round.ID))
	if status := b.Follow("#allocate-link"); status != 200 {
		b.Fatalf("allocation page: status %d", status)
	}
	if got, want := b.Location(), s.URL+s.path("allocate"); got != want {
		b.Fatalf("the link led to %s, want %s", got, want)
	}
	checkAllocationPage(t, b, s, citizen, budget.Balance{Quota: 150_000, Available: 150_000})

	// Put 500 ₽ into initiative 2: its piggy bank grows.
	b.Do("type the amount", chromedp.SendKeys(chromedp.CSS("#amount-2"), "500"))
	if status := b.Follow("#allocate-2"); status != 200 {
		b.Fatalf("allocate: status %d", status)
	}
	if b.Text("#done") == "" {
		b.Fatalf("no notice after the allocation: %s", b.Text("main"))
	}
	checkAllocationPage(t, b, s, citizen, budget.Balance{Quota: 150_000, Allocated: 50_000, Available: 100_000,
		Allocations: []budget.Allocation{{Initiative: 2, Amount: 50_000}}})
	if got := kopecksOf(t, b.Text(`[data-initiative="2"] .received`)); got != 50_000 {
		b.Fatalf("the piggy bank shows %d kopecks after 500 ₽ went in, want 50000", got)
	}
	status := webtest.Run(b, "read the operation", chromedp.AttributeValue(chromedp.CSS("#operation"), "data-status")).Value
	if !slices.Contains([]string{"pending", "sent", "mined"}, status) {
		b.Fatalf("operation status %q", status)
	}

	// The operation reaches the chain: the page shows its transaction.
	n.Drain(t)
	b.Open(b.Location())
	opID := webtest.Run(b, "read the operation number", chromedp.Text(chromedp.CSS("#op-id")))
	var op budget.Operation
	if _, err := fmt.Sscan(opID, &op.ID); err != nil {
		t.Fatal(err)
	}
	if op, err = n.Budget.Operation(ctx, op.ID); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Run(b, "read the operation", chromedp.AttributeValue(chromedp.CSS("#operation"), "data-status")).Value; got != "mined" || op.Status != "mined" {
		b.Fatalf("operation shown %q, the service has %q", got, op.Status)
	}
	if got := b.Text("#op-tx"); got != op.TxHash || len(got) != 66 {
		b.Fatalf("transaction shown %q, the service has %q", got, op.TxHash)
	}

	// Take 200,50 ₽ back: the piggy bank shrinks.
	b.Do("type the amount to take back", chromedp.SendKeys(chromedp.CSS("#withdraw-amount-2"), "200,50"))
	if status := b.Follow("#withdraw-2"); status != 200 {
		b.Fatalf("withdraw: status %d", status)
	}
	checkAllocationPage(t, b, s, citizen, budget.Balance{Quota: 150_000, Allocated: 29_950, Available: 120_050,
		Allocations: []budget.Allocation{{Initiative: 2, Amount: 29_950}}})
	if got := kopecksOf(t, b.Text(`[data-initiative="2"] .received`)); got != 29_950 {
		b.Fatalf("the piggy bank shows %d kopecks after 200,50 ₽ came back, want 29950", got)
	}

	// More than is left is refused, and nothing changes.
	b.Do("type too much", chromedp.SendKeys(chromedp.CSS("#amount-1"), "1500"))
	b.Follow("#allocate-1")
	if got := b.Text("#refused"); !strings.HasPrefix(got, "Недостаточно токенов") {
		b.Fatalf("refusal shown %q, want «Недостаточно токенов…»", got)
	}
	checkAllocationPage(t, b, s, citizen, budget.Balance{Quota: 150_000, Allocated: 29_950, Available: 120_050,
		Allocations: []budget.Allocation{{Initiative: 2, Amount: 29_950}}})

	if p := b.Problems(); len(p) > 0 {
		b.Fatalf("the browser reported problems: %q", p)
	}
	checkFitsPhone(t, b)
}

// checkAllocationPage compares what the allocation page shows with the budget service: the
// citizen's Balance (which must be want) and every initiative's piggy bank.
func checkAllocationPage(t *testing.T, b *webtest.Browser, s *budgetSite, citizen int64, want budget.Balance) {
	t.Helper()
	bal, err := s.Node.Budget.Balance(t.Context(), s.round.ID, citizen)
	if err != nil {
		t.Fatal(err)
	}
	if bal.Quota != want.Quota || bal.Allocated != want.Allocated || bal.Available != want.Available ||
		!slices.Equal(bal.Allocations, want.Allocations) {
		b.Fatalf("the service's balance is %+v, want %+v", bal, want)
	}
	for sel, v := range map[string]int64{"#quota": bal.Quota, "#mine": bal.Allocated, "#available": bal.Available} {
		if got := kopecksOf(t, b.Text(sel)); got != v {
			b.Fatalf("%s shows %d kopecks, the service has %d", sel, got, v)
		}
	}
	if got := b.Text("#citizen-address"); got != bal.Citizen.Hex() {
		b.Fatalf("address shown %q, the service has %s", got, bal.Citizen.Hex())
	}
	inis, err := s.Node.Budget.Initiatives(t.Context(), s.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ini := range inis {
		sel := fmt.Sprintf(`[data-initiative="%d"]`, ini.Number)
		if got := kopecksOf(t, b.Text(sel+" .received")); got != ini.Received {
			b.Fatalf("initiative %d's piggy bank shows %d kopecks, the service has %d", ini.Number, got, ini.Received)
		}
		var mine int64
		for _, a := range bal.Allocations {
			if a.Initiative == ini.Number {
				mine = a.Amount
			}
		}
		if got := kopecksOf(t, b.Text(sel+" .mine")); got != mine {
			b.Fatalf("initiative %d shows %d kopecks of the citizen's, the service has %d", ini.Number, got, mine)
		}
	}
}
