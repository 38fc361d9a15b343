package roundv2

import (
	"encoding/binary"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// EIP-712 names of BudgetRoundV2's domain.
const (
	DomainName    = "pbnode BudgetRound"
	DomainVersion = "2"
)

var (
	domainTypeHash   = crypto.Keccak256Hash([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"))
	allocateTypeHash = crypto.Keccak256Hash([]byte("Allocate(address round,uint256 initiative,uint256 amount,uint256 nonce,uint256 deadline)"))
	withdrawTypeHash = crypto.Keccak256Hash([]byte("Withdraw(address round,uint256 initiative,uint256 amount,uint256 nonce,uint256 deadline)"))
	nameHash         = crypto.Keccak256Hash([]byte(DomainName))
	versionHash      = crypto.Keccak256Hash([]byte(DomainVersion))
)

// Domain is the EIP-712 domain of one round: name "pbnode BudgetRound",
// version "2", the chain id and the round's address. A signature for another
// domain recovers another address, so it cannot be replayed on another chain
// or round.
type Domain struct {
	ChainID *big.Int
	Round   common.Address
}

// Separator is the domain separator, BudgetRoundV2.domainSeparator().
func (d Domain) Separator() common.Hash {
	var buf [5 * 32]byte
	copy(buf[0:], domainTypeHash[:])
	copy(buf[32:], nameHash[:])
	copy(buf[64:], versionHash[:])
	if d.ChainID != nil {
		d.ChainID.FillBytes(buf[96:128])
	}
	copy(buf[140:], d.Round[:])
	return crypto.Keccak256Hash(buf[:])
}

// Digest is the EIP-712 digest a citizen signs for r: Allocate for
// a claim (nonce 0) and an allocation, Withdraw for a withdrawal, as
// BudgetRoundV2.hashAllocate and hashWithdraw compute it.
func (d Domain) Digest(r Record) common.Hash {
	typeHash := allocateTypeHash
	if r.Kind == KindWithdraw {
		typeHash = withdrawTypeHash
	}
	var buf [6 * 32]byte
	copy(buf[0:], typeHash[:])
	copy(buf[44:], d.Round[:])
	nonce := r.Nonce
	if r.Kind == KindClaimAllocate {
		nonce = 0 // a first use is signed as Allocate with nonce 0
	}
	binary.BigEndian.PutUint64(buf[88:96], uint64(r.Initiative))
	binary.BigEndian.PutUint64(buf[120:128], r.Amount)
	binary.BigEndian.PutUint64(buf[152:160], nonce)
	binary.BigEndian.PutUint64(buf[184:192], r.Deadline)
	structHash := crypto.Keccak256Hash(buf[:])
	sep := d.Separator()
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], structHash[:])
}
