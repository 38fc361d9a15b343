package merkle

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// MultiProof proves several leaves at once, in the form OpenZeppelin's
// MerkleProof.multiProofVerify(proof, proofFlags, root, leaves) takes.
//
// Leaves are in increasing leaf index order. OpenZeppelin's getMultiProof
// orders them by decreasing heap position, and with sortLeaves: false leaf i
// sits at heap position 2n-2-i, so that is increasing i: a relayed batch whose
// claims come in increasing eligibility index order (the tree holding the
// citizen of index i at leaf i) verifies against this proof as it is
// (BudgetRoundV2.relay, R-1.2).
type MultiProof struct {
	Leaves []common.Hash
	Proof  []common.Hash
	Flags  []bool
}

// MultiProof is the multiproof of the given leaves (indices in any order, no
// duplicates), as StandardMerkleTree.getMultiProof returns it. Its Leaves
// come in increasing index order.
func (t *Tree) MultiProof(indices []int) (MultiProof, error) {
	heap := make([]int, len(indices))
	for j, i := range indices {
		if err := t.checkLeaf(i); err != nil {
			return MultiProof{}, err
		}
		heap[j] = t.treeIndex(i)
	}
	slices.SortFunc(heap, func(a, b int) int { return b - a })
	for j := 1; j < len(heap); j++ {
		if heap[j] == heap[j-1] {
			return MultiProof{}, fmt.Errorf("merkle: leaf %d proven twice", t.treeIndex(heap[j]))
		}
	}
	mp := MultiProof{Leaves: make([]common.Hash, len(heap))}
	for j, k := range heap {
		mp.Leaves[j] = t.nodes[k]
	}
	// A FIFO of heap positions still to climb: pop the first, merge it with
	// the next when they are siblings (flag true), else take the sibling
	// from the tree into the proof (flag false); push the parent.
	queue := heap
	for len(queue) > 0 && queue[0] > 0 {
		k := queue[0]
		queue = queue[1:]
		if len(queue) > 0 && queue[0] == sibling(k) {
			mp.Flags = append(mp.Flags, true)
			queue = queue[1:]
		} else {
			mp.Flags = append(mp.Flags, false)
			mp.Proof = append(mp.Proof, t.nodes[sibling(k)])
		}
		queue = append(queue, (k-1)/2)
	}
	if len(indices) == 0 {
		mp.Proof = append(mp.Proof, t.nodes[0])
	}
	return mp, nil
}

// PackFlags packs multiproof flags as BudgetRoundV2.relay's proofFlagBits:
// flag k is bit k%256 of word k/256. Like the Hardhat tests' packFlags it
// returns at least one word.
func PackFlags(flags []bool) []*big.Int {
	words := make([]*big.Int, max(1, (len(flags)+255)/256))
	for w := range words {
		words[w] = new(big.Int)
	}
	for k, f := range flags {
		if f {
			words[k/256].SetBit(words[k/256], k%256, 1)
		}
	}
	return words
}
