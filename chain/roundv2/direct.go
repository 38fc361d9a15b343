package roundv2

import (
	"context"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// ClaimAndAllocate is a citizen's direct first use from their own key (the
// round's sender): claim quota at index with its eligibility proof and put
// amount (0: none) into initiative id.
func (r *Round) ClaimAndAllocate(ctx context.Context, index uint32, quota uint64, proof []common.Hash, id uint16, amount uint64) (*types.Receipt, error) {
	data := binding.PackClaimAndAllocate(u256(uint64(index)), u256(quota), hashes32(proof), u256(uint64(id)), u256(amount))
	return r.send(ctx, "claimAndAllocate", data)
}

// Allocate puts amount of the sender's unallocated tokens into initiative id
// (direct, materialized account, R-1.3).
func (r *Round) Allocate(ctx context.Context, id uint16, amount uint64) (*types.Receipt, error) {
	return r.send(ctx, "allocate", binding.PackAllocate(u256(uint64(id)), u256(amount)))
}

// Withdraw takes amount of the sender's tokens back out of initiative id
// (direct, before the deadline, R-1.3).
func (r *Round) Withdraw(ctx context.Context, id uint16, amount uint64) (*types.Receipt, error) {
	return r.send(ctx, "withdraw", binding.PackWithdraw(u256(uint64(id)), u256(amount)))
}

// Move moves amount of the sender's tokens from initiative from to
// initiative to (direct, R-1.3).
func (r *Round) Move(ctx context.Context, from, to uint16, amount uint64) (*types.Receipt, error) {
	return r.send(ctx, "move", binding.PackMove(u256(uint64(from)), u256(uint64(to)), u256(amount)))
}
