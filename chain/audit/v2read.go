package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"runtime"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// v2State is what RecomputeV2 reads from the chain (R-1.5: nothing else):
// the views at one block, the round's and token's logs up to it, and the
// relayed records in the calldata of the transactions that emitted them.
type v2State struct {
	v2Views
	logs *v2Logs
	// signers are the recovered signers of the relayed records, by
	// transaction and record; nil until recovered.
	signers [][]common.Address
}

// v2Views is what the contracts' views say at one block.
type v2Views struct {
	round, token, treasury common.Address
	chainID                *big.Int
	block, fromBlock       uint64

	name               string
	deadline           uint64
	budget, threshold  *big.Int
	rule               uint8
	distributed        *big.Int
	initiativeCount    uint64
	finalized          bool
	fundedOnChain      []uint64
	eligibilityRoot    common.Hash
	eligibilityVersion *big.Int
	claimsBatchCount   *big.Int
	totalSupply        *big.Int
	tokenRound         common.Address
	roundBalance       *big.Int // token.balanceOf(round)
	treasuryBalance    *big.Int // token.balanceOf(treasury)
	initiatives        []initiativeView
}

// V2Option tunes RecomputeV2.
type V2Option func(*v2Config)

type v2Config struct {
	logWindow uint64 // largest eth_getLogs block span
	workers   int    // signature-verifying goroutines; 0: runtime.NumCPU()
	txBatch   int    // transactions per JSON-RPC batch
}

// WithLogWindow sets the largest eth_getLogs block span (default 50,000);
// the span adapts below it to about 10,000 logs per answer, and halves on
// every error the node returns, down to one block.
func WithLogWindow(blocks uint64) V2Option {
	return func(c *v2Config) { c.logWindow = max(blocks, 1) }
}

// WithWorkers sets how many goroutines fetch relay transactions and recover
// their signatures while the logs are read (default runtime.NumCPU(), at
// least 4 to hide the node's latency).
func WithWorkers(n int) V2Option { return func(c *v2Config) { c.workers = n } }

func v2ConfigOf(opts []V2Option) v2Config {
	cfg := v2Config{logWindow: logWindow, txBatch: 100}
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// readV2 reads the round at the latest block.
func readV2(ctx context.Context, c *chain.Client, round common.Address, cfg v2Config) (*v2State, error) {
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
	st := &v2State{v2Views: v2Views{round: round, block: head}}
	if st.chainID, err = c.ChainID(ctx); err != nil {
		return nil, fmt.Errorf("read chain id: %w", err)
	}
	if err := st.readViews(ctx, c); err != nil {
		return nil, err
	}
	st.fromBlock = creationBlock(ctx, c, round, head)
	st.logs = newV2Logs(round, st.token)
	rr := newRelayReader(ctx, c, roundv2.Domain{ChainID: st.chainID, Round: round}, cfg)
	st.logs.onCitizenTx = rr.add
	err = eachLogWindow(ctx, c, []common.Address{round, st.token}, st.fromBlock, head, cfg.logWindow, func(logs []types.Log) {
		for i := range logs {
			st.logs.add(&logs[i])
		}
	})
	if werr := rr.wait(st); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (st *v2State) readViews(ctx context.Context, c *chain.Client) error {
	r := &reader{c: c, block: new(big.Int).SetUint64(st.block)}
	ro, a := st.round, roundV2ABI
	st.token = call(ctx, r, ro, "token", a.PackToken(), a.UnpackToken)
	st.name = call(ctx, r, ro, "name", a.PackName(), a.UnpackName)
	st.treasury = call(ctx, r, ro, "treasury", a.PackTreasury(), a.UnpackTreasury)
	st.deadline = call(ctx, r, ro, "deadline", a.PackDeadline(), a.UnpackDeadline)
	st.budget = call(ctx, r, ro, "budget", a.PackBudget(), a.UnpackBudget)
	st.rule = call(ctx, r, ro, "rule", a.PackRule(), a.UnpackRule)
	st.threshold = call(ctx, r, ro, "threshold", a.PackThreshold(), a.UnpackThreshold)
	st.distributed = call(ctx, r, ro, "distributed", a.PackDistributed(), a.UnpackDistributed)
	st.finalized = call(ctx, r, ro, "finalized", a.PackFinalized(), a.UnpackFinalized)
	st.eligibilityRoot = call(ctx, r, ro, "eligibilityRoot", a.PackEligibilityRoot(), a.UnpackEligibilityRoot)
	st.eligibilityVersion = call(ctx, r, ro, "eligibilityVersion", a.PackEligibilityVersion(), a.UnpackEligibilityVersion)
	st.claimsBatchCount = call(ctx, r, ro, "claimsBatchCount", a.PackClaimsBatchCount(), a.UnpackClaimsBatchCount)
	count := call(ctx, r, ro, "initiativeCount", a.PackInitiativeCount(), a.UnpackInitiativeCount)
	funded := call(ctx, r, ro, "fundedInitiatives", a.PackFundedInitiatives(), a.UnpackFundedInitiatives)
	st.totalSupply = call(ctx, r, st.token, "totalSupply", tokenABI.PackTotalSupply(), tokenABI.UnpackTotalSupply)
	st.tokenRound = call(ctx, r, st.token, "round", tokenABI.PackRound(), tokenABI.UnpackRound)
	st.roundBalance = call(ctx, r, st.token, "balanceOf(round)", tokenABI.PackBalanceOf(ro), tokenABI.UnpackBalanceOf)
	st.treasuryBalance = call(ctx, r, st.token, "balanceOf(treasury)", tokenABI.PackBalanceOf(st.treasury), tokenABI.UnpackBalanceOf)
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

func (st *v2State) readInitiative(ctx context.Context, r *reader, id uint64) initiativeView {
	bigID, a := new(big.Int).SetUint64(id), roundV2ABI
	out := call(ctx, r, st.round, fmt.Sprintf("initiative(%d)", id), a.PackInitiative(bigID), a.UnpackInitiative)
	v := initiativeView{cost: out.Cost, received: out.Received, funded: out.Funded}
	v.piggyBank = call(ctx, r, st.round, fmt.Sprintf("piggyBank(%d)", id), a.PackPiggyBank(bigID), a.UnpackPiggyBank)
	v.balance = call(ctx, r, st.token, fmt.Sprintf("balanceOf(piggyBank(%d))", id), tokenABI.PackBalanceOf(v.piggyBank), tokenABI.UnpackBalanceOf)
	return v
}

// logsPerQuery is the number of logs one eth_getLogs answer aims at:
// providers cap answers near 10,000 logs, and a window of raw logs is all
// the memory the read holds beyond the decoded events.
const logsPerQuery = 10_000

// eachLogWindow hands the logs of addrs in [from, to] to fn, in chain order,
// one eth_getLogs window at a time. The window adapts to the node: on an
// error it halves (down to one block, then the error is returned); after an
// answer it is resized towards logsPerQuery logs, within [1, maxWindow].
func eachLogWindow(ctx context.Context, c *chain.Client, addrs []common.Address, from, to, maxWindow uint64, fn func([]types.Log)) error {
	window := min(maxWindow, 1_000)
	for start := from; start <= to; {
		end := min(start+window-1, to)
		logs, err := getLogs(ctx, c, addrs, start, end)
		if err != nil {
			if window == 1 || ctx.Err() != nil {
				return fmt.Errorf("read logs of blocks %d-%d: %w", start, end, err)
			}
			window /= 2
			continue
		}
		fn(logs)
		start = end + 1
		window = nextWindow(window, len(logs), maxWindow)
	}
	return nil
}

// nextWindow sizes the next query for about logsPerQuery logs at the rate
// the last one saw: at most doubling, at least one block.
func nextWindow(window uint64, got int, maxWindow uint64) uint64 {
	if got == 0 {
		return min(2*window, maxWindow)
	}
	next := window * logsPerQuery / uint64(got)
	return max(1, min(next, 2*window, maxWindow))
}

// relayReader fetches the transactions that emitted per-citizen events
// while the logs are still being read, decodes their relay calldata and
// recovers the signers: the node serving logs and the CPUs recovering
// signatures work at the same time. Its goroutines end in wait.
type relayReader struct {
	ctx   context.Context // the read's; a job stops with it
	c     *chain.Client
	round common.Address
	dom   roundv2.Domain
	batch int
	sem   chan struct{} // bounds the jobs in flight
	wg    sync.WaitGroup

	pending []relayJob // owned by the reading goroutine

	mu      sync.Mutex // guards results and err
	results []relayResult
	err     error
}

type relayJob struct {
	idx  uint32
	hash common.Hash
}

type relayResult struct {
	idx     uint32
	call    v2Call
	signers []common.Address
}

func newRelayReader(ctx context.Context, c *chain.Client, dom roundv2.Domain, cfg v2Config) *relayReader {
	workers := cfg.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	return &relayReader{ctx: ctx, c: c, round: dom.Round, dom: dom, batch: cfg.txBatch, sem: make(chan struct{}, max(workers, 4))}
}

// add queues transaction idx; a full batch starts a job.
func (rr *relayReader) add(idx uint32, hash common.Hash) {
	rr.pending = append(rr.pending, relayJob{idx, hash})
	if len(rr.pending) >= rr.batch {
		rr.flush()
	}
}

func (rr *relayReader) flush() {
	if len(rr.pending) == 0 {
		return
	}
	jobs := rr.pending
	rr.pending = nil
	rr.sem <- struct{}{}
	rr.wg.Go(func() {
		defer func() { <-rr.sem }()
		res, err := rr.run(jobs)
		rr.mu.Lock()
		defer rr.mu.Unlock()
		rr.results = append(rr.results, res...)
		if err != nil && rr.err == nil {
			rr.err = err
		}
	})
}

// wait runs the last batch, waits for every job and stores the results in
// st.
func (rr *relayReader) wait(st *v2State) error {
	rr.flush()
	rr.wg.Wait()
	st.signers = make([][]common.Address, len(st.logs.txs))
	for _, r := range rr.results {
		st.logs.txs[r.idx].v2Call = r.call
		st.signers[r.idx] = r.signers
	}
	return rr.err
}

// run fetches one batch of transactions in one JSON-RPC batch, decodes
// them and recovers their records' signers.
func (rr *relayReader) run(jobs []relayJob) ([]relayResult, error) {
	raws := make([]json.RawMessage, len(jobs))
	elems := make([]rpc.BatchElem, len(jobs))
	for k, j := range jobs {
		elems[k] = rpc.BatchElem{Method: "eth_getTransactionByHash", Args: []any{j.hash}, Result: &raws[k]}
	}
	if err := rr.c.RPC().BatchCallContext(rr.ctx, elems); err != nil {
		return nil, fmt.Errorf("read %d transactions: %w", len(jobs), err)
	}
	out := make([]relayResult, len(jobs))
	for k, j := range jobs {
		tx, err := decodeTx(j.hash, raws[k], elems[k].Error)
		if err != nil {
			return nil, err
		}
		out[k].idx = j.idx
		out[k].call = callOf(rr.round, tx)
		if out[k].call.call == callDirect {
			var sender struct {
				From common.Address `json:"from"`
			}
			if err := json.Unmarshal(raws[k], &sender); err != nil {
				return nil, fmt.Errorf("read the sender of %s: %w", j.hash.Hex(), err)
			}
			out[k].call.from = sender.From
		}
		out[k].signers = make([]common.Address, len(out[k].call.records))
		for r := range out[k].call.records {
			out[k].signers[r] = recoverSigner(rr.dom, &out[k].call.records[r])
		}
	}
	return out, nil
}

func decodeTx(h common.Hash, raw json.RawMessage, callErr error) (*types.Transaction, error) {
	if callErr != nil {
		return nil, fmt.Errorf("read transaction %s: %w", h.Hex(), callErr)
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil, fmt.Errorf("read transaction %s: not found", h.Hex())
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("decode transaction %s: %w", h.Hex(), err)
	}
	if tx.Hash() != h {
		return nil, fmt.Errorf("read transaction %s: the node returned %s", h.Hex(), tx.Hash().Hex())
	}
	return tx, nil
}
