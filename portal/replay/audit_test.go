package replay

import (
	"slices"
	"testing"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/portal/internal/ethersaudit"
)

// TestAuditorsAgreeOnReplay: a replayed real election (Łódź 2024, greedy-threshold) is
// recounted from the chain alone twice, by chain/audit and by the outside auditor's ethers v6
// script (scripts/audit-v2.mjs: its own ABI fragments, none of our Go code), and both find the
// contract's own figures and funded set. It needs node on PATH with the npm packages
// (source scripts/node-env.sh; scripts/test.sh does): without them the test fails.
func TestAuditorsAgreeOnReplay(t *testing.T) {
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

	ethersaudit.Agrees(t, n.RPCURL(), res.Round, want)
}

func uint64sOf(ids []uint16) []uint64 {
	out := make([]uint64, len(ids))
	for i, id := range ids {
		out[i] = uint64(id)
	}
	return out
}
