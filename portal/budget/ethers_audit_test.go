package budget_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
)

// ethersReport is what scripts/audit.mjs --json prints; amounts are decimal strings.
type ethersReport struct {
	Round         string  `json:"round"`
	Token         string  `json:"token"`
	Finalized     bool    `json:"finalized"`
	Budget        string  `json:"budget"`
	TotalSupply   string  `json:"total_supply"`
	Minted        string  `json:"minted"`
	Distributed   string  `json:"distributed"`
	Citizens      int     `json:"citizens"`
	Allocated     string  `json:"allocated"`
	Undistributed string  `json:"undistributed"`
	Reclaimed     string  `json:"reclaimed"`
	FundedCost    string  `json:"funded_cost"`
	Returned      *string `json:"returned_to_treasury"`
	Initiatives   []struct {
		ID           uint64 `json:"id"`
		Cost         string `json:"cost"`
		PiggyBank    string `json:"piggy_bank"`
		Received     string `json:"received"`
		ReceivedView string `json:"received_view"`
		Balance      string `json:"balance"`
		Funded       bool   `json:"funded"`
		FundedView   bool   `json:"funded_view"`
	} `json:"initiatives"`
	Funded        []uint64 `json:"funded"`
	FundedOnChain []uint64 `json:"funded_on_chain"`
	Findings      []string `json:"findings"`
	OK            bool     `json:"ok"`
}

// TestEthersAudit has an outside auditor's script (scripts/audit.mjs: ethers v6 and its own
// ABI fragments, none of our Go code) recompute a round of a real node from the chain alone,
// and checks it finds what chain/audit finds, while the round is open and once finalized
// . It needs node on PATH and ethers installed (source scripts/node-env.sh;
// scripts/test.sh does): without them the test fails.
func TestEthersAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH (source scripts/node-env.sh): %v", err)
	}
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
	addrs := []common.Address{common.HexToAddress("0xe0"), common.HexToAddress("0xe1"), common.HexToAddress("0xe2")}
	if _, err := n.Budget.Distribute(ctx, r.ID, addrs); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	ids := make([]int64, len(addrs))
	for i, a := range addrs {
		if ids[i], err = n.Budget.CitizenByAddress(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	// Piggy banks 90000, 55000, 10000, 10000: Lights does not fit after Park, and Benches and
	// Fountain tie (the lower id ranks first; both fit).
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

	checkEthersAudit(t, node, n, r.Address, false, []uint64{1, 3, 4})

	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	offset.Store(0)
	if _, err := n.Budget.Finalize(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	checkEthersAudit(t, node, n, r.Address, true, []uint64{1, 3, 4})
}

// checkEthersAudit runs chain/audit and scripts/audit.mjs on round and compares their figures.
func checkEthersAudit(t *testing.T, node string, n *nodetest.Node, round common.Address, finalized bool, funded []uint64) {
	t.Helper()
	want, err := audit.Recompute(t.Context(), n.Chain, round)
	if err != nil {
		t.Fatalf("chain/audit: %v", err)
	}
	if !want.OK() || want.Finalized != finalized || !slices.Equal(want.Funded, funded) {
		t.Fatalf("chain/audit: findings %v, finalized %t, funded %v; want none, %t, %v", want.Findings, want.Finalized, want.Funded, finalized, funded)
	}

	out := runAuditScript(t, node, n.RPCURL, round, "--json")
	var got ethersReport
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("scripts/audit.mjs printed %s: %v", out, err)
	}
	if !got.OK || len(got.Findings) != 0 {
		t.Fatalf("scripts/audit.mjs findings: %v", got.Findings)
	}
	str := func(x *big.Int) string { return x.String() }
	for _, c := range []struct{ what, got, want string }{
		{"round", got.Round, want.Round.Hex()},
		{"token", got.Token, want.Token.Hex()},
		{"budget", got.Budget, str(want.Budget)},
		{"total_supply", got.TotalSupply, str(want.TotalSupply)},
		{"total_supply = budget", got.TotalSupply, got.Budget},
		{"minted", got.Minted, str(want.Minted)},
		{"distributed", got.Distributed, str(want.Distributed)},
		{"allocated", got.Allocated, str(want.Allocated)},
		{"undistributed", got.Undistributed, str(want.Undistributed)},
		{"reclaimed", got.Reclaimed, str(want.Reclaimed)},
		{"funded_cost", got.FundedCost, str(want.FundedCost)},
	} {
		if c.got != c.want {
			t.Errorf("%s: scripts/audit.mjs says %s, chain/audit %s", c.what, c.got, c.want)
		}
	}
	if got.Finalized != want.Finalized || got.Citizens != want.Citizens {
		t.Errorf("finalized/citizens: scripts/audit.mjs %t/%d, chain/audit %t/%d", got.Finalized, got.Citizens, want.Finalized, want.Citizens)
	}
	if (got.Returned == nil) != (want.Returned == nil) || (got.Returned != nil && *got.Returned != want.Returned.String()) {
		t.Errorf("returned_to_treasury: scripts/audit.mjs %v, chain/audit %v", got.Returned, want.Returned)
	}
	if !slices.Equal(got.Funded, want.Funded) || !slices.Equal(got.FundedOnChain, want.FundedOnChain) {
		t.Errorf("funded set: scripts/audit.mjs %v (on chain %v), chain/audit %v (on chain %v)", got.Funded, got.FundedOnChain, want.Funded, want.FundedOnChain)
	}
	if len(got.Initiatives) != len(want.Initiatives) {
		t.Fatalf("scripts/audit.mjs lists %d initiatives, chain/audit %d", len(got.Initiatives), len(want.Initiatives))
	}
	for i, g := range got.Initiatives {
		w := want.Initiatives[i]
		if g.ID != w.ID || g.Cost != str(w.Cost) || g.PiggyBank != w.PiggyBank.Hex() || g.Received != str(w.Received) ||
			g.ReceivedView != str(w.ReceivedView) || g.Balance != str(w.Balance) || g.Funded != w.Funded || g.FundedView != w.FundedView {
			t.Errorf("initiative %d: scripts/audit.mjs %+v, chain/audit %+v", w.ID, g, w)
		}
	}

	// The readable report says the same, and the script exits 0.
	text := string(runAuditScript(t, node, n.RPCURL, round))
	if !strings.Contains(text, "No findings") || !strings.Contains(text, round.Hex()) {
		t.Errorf("scripts/audit.mjs report:\n%s", text)
	}
}

// runAuditScript runs scripts/audit.mjs and fails the test unless it exits 0.
func runAuditScript(t *testing.T, node, rpc string, round common.Address, args ...string) []byte {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	script := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "audit.mjs")
	cmd := exec.CommandContext(t.Context(), node, append([]string{script, "--rpc", rpc, "--round", round.Hex()}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 1 {
			t.Fatalf("scripts/audit.mjs found inconsistencies:\n%s", out)
		}
		t.Fatalf("scripts/audit.mjs (needs ethers: npm install): %v\n%s%s", err, stderr.String(), out)
	}
	return out
}
