package audit

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// BenchmarkRecomputeV2DevChain measures RecomputeV2 end to end over
// JSON-RPC (the embedded dev chain over HTTP): a round of n first uses
// relayed 500 a batch (n Claimed + n Allocated events), per allocation.
func BenchmarkRecomputeV2DevChain(b *testing.B) {
	const n, batch = 10_000, 500
	node := devchaintest.Start(b)
	c, s := devchaintest.Connect(b, node)
	ctx := b.Context()
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	deadline := max(uint64(time.Now().Unix()), head.Time) + 3600
	round, err := roundv2.Deploy(ctx, c, s, roundv2.DeployParams{
		Name: "Bench", Symbol: "PB", Budget: n * synthQuota, Deadline: deadline, Treasury: common.Address{0x7e},
	})
	if err != nil {
		b.Fatal(err)
	}
	dom, err := round.Domain(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for range 3 {
		if _, err := round.RegisterInitiative(ctx, 1000); err != nil {
			b.Fatal(err)
		}
	}
	keys := synthKeys(b, n)
	leaves := make([]common.Hash, n)
	for i, k := range keys {
		leaves[i] = merkle.EligibilityLeaf(uint64(i), crypto.PubkeyToAddress(k.PublicKey), synthQuota)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := round.SetEligibilityRoot(ctx, tree.Root(), n); err != nil {
		b.Fatal(err)
	}
	recs := make([]roundv2.Record, n)
	who := make([]int, n)
	for i := range recs {
		recs[i] = roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: 10, Quota: synthQuota, Initiative: uint16(1 + i%3), Index: uint32(i), Deadline: deadline}
		who[i] = i
	}
	signed := signAll(b, dom, recs, who, keys)
	for lo := 0; lo < n; lo += batch {
		if _, err := round.Relay(ctx, signed[lo:lo+batch], tree); err != nil {
			b.Fatalf("relay: %v", err)
		}
	}
	b.Run(fmt.Sprintf("allocations=%d", n), func(b *testing.B) {
		start, cpu := time.Now(), cpuTime(b)
		for b.Loop() {
			r, err := RecomputeV2(ctx, c, round.Address())
			if err != nil {
				b.Fatal(err)
			}
			if !r.OK() || r.Allocations != n {
				b.Fatalf("allocations %d, findings %q", r.Allocations, r.Findings())
			}
		}
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N)/n, "ns/allocation")
		// The dev chain runs in this process: its CPU (serving logs) is counted.
		b.ReportMetric(float64(cpuTime(b)-cpu)/float64(b.N)/n, "cpu-ns/allocation")
	})
}
