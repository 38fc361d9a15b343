package audit

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
)

// logWindow is the block span of one eth_getLogs query; providers limit it.
const logWindow = 50_000

var (
	roundABI = bindings.NewBudgetRound()
	tokenABI = bindings.NewBudgetToken()
)

// state is what Recompute reads from the chain: the views at one block and
// the round's and token's logs up to that block.
type state struct {
	round, token     common.Address
	block, fromBlock uint64

	name            string
	treasury        common.Address
	deadline        uint64
	budget          *big.Int
	distributed     *big.Int
	initiativeCount uint64
	finalized       bool
	fundedOnChain   []uint64
	totalSupply     *big.Int
	tokenRound      common.Address // token.round()
	roundBalance    *big.Int       // token.balanceOf(round)
	initiatives     []initiativeView

	logs []types.Log // of round and token, in chain order
}

// initiativeView is what the views say about one initiative.
type initiativeView struct {
	cost, received *big.Int
	funded         bool
	piggyBank      common.Address
	balance        *big.Int // token.balanceOf(piggyBank)
}

// reader reads views at one block and keeps the first error, so that a
// sequence of reads is checked once.
type reader struct {
	c     *chain.Client
	block *big.Int
	err   error // the first failed call; later calls are skipped
}

// call runs a view and unpacks its result; after a failure it does nothing.
func call[T any](ctx context.Context, r *reader, to common.Address, what string, data []byte, unpack func([]byte) (T, error)) T {
	var zero T
	if r.err != nil {
		return zero
	}
	out, err := r.c.Call(ctx, to, data, r.block)
	if err == nil {
		var v T
		if v, err = unpack(out); err == nil {
			return v
		}
	}
	r.err = fmt.Errorf("read %s of %s: %w", what, to.Hex(), err)
	return zero
}

// read reads the round at the latest block.
func read(ctx context.Context, c *chain.Client, round common.Address) (*state, error) {
	head, err := c.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("read head block: %w", err)
	}
	code, err := c.CodeAt(ctx, round, new(big.Int).SetUint64(head))
	if err != nil {
		return nil, fmt.Errorf("read code of %s: %w", round.Hex(), err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("no contract at %s", round.Hex())
	}
	st := &state{round: round, block: head}
	if err := st.readViews(ctx, c); err != nil {
		return nil, err
	}
	st.fromBlock = creationBlock(ctx, c, round, head)
	st.logs, err = filterLogs(ctx, c, []common.Address{round, st.token}, st.fromBlock, head)
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (st *state) readViews(ctx context.Context, c *chain.Client) error {
	r := &reader{c: c, block: new(big.Int).SetUint64(st.block)}
	ro := st.round
	st.token = call(ctx, r, ro, "token", roundABI.PackToken(), roundABI.UnpackToken)
	st.name = call(ctx, r, ro, "name", roundABI.PackName(), roundABI.UnpackName)
	st.treasury = call(ctx, r, ro, "treasury", roundABI.PackTreasury(), roundABI.UnpackTreasury)
	st.deadline = call(ctx, r, ro, "deadline", roundABI.PackDeadline(), roundABI.UnpackDeadline)
	st.budget = call(ctx, r, ro, "budget", roundABI.PackBudget(), roundABI.UnpackBudget)
	st.distributed = call(ctx, r, ro, "distributed", roundABI.PackDistributed(), roundABI.UnpackDistributed)
	st.finalized = call(ctx, r, ro, "finalized", roundABI.PackFinalized(), roundABI.UnpackFinalized)
	count := call(ctx, r, ro, "initiativeCount", roundABI.PackInitiativeCount(), roundABI.UnpackInitiativeCount)
	funded := call(ctx, r, ro, "fundedInitiatives", roundABI.PackFundedInitiatives(), roundABI.UnpackFundedInitiatives)
	st.totalSupply = call(ctx, r, st.token, "totalSupply", tokenABI.PackTotalSupply(), tokenABI.UnpackTotalSupply)
	st.tokenRound = call(ctx, r, st.token, "round", tokenABI.PackRound(), tokenABI.UnpackRound)
	st.roundBalance = call(ctx, r, st.token, "balanceOf(round)", tokenABI.PackBalanceOf(ro), tokenABI.UnpackBalanceOf)
	if r.err != nil {
		return r.err
	}
	if !count.IsUint64() || count.Uint64() > maxInitiatives {
		return fmt.Errorf("read initiativeCount of %s: %s is out of range", ro.Hex(), count)
	}
	st.initiativeCount = count.Uint64()
	st.fundedOnChain = uint64s(funded)
	for id := uint64(1); id <= st.initiativeCount; id++ {
		st.initiatives = append(st.initiatives, st.readInitiative(ctx, r, id))
	}
	return r.err
}

// maxInitiatives bounds the views read (the contract's MAX_INITIATIVES is
// 100); a larger count is a broken or hostile contract.
const maxInitiatives = 10_000

func (st *state) readInitiative(ctx context.Context, r *reader, id uint64) initiativeView {
	bigID := new(big.Int).SetUint64(id)
	out := call(ctx, r, st.round, fmt.Sprintf("initiative(%d)", id), roundABI.PackInitiative(bigID), roundABI.UnpackInitiative)
	v := initiativeView{cost: out.Cost, received: out.Received, funded: out.Funded}
	v.piggyBank = call(ctx, r, st.round, fmt.Sprintf("piggyBank(%d)", id), roundABI.PackPiggyBank(bigID), roundABI.UnpackPiggyBank)
	v.balance = call(ctx, r, st.token, fmt.Sprintf("balanceOf(piggyBank(%d))", id), tokenABI.PackBalanceOf(v.piggyBank), tokenABI.UnpackBalanceOf)
	return v
}

func uint64s(xs []*big.Int) []uint64 {
	out := make([]uint64, 0, len(xs))
	for _, x := range xs {
		out = append(out, x.Uint64())
	}
	return out
}

// creationBlock finds the block that deployed addr by bisecting on
// eth_getCode, so the log search skips the chain before it. A node without
// the old state (not an archive node) answers with an error: then the
// search starts at genesis.
func creationBlock(ctx context.Context, c *chain.Client, addr common.Address, head uint64) uint64 {
	lo, hi := uint64(0), head // the code exists at hi
	for lo < hi {
		mid := lo + (hi-lo)/2
		code, err := c.CodeAt(ctx, addr, new(big.Int).SetUint64(mid))
		if err != nil {
			return 0
		}
		if len(code) > 0 {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// filterLogs returns all logs of addrs in [from, to], querying in windows.
func filterLogs(ctx context.Context, c *chain.Client, addrs []common.Address, from, to uint64) ([]types.Log, error) {
	var logs []types.Log
	for start := from; start <= to; start += logWindow {
		end := min(start+logWindow-1, to)
		got, err := c.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(start),
			ToBlock:   new(big.Int).SetUint64(end),
			Addresses: addrs,
		})
		if err != nil {
			return nil, fmt.Errorf("read logs of blocks %d-%d: %w", start, end, err)
		}
		logs = append(logs, got...)
	}
	return logs, nil
}
