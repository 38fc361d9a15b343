package merkle

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// ErrNoLeaves is New's error for an empty leaf list: OpenZeppelin has no
// empty tree either.
var ErrNoLeaves = errors.New("merkle: a tree needs at least one leaf")

// Tree is an OpenZeppelin Merkle tree over pre-hashed leaves in their given
// order (sortLeaves: false). It is immutable and safe for concurrent use.
type Tree struct {
	nodes []common.Hash // heap layout: root at 0, leaf i at len-1-i
	n     int           // leaves
}

// parallelMin is the level size from which New hashes a level on all CPUs.
const parallelMin = 1 << 13

// New builds the tree over leaves (EligibilityLeaf for an eligibility tree,
// AppliedLeaf for a claims tree), in the given order. It copies leaves.
func New(leaves []common.Hash) (*Tree, error) {
	n := len(leaves)
	if n == 0 {
		return nil, ErrNoLeaves
	}
	t := &Tree{nodes: make([]common.Hash, 2*n-1), n: n}
	last := len(t.nodes) - 1
	for i := range leaves {
		t.nodes[last-i] = leaves[i]
	}
	t.hashInner()
	return t, nil
}

// hashInner computes inner nodes 0..n-2 level by level from the deepest: a
// level's children are all in deeper levels (or leaves), so its nodes are
// independent and a large level is split across goroutines.
func (t *Tree) hashInner() {
	inner := t.n - 1
	if inner == 0 {
		return
	}
	h := newHasher()
	for lo := levelStart(inner - 1); ; lo = (lo - 1) / 2 {
		hi := min(2*lo+1, inner) // exclusive: the next level starts at 2lo+1
		if hi-lo >= parallelMin {
			t.hashParallel(lo, hi)
		} else {
			t.hashRange(h, lo, hi)
		}
		if lo == 0 {
			return
		}
	}
}

// levelStart is the first node of the level holding node k: 2^d - 1.
func levelStart(k int) int {
	s := 0
	for 2*s+1 <= k {
		s = 2*s + 1
	}
	return s
}

func (t *Tree) hashRange(h *hasher, lo, hi int) {
	for k := lo; k < hi; k++ {
		t.nodes[k] = h.node(&t.nodes[2*k+1], &t.nodes[2*k+2])
	}
}

// hashParallel hashes nodes lo..hi-1 in one chunk per CPU; it returns when
// all chunks are done.
func (t *Tree) hashParallel(lo, hi int) {
	workers := runtime.GOMAXPROCS(0)
	chunk := (hi - lo + workers - 1) / workers
	var wg sync.WaitGroup
	for start := lo; start < hi; start += chunk {
		end := min(start+chunk, hi)
		wg.Go(func() { t.hashRange(newHasher(), start, end) })
	}
	wg.Wait()
}

// Root is the tree's root, the value the contract stores.
func (t *Tree) Root() common.Hash { return t.nodes[0] }

// Len is the number of leaves.
func (t *Tree) Len() int { return t.n }

// Leaf is leaf i (0-based, in New's order); it panics when i is out of range.
func (t *Tree) Leaf(i int) common.Hash { return t.nodes[t.treeIndex(i)] }

func (t *Tree) treeIndex(i int) int { return len(t.nodes) - 1 - i }

func (t *Tree) checkLeaf(i int) error {
	if i < 0 || i >= t.n {
		return fmt.Errorf("merkle: leaf %d out of range [0, %d)", i, t.n)
	}
	return nil
}

// Proof is the proof of leaf i, from the leaf's sibling up: what
// StandardMerkleTree.getProof(i) returns and MerkleProof.verify takes.
func (t *Tree) Proof(i int) ([]common.Hash, error) {
	if err := t.checkLeaf(i); err != nil {
		return nil, err
	}
	var proof []common.Hash
	for k := t.treeIndex(i); k > 0; k = (k - 1) / 2 {
		proof = append(proof, t.nodes[sibling(k)])
	}
	return proof, nil
}

// sibling of node k > 0: the other child of its parent.
func sibling(k int) int {
	if k%2 == 1 {
		return k + 1
	}
	return k - 1
}
