// Package ethersaudit runs the outside auditor's script, scripts/audit-v2.mjs (ethers v6 and
// ABI fragments of its own, none of our Go code), in tests and checks it finds the figures
// chain/audit finds. It needs node on PATH with the npm packages (source
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
	Findings       []string          `json:"findings"`
	OK             bool              `json:"ok"`
}

// Agrees runs the script on round over rpcURL and fails t unless it finds no inconsistency
// and reports the figures of want: budget, supply = budget, distributed, returned, claims,
// relayed records and signatures, every piggy bank, and the funded sets.
func Agrees(t testing.TB, rpcURL string, round common.Address, want *audit.ReportV2) {
	t.Helper()
	var got report
	out := run(t, rpcURL, round, "--json")
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("scripts/audit-v2.mjs printed %s: %v", out, err)
	}
	if !got.OK || len(got.Findings) != 0 {
		t.Fatalf("scripts/audit-v2.mjs findings: %v", got.Findings)
	}
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
	if text := string(run(t, rpcURL, round)); !strings.Contains(text, "RESULT: OK, everything agrees") {
		t.Errorf("scripts/audit-v2.mjs report:\n%s", text)
	}
}

// run runs scripts/audit-v2.mjs and fails t unless it exits 0.
func run(t testing.TB, rpcURL string, round common.Address, args ...string) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH (source scripts/node-env.sh): %v", err)
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate scripts/audit-v2.mjs")
	}
	script := filepath.Join(filepath.Dir(file), "..", "..", "..", "scripts", "audit-v2.mjs")
	cmd := exec.CommandContext(t.Context(), node, append([]string{script, "--rpc", rpcURL, "--round", round.Hex()}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if exit, ok := errors.AsType[*exec.ExitError](err); ok && exit.ExitCode() == 1 {
			t.Fatalf("scripts/audit-v2.mjs found inconsistencies:\n%s", out)
		}
		t.Fatalf("scripts/audit-v2.mjs (needs ethers: npm install): %v\n%s%s", err, stderr.String(), out)
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
