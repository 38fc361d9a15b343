package budget

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/storage"
)

// EligibilityLeaf is one leaf of a BudgetRoundV2 round's eligibility tree: a citizen's
// permanent index, wallet address and quota in kopecks.
type EligibilityLeaf struct {
	Index   int64
	Address common.Address
	Quota   int64
}

// PublishedRoot is an eligibility root the node published: setEligibilityRoot(Root,
// LeafCount) mined in transaction TxHash.
type PublishedRoot struct {
	LeafCount int64
	Root      common.Hash
	TxHash    common.Hash
}

// EligibilityList is a v2 round's eligibility list, open data: every leaf the node
// gave an index, in index order, from which anyone rebuilds every root the round published.
// It holds wallet addresses and quotas only, as the chain shows them at claim time.
type EligibilityList struct {
	RoundID int64
	Round   common.Address // the round's contract; zero until its deployment is signed
	// Published is the leaf count of the last root the node saw mined; the leaves after it
	// wait for the next root.
	Published int64
	// Roots are the roots the node knows it published: the root of its newest
	// set_eligibility_root operation once mined (the operations keep no older ones).
	Roots []PublishedRoot
	// Len is the next index the round would give: how many leaves Leaves yields, indices
	// being contiguous from 0 as the node assigns them.
	Len int
	// Leaves yields the leaves in index order, read from storage a page at a time (so a
	// round of millions is never held at once); a read error is yielded and ends it.
	Leaves iter.Seq2[EligibilityLeaf, error]
}

// eligibilityPage is how many leaves EligibilityList reads from storage at a time (a
// variable for the tests, which page through a few leaves).
var eligibilityPage int64 = 10_000

// EligibilityList returns round roundID's eligibility list. ErrRoundNotFound for an unknown
// round, ErrInvalid for a v1 round, which has no eligibility tree.
//
// The leaves are read when Leaves is ranged over, eligibilityPage at a time, so a caller that
// writes them out as it goes holds one page.
func (s *Service) EligibilityList(ctx context.Context, roundID int64) (EligibilityList, error) {
	rec, err := s.loadRound(ctx, roundID)
	if err != nil {
		return EligibilityList{}, err
	}
	if rec.ContractVersion != 2 {
		return EligibilityList{}, fmt.Errorf("%w: round %d is a BudgetRound (v1) without an eligibility tree", ErrInvalid, roundID)
	}
	n, err := s.db.NextEligibilityIndex(ctx, roundID)
	if err != nil {
		return EligibilityList{}, fmt.Errorf("eligibility list of round %d: %w", roundID, err)
	}
	roots, err := s.publishedRoots(ctx, roundID)
	if err != nil {
		return EligibilityList{}, err
	}
	return EligibilityList{
		RoundID: roundID, Round: roundAddress(rec), Published: rec.EligibilityLeaves, Roots: roots,
		Len: int(n), Leaves: s.leaves(ctx, roundID, n),
	}, nil
}

// leaves yields round roundID's leaves below n, read eligibilityPage at a time.
func (s *Service) leaves(ctx context.Context, roundID, n int64) iter.Seq2[EligibilityLeaf, error] {
	return func(yield func(EligibilityLeaf, error) bool) {
		for from := int64(0); from < n; from += eligibilityPage {
			rows, err := s.db.EligibleLeavesRange(ctx, roundID, from, min(from+eligibilityPage, n))
			if err != nil {
				yield(EligibilityLeaf{}, fmt.Errorf("eligibility list of round %d: %w", roundID, err))
				return
			}
			for i := range rows {
				l := EligibilityLeaf{Index: rows[i].Index, Address: common.HexToAddress(rows[i].Address), Quota: rows[i].Amount}
				if !yield(l, nil) {
					return
				}
			}
		}
	}
}

// publishedRoots reads the root of the round's newest set_eligibility_root operation from its
// signed transaction, when it is mined.
func (s *Service) publishedRoots(ctx context.Context, roundID int64) ([]PublishedRoot, error) {
	id, err := s.db.LastOpID(ctx, roundID, opSetEligibilityRoot)
	if err != nil || id == 0 {
		return []PublishedRoot{}, err
	}
	op, err := s.db.Op(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load eligibility root operation %d: %w", id, err)
	}
	if op.Status != storage.OpMined {
		return []PublishedRoot{}, nil
	}
	root, err := rootOfTx(op.RawTx)
	if err != nil {
		return nil, fmt.Errorf("eligibility root operation %d: %w", id, err)
	}
	root.TxHash = common.HexToHash(op.TxHash)
	return []PublishedRoot{root}, nil
}

// rootOfTx decodes setEligibilityRoot(bytes32 root, uint256 leafCount) from a signed
// transaction.
func rootOfTx(raw []byte) (PublishedRoot, error) {
	var tx types.Transaction
	if err := tx.UnmarshalBinary(raw); err != nil {
		return PublishedRoot{}, fmt.Errorf("decode its transaction: %w", err)
	}
	data, sel := tx.Data(), roundV2ABI.PackSetEligibilityRoot(common.Hash{}, bigOf(0))[:4]
	if len(data) != 4+64 || string(data[:4]) != string(sel) {
		return PublishedRoot{}, errors.New("its transaction is not a setEligibilityRoot call")
	}
	count := new(common.Hash)
	copy(count[:], data[36:68])
	n := count.Big()
	if !n.IsInt64() {
		return PublishedRoot{}, fmt.Errorf("leaf count %s out of range", n)
	}
	return PublishedRoot{LeafCount: n.Int64(), Root: common.BytesToHash(data[4:36])}, nil
}
