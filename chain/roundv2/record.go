package roundv2

import (
	"errors"
	"fmt"
	"math/big"
)

// Kind is a relayed record's kind (head bits 216..223).
type Kind uint8

// The record kinds of BudgetRoundV2 (KIND_* constants).
const (
	// KindClaimAllocate is a first use: claim the quota of an eligibility
	// index and allocate part of it; signed as Allocate with
	// nonce 0.
	KindClaimAllocate Kind = 0
	// KindAllocate puts unallocated tokens of a materialized account into an
	// initiative's piggy bank.
	KindAllocate Kind = 1
	// KindWithdraw takes tokens back out of a piggy bank before the deadline
	//
	KindWithdraw Kind = 2
)

// String names the kind as the contract's docs do.
func (k Kind) String() string {
	switch k {
	case KindClaimAllocate:
		return "claim+allocate"
	case KindAllocate:
		return "allocate"
	case KindWithdraw:
		return "withdraw"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// MaxDeadline is the largest signature deadline a head holds (40 bits).
const MaxDeadline = 1<<40 - 1

// Record is what a citizen signs and the node relays: one BudgetRoundV2.Signed
// without its signature. Amounts are in kopecks.
type Record struct {
	Kind       Kind
	Amount     uint64 // tokens to allocate or withdraw (> 0 for the contract)
	Quota      uint64 // claim only: the quota of the eligibility leaf
	Nonce      uint64 // allocate, withdraw: the account's next nonce
	Initiative uint16 // initiative id, 1..initiativeCount
	Index      uint32 // claim only: the citizen's eligibility index
	Deadline   uint64 // unix seconds, < 2^40: the contract refuses the record after it
}

// Head bit offsets (docs/CONTRACTS-V2.md).
const (
	shiftField      = 64  // quota (claim) or nonce
	shiftInitiative = 128 // initiative id
	shiftIndex      = 144 // eligibility index (claim)
	shiftDeadline   = 176 // signature deadline
	shiftKind       = 216 // kind
	headBits        = 224
)

// ErrBadRecord is the error of Validate and ParseHead for a record the head
// layout cannot hold.
var ErrBadRecord = errors.New("bad relayed record")

// Validate reports a record that does not fit the head layout: an unknown
// kind, a deadline of 2^40 or more, a quota or index on a non-claim, or a
// nonce on a claim (a claim is signed with nonce 0).
func (r Record) Validate() error {
	switch {
	case r.Kind > KindWithdraw:
		return fmt.Errorf("%w: unknown %s", ErrBadRecord, r.Kind)
	case r.Deadline > MaxDeadline:
		return fmt.Errorf("%w: deadline %d is 2^40 or more", ErrBadRecord, r.Deadline)
	case r.Kind == KindClaimAllocate && r.Nonce != 0:
		return fmt.Errorf("%w: a claim has nonce 0, not %d", ErrBadRecord, r.Nonce)
	case r.Kind != KindClaimAllocate && (r.Quota != 0 || r.Index != 0):
		return fmt.Errorf("%w: %s with a quota or an index", ErrBadRecord, r.Kind)
	}
	return nil
}

// field is what head bits 64..127 hold: the quota of a claim, else the nonce.
func (r Record) field() uint64 {
	if r.Kind == KindClaimAllocate {
		return r.Quota
	}
	return r.Nonce
}

// Head packs the record as BudgetRoundV2.Signed.head: amount | quota or
// nonce << 64 | initiative << 128 | index << 144 | deadline << 176 |
// kind << 216. It packs what Validate accepts; a deadline of 2^40 or more is
// cut to 40 bits.
func (r Record) Head() *big.Int {
	var words [4]uint64 // little-endian 64-bit words of the 256-bit head
	words[0] = r.Amount
	words[1] = r.field()
	d := r.Deadline & MaxDeadline
	words[2] = uint64(r.Initiative) | uint64(r.Index)<<16 | d<<48
	words[3] = d>>16 | uint64(r.Kind)<<24
	var b [32]byte
	for i, w := range words {
		for j := range 8 {
			b[31-8*i-j] = byte(w >> (8 * j))
		}
	}
	return new(big.Int).SetBytes(b[:])
}

// ParseHead unpacks a head from outside (a stored or submitted record). It
// refuses a negative head, bits at 224 and above, an unknown kind, and an
// index on a non-claim; for a valid head, ParseHead(h).Head() equals h.
func ParseHead(h *big.Int) (Record, error) {
	if h == nil || h.Sign() < 0 || h.BitLen() > headBits {
		return Record{}, fmt.Errorf("%w: head is not a 224-bit number", ErrBadRecord)
	}
	var b [32]byte
	h.FillBytes(b[:])
	word := func(i int) uint64 {
		var w uint64
		for j := range 8 {
			w |= uint64(b[31-8*i-j]) << (8 * j)
		}
		return w
	}
	w2, w3 := word(2), word(3)
	r := Record{
		Kind:       Kind(w3 >> 24),
		Amount:     word(0),
		Initiative: uint16(w2),
		Index:      uint32(w2 >> 16),
		Deadline:   w2>>48 | (w3&0xffffff)<<16,
	}
	if r.Kind > KindWithdraw {
		return Record{}, fmt.Errorf("%w: unknown %s", ErrBadRecord, r.Kind)
	}
	if r.Kind == KindClaimAllocate {
		r.Quota = word(1)
	} else {
		r.Nonce = word(1)
	}
	if err := r.Validate(); err != nil {
		return Record{}, err
	}
	return r, nil
}
