package roundv2

import (
	"math/big"
	"strconv"
)

// TypedData is the EIP-712 request a wallet signs for a record: the JSON that
// eth_signTypedData_v4 takes (EIP-712, "Specification of the eth_signTypedData
// JSON RPC"), and what it shows the citizen before they sign (R-1.3). Its hash is
// Domain.Digest of the record.
type TypedData struct {
	Types       map[string][]TypedField `json:"types"`
	PrimaryType string                  `json:"primaryType"`
	Domain      TypedDomain             `json:"domain"`
	Message     map[string]string       `json:"message"`
}

// TypedField is one member of an EIP-712 struct type.
type TypedField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// TypedDomain is the round's EIP712Domain as JSON; the chain id is a decimal string.
type TypedDomain struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	ChainID           string `json:"chainId"`
	VerifyingContract string `json:"verifyingContract"`
}

var (
	domainFields = []TypedField{{"name", "string"}, {"version", "string"}, {"chainId", "uint256"}, {"verifyingContract", "address"}}
	recordFields = []TypedField{{"round", "address"}, {"initiative", "uint256"}, {"amount", "uint256"}, {"nonce", "uint256"}, {"deadline", "uint256"}}
)

// PrimaryType is the EIP-712 type a citizen signs for a record of kind k: Withdraw
// for a withdrawal, Allocate for an allocation and for a first use (claim).
func (k Kind) PrimaryType() string {
	if k == KindWithdraw {
		return "Withdraw"
	}
	return "Allocate"
}

// TypedData is the eth_signTypedData_v4 request for r in the domain d. A first use
// (claim) is signed as Allocate with nonce 0, as Digest hashes it.
func (d Domain) TypedData(r Record) TypedData {
	chainID := d.ChainID
	if chainID == nil {
		chainID = new(big.Int)
	}
	nonce := r.Nonce
	if r.Kind == KindClaimAllocate {
		nonce = 0
	}
	primary := r.Kind.PrimaryType()
	return TypedData{
		Types:       map[string][]TypedField{"EIP712Domain": domainFields, primary: recordFields},
		PrimaryType: primary,
		Domain:      TypedDomain{Name: DomainName, Version: DomainVersion, ChainID: chainID.String(), VerifyingContract: d.Round.Hex()},
		Message: map[string]string{
			"round": d.Round.Hex(), "initiative": strconv.FormatUint(uint64(r.Initiative), 10),
			"amount": strconv.FormatUint(r.Amount, 10), "nonce": strconv.FormatUint(nonce, 10),
			"deadline": strconv.FormatUint(r.Deadline, 10),
		},
	}
}
