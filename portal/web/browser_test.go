package web_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/web"
	"github.com/pbnode/pbnode/portal/web/webtest"
)

// testClock is the budget service's clock, shifted by offset nanoseconds.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// TestRoundPagesInBrowser opens the pages in headless Chromium over a real node (dev chain,
// contracts, SQLite): from the home page to a round, whose piggy banks must show the
// service's figures, and again after finalization, when the funded set is on chain.
func TestRoundPagesInBrowser(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	clock := &testClock{}
	// The service's clock runs 290 s behind, so that a round may close 25 s from now (the
	// service wants five minutes) and take allocations until then (it stops two minutes before).
	clock.offset.Store(int64(-290 * time.Second))
	n := nodetest.Start(t, "sqlite", budget.WithClock(clock.Now))
	ctx := t.Context()
	deadline := time.Now().Add(25 * time.Second).Truncate(time.Second)
	round, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Сквер у школы", Budget: 300_000, Deadline: deadline,
		Initiatives: []budget.NewInitiative{{Title: "Детская площадка", Cost: 100_000}, {Title: "Освещение аллеи", Cost: 250_000}, {Title: "Скамейки", Cost: 30_000}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Набережная", Budget: 5_000_000, Deadline: time.Now().Add(2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	citizens, ids := make([]common.Address, 3), make([]int64, 3)
	for i := range citizens { // custodial wallets: the node signs their records
		_, citizens[i], ids[i] = n.CustodialCitizen(t)
	}
	if _, err := n.Budget.Distribute(ctx, round.ID, citizens); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		citizen, initiative int
		amount              int64
	}{{0, 2, 60_000}, {1, 1, 50_000}, {2, 1, 40_000}, {2, 3, 10_000}} {
		if _, err := n.Budget.Allocate(ctx, budget.Move{RoundID: round.ID, CitizenID: ids[m.citizen], Initiative: m.initiative, Amount: m.amount}); err != nil {
			t.Fatal(err)
		}
	}
	n.Drain(t)
	srv := startSite(t, n)

	if status := b.Open(srv.URL + "/"); status != 200 {
		b.Fatalf("home: status %d", status)
	}
	if got := b.Text("h1"); got != "Народный бюджет" {
		b.Fatalf("home h1 = %q", got)
	}
	card := fmt.Sprintf(`[data-round="%d"]`, round.ID)
	if got, want := b.Text(card+" .money"), web.Rubles(round.Budget); got != want {
		b.Fatalf("home shows the budget %q, want %q", got, want)
	}
	if status := b.Follow(card + " h3 a"); status != 200 {
		b.Fatalf("round page: status %d", status)
	}
	if got, want := b.Location(), fmt.Sprintf("%s/rounds/%d", srv.URL, round.ID); got != want {
		b.Fatalf("the link led to %s, want %s", got, want)
	}
	checkRoundPage(t, b, n, round.ID)

	// The script ran under the policy (it adds the copy button), and nothing was blocked.
	if got := b.Text("button.copy"); got != "Скопировать команду" {
		b.Fatalf("copy button = %q: static/app.js did not run", got)
	}
	if p := b.Problems(); len(p) > 0 {
		b.Fatalf("the browser reported problems: %q", p)
	}
	checkFitsPhone(t, b)

	clock.offset.Store(0)
	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	if _, err := n.Budget.Finalize(ctx, round.ID); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	b.Open(b.Location())
	checkRoundPage(t, b, n, round.ID)
	if got := b.Text(".status"); got != "Итоги подведены" {
		b.Fatalf("status after finalization = %q", got)
	}
}

// checkRoundPage compares what the round page shows with the budget service's figures.
func checkRoundPage(t *testing.T, b *webtest.Browser, n *nodetest.Node, id int64) {
	t.Helper()
	r, err := n.Budget.Round(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	inis, err := n.Budget.Initiatives(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Text("h1"); got != r.Name {
		b.Fatalf("h1 = %q, want %q", got, r.Name)
	}
	for _, ini := range inis {
		sel := fmt.Sprintf(`[data-initiative="%d"]`, ini.Number)
		shown := b.Text(sel + " .received")
		if got := kopecksOf(t, shown); got != ini.Received {
			b.Fatalf("initiative %d shows %q = %d kopecks, the service has %d", ini.Number, shown, got, ini.Received)
		}
		if shown != web.Rubles(ini.Received) {
			b.Fatalf("initiative %d shows %q, want %q", ini.Number, shown, web.Rubles(ini.Received))
		}
		bar := webtest.Run(b, "read the progress bar", chromedp.Evaluate[[]float64](
			fmt.Sprintf(`(p => [p.value, p.max])(document.querySelector('%s progress'))`, sel)))
		if bar[0] != float64(ini.Received) || bar[1] != float64(ini.Cost) {
			b.Fatalf("initiative %d progress = %v, want [%d %d]", ini.Number, bar, ini.Received, ini.Cost)
		}
	}
	if got := kopecksOf(t, b.Text("#allocated")); got != r.Totals.Allocated {
		b.Fatalf("allocated shows %d kopecks, the service has %d", got, r.Totals.Allocated)
	}
	if got := kopecksOf(t, b.Text("#distributed")); got != r.Totals.Distributed {
		b.Fatalf("distributed shows %d kopecks, the service has %d", got, r.Totals.Distributed)
	}
	// A BudgetRoundV2 round shows the quotas granted beside what the citizens claimed.
	if got := kopecksOf(t, b.Text("#granted")); r.Contract != 2 || got != r.Totals.Granted {
		b.Fatalf("granted shows %d kopecks, the service has %d (contract %d)", got, r.Totals.Granted, r.Contract)
	}
	if got, want := b.Text("#audit-command"), "pbnode audit --rpc "+testRPC+" --round "+r.Address.Hex(); got != want {
		b.Fatalf("audit command = %q, want %q", got, want)
	}
	if got, want := b.Text("#token-address"), r.Token.Hex(); got != want {
		b.Fatalf("token address = %q, want %q", got, want)
	}
	var funded []int
	for _, s := range webtest.Run(b, "read the funded set", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('[data-funded]'), e => e.dataset.funded)`)) {
		id, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		funded = append(funded, id)
	}
	if !slices.Equal(funded, r.Funded) {
		b.Fatalf("funded set shown %v, the service has %v", funded, r.Funded)
	}
}

// checkFitsPhone checks that the page needs no sideways scrolling on a 360-pixel screen.
func checkFitsPhone(t *testing.T, b *webtest.Browser) {
	t.Helper()
	b.Do("emulate a phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	defer b.Do("reset the viewport", chromedp.ResetViewport())
	w := webtest.Run(b, "measure the page", chromedp.Evaluate[[]int](
		`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if w[0] > w[1] {
		b.Fatalf("on a phone the page is %d px wide in a %d px viewport", w[0], w[1])
	}
}

// kopecksOf reads a sum as the page prints it ("1 000,50 ₽") back into kopecks.
func kopecksOf(t *testing.T, shown string) int64 {
	t.Helper()
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, shown)
	if !strings.HasSuffix(shown, "₽") || !strings.Contains(shown, ",") {
		t.Fatalf("%q is not a sum in roubles", shown)
	}
	k, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		t.Fatalf("%q is not a sum: %v", shown, err)
	}
	return k
}
