package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestInitiativeFundedByRound publishes two accepted initiatives into a budget round, which
// registers them on-chain; citizens put tokens into their piggy banks, the round is
// finalized, and settling follows the on-chain funded set.
func TestInitiativeFundedByRound(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel() // each waits for its own deadline
			testInitiativeFundedByRound(t, driver)
		})
	}
}

func testInitiativeFundedByRound(t *testing.T, driver string) {
	clock := &testClock{}
	clock.offset.Store(int64(-290 * time.Second)) // as in TestRoundLifecycle: a round closing 25 s from now
	n := nodetest.Start(t, driver, budget.WithClock(clock.Now))
	f := &fixture{node: n, treasury: issue(t, n, access.RoleTreasury), registr: issue(t, n, access.RoleRegistrar)}
	author := newMember(t, n, true, "", "")
	mod := newMember(t, n, false, identity.RoleModerator, "")

	deadline := time.Now().Add(25 * time.Second).Truncate(time.Second)
	var round struct {
		ID     int64 `json:"id"`
		Status string
		Funded []int
	}
	f.do(t, "POST", "/api/v1/rounds", f.treasury, fmt.Sprintf(`{"name":"Initiatives","budget_kopecks":300000,"deadline":%q,
		"initiatives":[{"title":"Park","cost_kopecks":100000}]}`, deadline.Format(time.RFC3339)), http.StatusAccepted, &round)
	f.roundID = round.ID
	cheap := proposalIn(t, n, author.ref, "accepted", func(p *storage.Proposal) { p.Cost = 100000 })
	dear := proposalIn(t, n, author.ref, "accepted", func(p *storage.Proposal) { p.Cost = 250000 })
	for i, id := range []int64{cheap, dear} {
		var got proposalView
		expect(t, n, "POST", initiativePath(id, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, round.ID), 200).decode(t, &got)
		if got.RoundID != round.ID || got.RoundNumber != i+2 {
			t.Fatalf("published %d = %+v, want number %d", id, got, i+2)
		}
	}
	// Publishing again is refused, and registers nothing more.
	if r := send(t, n, "POST", initiativePath(cheap, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, round.ID)); r.code() != "invalid_transition" {
		t.Fatalf("second publication = %d %s", r.status, r.body)
	}
	// The citizens have custodial wallets: the node signs their BudgetRoundV2 records.
	for range 3 {
		tok, addr := custodialSession(t, n)
		f.citizens, f.addrs = append(f.citizens, tok), append(f.addrs, addr)
	}
	f.do(t, "POST", f.round("/quotas"), f.registr, fmt.Sprintf(`{"citizens":[%q,%q,%q]}`, f.addrs[0], f.addrs[1], f.addrs[2]), http.StatusAccepted, nil)
	f.do(t, "POST", f.round("/allocations"), f.citizens[0], `{"initiative":2,"amount_kopecks":100000}`, http.StatusAccepted, nil)
	f.do(t, "POST", f.round("/allocations"), f.citizens[1], `{"initiative":3,"amount_kopecks":50000}`, http.StatusAccepted, nil)
	n.Drain(t)
	checkInitiatives(t, f, map[int]int64{1: 0, 2: 100000, 3: 50000})

	if r := send(t, n, "POST", initiativePath(cheap, "/settle"), mod.caller, ""); r.code() != "round_not_finalized" {
		t.Fatalf("settle before finalization = %d %s", r.status, r.body)
	}
	clock.offset.Store(0)
	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	f.do(t, "POST", f.round("/finalize"), f.treasury, "", http.StatusAccepted, nil)
	n.Drain(t)
	f.do(t, "GET", f.round(""), "", "", 200, &round)
	if round.Status != "finalized" || !slices.Equal(round.Funded, []int{2}) {
		t.Fatalf("round %q funded %v, want finalized [2]", round.Status, round.Funded)
	}
	for id, want := range map[int64]string{cheap: "funded", dear: "not_funded"} {
		var got proposalView
		expect(t, n, "POST", initiativePath(id, "/settle"), mod.caller, "", 200).decode(t, &got)
		if got.Status != want {
			t.Errorf("initiative %d settled %q, want %q", id, got.Status, want)
		}
	}
	if r := send(t, n, "POST", initiativePath(dear, "/posts"), mod.caller, `{"body":"Начали"}`); r.code() != "invalid_transition" {
		t.Errorf("progress on an unfunded initiative = %d %s", r.status, r.body)
	}
	expect(t, n, "POST", initiativePath(cheap, "/posts"), mod.caller, `{"body":"Начали"}`, 201)
	if r := send(t, n, "POST", fmt.Sprintf("/api/v1/initiatives/%d/publish", dear), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, round.ID)); r.code() != "invalid_transition" {
		t.Errorf("publishing a settled initiative = %d %s", r.status, r.body)
	}
}
