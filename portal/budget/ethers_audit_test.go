package budget_test

import (
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/ethersaudit"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// TestEthersAudit has an outside auditor's script (scripts/audit-v2.mjs: ethers v6 and its
// own ABI fragments, none of our Go code) recompute a BudgetRoundV2 round of a real node, its
// records signed by the node with the citizens' custodial keys, from the chain alone,
// and checks it finds what chain/audit finds, while the round is open and once finalized
// . It needs node on PATH and ethers installed (source scripts/node-env.sh;
// scripts/test.sh does): without them the test fails.
func TestEthersAudit(t *testing.T) {
	var offset atomic.Int64
	// The service's clock runs 290 s behind, so that the round may close 25 s from now (the
	// service wants five minutes) and take moves until then (it stops two minutes before).
	offset.Store(int64(-290 * time.Second))
	n := nodetest.Start(t, storage.DriverSQLite, budget.WithClock(func() time.Time {
		return time.Now().Add(time.Duration(offset.Load()))
	}))
	ctx := t.Context()

	deadline := time.Now().Add(25 * time.Second).Truncate(time.Second)
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Ethers audit", Budget: 300000, Deadline: deadline,
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100000}, {Title: "Lights", Cost: 250000},
			{Title: "Benches", Cost: 30000}, {Title: "Fountain", Cost: 30000}}})
	if err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	addrs, ids := make([]common.Address, 3), make([]int64, 3)
	for i := range addrs {
		_, addrs[i], ids[i] = n.CustodialCitizen(t)
	}
	if _, err := n.Budget.Distribute(ctx, r.ID, addrs); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	// Piggy banks 90000, 55000, 10000, 10000: Lights does not fit after Park, and Benches and
	// Fountain tie on tokens and cost (the lower id ranks first; both fit).
	for _, m := range []struct {
		citizen, initiative int
		amount              int64
		withdraw            bool
	}{{0, 2, 60000, false}, {1, 1, 50000, false}, {2, 1, 40000, false}, {2, 3, 10000, false}, {2, 4, 10000, false}, {0, 2, 5000, true}} {
		mv := budget.Move{RoundID: r.ID, CitizenID: ids[m.citizen], Initiative: m.initiative, Amount: m.amount}
		move := n.Budget.Allocate
		if m.withdraw {
			move = n.Budget.Withdraw
		}
		if _, err := move(ctx, mv); err != nil {
			t.Fatalf("move %+v: %v", m, err)
		}
	}
	n.Drain(t)
	if r, err = n.Budget.Round(ctx, r.ID); err != nil {
		t.Fatal(err)
	}

	checkEthersAudit(t, n, r.Address, false, []uint64{1, 3, 4})

	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	offset.Store(0)
	if _, err := n.Budget.Finalize(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	checkEthersAudit(t, n, r.Address, true, []uint64{1, 3, 4})
}

// checkEthersAudit runs chain/audit on round and checks scripts/audit-v2.mjs agrees with it.
func checkEthersAudit(t *testing.T, n *nodetest.Node, round common.Address, finalized bool, funded []uint64) {
	t.Helper()
	want, err := audit.RecomputeV2(t.Context(), n.Chain, round)
	if err != nil {
		t.Fatalf("chain/audit: %v", err)
	}
	if !want.OK() || want.Finalized != finalized || !slices.Equal(want.Funded, funded) || want.Claims != 3 {
		t.Fatalf("chain/audit: failed %v, finalized %t, funded %v, claims %d; want none, %t, %v, 3", want.Failed(), want.Finalized, want.Funded, want.Claims, finalized, funded)
	}
	ethersaudit.Agrees(t, n.RPCURL, round, want)
}
