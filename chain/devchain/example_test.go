package devchain_test

import (
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/devchain"
)

func ExampleConfig_Validate() {
	cfg := devchain.DefaultConfig()
	fmt.Println(cfg.Validate())
	cfg.HTTPAddr = "0.0.0.0:8545"
	fmt.Println(cfg.Validate())
	// Output:
	// <nil>
	// devchain: HTTPAddr "0.0.0.0:8545": host must be 127.0.0.1 (the dev key is public)
}

func ExampleDevKey() {
	fmt.Println(crypto.PubkeyToAddress(devchain.DevKey().PublicKey))
	// Output: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
}
