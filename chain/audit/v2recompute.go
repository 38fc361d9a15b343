package audit

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// RecomputeV2 is the outside auditor's recount of the BudgetRoundV2 round at
// address round as of the latest block, from the chain alone: the
// round's and token's logs, the views, and the calldata of the relay
// transactions. It recomputes supply, distribution, every initiative's
// total, every citizen's position, the claims roots, the relayed
// signatures and the funded set by the round's rule, and compares
// each with what the contracts say; see ReportV2 and the Check* names.
// An error means the chain could not be read; differences are findings.
func RecomputeV2(ctx context.Context, c *chain.Client, round common.Address, opts ...V2Option) (*ReportV2, error) {
	cfg := v2ConfigOf(opts)
	st, err := readV2(ctx, c, round, cfg)
	if err != nil {
		return nil, fmt.Errorf("audit round %s: %w", round.Hex(), err)
	}
	return st.report(cfg.workers), nil
}

// v2Account is one citizen as the events tell it, in event order.
type v2Account struct {
	citizen            common.Address
	quota, unallocated uint64
	nonce              uint64 // next EIP-712 nonce once materialized
	index              uint64 // eligibility index claimed
	batch              int64  // claims batch of a relayed first use; batchDirect, or batchPending until its tx ends
	id, amount         uint64 // the first use: the Allocated right after Claimed (0, 0 when none)
	firstUse           bool   // the Allocated after Claimed was seen
	materialized       bool
}

const (
	batchPending = -2
	batchDirect  = -1
)

// posKey is a citizen's position in one initiative.
type posKey struct {
	citizen common.Address
	id      uint64
}

// v2Tally is the walk over the events, in chain order.
type v2Tally struct {
	st      *v2State
	r       *ReportV2
	signers [][]common.Address // per tx: the recovered signers of its records

	created    *budgetroundv2.BudgetRoundV2RoundCreated
	costs      map[uint64]*big.Int
	piggyBanks map[uint64]common.Address
	registered []uint64

	versions  uint64      // EligibilityRootSet events
	lastRoot  common.Hash // the last EligibilityRootSet root
	leafCount uint64      // its leaf count
	rootSet   bool

	distributed *big.Int
	scratch     big.Int // for adding a uint64 to a big.Int without allocating
	claimedIdx  map[uint64]struct{}
	citizens    map[common.Address]uint32 // index into accts
	accts       []v2Account
	positions   map[posKey]uint64
	received    []big.Int // by initiative id, 0..initiativeCount
	batches     uint64    // ClaimsCommitted events

	// The transaction being walked.
	curTx     int64
	txClaims  []uint32 // accounts that claimed in it, in order
	pending   int64    // account whose Claimed waits for its Allocated; -1 none
	committed bool     // the tx emitted ClaimsCommitted
	m         recordMatcher

	fundedEvts []uint64
	finalized  *finalizedEvent
	balances   map[common.Address]*big.Int // token balances from Transfer events
	minted     *big.Int
}

// recordMatcher walks the relayed records of one relay transaction along
// its events.
type recordMatcher struct {
	recs    []roundv2.Signed
	signers []common.Address
	k       int  // next record
	half    bool // a claim record's Claimed matched, its Allocated not yet
	failed  bool // a mismatch was reported: the rest of the tx is not matched
	active  bool
}

func newV2Tally(st *v2State, r *ReportV2, signers [][]common.Address) *v2Tally {
	return &v2Tally{
		st: st, r: r, signers: signers,
		costs: map[uint64]*big.Int{}, piggyBanks: map[uint64]common.Address{},
		distributed: new(big.Int), claimedIdx: map[uint64]struct{}{},
		citizens: map[common.Address]uint32{}, positions: map[posKey]uint64{},
		received: make([]big.Int, st.initiativeCount+1),
		curTx:    -1, pending: -1,
		balances: map[common.Address]*big.Int{}, minted: new(big.Int),
	}
}

// report recomputes everything from st and compares it with the views.
func (st *v2State) report(workers int) *ReportV2 {
	r := newReportV2()
	st.header(r)
	for _, b := range st.logs.bad {
		r.findf(CheckDecode, "%s", b)
	}
	signers := st.signers
	if signers == nil { // not recovered while reading
		signers = recoverSigners(roundv2.Domain{ChainID: st.chainID, Round: st.round}, st.logs.txs, workers)
	}
	t := newV2Tally(st, r, signers)
	for i := range st.logs.events {
		t.apply(&st.logs.events[i])
	}
	t.endTx()
	t.summarize()
	t.checkCreated()
	t.checkSupply()
	t.checkEligibility()
	t.checkInitiatives()
	t.checkFunded()
	t.checkTreasury()
	return r
}

func (st *v2State) header(r *ReportV2) {
	r.Round, r.Token, r.Name, r.Treasury, r.Deadline = st.round, st.token, st.name, st.treasury, st.deadline
	r.Rule, r.Threshold, r.ChainID = Rule(st.rule), st.threshold, st.chainID
	r.Block, r.FromBlock, r.Finalized = st.block, st.fromBlock, st.finalized
	r.Budget, r.TotalSupply, r.DistributedView = st.budget, st.totalSupply, st.distributed
	r.RoundBalance, r.TreasuryBalance, r.FundedOnChain = st.roundBalance, st.treasuryBalance, st.fundedOnChain
	for i := range st.logs.txs {
		switch st.logs.txs[i].call {
		case callRelay:
			r.RelayTxs++
			r.RelayedRecords += len(st.logs.txs[i].records)
		case callDirect:
			r.DirectTxs++
		case callIndirect:
			r.UnverifiedTxs++
		}
	}
}

// apply walks one event.
func (t *v2Tally) apply(ev *v2Event) {
	if int64(ev.tx) != t.curTx {
		t.endTx()
		t.beginTx(ev.tx)
	}
	// The first use is the round's next event after Claimed: a direct
	// claimAndAllocate moves its tokens (a token Transfer) before it emits
	// Allocated.
	first := t.pending >= 0 && !t.isTokenLog(ev) && t.firstUse(ev)
	t.checkDirect(ev)
	switch ev.kind {
	case kindClaimed:
		t.claimed(ev)
	case kindAllocated:
		t.allocated(ev, first)
	case kindWithdrawn:
		t.withdrawn(ev)
	case kindMaterialized:
		t.materialized(ev)
	case kindOther:
		t.other(ev)
	}
	if ev.kind != kindMaterialized && ev.kind != kindOther && t.m.active {
		t.matchRecord(ev)
	}
}

func (t *v2Tally) beginTx(tx uint32) {
	t.curTx = int64(tx)
	tr := &t.st.logs.txs[tx]
	t.m = recordMatcher{}
	switch {
	case tr.call == callRelay && tr.decodeErr != "":
		t.r.findf(CheckDecode, "relay tx %s: %s", tr.hash.Hex(), tr.decodeErr)
	case tr.call == callRelay:
		t.m = recordMatcher{recs: tr.records, signers: t.signers[tx], active: true}
		for _, rec := range tr.records {
			if k := int(rec.Record.Kind); k < len(t.r.RelayedByKind) {
				t.r.RelayedByKind[k]++
			}
		}
	}
}

// endTx closes the transaction being walked: its claims without a
// ClaimsCommitted were direct (claimAndAllocate: account written at once,
// nonce 0), and its records must all have had their events.
func (t *v2Tally) endTx() {
	if t.curTx < 0 {
		return
	}
	tr := &t.st.logs.txs[t.curTx]
	if !t.committed {
		if tr.call == callRelay && len(t.txClaims) > 0 {
			t.r.findf(CheckClaimsRoots, "relay tx %s: %d claims but no ClaimsCommitted", tr.hash.Hex(), len(t.txClaims))
		}
		for _, a := range t.txClaims {
			acct := &t.accts[a]
			acct.batch, acct.materialized, acct.nonce = batchDirect, true, 0
		}
	}
	if t.m.active && !t.m.failed && (t.m.k < len(t.m.recs) || t.m.half) {
		t.r.findf(CheckSignatures, "relay tx %s: %d of %d records have no events", tr.hash.Hex(), len(t.m.recs)-t.m.k, len(t.m.recs))
	}
	t.txClaims, t.committed, t.pending = t.txClaims[:0], false, -1
}

func (t *v2Tally) isTokenLog(ev *v2Event) bool {
	return ev.kind == kindOther && t.st.logs.others[ev.other].Address == t.st.token
}

// firstUse completes a pending claim with the Allocated event right after
// its Claimed, in the same transaction: the applied record. It reports
// whether ev is that Allocated.
func (t *v2Tally) firstUse(ev *v2Event) bool {
	a := t.pending
	t.pending = -1
	if ev.kind != kindAllocated {
		return false
	}
	if i, ok := t.citizens[ev.citizen]; !ok || int64(i) != a {
		return false
	}
	acct := &t.accts[a]
	acct.id, acct.amount, acct.firstUse = ev.a, ev.b, true
	return true
}
