package budget_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
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

// ethersReport is the part of `scripts/audit-v2.mjs --json` the test compares; amounts are
// decimal strings.
type ethersReport struct {
	Round          string            `json:"round"`
	Budget         string            `json:"budget"`
	Supply         string            `json:"supply"`
	Distributed    string            `json:"distributed"`
	Claims         int               `json:"claims"`
	RelayedRecords int               `json:"relayed_records"`
	Signatures     int               `json:"signatures_verified"`
	Received       map[string]string `json:"received"`
	Funded         []uint64          `json:"funded"`
	FundedOnChain  []uint64          `json:"funded_on_chain"`
	Returned       *string           `json:"returned"`
	Finalized      bool              `json:"finalized"`
	Findings       []string          `json:"findings"`
	OK             bool              `json:"ok"`
}

// TestEthersAudit has an outside auditor's script (scripts/audit-v2.mjs: ethers v6 and its
// own ABI fragments, none of our Go code) recompute a BudgetRoundV2 round of a real node, its
// records signed by the node with the citizens' custodial keys, from the chain alone,
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

	checkEthersAudit(t, node, n, r.Address, false, []uint64{1, 3, 4})

	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	offset.Store(0)
	if _, err := n.Budget.Finalize(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	checkEthersAudit(t, node, n, r.Address, true, []uint64{1, 3, 4})
}

// checkEthersAudit runs chain/audit and scripts/audit-v2.mjs on round and compares their
// figures.
func checkEthersAudit(t *testing.T, node string, n *nodetest.Node, round common.Address, finalized bool, funded []uint64) {
	t.Helper()
	want, err := audit.RecomputeV2(t.Context(), n.Chain, round)
	if err != nil {
		t.Fatalf("chain/audit: %v", err)
	}
	if !want.OK() || want.Finalized != finalized || !slices.Equal(want.Funded, funded) || want.Claims != 3 {
		t.Fatalf("chain/audit: failed %v, finalized %t, funded %v, claims %d; want none, %t, %v, 3", want.Failed(), want.Finalized, want.Funded, want.Claims, finalized, funded)
	}
	out := runAuditScript(t, node, n.RPCURL, round, "--json")
	var got ethersReport
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("scripts/audit-v2.mjs printed %s: %v", out, err)
	}
	if !got.OK || len(got.Findings) != 0 {
		t.Fatalf("scripts/audit-v2.mjs findings: %v", got.Findings)
	}
	returned := "<nil>"
	if want.Returned != nil {
		returned = want.Returned.String()
	}
	gotReturned := "<nil>"
	if got.Returned != nil {
		gotReturned = *got.Returned
	}
	for _, c := range []struct{ what, got, want string }{
		{"round", got.Round, want.Round.Hex()},
		{"budget", got.Budget, want.Budget.String()},
		{"supply", got.Supply, want.TotalSupply.String()},
		{"supply = budget", got.Supply, got.Budget},
		{"distributed", got.Distributed, want.Distributed.String()},
		{"returned", gotReturned, returned},
		{"claims", strconv.Itoa(got.Claims), strconv.Itoa(want.Claims)},
		{"relayed records", strconv.Itoa(got.RelayedRecords), strconv.Itoa(want.RelayedRecords)},
		{"signatures verified", strconv.Itoa(got.Signatures), strconv.Itoa(want.RelayedRecords)},
	} {
		if c.got != c.want {
			t.Errorf("%s: scripts/audit-v2.mjs says %s, chain/audit %s", c.what, c.got, c.want)
		}
	}
	received := map[string]string{}
	for _, it := range want.Initiatives {
		received[strconv.FormatUint(it.ID, 10)] = it.Received.String()
	}
	if !maps.Equal(got.Received, received) {
		t.Errorf("received: scripts/audit-v2.mjs %v, chain/audit %v", got.Received, received)
	}
	if !slices.Equal(got.Funded, want.Funded) || !slices.Equal(got.FundedOnChain, want.FundedOnChain) || got.Finalized != want.Finalized {
		t.Errorf("funded: scripts/audit-v2.mjs %v (on chain %v, finalized %t), chain/audit %v (on chain %v)",
			got.Funded, got.FundedOnChain, got.Finalized, want.Funded, want.FundedOnChain)
	}
	// The readable report says the same, and the script exits 0.
	text := string(runAuditScript(t, node, n.RPCURL, round))
	if !strings.Contains(text, "RESULT: OK, everything agrees") {
		t.Errorf("scripts/audit-v2.mjs report:\n%s", text)
	}
}

// runAuditScript runs scripts/audit-v2.mjs and fails the test unless it exits 0.
func runAuditScript(t *testing.T, node, rpc string, round common.Address, args ...string) []byte {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	script := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "audit-v2.mjs")
	cmd := exec.CommandContext(t.Context(), node, append([]string{script, "--rpc", rpc, "--round", round.Hex()}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 1 {
			t.Fatalf("scripts/audit-v2.mjs found inconsistencies:\n%s", out)
		}
		t.Fatalf("scripts/audit-v2.mjs (needs ethers: npm install): %v\n%s%s", err, stderr.String(), out)
	}
	return out
}
