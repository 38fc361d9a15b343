package roundv2

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
)

// binding packs calls and unpacks results; it only reads its parsed ABI.
var binding = budgetroundv2.NewBudgetRoundV2()

// Rule is a round's funded-set rule, BudgetRoundV2.Rule.
type Rule uint8

// The funded-set rules; see docs/CONTRACTS-V2.md.
const (
	RuleGreedy          Rule = 0 // fund by tokens received, skip what does not fit
	RuleGreedyNoSkip    Rule = 1 // as Greedy, stop at the first that does not fit
	RuleGreedyThreshold Rule = 2 // as Greedy, among those with at least Threshold tokens
	RulePiggyBank       Rule = 3 // fund those whose piggy bank reached their cost
)

// DeployParams are a new round's constructor arguments; the deploying sender
// becomes its admin (all roles).
type DeployParams struct {
	Name      string
	Symbol    string         // the BudgetToken's symbol
	Budget    uint64         // kopecks: the token's whole supply
	Deadline  uint64         // unix seconds: the round is open before it
	Treasury  common.Address // receives unspent tokens at finalize
	Rule      Rule           // funded-set rule
	Threshold uint64         // > 0 exactly for RuleGreedyThreshold
}

// Round is a client of one deployed BudgetRoundV2. Reads go through the
// client; transactions are signed by the sender, which needs the round's
// roles for the treasury, registrar and relayer calls. Methods are safe for
// concurrent use when the sender is.
type Round struct {
	c    *chain.Client
	s    *chain.Sender // nil: read-only
	addr common.Address
}

// ErrReadOnly is the error of a transaction on a Round without a sender.
var ErrReadOnly = errors.New("round client has no sender")

// New is a client of the round at addr; s may be nil for reads only.
func New(c *chain.Client, s *chain.Sender, addr common.Address) *Round {
	return &Round{c: c, s: s, addr: addr}
}

// Deploy deploys a BudgetRoundV2 (and its BudgetToken, whose supply is the
// budget, R-1.1) with s as admin and returns its client.
func Deploy(ctx context.Context, c *chain.Client, s *chain.Sender, p DeployParams) (*Round, error) {
	rc, err := s.Send(ctx, nil, DeployCode(p, s.Address()))
	if err != nil {
		return nil, fmt.Errorf("deploy round %q: %w", p.Name, asRevert(err))
	}
	return New(c, s, rc.ContractAddress), nil
}

// DeployCode is the creation code of a BudgetRoundV2 with p and admin as its admin (all
// roles), for a caller that sends the deployment itself.
func DeployCode(p DeployParams, admin common.Address) []byte {
	input := binding.PackConstructor(p.Name, p.Symbol, new(big.Int).SetUint64(p.Budget), p.Deadline,
		p.Treasury, admin, uint8(p.Rule), new(big.Int).SetUint64(p.Threshold))
	return append(common.FromHex(budgetroundv2.BudgetRoundV2MetaData.Bin), input...)
}

// Address is the round's contract address.
func (r *Round) Address() common.Address { return r.addr }

// WithSender is a client of the same round that sends with s: a citizen's
// own key for the direct calls, another official's for the roles.
func (r *Round) WithSender(s *chain.Sender) *Round { return New(r.c, s, r.addr) }

// send sends data to the round and waits for the receipt.
func (r *Round) send(ctx context.Context, what string, data []byte) (*types.Receipt, error) {
	if r.s == nil {
		return nil, fmt.Errorf("%s on round %s: %w", what, r.addr, ErrReadOnly)
	}
	rc, err := r.s.Send(ctx, &r.addr, data)
	if err != nil {
		return nil, fmt.Errorf("%s on round %s: %w", what, r.addr, asRevert(err))
	}
	return rc, nil
}

// simulate runs data as an eth_call from the sender on the pending block (its
// time is the next block's, as the transaction will see it) and returns the
// output or the decoded revert.
func (r *Round) simulate(ctx context.Context, what string, data []byte) ([]byte, error) {
	if r.s == nil {
		return nil, fmt.Errorf("simulate %s on round %s: %w", what, r.addr, ErrReadOnly)
	}
	arg := map[string]any{"from": r.s.Address(), "to": r.addr, "data": hexutil.Bytes(data)}
	var out hexutil.Bytes
	err := r.c.RPC().CallContext(ctx, &out, "eth_call", arg, "pending")
	if err != nil {
		if re := callRevert(err); re != nil {
			err = asRevert(re)
		}
		return nil, fmt.Errorf("simulate %s on round %s: %w", what, r.addr, err)
	}
	return out, nil
}

// callRevert is the revert in a node's eth_call error (the data field, a hex
// string in geth), or nil when the call did not revert.
func callRevert(err error) *chain.RevertError {
	if de, ok := errors.AsType[rpc.DataError](err); ok {
		if s, ok := de.ErrorData().(string); ok {
			if data, decErr := hexutil.Decode(s); decErr == nil {
				return decodeRevert(data)
			}
		}
	}
	if strings.Contains(strings.ToLower(err.Error()), "revert") {
		return &chain.RevertError{}
	}
	return nil
}

// call runs a read of the round at the latest block.
func (r *Round) call(ctx context.Context, what string, data []byte) ([]byte, error) {
	out, err := r.c.Call(ctx, r.addr, data, nil)
	if err != nil {
		return nil, fmt.Errorf("read %s of round %s: %w", what, r.addr, asRevert(err))
	}
	return out, nil
}

func hashes32(hs []common.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

func u256(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
