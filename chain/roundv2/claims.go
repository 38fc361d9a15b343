package roundv2

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/merkle"
)

// AppliedRecord is one first use a relayed batch applied: a leaf of the
// batch's claims root. The node keeps it to materialize the
// citizen's account before relaying their next record.
type AppliedRecord struct {
	Index      uint32
	Citizen    common.Address
	Quota      uint64
	Initiative uint16
	Amount     uint64
}

// Leaf is the record's leaf in the claims tree (merkle.AppliedLeaf).
func (a AppliedRecord) Leaf() common.Hash {
	return merkle.AppliedLeaf(uint64(a.Index), a.Citizen, a.Quota, uint64(a.Initiative), a.Amount)
}

// ClaimsBatch is the first uses of one relayed batch with their tree, whose
// root the contract commits as claimsRoot(batchId): OpenZeppelin
// SimpleMerkleTree of the applied leaves in batch order, unsorted.
type ClaimsBatch struct {
	Records []AppliedRecord // the batch's claims, in batch order
	tree    *merkle.Tree
}

// Claims recovers the citizens of batch's claims in domain d and builds the
// claims tree the relay commits. It returns nil for a batch without claims.
func Claims(d Domain, batch []Signed) (*ClaimsBatch, error) {
	var records []AppliedRecord
	for i, s := range batch {
		if s.Record.Kind != KindClaimAllocate {
			continue
		}
		citizen, err := d.Recover(s)
		if err != nil {
			return nil, fmt.Errorf("claims of batch: record %d: %w", i, err)
		}
		rec := s.Record
		records = append(records, AppliedRecord{Index: rec.Index, Citizen: citizen, Quota: rec.Quota, Initiative: rec.Initiative, Amount: rec.Amount})
	}
	if len(records) == 0 {
		return nil, nil
	}
	return NewClaimsBatch(records)
}

// Root is the claims root the relay commits.
func (b *ClaimsBatch) Root() common.Hash { return b.tree.Root() }

// Proof is the proof of Records[i] against Root, Materialize's argument.
func (b *ClaimsBatch) Proof(i int) ([]common.Hash, error) { return b.tree.Proof(i) }

// Materialize writes the account of a citizen whose first use batch batchID
// applied, by proving the applied record against the batch's claims root
// (anyone may send it, R-1.3). The account gets nonce 1; until then the
// citizen's signed allocations and withdrawals fail with ErrNotMaterialized.
func (r *Round) Materialize(ctx context.Context, batchID *big.Int, a AppliedRecord, proof []common.Hash) (*types.Receipt, error) {
	return r.send(ctx, "materialize", MaterializeCall(batchID, a, proof))
}

// MaterializeCall is the calldata of Materialize, for a caller that sends it itself.
func MaterializeCall(batchID *big.Int, a AppliedRecord, proof []common.Hash) []byte {
	return binding.PackMaterialize(batchID, u256(uint64(a.Index)), a.Citizen, u256(a.Quota), u256(uint64(a.Initiative)), u256(a.Amount), hashes32(proof))
}

// NewClaimsBatch is the claims batch of records already known (the node keeps them), in
// batch order: the tree whose root a relay committed.
func NewClaimsBatch(records []AppliedRecord) (*ClaimsBatch, error) {
	leaves := make([]common.Hash, len(records))
	for i, a := range records {
		leaves[i] = a.Leaf()
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		return nil, fmt.Errorf("claims batch: %w", err)
	}
	return &ClaimsBatch{Records: records, tree: tree}, nil
}
