package merkle_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/merkle"
)

func randomLeaves(n int, seed uint64) []common.Hash {
	r := rand.New(rand.NewPCG(seed, 0))
	leaves := make([]common.Hash, n)
	for i := range leaves {
		for j := 0; j < 32; j += 8 {
			v := r.Uint64()
			for b := range 8 {
				leaves[i][j+b] = byte(v >> (8 * b))
			}
		}
	}
	return leaves
}

// naiveRoot is OpenZeppelin's makeMerkleTree written the slow, obvious way.
func naiveRoot(leaves []common.Hash) common.Hash {
	tree := make([]common.Hash, 2*len(leaves)-1)
	for i, l := range leaves {
		tree[len(tree)-1-i] = l
	}
	for i := len(tree) - 1 - len(leaves); i >= 0; i-- {
		tree[i] = merkle.NodeHash(tree[2*i+1], tree[2*i+2])
	}
	return tree[0]
}

func TestNewMatchesNaive(t *testing.T) {
	// Sizes around the parallel threshold and powers of two.
	for _, n := range []int{1, 2, 3, 4, 5, 31, 32, 33, 1000, 8191, 8192, 16385, 40000} {
		leaves := randomLeaves(n, uint64(n))
		tree, err := merkle.New(leaves)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := tree.Root(), naiveRoot(leaves); got != want {
			t.Errorf("n=%d: Root() = %s, want %s", n, got, want)
		}
	}
}

func TestNewNoLeaves(t *testing.T) {
	if _, err := merkle.New(nil); !errors.Is(err, merkle.ErrNoLeaves) {
		t.Errorf("New(nil) error = %v, want ErrNoLeaves", err)
	}
}

func TestLeafAndNodeHashMatchABI(t *testing.T) {
	citizen := common.HexToAddress("0x70997970C51812dc3A29F1a5b8c0c1a7B8d1F5a2")
	// abi.encode(uint256 7, address, uint256 4000) by hand.
	enc := append(common.LeftPadBytes(big.NewInt(7).Bytes(), 32), common.LeftPadBytes(citizen[:], 32)...)
	enc = append(enc, common.LeftPadBytes(big.NewInt(4000).Bytes(), 32)...)
	want := crypto.Keccak256Hash(crypto.Keccak256(enc))
	if got := merkle.EligibilityLeaf(7, citizen, 4000); got != want {
		t.Errorf("EligibilityLeaf = %s, want %s", got, want)
	}
	enc = append(enc, common.LeftPadBytes(big.NewInt(3).Bytes(), 32)...)
	enc = append(enc, common.LeftPadBytes(big.NewInt(1500).Bytes(), 32)...)
	want = crypto.Keccak256Hash(crypto.Keccak256(enc))
	if got := merkle.AppliedLeaf(7, citizen, 4000, 3, 1500); got != want {
		t.Errorf("AppliedLeaf = %s, want %s", got, want)
	}
	a, b := common.Hash{1}, common.Hash{2}
	if merkle.NodeHash(a, b) != merkle.NodeHash(b, a) || merkle.NodeHash(a, b) != crypto.Keccak256Hash(a[:], b[:]) {
		t.Error("NodeHash is not the commutative keccak256")
	}
}

func TestProofOutOfRange(t *testing.T) {
	tree, _ := merkle.New(randomLeaves(3, 1))
	for _, i := range []int{-1, 3} {
		if _, err := tree.Proof(i); err == nil {
			t.Errorf("Proof(%d): no error", i)
		}
		if _, err := tree.MultiProof([]int{0, i}); err == nil {
			t.Errorf("MultiProof([0 %d]): no error", i)
		}
	}
	if _, err := tree.MultiProof([]int{1, 1}); err == nil {
		t.Error("MultiProof with a duplicate: no error")
	}
}

// TestMultiProofIncreasingOrder: the multiproof's leaves are the requested
// ones in increasing index order, whatever the request order, and only that
// order verifies — the order BudgetRoundV2.relay needs its claims in.
func TestMultiProofIncreasingOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{1, 2, 5, 100, 1000, 4097} {
		leaves := randomLeaves(n, uint64(n)+100)
		tree, _ := merkle.New(leaves)
		for range 20 {
			k := 1 + r.IntN(min(n, 60))
			indices := r.Perm(n)[:k]
			mp, err := tree.MultiProof(indices)
			if err != nil {
				t.Fatal(err)
			}
			sorted := slices.Sorted(slices.Values(indices))
			for j, i := range sorted {
				if mp.Leaves[j] != leaves[i] {
					t.Fatalf("n=%d %v: leaf %d is not leaf %d", n, indices, j, i)
				}
			}
			if !merkle.VerifyMultiProof(tree.Root(), mp) {
				t.Fatalf("n=%d %v: VerifyMultiProof false", n, indices)
			}
			// Two sibling leaves hash the same either way round (commutative).
			if len(mp.Leaves) > 1 && !siblings(2*n-2-sorted[0], 2*n-2-sorted[1]) {
				swapped := mp
				swapped.Leaves = slices.Clone(mp.Leaves)
				swapped.Leaves[0], swapped.Leaves[1] = swapped.Leaves[1], swapped.Leaves[0]
				if merkle.VerifyMultiProof(tree.Root(), swapped) {
					t.Fatalf("n=%d %v: swapped leaves still verify", n, indices)
				}
			}
			for _, i := range indices[:1] {
				p, _ := tree.Proof(i)
				if !merkle.VerifyProof(tree.Root(), leaves[i], p) {
					t.Fatalf("n=%d: VerifyProof(%d) false", n, i)
				}
			}
		}
	}
}

func siblings(a, b int) bool { return a > 0 && b > 0 && (a-1)/2 == (b-1)/2 }

func TestVerifyMultiProofRejectsMalformed(t *testing.T) {
	tree, _ := merkle.New(randomLeaves(10, 3))
	mp, _ := tree.MultiProof([]int{2, 3, 7})
	tests := []struct {
		name string
		mp   merkle.MultiProof
	}{
		{"wrong lengths", merkle.MultiProof{Leaves: mp.Leaves, Proof: mp.Proof[1:], Flags: mp.Flags}},
		{"all flags true", merkle.MultiProof{Leaves: mp.Leaves, Proof: mp.Proof, Flags: slices.Repeat([]bool{true}, len(mp.Flags))}},
		{"no leaves, too many flags", merkle.MultiProof{Proof: []common.Hash{{1}, {2}}, Flags: []bool{true}}},
		{"another leaf", merkle.MultiProof{Leaves: []common.Hash{{9}, mp.Leaves[1], mp.Leaves[2]}, Proof: mp.Proof, Flags: mp.Flags}},
	}
	for _, tt := range tests {
		if merkle.VerifyMultiProof(tree.Root(), tt.mp) {
			t.Errorf("%s: verifies", tt.name)
		}
	}
}

func TestPackFlags(t *testing.T) {
	tests := []struct {
		flags []bool
		want  []string
	}{
		{nil, []string{"0"}},
		{[]bool{true, false, true}, []string{"5"}},
		{append(make([]bool, 256), true), []string{"0", "1"}},
		{append(append(make([]bool, 255), true), true), []string{new(big.Int).Lsh(big.NewInt(1), 255).String(), "1"}},
	}
	for _, tt := range tests {
		got := merkle.PackFlags(tt.flags)
		var s []string
		for _, w := range got {
			s = append(s, w.String())
		}
		if !slices.Equal(s, tt.want) {
			t.Errorf("PackFlags(%d flags) = %v, want %v", len(tt.flags), s, tt.want)
		}
	}
}
