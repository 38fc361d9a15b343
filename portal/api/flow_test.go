package api_test

import (
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// testClock is the budget service's clock, shifted by offset nanoseconds.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// TestRoundLifecycle runs a round through the API from creation to finalization on the
// embedded chain and checks the chain agrees at each step.
func TestRoundLifecycle(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel() // each waits for its own deadline
			testRoundLifecycle(t, driver)
		})
	}
}

func testRoundLifecycle(t *testing.T, driver string) {
	clock := &testClock{}
	// The service's clock runs 290 s behind, so that a round may close 25 s from now (the API
	// wants five minutes) and take changes until then (it stops two minutes before).
	clock.offset.Store(int64(-290 * time.Second))
	n := nodetest.Start(t, driver, budget.WithClock(clock.Now))
	f := &fixture{node: n}
	f.treasury = issue(t, n, access.RoleTreasury)
	f.registr = issue(t, n, access.RoleRegistrar)

	// The dev chain's clock runs ahead of the wall clock by up to a second a block, so the
	// deadline leaves room for the dozen transactions before it.
	deadline := time.Now().Add(25 * time.Second).Truncate(time.Second)
	var round struct {
		ID           int64  `json:"id"`
		RoundAddress string `json:"round_address"`
		TokenAddress string `json:"token_address"`
		Status       string
		Funded       []int
	}
	f.do(t, "POST", "/api/v1/rounds", f.treasury, fmt.Sprintf(`{"name":"Lifecycle","budget_kopecks":300000,"deadline":%q,
		"initiatives":[{"title":"Park","cost_kopecks":100000},{"title":"Lights","cost_kopecks":250000},{"title":"Benches","cost_kopecks":30000}]}`,
		deadline.Format(time.RFC3339)), http.StatusAccepted, &round)
	f.roundID = round.ID
	for range 3 {
		tok, addr := custodialSession(t, n)
		f.citizens, f.addrs = append(f.citizens, tok), append(f.addrs, addr)
	}
	var dist struct {
		EachKopecks      int64 `json:"each_kopecks"`
		RemainderKopecks int64 `json:"remainder_kopecks"`
	}
	f.do(t, "POST", f.round("/quotas"), f.registr, fmt.Sprintf(`{"citizens":[%q,%q,%q]}`, f.addrs[0], f.addrs[1], f.addrs[2]), http.StatusAccepted, &dist)
	if dist.EachKopecks != 100000 || dist.RemainderKopecks != 0 {
		t.Fatalf("R-1.2: each %d remainder %d, want 100000 and 0", dist.EachKopecks, dist.RemainderKopecks)
	}
	moves := []struct {
		citizen, initiative int
		amount              int64
		path                string
	}{
		{0, 2, 60000, "/allocations"}, {1, 1, 50000, "/allocations"}, {2, 1, 40000, "/allocations"},
		{2, 3, 10000, "/allocations"}, {0, 2, 5000, "/withdrawals"},
	}
	for _, m := range moves {
		f.do(t, "POST", f.round(m.path), f.citizens[m.citizen], fmt.Sprintf(`{"initiative":%d,"amount_kopecks":%d}`, m.initiative, m.amount), http.StatusAccepted, nil)
	}
	n.Drain(t)

	var bal struct {
		QuotaKopecks     int64 `json:"quota_kopecks"`
		AllocatedKopecks int64 `json:"allocated_kopecks"`
		AvailableKopecks int64 `json:"available_kopecks"`
	}
	f.do(t, "GET", f.round("/citizens/me/balance"), f.citizens[0], "", 200, &bal)
	if bal.QuotaKopecks != 100000 || bal.AllocatedKopecks != 55000 || bal.AvailableKopecks != 45000 {
		t.Fatalf("balance = %+v, want quota 100000, allocated 55000, available 45000", bal)
	}
	checkInitiatives(t, f, map[int]int64{1: 90000, 2: 55000, 3: 10000})
	f.do(t, "GET", f.round(""), "", "", 200, &round)
	if want := []int{1, 3}; !slices.Equal(round.Funded, want) {
		t.Fatalf("projected funded set %v, want %v (R-1.4: Lights does not fit after Park)", round.Funded, want)
	}
	assertAudit(t, n, round.RoundAddress, false, []uint64{1, 3})

	clock.offset.Store(0)
	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	f.do(t, "POST", f.round("/allocations"), f.citizens[0], `{"initiative":1,"amount_kopecks":1}`, http.StatusConflict, nil)
	f.do(t, "POST", f.round("/finalize"), f.treasury, "", http.StatusAccepted, nil)
	f.do(t, "POST", f.round("/finalize"), f.treasury, "", http.StatusConflict, nil)
	n.Drain(t)
	f.do(t, "GET", f.round(""), "", "", 200, &round)
	if round.Status != "finalized" || !slices.Equal(round.Funded, []int{1, 3}) {
		t.Fatalf("after finalize: status %q funded %v, want finalized [1 3]", round.Status, round.Funded)
	}
	assertAudit(t, n, round.RoundAddress, true, []uint64{1, 3})
	// the unfunded piggy bank (Lights, 55000) and the tokens no citizen allocated
	// (BudgetRoundV2 keeps them in the round: 300000 − 155000) return to the treasury.
	if got := tokenBalance(t, n, round.TokenAddress, n.Worker.Address()); got != 55000+145000 {
		t.Fatalf("treasury holds %d, want 200000", got)
	}
	if got := tokenBalance(t, n, round.TokenAddress, common.HexToAddress(round.RoundAddress)); got != 0 {
		t.Fatalf("the finalized round still holds %d", got)
	}
}

// checkInitiatives compares the API's piggy banks with want and with the chain: the token
// balance at each piggy-bank address the API reports.
func checkInitiatives(t *testing.T, f *fixture, want map[int]int64) {
	t.Helper()
	var got struct {
		Initiatives []struct {
			ID              int
			ReceivedKopecks int64  `json:"received_kopecks"`
			PiggyBank       string `json:"piggy_bank"`
		}
	}
	f.do(t, "GET", f.round("/initiatives"), "", "", 200, &got)
	var round struct {
		TokenAddress string `json:"token_address"`
	}
	f.do(t, "GET", f.round(""), "", "", 200, &round)
	for _, ini := range got.Initiatives {
		if ini.ReceivedKopecks != want[ini.ID] {
			t.Errorf("initiative %d received %d, want %d", ini.ID, ini.ReceivedKopecks, want[ini.ID])
		}
		if chainBal := tokenBalance(t, f.node, round.TokenAddress, common.HexToAddress(ini.PiggyBank)); chainBal != want[ini.ID] {
			t.Errorf("piggy bank %s of initiative %d holds %d on-chain, want %d", ini.PiggyBank, ini.ID, chainBal, want[ini.ID])
		}
	}
}

func tokenBalance(t *testing.T, n *nodetest.Node, token string, who common.Address) int64 {
	t.Helper()
	tb := bindings.NewBudgetToken()
	to := common.HexToAddress(token)
	out, err := n.Chain.CallContract(t.Context(), ethereum.CallMsg{To: &to, Data: tb.PackBalanceOf(who)}, nil)
	if err != nil {
		t.Fatalf("balanceOf: %v", err)
	}
	v, err := tb.UnpackBalanceOf(out)
	if err != nil {
		t.Fatal(err)
	}
	return v.Int64()
}

// assertAudit recomputes the round from the chain alone and expects no finding and the
// funded set want (projected before finalization, on-chain after).
func assertAudit(t *testing.T, n *nodetest.Node, round string, finalized bool, want []uint64) {
	t.Helper()
	rep, err := audit.RecomputeV2(t.Context(), n.Chain, common.HexToAddress(round))
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	if !rep.OK() {
		t.Fatalf("audit findings: %v", rep.Findings())
	}
	if rep.TotalSupply.Cmp(big.NewInt(300000)) != 0 || rep.Finalized != finalized {
		t.Fatalf("audit: supply %s finalized %v", rep.TotalSupply, rep.Finalized)
	}
	got := slices.Sorted(slices.Values(rep.Funded))
	if !slices.Equal(got, want) {
		t.Fatalf("audit funded set %v, want %v", got, want)
	}
}
