package merkle

import "github.com/ethereum/go-ethereum/common"

// VerifyProof reports whether proof proves leaf under root, as OpenZeppelin's
// MerkleProof.verify: fold the proof into the leaf with NodeHash.
func VerifyProof(root, leaf common.Hash, proof []common.Hash) bool {
	h := hashers.Get().(*hasher)
	defer hashers.Put(h)
	acc := leaf
	for i := range proof {
		acc = h.node(&acc, &proof[i])
	}
	return acc == root
}

// VerifyMultiProof reports whether mp proves its leaves under root, as
// OpenZeppelin's MerkleProof.multiProofVerify (contracts 5.7): a queue that
// starts with the leaves and continues with the computed hashes; each flag
// hashes the queue's next value with the following one (true) or with the
// next proof element (false). A multiproof the contract would revert on
// (MerkleProofInvalidMultiproof, or an out-of-range read) is false here.
func VerifyMultiProof(root common.Hash, mp MultiProof) bool {
	got, ok := processMultiProof(mp)
	return ok && got == root
}

func processMultiProof(mp MultiProof) (common.Hash, bool) {
	leaves, proof, flags := mp.Leaves, mp.Proof, mp.Flags
	if len(leaves)+len(proof) != len(flags)+1 {
		return common.Hash{}, false
	}
	switch {
	case len(flags) == 0 && len(leaves) > 0:
		return leaves[0], true
	case len(flags) == 0:
		return proof[0], true
	}
	h := hashers.Get().(*hasher)
	defer hashers.Put(h)
	// Solidity allocates hashes zeroed: reading one not yet computed gives
	// the zero hash there, and here too.
	hashes := make([]common.Hash, len(flags))
	var leafPos, hashPos, proofPos int
	next := func() (common.Hash, bool) {
		switch {
		case leafPos < len(leaves):
			leafPos++
			return leaves[leafPos-1], true
		case hashPos < len(hashes):
			hashPos++
			return hashes[hashPos-1], true
		}
		return common.Hash{}, false
	}
	for i, flag := range flags {
		a, okA := next()
		var b common.Hash
		okB := true
		switch {
		case flag:
			b, okB = next()
		case proofPos < len(proof):
			b = proof[proofPos]
			proofPos++
		default:
			okB = false
		}
		if !okA || !okB {
			return common.Hash{}, false
		}
		hashes[i] = h.node(&a, &b)
	}
	if proofPos != len(proof) {
		return common.Hash{}, false
	}
	return hashes[len(flags)-1], true
}
