package merkle_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/merkle"
)

// BenchmarkNew builds a tree of a million leaves (a city's eligibility tree
// is about this size, R-1.2).
func BenchmarkNew(b *testing.B) {
	leaves := randomLeaves(1_000_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := merkle.New(leaves); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMultiProof proves 500 consecutive leaves of a million-leaf tree,
// one relayed batch of first uses.
func BenchmarkMultiProof(b *testing.B) {
	tree, _ := merkle.New(randomLeaves(1_000_000, 2))
	indices := make([]int, 500)
	for i := range indices {
		indices[i] = 400_000 + i
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tree.MultiProof(indices); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEligibilityLeaf(b *testing.B) {
	citizen := common.HexToAddress("0x70997970C51812dc3A29F1a5b8c0c1a7B8d1F5a2")
	b.ReportAllocs()
	var i uint64
	for b.Loop() {
		merkle.EligibilityLeaf(i, citizen, 1000)
		i++
	}
}
