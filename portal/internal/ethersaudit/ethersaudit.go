// Package ethersaudit runs the outside auditor's scripts, scripts/audit-v2.mjs for
// BudgetRoundV2 rounds and scripts/audit.mjs for the v1 rounds a database may still hold
// (ethers v6 and ABI fragments of their own, none of our Go code), in tests and checks they
// find the figures chain/audit finds. It needs node on PATH with the npm packages (source
// scripts/node-env.sh; scripts/test.sh does): without them the test fails.
package ethersaudit

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"math/big"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
)

// report is the part of `scripts/audit-v2.mjs --json` that is compared; amounts are decimal
// strings.
type report struct {
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
	verdict
}

// verdict is what both scripts conclude.
type verdict struct {
	Findings []string `json:"findings"`
	OK       bool     `json:"ok"`
}

// sound runs script with --json, decodes its report into v and fails t unless its verdict
// (a part of v) is OK without findings.
func sound(t testing.TB, script, rpcURL string, round common.Address, v any, verdict *verdict) {
	t.Helper()
	out := run(t, script, rpcURL, round, "--json")
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("scripts/%s printed %s: %v", script, out, err)
	}
	if !verdict.OK || len(verdict.Findings) != 0 {
		t.Fatalf("scripts/%s findings: %v", script, verdict.Findings)
	}
}

// Agrees runs the script on round over rpcURL and fails t unless it finds no inconsistency
// and reports the figures of want: budget, supply = budget, distributed, returned, claims,
// relayed records and signatures, every piggy bank, and the funded sets.
func Agrees(t testing.TB, rpcURL string, round common.Address, want *audit.ReportV2) {
	t.Helper()
	var got report
	sound(t, scriptV2, rpcURL, round, &got, &got.verdict)
	for _, c := range []struct{ what, got, want string }{
		{"round", got.Round, want.Round.Hex()},
		{"budget", got.Budget, want.Budget.String()},
		{"supply", got.Supply, want.TotalSupply.String()},
		{"supply = budget", got.Supply, got.Budget},
		{"distributed", got.Distributed, want.Distributed.String()},
		{"returned", deref(got.Returned), stringOf(want.Returned)},
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
		t.Errorf("funded: scripts/audit-v2.mjs %v (on chain %v, finalized %t), chain/audit %v (on chain %v, finalized %t)",
			got.Funded, got.FundedOnChain, got.Finalized, want.Funded, want.FundedOnChain, want.Finalized)
	}
	// The readable report says the same, and the script exits 0.
	if text := string(run(t, scriptV2, rpcURL, round)); !strings.Contains(text, "RESULT: OK, everything agrees") {
		t.Errorf("scripts/audit-v2.mjs report:\n%s", text)
	}
}

// reportV1 is the part of `scripts/audit.mjs --json` (v1 rounds) that is compared.
type reportV1 struct {
	Round       string   `json:"round"`
	Budget      string   `json:"budget"`
	Supply      string   `json:"total_supply"`
	Minted      string   `json:"minted"`
	Distributed string   `json:"distributed"`
	Citizens    int      `json:"citizens"`
	Allocated   string   `json:"allocated"`
	Funded      []uint64 `json:"funded"`
	Initiatives []struct {
		ID       uint64 `json:"id"`
		Received string `json:"received"`
	} `json:"initiatives"`
	verdict
}

// AgreesV1 runs scripts/audit.mjs on a v1 round and fails t unless it finds no
// inconsistency and reports want's budget, supply, minted, distributed, citizens,
// allocated, every piggy bank and the funded set.
func AgreesV1(t testing.TB, rpcURL string, round common.Address, want *audit.Report) {
	t.Helper()
	var got reportV1
	sound(t, scriptV1, rpcURL, round, &got, &got.verdict)
	for _, c := range []struct{ what, got, want string }{
		{"round", strings.ToLower(got.Round), strings.ToLower(want.Round.Hex())},
		{"budget", got.Budget, want.Budget.String()},
		{"supply", got.Supply, want.TotalSupply.String()},
		{"minted", got.Minted, want.Minted.String()},
		{"distributed", got.Distributed, want.Distributed.String()},
		{"citizens", strconv.Itoa(got.Citizens), strconv.Itoa(want.Citizens)},
		{"allocated", got.Allocated, want.Allocated.String()},
	} {
		if c.got != c.want {
			t.Errorf("%s: scripts/audit.mjs says %s, chain/audit %s", c.what, c.got, c.want)
		}
	}
	received, wantReceived := map[uint64]string{}, map[uint64]string{}
	for _, it := range got.Initiatives {
		received[it.ID] = it.Received
	}
	for _, it := range want.Initiatives {
		wantReceived[it.ID] = it.Received.String()
	}
	if !maps.Equal(received, wantReceived) || !slices.Equal(got.Funded, want.Funded) {
		t.Errorf("scripts/audit.mjs: received %v, funded %v; chain/audit %v, %v", received, got.Funded, wantReceived, want.Funded)
	}
}

// The auditor's scripts, by the contract they read.
const (
	scriptV1 = "audit.mjs"
	scriptV2 = "audit-v2.mjs"
)

// run runs scripts/<script> and fails t unless it exits 0.
func run(t testing.TB, script, rpcURL string, round common.Address, args ...string) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH (source scripts/node-env.sh): %v", err)
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate scripts/" + script)
	}
	path := filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", script)
	cmd := exec.CommandContext(t.Context(), node, append([]string{path, "--rpc", rpcURL, "--round", round.Hex()}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if exit, ok := errors.AsType[*exec.ExitError](err); ok && exit.ExitCode() == 1 {
			t.Fatalf("scripts/%s found inconsistencies:\n%s", script, out)
		}
		t.Fatalf("scripts/%s (needs ethers: npm install): %v\n%s%s", script, err, stderr.String(), out)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func stringOf(x *big.Int) string {
	if x == nil {
		return "<nil>"
	}
	return x.String()
}
