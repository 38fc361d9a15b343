package merkle_test

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/merkle"
)

// Example builds the eligibility tree of three citizens (R-1.2), leaves in
// index order, and proves the first two together as a relayed batch would.
func Example() {
	citizens := []common.Address{
		common.HexToAddress("0x70997970C51812dc3A29F1a5b8c0c1a7B8d1F5a2"),
		common.HexToAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
		common.HexToAddress("0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
	}
	leaves := make([]common.Hash, len(citizens))
	for i, c := range citizens {
		leaves[i] = merkle.EligibilityLeaf(uint64(i), c, 3000)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		panic(err)
	}
	mp, err := tree.MultiProof([]int{1, 0})
	if err != nil {
		panic(err)
	}
	fmt.Println("root", tree.Root())
	fmt.Println("leaves in index order:", mp.Leaves[0] == leaves[0] && mp.Leaves[1] == leaves[1])
	fmt.Println("flags", mp.Flags, "bits", merkle.PackFlags(mp.Flags))
	fmt.Println("verifies:", merkle.VerifyMultiProof(tree.Root(), mp))
	// Output:
	// root 0x3d3afc9e1690c247d3d90df9cd436fe9007af08087d8bdec08d6abc43955cb99
	// leaves in index order: true
	// flags [true false] bits [1]
	// verifies: true
}
