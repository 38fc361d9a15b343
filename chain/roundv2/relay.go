package roundv2

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/merkle"
)

// Errors of Relay's checks before it simulates.
var (
	// ErrUnsortedClaims: the claims of a batch must come in strictly
	// increasing eligibility index order, the order of the multiproof's
	// leaves. Relay does not sort: the caller owns the order.
	ErrUnsortedClaims = errors.New("claims not in increasing eligibility index order")
	// ErrNoTree: a batch with claims needs the eligibility tree for its
	// multiproof, and each claim's index must be a leaf of it.
	ErrNoTree = errors.New("claims need the eligibility tree")
)

// RelayResult is a relayed batch's outcome.
type RelayResult struct {
	BatchID *big.Int       // claimsRoot batch id; nil when the batch had no claims
	Receipt *types.Receipt // the relay transaction's receipt
	GasUsed uint64         // gas of the whole batch
}

// Relay sends citizens' signed records as one relay transaction (RELAYER_ROLE,
// Claims must come in increasing index order, and tree must
// be the eligibility tree of the round's current root with the citizen of
// index i at leaf i (tree may be nil when there are no claims); their leaves
// are proven with one multiproof. Relay checks the batch, simulates it with
// eth_call and returns the decoded revert (errors.Is(err, ErrBadNonce), …)
// without sending when any record fails: one bad record reverts the whole
// batch. Then it sends and waits for the receipt. Keep the batch: Claims
// computes the applied records each citizen needs to Materialize.
func (r *Round) Relay(ctx context.Context, batch []Signed, tree *merkle.Tree) (RelayResult, error) {
	data, claims, err := relayCall(batch, tree)
	if err != nil {
		return RelayResult{}, err
	}
	what := fmt.Sprintf("relay of %d records (%d claims)", len(batch), claims)
	if _, err := r.simulate(ctx, what, data); err != nil {
		return RelayResult{}, err
	}
	rc, err := r.send(ctx, what, data)
	if err != nil {
		return RelayResult{}, err
	}
	res := RelayResult{Receipt: rc, GasUsed: rc.GasUsed}
	if claims > 0 {
		if res.BatchID, err = CommittedBatch(r.addr, rc); err != nil {
			return res, err
		}
	}
	return res, nil
}

// RelayCall is the calldata of relay(batch) with the multiproof of its claims against tree,
// checked as Relay checks it, for a caller that sends the transaction itself (the node's
// outbox). It does not simulate.
func RelayCall(batch []Signed, tree *merkle.Tree) ([]byte, error) {
	data, _, err := relayCall(batch, tree)
	return data, err
}

func relayCall(batch []Signed, tree *merkle.Tree) ([]byte, int, error) {
	claims, err := claimIndices(batch, tree)
	if err != nil {
		return nil, 0, fmt.Errorf("relay %d records: %w", len(batch), err)
	}
	proof, bits := [][32]byte{}, []*big.Int{}
	if len(claims) > 0 {
		mp, err := tree.MultiProof(claims)
		if err != nil {
			return nil, 0, fmt.Errorf("relay %d records: %w", len(batch), err)
		}
		proof, bits = hashes32(mp.Proof), merkle.PackFlags(mp.Flags)
	}
	records := make([]budgetroundv2.BudgetRoundV2Signed, len(batch))
	for i, s := range batch {
		records[i] = s.Binding()
	}
	return binding.PackRelay(records, proof, bits), len(claims), nil
}

// claimIndices checks a batch before simulation and returns its claims'
// eligibility indices, in batch order.
func claimIndices(batch []Signed, tree *merkle.Tree) ([]int, error) {
	if len(batch) == 0 {
		return nil, ErrEmptyBatch
	}
	var claims []int
	for i, s := range batch {
		if err := s.Record.Validate(); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		if s.Record.Kind != KindClaimAllocate {
			continue
		}
		idx := int(s.Record.Index)
		switch {
		case len(claims) > 0 && idx <= claims[len(claims)-1]:
			return nil, fmt.Errorf("record %d: index %d after %d: %w", i, idx, claims[len(claims)-1], ErrUnsortedClaims)
		case tree == nil:
			return nil, fmt.Errorf("record %d: %w", i, ErrNoTree)
		case idx >= tree.Len():
			return nil, fmt.Errorf("record %d: index %d, tree of %d leaves: %w", i, idx, tree.Len(), ErrNoTree)
		}
		claims = append(claims, idx)
	}
	return claims, nil
}

// CommittedBatch is the batch id of round's ClaimsCommitted event in rc, the receipt of a
// relay with claims.
func CommittedBatch(round common.Address, rc *types.Receipt) (*big.Int, error) {
	for _, l := range rc.Logs {
		if l.Address != round {
			continue
		}
		if ev, err := binding.UnpackClaimsCommittedEvent(l); err == nil {
			return ev.BatchId, nil
		}
	}
	return nil, fmt.Errorf("relay on round %s: no ClaimsCommitted event in tx %s", round, rc.TxHash)
}
