package merkle

import (
	"bytes"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// hasher is a keccak256 state with a scratch buffer, reused so that hashing
// allocates nothing. It is not safe for concurrent use: one per goroutine.
type hasher struct {
	k   crypto.KeccakState
	buf [5 * 32]byte
	out common.Hash // Read's target: a local would escape through the interface
}

func newHasher() *hasher { return &hasher{k: crypto.NewKeccakState()} }

var hashers = sync.Pool{New: func() any { return newHasher() }}

// sum is keccak256(data).
func (h *hasher) sum(data []byte) common.Hash {
	h.k.Reset()
	h.k.Write(data)
	h.k.Read(h.out[:])
	return h.out
}

// node is OpenZeppelin's Hashes.commutativeKeccak256(a, b): keccak256 of the
// two hashes, the smaller first.
func (h *hasher) node(a, b *common.Hash) common.Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	copy(h.buf[:32], a[:])
	copy(h.buf[32:64], b[:])
	return h.sum(h.buf[:64])
}

// NodeHash is the hash of an inner node over children a and b: keccak256 of
// the two, the smaller first (OpenZeppelin Hashes.commutativeKeccak256).
func NodeHash(a, b common.Hash) common.Hash {
	h := hashers.Get().(*hasher)
	defer hashers.Put(h)
	return h.node(&a, &b)
}
