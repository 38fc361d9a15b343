package merkle_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/merkle"
)

// The fixtures come from @openzeppelin/merkle-tree itself. When the generator
// changes, regenerate with
//
//	source scripts/node-env.sh && node scripts/roundv2-fixtures.mjs
//
// and commit scripts/roundv2-fixtures.mjs with both testdata files.
const generatorFile = "../../scripts/roundv2-fixtures.mjs"

type multiproofFixture struct {
	Indices []int         `json:"indices"`
	Leaves  []common.Hash `json:"leaves"`
	Proof   []common.Hash `json:"proof"`
	Flags   []bool        `json:"flags"`
}

type treeFixture struct {
	Values []struct {
		Index   uint64         `json:"index"`
		Citizen common.Address `json:"citizen"`
		Quota   string         `json:"quota"`
	} `json:"values"`
	Applied []struct {
		Index   uint64         `json:"index"`
		Citizen common.Address `json:"citizen"`
		Quota   string         `json:"quota"`
		ID      uint64         `json:"id"`
		Amount  string         `json:"amount"`
	} `json:"applied"`
	Leaves      []common.Hash       `json:"leaves"`
	Root        common.Hash         `json:"root"`
	Proofs      [][]common.Hash     `json:"proofs"`
	Multiproofs []multiproofFixture `json:"multiproofs"`
}

type fixtures struct {
	Generator       string        `json:"generator"`
	GeneratorSHA256 string        `json:"generator_sha256"`
	Version         string        `json:"merkle_tree_version"`
	Standard        []treeFixture `json:"standard"`
	Simple          []treeFixture `json:"simple"`
}

func loadFixtures(t *testing.T) fixtures {
	t.Helper()
	data, err := os.ReadFile("testdata/trees.json")
	if err != nil {
		t.Fatal(err)
	}
	var f fixtures
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("parse testdata/trees.json: %v", err)
	}
	return f
}

func mustUint(t *testing.T, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestFixturesMatchGenerator fails when the generator changed but the
// fixtures were not regenerated (or the other way round).
func TestFixturesMatchGenerator(t *testing.T) {
	f := loadFixtures(t)
	src, err := os.ReadFile(generatorFile)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != f.GeneratorSHA256 {
		t.Errorf("testdata/trees.json was made by another version of %s (sha256 %s, now %s): regenerate", generatorFile, f.GeneratorSHA256, got)
	}
	if f.Version != "1.0.8" || len(f.Standard) == 0 || len(f.Simple) == 0 {
		t.Errorf("fixtures: version %q, %d standard and %d simple trees", f.Version, len(f.Standard), len(f.Simple))
	}
}

// TestStandardTreeFixtures checks EligibilityLeaf, New, Proof and MultiProof
// against StandardMerkleTree.of(values, ["uint256","address","uint256"],
// {sortLeaves: false}).
func TestStandardTreeFixtures(t *testing.T) {
	for _, tf := range loadFixtures(t).Standard {
		t.Run(strconv.Itoa(len(tf.Values)), func(t *testing.T) {
			leaves := make([]common.Hash, len(tf.Values))
			for i, v := range tf.Values {
				leaves[i] = merkle.EligibilityLeaf(v.Index, v.Citizen, mustUint(t, v.Quota))
			}
			checkTree(t, tf, leaves)
		})
	}
}

// TestSimpleTreeFixtures checks AppliedLeaf and the tree against
// SimpleMerkleTree.of(appliedLeaves, {sortLeaves: false}), the claims root
// of a relayed batch.
func TestSimpleTreeFixtures(t *testing.T) {
	for _, tf := range loadFixtures(t).Simple {
		t.Run(strconv.Itoa(len(tf.Applied)), func(t *testing.T) {
			leaves := make([]common.Hash, len(tf.Applied))
			for i, a := range tf.Applied {
				leaves[i] = merkle.AppliedLeaf(a.Index, a.Citizen, mustUint(t, a.Quota), a.ID, mustUint(t, a.Amount))
			}
			checkTree(t, tf, leaves)
		})
	}
}

func checkTree(t *testing.T, tf treeFixture, leaves []common.Hash) {
	t.Helper()
	if !slices.Equal(leaves, tf.Leaves) {
		t.Fatalf("leaves differ from the JS library's:\n got %v\nwant %v", leaves, tf.Leaves)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	if got := tree.Root(); got != tf.Root {
		t.Fatalf("Root() = %s, want %s", got, tf.Root)
	}
	if tree.Len() != len(leaves) {
		t.Errorf("Len() = %d, want %d", tree.Len(), len(leaves))
	}
	for i, want := range tf.Proofs {
		got, err := tree.Proof(i)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) && (len(got) != 0 || len(want) != 0) {
			t.Errorf("Proof(%d) = %v, want %v", i, got, want)
		}
		if !merkle.VerifyProof(tf.Root, leaves[i], want) {
			t.Errorf("VerifyProof rejects the JS proof of leaf %d", i)
		}
	}
	for _, mf := range tf.Multiproofs {
		got, err := tree.MultiProof(mf.Indices)
		if err != nil {
			t.Fatalf("MultiProof(%v): %v", mf.Indices, err)
		}
		if !slices.Equal(got.Leaves, mf.Leaves) || !slices.Equal(got.Proof, mf.Proof) || !slices.Equal(got.Flags, mf.Flags) {
			t.Errorf("MultiProof(%v) = %+v,\nwant %+v", mf.Indices, got, mf)
		}
		js := merkle.MultiProof{Leaves: mf.Leaves, Proof: mf.Proof, Flags: mf.Flags}
		if !merkle.VerifyMultiProof(tf.Root, js) {
			t.Errorf("VerifyMultiProof rejects the JS multiproof of %v", mf.Indices)
		}
	}
}
