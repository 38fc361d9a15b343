package merkle

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
)

// EligibilityLeaf is the leaf of a citizen in a round's eligibility tree
// keccak256(bytes.concat(keccak256(abi.encode(uint256 index,
// address citizen, uint256 quota)))), the StandardMerkleTree leaf of
// ["uint256","address","uint256"] and BudgetRoundV2.eligibilityLeaf. index is
// the citizen's permanent eligibility index, quota in kopecks.
func EligibilityLeaf(index uint64, citizen common.Address, quota uint64) common.Hash {
	h := hashers.Get().(*hasher)
	defer hashers.Put(h)
	clear(h.buf[:96])
	binary.BigEndian.PutUint64(h.buf[24:32], index)
	copy(h.buf[44:64], citizen[:])
	binary.BigEndian.PutUint64(h.buf[88:96], quota)
	return h.double(96)
}

// AppliedLeaf is the leaf of one applied first use in a relayed batch's claims
// root: keccak256(bytes.concat(keccak256(abi.encode(index,
// citizen, quota, id, amount)))), all uint256 but the address, as
// BudgetRoundV2.appliedLeaf.
func AppliedLeaf(index uint64, citizen common.Address, quota uint64, id uint64, amount uint64) common.Hash {
	h := hashers.Get().(*hasher)
	defer hashers.Put(h)
	clear(h.buf[:160])
	binary.BigEndian.PutUint64(h.buf[24:32], index)
	copy(h.buf[44:64], citizen[:])
	binary.BigEndian.PutUint64(h.buf[88:96], quota)
	binary.BigEndian.PutUint64(h.buf[120:128], id)
	binary.BigEndian.PutUint64(h.buf[152:160], amount)
	return h.double(160)
}

// double is keccak256(keccak256(buf[:n])), the StandardMerkleTree leaf of an
// ABI encoding in the buffer.
func (h *hasher) double(n int) common.Hash {
	inner := h.sum(h.buf[:n])
	copy(h.buf[:32], inner[:])
	return h.sum(h.buf[:32])
}
