package devchain

import (
	"crypto/ecdsa"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// devKeyHex is Hardhat's account #0: a published key, so the same key works
// on the embedded chain and on `hardhat node`. Never use it on a real chain.
const devKeyHex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

// DevAddress is the address of the dev key; genesis prefunds it and it
// receives the block fees.
var DevAddress = common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")

// DevKey returns a fresh copy of the prefunded dev key.
func DevKey() *ecdsa.PrivateKey {
	key, err := crypto.HexToECDSA(devKeyHex)
	if err != nil {
		panic("devchain: bad dev key constant: " + err.Error())
	}
	return key
}
