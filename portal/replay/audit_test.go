package replay

import (
	"encoding/json"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
)

// ethersReportV2 is the part of `scripts/audit-v2.mjs --json` the test compares.
type ethersReportV2 struct {
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

// TestAuditorsAgreeOnReplay: a replayed real election (Łódź 2024, greedy-threshold) is
// recounted from the chain alone twice, by chain/audit and by the outside auditor's ethers v6
// script (scripts/audit-v2.mjs: its own ABI fragments, none of our Go code), and both find the
// contract's own figures and funded set. It needs node on PATH with the npm packages
// (source scripts/node-env.sh; scripts/test.sh does): without them the test fails.
func TestAuditorsAgreeOnReplay(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH (source scripts/node-env.sh): %v", err)
	}
	n := devchaintest.Start(t)
	c, s := devchaintest.Connect(t, n)
	p, err := NewPlan(parseFile(t, "Poland_Lodz_2024_Wzniesien_Lodzkich.pb"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), c, s, n, p, Options{Name: "Łódź 2024"})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	want, err := audit.RecomputeV2(t.Context(), c, res.Round)
	if err != nil {
		t.Fatalf("chain/audit: %v", err)
	}
	if !want.OK() || !want.Finalized || !slices.Equal(want.FundedOnChain, uint64sOf(res.Funded)) ||
		want.Claims != res.Voters || want.RelayedRecords != res.Records || want.ProofsVerified != res.Voters {
		t.Fatalf("chain/audit: failed %v, finalized %t, funded on chain %v (replay %v), claims %d (voters %d), records %d (replay %d), proofs %d",
			want.Failed(), want.Finalized, want.FundedOnChain, res.Funded, want.Claims, res.Voters, want.RelayedRecords, res.Records, want.ProofsVerified)
	}

	cmd := exec.CommandContext(t.Context(), node, filepath.Join("..", "..", "scripts", "audit-v2.mjs"),
		"--rpc", n.RPCURL(), "--round", res.Round.Hex(), "--json")
	cmd.Dir = "."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/audit-v2.mjs: %v\n%s", err, out)
	}
	var got ethersReportV2
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("scripts/audit-v2.mjs printed %s: %v", out, err)
	}
	if !got.OK || len(got.Findings) != 0 {
		t.Fatalf("scripts/audit-v2.mjs findings: %v", got.Findings)
	}
	for _, cmp := range []struct{ what, got, want string }{
		{"round", got.Round, want.Round.Hex()},
		{"budget", got.Budget, want.Budget.String()},
		{"supply", got.Supply, want.TotalSupply.String()},
		{"supply = budget", got.Supply, got.Budget},
		{"distributed", got.Distributed, want.Distributed.String()},
		{"returned", deref(got.Returned), want.Returned.String()},
		{"claims", strconv.Itoa(got.Claims), strconv.Itoa(want.Claims)},
		{"relayed records", strconv.Itoa(got.RelayedRecords), strconv.Itoa(want.RelayedRecords)},
		{"signatures verified", strconv.Itoa(got.Signatures), strconv.Itoa(want.RelayedRecords)},
	} {
		if cmp.got != cmp.want {
			t.Errorf("%s: scripts/audit-v2.mjs says %s, chain/audit %s", cmp.what, cmp.got, cmp.want)
		}
	}
	received := map[string]string{}
	for _, it := range want.Initiatives {
		received[strconv.FormatUint(it.ID, 10)] = it.Received.String()
	}
	if !maps.Equal(got.Received, received) {
		t.Errorf("received: scripts/audit-v2.mjs %v, chain/audit %v", got.Received, received)
	}
	if !slices.Equal(got.Funded, want.Funded) || !slices.Equal(got.FundedOnChain, want.FundedOnChain) || !got.Finalized {
		t.Errorf("funded: scripts/audit-v2.mjs %v (on chain %v, finalized %t), chain/audit %v (on chain %v)",
			got.Funded, got.FundedOnChain, got.Finalized, want.Funded, want.FundedOnChain)
	}
}

func uint64sOf(ids []uint16) []uint64 {
	out := make([]uint64, len(ids))
	for i, id := range ids {
		out[i] = uint64(id)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
