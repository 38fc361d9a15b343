package budget

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/storage"
)

// Direct calls. A citizen whose wallet is their own may call a BudgetRoundV2 round
// from it: claimAndAllocate, allocate, withdraw, move. The node learns of those calls only
// from the chain: the Indexer follows each round's Claimed, Allocated and Withdrawn events
// and applies those of direct calls to the database as Allocate and Withdraw would have,
// without a signed record or a relay. Events of the node's own relays are already in the
// database (their records) and are passed over.
//
// After a direct claim the contract has written the account at once, materialized, with
// nonce 0 (no signature consumed): the node marks it claimed directly and materialized, and
// the citizen's next signed record is an allocation or a withdrawal with nonce 0, relayed with
// no materialize operation before it.

// LogReader is what the indexer reads of the chain; *chain.Client implements it.
type LogReader interface {
	BlockNumber(ctx context.Context) (uint64, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	TransactionByHash(ctx context.Context, hash common.Hash) (tx *types.Transaction, pending bool, err error)
}

// IndexerConfig says how the indexer of direct calls follows the chain.
type IndexerConfig struct {
	Poll          time.Duration // how often it looks for new blocks
	MaxBlocks     uint64        // blocks per log query (nodes cap eth_getLogs ranges)
	Confirmations uint64        // how far behind the head it stays (0: up to the head)
}

// DefaultIndexerConfig suits the embedded chain and a node with instant finality.
func DefaultIndexerConfig() IndexerConfig {
	return IndexerConfig{Poll: 2 * time.Second, MaxBlocks: 2000}
}

// Validate reports a configuration the indexer cannot run with.
func (c IndexerConfig) Validate() error {
	if c.Poll <= 0 || c.MaxBlocks == 0 {
		return fmt.Errorf("%w: direct-call indexer: poll %s and max blocks %d must be positive", ErrInvalid, c.Poll, c.MaxBlocks)
	}
	return nil
}

// errInFlight stops the indexing of a round at a direct call that the database cannot take
// yet: a relay in flight spends the same tokens. The relay will revert (the chain ran the
// direct call first) and be compensated; the next pass applies the direct call.
var errInFlight = errors.New("a relay in flight spends the tokens of a direct call")

// Indexer applies the direct calls of every BudgetRoundV2 round to the database, each event
// exactly once: the database change and the advance of the round's cursor are one
// transaction, and the cursor only moves from where it was read (storage.AdvanceDirectCursor).
type Indexer struct {
	s      *Service
	c      LogReader
	cfg    IndexerConfig
	signer types.Signer
	log    *slog.Logger

	mu sync.Mutex // serializes passes (Run's and callers of Once)
}

// NewIndexer returns the indexer of direct calls on chain chainID, read through c.
func (s *Service) NewIndexer(c LogReader, chainID uint64, cfg IndexerConfig) (*Indexer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	signer := types.LatestSignerForChainID(new(big.Int).SetUint64(chainID))
	return &Indexer{s: s, c: c, cfg: cfg, signer: signer, log: s.log.With("part", "direct")}, nil
}

// Run indexes every Poll until ctx ends; a failed pass is logged and tried again.
func (x *Indexer) Run(ctx context.Context) error {
	tick := time.NewTicker(x.cfg.Poll)
	defer tick.Stop()
	for {
		if err := x.Once(ctx); err != nil && ctx.Err() == nil {
			x.log.Warn("indexing direct calls failed; will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// Once indexes every deployed BudgetRoundV2 round up to the chain's head (less
// Confirmations). A round that fails does not hold the others.
func (x *Indexer) Once(ctx context.Context) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	// Rounds before the head: a round seen finalized was finalized by a block up to head.
	rounds, err := x.s.db.ListRounds(ctx)
	if err != nil {
		return err
	}
	head, err := x.c.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if head < x.cfg.Confirmations {
		return nil
	}
	head -= x.cfg.Confirmations
	var errs []error
	for _, r := range rounds {
		if r.ContractVersion != 2 || r.Address == "" || r.Status == storage.RoundFailed {
			continue
		}
		err := x.indexRound(ctx, r, head)
		if errors.Is(err, errInFlight) || errors.Is(err, storage.ErrConflict) {
			// Waits for a relay, or another indexer moved the cursor: the next pass goes on.
			x.log.Info("direct calls of a round wait", "round", r.ID, "why", err)
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("index direct calls of round %d: %w", r.ID, err))
		}
	}
	return errors.Join(errs...)
}

// indexRound applies the direct calls of round r from its cursor up to block head.
func (x *Indexer) indexRound(ctx context.Context, r storage.Round, head uint64) error {
	stored, pos, err := x.cursor(ctx, r)
	if err != nil || pos == nil || pos.Done {
		return err
	}
	done := r.Status == storage.RoundFinalized
	for from := uint64(pos.Block); from <= head; from = uint64(pos.Block) {
		to := min(from+x.cfg.MaxBlocks-1, head)
		logs, err := x.c.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{roundAddress(r)},
			Topics: [][]common.Hash{roundv2.CitizenEventTopics()}, FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(to)})
		if err != nil {
			return fmt.Errorf("read logs of blocks %d-%d: %w", from, to, err)
		}
		for _, group := range byTx(logs, *pos) {
			if stored, err = x.applyTx(ctx, r, stored, group); err != nil {
				return err
			}
		}
		next := storage.DirectCursor{RoundID: r.ID, Block: int64(to) + 1, Done: done && to == head}
		if err := x.s.db.AdvanceDirectCursor(ctx, stored, next); err != nil {
			return err
		}
		stored, pos = &next, &next
	}
	if done && !pos.Done {
		next := *pos
		next.Done = true
		return x.s.db.AdvanceDirectCursor(ctx, stored, next)
	}
	return nil
}

// cursor is round r's stored cursor (nil before its first advance) and where to read on: the
// stored cursor, or the block that deployed the round. pos is nil while the deployment is not
// mined (no event can exist yet).
func (x *Indexer) cursor(ctx context.Context, r storage.Round) (stored, pos *storage.DirectCursor, err error) {
	c, err := x.s.db.DirectCursor(ctx, r.ID)
	if err == nil {
		return &c, &c, nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return nil, nil, err
	}
	id, err := x.s.db.LastOpID(ctx, r.ID, opDeployRound)
	if err != nil || id == 0 {
		return nil, nil, err
	}
	op, err := x.s.db.Op(ctx, id)
	if err != nil || op.BlockNumber == nil {
		return nil, nil, err
	}
	return nil, &storage.DirectCursor{RoundID: r.ID, Block: *op.BlockNumber}, nil
}

// byTx groups logs by transaction, in chain order, leaving out those before pos.
func byTx(logs []types.Log, pos storage.DirectCursor) [][]types.Log {
	var groups [][]types.Log
	for _, l := range logs {
		if l.Removed || int64(l.BlockNumber) < pos.Block || (int64(l.BlockNumber) == pos.Block && int64(l.Index) < pos.LogIndex) {
			continue
		}
		if n := len(groups); n > 0 && groups[n-1][0].TxHash == l.TxHash {
			groups[n-1] = append(groups[n-1], l)
			continue
		}
		groups = append(groups, []types.Log{l})
	}
	return groups
}

// applyTx applies the events of one transaction when it is a citizen's direct call, and
// advances the cursor past them in the same database transaction. Other transactions (the
// node's relays) change nothing: the cursor passes them at the end of the log range.
func (x *Indexer) applyTx(ctx context.Context, r storage.Round, stored *storage.DirectCursor, logs []types.Log) (*storage.DirectCursor, error) {
	evs, err := citizenEvents(logs)
	if err != nil {
		return stored, err
	}
	direct, err := x.isDirect(ctx, r, evs[0])
	if err != nil || !direct {
		return stored, err
	}
	last := logs[len(logs)-1]
	next := storage.DirectCursor{RoundID: r.ID, Block: int64(last.BlockNumber), LogIndex: int64(last.Index) + 1}
	err = x.s.db.Tx(ctx, func(tx *storage.Tx) error {
		acc, err := tx.AccountByAddress(ctx, r.ID, hexAddr(evs[0].Citizen))
		switch {
		case errors.Is(err, storage.ErrNotFound):
			// Not in the node's eligibility set (a root the node did not publish): nothing to
			// apply. The address is the citizen's: not logged.
			x.log.Warn("direct call of an address the round's citizens do not have; skipped", "round", r.ID, "block", last.BlockNumber, "tx", last.TxHash)
		case err != nil:
			return err
		default:
			if err := x.applyEvents(ctx, tx, r, acc, evs); err != nil {
				return err
			}
		}
		return tx.AdvanceDirectCursor(ctx, stored, next)
	})
	if err != nil {
		return stored, fmt.Errorf("apply direct call %s: %w", last.TxHash, err)
	}
	return &next, nil
}

// citizenEvents decodes the logs of one transaction.
func citizenEvents(logs []types.Log) ([]roundv2.CitizenEvent, error) {
	evs := make([]roundv2.CitizenEvent, len(logs))
	for i, l := range logs {
		ev, err := roundv2.ParseCitizenEvent(l)
		if err != nil {
			return nil, err
		}
		evs[i] = ev
	}
	return evs, nil
}

// isDirect reports whether the transaction that emitted ev is a direct call of ev's citizen
// on round r: sent by the citizen to the round (the node's relays and materializations are
// sent by the node's key with other selectors).
func (x *Indexer) isDirect(ctx context.Context, r storage.Round, ev roundv2.CitizenEvent) (bool, error) {
	tx, _, err := x.c.TransactionByHash(ctx, ev.TxHash)
	if err != nil {
		return false, fmt.Errorf("load tx %s: %w", ev.TxHash, err)
	}
	from, ok := roundv2.DirectCaller(roundAddress(r), tx, x.signer)
	if to := tx.To(); !ok && (to == nil || *to != roundAddress(r)) {
		// A contract (a smart-contract wallet, say) called the round: its calls are not
		// indexed, and the database now differs from the chain for that citizen.
		x.log.Warn("a call through another contract moved tokens; not indexed", "round", r.ID, "tx", ev.TxHash)
	}
	return ok && from == ev.Citizen, nil
}

// applyEvents applies one direct call's events to the citizen's account. The
// account's row is locked first: the citizen's records read here stay all there are.
func (x *Indexer) applyEvents(ctx context.Context, tx *storage.Tx, r storage.Round, acc storage.Account, evs []roundv2.CitizenEvent) error {
	if err := tx.LockAccount(ctx, r.ID, acc.CitizenID); err != nil {
		return err
	}
	for _, ev := range evs {
		var err error
		switch ev.Kind {
		case roundv2.EventClaimed:
			err = x.claimDirect(ctx, tx, r, acc, ev)
		case roundv2.EventAllocated:
			err = x.moveDirect(ctx, tx, r.ID, acc.CitizenID, int(ev.Initiative), int64(ev.Amount))
		case roundv2.EventWithdrawn:
			err = x.moveDirect(ctx, tx, r.ID, acc.CitizenID, int(ev.Initiative), -int64(ev.Amount))
		}
		if err != nil {
			return fmt.Errorf("apply %s: %w", ev.Kind, err)
		}
	}
	return nil
}

// claimDirect records a citizen's direct claim. Every live record of theirs was signed after
// a claim of their own that can no longer land (the index is claimed): they are undone,
// newest first, and so is a pending materialize. The account is materialized with nonce 0.
func (x *Indexer) claimDirect(ctx context.Context, tx *storage.Tx, r storage.Round, acc storage.Account, ev roundv2.CitizenEvent) error {
	if ev.Index != uint64(acc.Index) || ev.Quota != uint64(acc.Amount) {
		x.log.Warn("direct claim differs from the citizen's leaf in the node", "round", r.ID, "citizen", acc.CitizenID)
	}
	if err := undoFrom(ctx, tx, r.ID, acc.CitizenID, 0); err != nil {
		return err
	}
	return tx.SetClaimedDirectly(ctx, r.ID, acc.CitizenID)
}

// moveDirect applies a direct allocation (delta > 0) or withdrawal of initiative number to
// the citizen's account under their pending records: those are taken back, the direct change
// applied, and they are applied again in nonce order; the first that no longer fits fails
// with every later one, as the chain would refuse it. Records already sent stay:
// should the direct change not fit with them, errInFlight waits for their relay.
func (x *Indexer) moveDirect(ctx context.Context, tx *storage.Tx, roundID, citizenID int64, number int, delta int64) error {
	ini, err := tx.InitiativeByNumber(ctx, roundID, number)
	if err != nil {
		return fmt.Errorf("load initiative %d: %w", number, err)
	}
	pending, err := tx.CitizenRecords(ctx, roundID, citizenID, storage.RecordPending)
	if err != nil {
		return err
	}
	for _, rec := range slices.Backward(pending) {
		if err := moveRecord(ctx, tx, rec, -1); err != nil {
			return err
		}
	}
	if err := applyIfFits(ctx, tx, roundID, citizenID, ini.ID, delta); err != nil {
		return err
	}
	for i, rec := range pending {
		err := moveRecord(ctx, tx, rec, +1)
		if errors.Is(err, errInFlight) {
			x.log.Warn("a direct call spent the tokens of pending records; they fail", "round", roundID, "citizen", citizenID, "nonce", rec.Nonce, "records", len(pending)-i)
			return failPending(ctx, tx, pending[i:])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// moveRecord applies (sign +1) or takes back (-1) what record rec does to the database;
// errInFlight when applying it does not fit.
func moveRecord(ctx context.Context, tx *storage.Tx, rec storage.SignedRecord, sign int64) error {
	ini, err := tx.InitiativeByNumber(ctx, rec.RoundID, rec.Initiative)
	if err != nil {
		return fmt.Errorf("load initiative of record %d: %w", rec.ID, err)
	}
	return applyIfFits(ctx, tx, rec.RoundID, rec.CitizenID, ini.ID, sign*recordDelta(rec))
}

// recordDelta is what record rec adds to the citizen's allocation of its initiative.
func recordDelta(rec storage.SignedRecord) int64 {
	if rec.Kind == int(roundv2.KindWithdraw) {
		return -rec.Amount
	}
	return rec.Amount
}

// applyIfFits applies delta to the citizen's allocation of initiative iniID when it fits
// their quota and allocation (checked first, so that nothing is half applied), else
// errInFlight.
func applyIfFits(ctx context.Context, tx *storage.Tx, roundID, citizenID, iniID, delta int64) error {
	q, err := tx.Quota(ctx, roundID, citizenID)
	if err != nil {
		return err
	}
	allocs, err := tx.Allocations(ctx, roundID, citizenID)
	if err != nil {
		return err
	}
	var held int64
	for _, a := range allocs {
		if a.InitiativeID == iniID {
			held = a.Amount
		}
	}
	if q.Allocated+delta > q.Amount || held+delta < 0 {
		return errInFlight
	}
	return applyMove(ctx, tx, roundID, citizenID, iniID, delta)
}

// failPending fails pending records whose change is already taken back, and rewinds the
// citizen's next nonce to the first of them.
func failPending(ctx context.Context, tx *storage.Tx, recs []storage.SignedRecord) error {
	for _, rec := range recs {
		if err := tx.SetRecordStatus(ctx, rec.ID, storage.RecordFailed, storage.RecordPending); err != nil {
			return err
		}
	}
	first := recs[0]
	if err := tx.SetNextNonce(ctx, first.RoundID, first.CitizenID, first.Nonce); err != nil {
		return err
	}
	if first.Nonce > 0 {
		return nil
	}
	return dropMaterialize(ctx, tx, first.RoundID, first.CitizenID)
}

// Leaf is a citizen's leaf in a round's published eligibility tree and its proof: what their
// own wallet passes to claimAndAllocate(index, quota, proof, id, amount).
type Leaf struct {
	Index uint32
	Quota int64
	Proof []common.Hash
}

// Eligibility returns the citizen's leaf in the last eligibility root the round published:
// ErrCitizenNotFound when they have none there (not listed, or their root is not mined yet).
func (s *Service) Eligibility(ctx context.Context, roundID, citizenID int64) (Leaf, error) {
	r, err := s.loadRound(ctx, roundID)
	if err != nil {
		return Leaf{}, err
	}
	acc, err := s.db.Account(ctx, roundID, citizenID)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && acc.Index >= r.EligibilityLeaves) {
		return Leaf{}, fmt.Errorf("citizen %d in the published eligibility of round %d: %w", citizenID, roundID, ErrCitizenNotFound)
	}
	if err != nil {
		return Leaf{}, err
	}
	tree, err := s.proofs.tree(ctx, s.db.Repo, roundID, r.EligibilityLeaves)
	if err != nil {
		return Leaf{}, err
	}
	proof, err := tree.Proof(int(acc.Index))
	if err != nil {
		return Leaf{}, err
	}
	return Leaf{Index: uint32(acc.Index), Quota: acc.Amount, Proof: proof}, nil
}

// proofTrees keeps each round's eligibility tree of its published root, so that the proofs of
// a round of two million citizens do not read and hash every leaf for each citizen who asks.
// A round's tree is built again when a new root is published (its leaf count changes).
type proofTrees struct {
	mu    sync.Mutex
	trees map[int64]proofTree
}

type proofTree struct {
	leaves int64
	tree   *merkle.Tree
}

// tree is round roundID's tree of its first leaves leaves, built once per published root.
func (p *proofTrees) tree(ctx context.Context, r storage.Repo, roundID, leaves int64) (*merkle.Tree, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.trees[roundID]; ok && t.leaves == leaves {
		return t.tree, nil
	}
	tree, _, err := eligibilityTree(ctx, r, roundID, leaves)
	if err != nil {
		return nil, err
	}
	if p.trees == nil {
		p.trees = map[int64]proofTree{}
	}
	p.trees[roundID] = proofTree{leaves: leaves, tree: tree}
	return tree, nil
}

// ErrRecordsPending: a change of the citizen is still on its way to the chain (a relayed
// record, or the materialize of their account), so a transaction from their own wallet now
// would race it.
var ErrRecordsPending = errors.New("a change of the citizen is still on its way to the chain")

// DirectCall is the call of the round a citizen's own wallet sends for a move, paying the
// gas itself: claimAndAllocate with their leaf for their first use, else allocate or withdraw.
type DirectCall struct {
	Round      common.Address
	ChainID    *big.Int
	Method     string // "claimAndAllocate", "allocate" or "withdraw"
	Leaf       Leaf   // claimAndAllocate only
	Initiative int
	Amount     int64
}

// PrepareDirect checks a move of a citizen's own wallet as PrepareMove does (the round open,
// the initiative, the balance) and returns the call their wallet sends. The node learns of
// the transaction from the chain (the indexer of direct calls); nothing is written here.
// ErrRecordsPending while a change of theirs is still on its way.
func (s *Service) PrepareDirect(ctx context.Context, m Move, withdraw bool) (DirectCall, error) {
	r, _, err := s.moveTarget(ctx, m)
	if err != nil {
		return DirectCall{}, err
	}
	if r.ContractVersion != 2 || r.Address == "" || s.chainID == nil {
		return DirectCall{}, fmt.Errorf("%w: round %d takes no direct calls (not a deployed BudgetRoundV2 round)", ErrInvalid, r.ID)
	}
	if err := s.coversMove(ctx, m, withdraw); err != nil {
		return DirectCall{}, err
	}
	acc, err := s.db.Account(ctx, r.ID, m.CitizenID)
	if err != nil {
		return DirectCall{}, fmt.Errorf("load the account of citizen %d: %w", m.CitizenID, err)
	}
	live, err := s.db.CitizenRecords(ctx, r.ID, m.CitizenID, storage.RecordPending, storage.RecordSent)
	if err != nil {
		return DirectCall{}, err
	}
	call := DirectCall{Round: roundAddress(r), ChainID: s.chainID, Initiative: m.Initiative, Amount: m.Amount, Method: "allocate"}
	switch {
	case len(live) > 0, acc.Claimed() && !acc.Materialized:
		return DirectCall{}, fmt.Errorf("citizen %d in round %d: %w", m.CitizenID, r.ID, ErrRecordsPending)
	case withdraw:
		call.Method = "withdraw"
	case !acc.Claimed():
		if call.Leaf, err = s.Eligibility(ctx, r.ID, m.CitizenID); err != nil {
			return DirectCall{}, err
		}
		call.Method = "claimAndAllocate"
	}
	return call, nil
}
