package chain_test

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
)

func ExampleDecodeRevert() {
	// Revert data of BudgetRound's InsufficientBalance(uint256 available, uint256 wanted).
	uint256, _ := abi.NewType("uint256", "", nil)
	args, _ := abi.Arguments{{Type: uint256}, {Type: uint256}}.Pack(big.NewInt(100), big.NewInt(200))
	data := append(crypto.Keccak256([]byte("InsufficientBalance(uint256,uint256)"))[:4], args...)

	err := chain.DecodeRevert(data)
	fmt.Println(err.Name, err.Args)
	fmt.Println(err)
	// Output:
	// InsufficientBalance [100 200]
	// execution reverted: InsufficientBalance(100, 200)
}

func ExampleRevertError_Error() {
	str, _ := abi.NewType("string", "", nil)
	args, _ := abi.Arguments{{Type: str}}.Pack("not allowed")
	reason := append(crypto.Keccak256([]byte("Error(string)"))[:4], args...)

	fmt.Println(chain.DecodeRevert(reason))
	fmt.Println(chain.DecodeRevert(crypto.Keccak256([]byte("DeadlinePassed()"))[:4]))
	fmt.Println(chain.DecodeRevert(nil))
	// Output:
	// execution reverted: not allowed
	// execution reverted: DeadlinePassed()
	// execution reverted
}

func ExampleIsRevert() {
	err := fmt.Errorf("allocate for citizen: %w", chain.DecodeRevert(crypto.Keccak256([]byte("DeadlinePassed()"))[:4]))
	fmt.Println(chain.IsRevert(err, "DeadlinePassed"))
	fmt.Println(chain.IsRevert(err, "ZeroAmount"))
	// Output:
	// true
	// false
}
