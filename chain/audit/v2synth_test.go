package audit

import (
	"crypto/ecdsa"
	"encoding/binary"
	"math/big"
	"runtime"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// synth is a BudgetRoundV2 round built in memory, without a chain: the
// views, the raw logs and the relay transactions a sound round of n
// allocations would show. Citizens claim in relayed batches (claim +
// allocate), are materialized one transaction each, then allocate again by
// signature (nonce 1); every tenth withdraws part of it (nonce 2).
type synth struct {
	views v2Views
	logs  []types.Log
	txs   map[common.Hash]*types.Transaction
}

const (
	synthInitiatives = 10
	synthBatch       = 500 // records per relay transaction
	synthQuota       = 1000
	synthDeadline    = 1 << 35
)

var synthRound = common.HexToAddress("0x00000000000000000000000000000000000000a1")

// newSynth builds a round with about n Allocated events (n/2 citizens).
func newSynth(tb testing.TB, n int) *synth {
	tb.Helper()
	citizens := max(n/2, 1)
	b := &synthBuilder{
		s:   &synth{txs: map[common.Hash]*types.Transaction{}},
		dom: roundv2.Domain{ChainID: big.NewInt(1337), Round: synthRound},
	}
	b.keys = synthKeys(tb, citizens)
	budget := uint64(citizens) * synthQuota * 2
	b.views(budget)
	b.setup(budget, uint64(citizens))
	b.claims(tb, citizens)
	b.materialize(citizens)
	b.allocations(tb, citizens)
	b.finish()
	return b.s
}

type synthBuilder struct {
	s        *synth
	dom      roundv2.Domain
	keys     []*ecdsa.PrivateKey
	addrs    []common.Address
	block    uint64
	tx       common.Hash
	logIndex uint
	received [synthInitiatives + 1]uint64
	applied  []roundv2.AppliedRecord
	batchOf  []uint64
	elig     *merkle.Tree // the eligibility tree: (i, addrs[i], synthQuota)
}

var (
	synthKeysOnce sync.Mutex // guards synthKeyCache
	synthKeyCache []*ecdsa.PrivateKey
)

// synthKeys returns n deterministic keys, made once per test binary and
// shared by benchmarks of different sizes.
func synthKeys(tb testing.TB, n int) []*ecdsa.PrivateKey {
	synthKeysOnce.Lock()
	defer synthKeysOnce.Unlock()
	for i := len(synthKeyCache); i < n; i++ {
		var seed [32]byte
		binary.BigEndian.PutUint64(seed[24:], uint64(i)+1)
		k, err := crypto.ToECDSA(seed[:])
		if err != nil {
			tb.Fatal(err)
		}
		synthKeyCache = append(synthKeyCache, k)
	}
	return synthKeyCache[:n]
}

func (b *synthBuilder) views(budget uint64) {
	token := crypto.CreateAddress(synthRound, 1)
	b.s.views = v2Views{
		round: synthRound, token: token, treasury: common.HexToAddress("0x00000000000000000000000000000000000000f1"),
		chainID: b.dom.ChainID, block: 1, name: "Synthetic", deadline: synthDeadline,
		budget: u(budget), threshold: new(big.Int), rule: uint8(RuleGreedy),
		initiativeCount: synthInitiatives, fundedOnChain: []uint64{},
		eligibilityRoot: common.Hash{0xe1}, eligibilityVersion: big.NewInt(1),
		totalSupply: u(budget), tokenRound: synthRound, treasuryBalance: new(big.Int),
	}
}

// nextTx starts a new transaction in a new block.
func (b *synthBuilder) nextTx() {
	b.block++
	binary.BigEndian.PutUint64(b.tx[:8], b.block)
	b.logIndex = 0
}

func (b *synthBuilder) log(addr common.Address, data []byte, topics ...common.Hash) {
	b.s.logs = append(b.s.logs, types.Log{
		Address: addr, Topics: topics, Data: data, BlockNumber: b.block, TxHash: b.tx, Index: b.logIndex,
		BlockTimestamp: 1_000_000 + b.block,
	})
	b.logIndex++
}

func (b *synthBuilder) event(name string, data []any, topics ...common.Hash) {
	ev := roundV2ABI.GetABI().Events[name]
	packed, err := ev.Inputs.NonIndexed().Pack(data...)
	if err != nil {
		panic(err)
	}
	b.log(synthRound, packed, append([]common.Hash{ev.ID}, topics...)...)
}

func (b *synthBuilder) transfer(from, to common.Address, v uint64) {
	b.log(b.s.views.token, word(v), topicTransfer, addrTopic(from), addrTopic(to))
}

func (b *synthBuilder) setup(budget, leaves uint64) {
	v := &b.s.views
	b.nextTx()
	b.transfer(common.Address{}, synthRound, budget)
	b.event("RoundCreated", []any{v.name, u(budget), v.deadline, v.treasury, v.rule, new(big.Int)}, addrTopic(v.token))
	for id := uint64(1); id <= synthInitiatives; id++ {
		b.nextTx()
		cost := id * uint64(len(b.keys)) * synthQuota / 10
		pb := piggyBankOf(synthRound, id)
		b.event("InitiativeRegistered", []any{u(cost), pb}, uintTopic(id))
		v.initiatives = append(v.initiatives, initiativeView{cost: u(cost), piggyBank: pb})
	}
	for _, k := range b.keys {
		b.addrs = append(b.addrs, crypto.PubkeyToAddress(k.PublicKey))
	}
	elig := make([]common.Hash, leaves)
	for i := range elig {
		elig[i] = merkle.EligibilityLeaf(uint64(i), b.addrs[i], synthQuota)
	}
	var err error
	if b.elig, err = merkle.New(elig); err != nil {
		panic(err)
	}
	v.eligibilityRoot = b.elig.Root()
	b.nextTx()
	b.event("EligibilityRootSet", []any{v.eligibilityRoot, u(leaves)}, uintTopic(1))
}

// relay emits one relay transaction of records, with the events the
// contract emits, and keeps its calldata.
func (b *synthBuilder) relay(tb testing.TB, recs []roundv2.Record, signers []int) {
	b.nextTx()
	signed := signAll(tb, b.dom, recs, signers, b.keys)
	var delta [synthInitiatives + 1]int64
	var leaves []common.Hash
	for i, rec := range recs {
		who := b.addrs[signers[i]]
		id := uint64(rec.Initiative)
		switch rec.Kind {
		case roundv2.KindClaimAllocate:
			b.event("Claimed", []any{u(rec.Quota)}, addrTopic(who), uintTopic(uint64(rec.Index)))
			b.event("Allocated", []any{u(rec.Amount)}, addrTopic(who), uintTopic(id))
			a := roundv2.AppliedRecord{Index: rec.Index, Citizen: who, Quota: rec.Quota, Initiative: rec.Initiative, Amount: rec.Amount}
			b.applied = append(b.applied, a)
			leaves = append(leaves, a.Leaf())
			delta[id] += int64(rec.Amount)
		case roundv2.KindAllocate:
			b.event("Allocated", []any{u(rec.Amount)}, addrTopic(who), uintTopic(id))
			delta[id] += int64(rec.Amount)
		case roundv2.KindWithdraw:
			b.event("Withdrawn", []any{u(rec.Amount)}, addrTopic(who), uintTopic(id))
			delta[id] -= int64(rec.Amount)
		}
	}
	for id := uint64(1); id <= synthInitiatives; id++ {
		pb := piggyBankOf(synthRound, id)
		switch d := delta[id]; {
		case d > 0:
			b.transfer(synthRound, pb, uint64(d))
		case d < 0:
			b.transfer(pb, synthRound, uint64(-d))
		}
		b.received[id] = uint64(int64(b.received[id]) + delta[id])
	}
	if len(leaves) > 0 {
		tree, err := merkle.New(leaves)
		if err != nil {
			tb.Fatal(err)
		}
		batch := b.s.views.claimsBatchCount.Uint64()
		for range leaves {
			b.batchOf = append(b.batchOf, batch)
		}
		b.event("ClaimsCommitted", []any{tree.Root(), u(uint64(len(leaves)))}, uintTopic(batch))
		b.s.views.claimsBatchCount.SetUint64(batch + 1)
	}
	bound := make([]budgetroundv2.BudgetRoundV2Signed, len(signed))
	for i := range signed {
		bound[i] = signed[i].Binding()
	}
	proof, flags := [][32]byte{}, []*big.Int{}
	var claims []int
	for _, rec := range recs {
		if rec.Kind == roundv2.KindClaimAllocate {
			claims = append(claims, int(rec.Index))
		}
	}
	if len(claims) > 0 {
		mp, err := b.elig.MultiProof(claims)
		if err != nil {
			tb.Fatal(err)
		}
		for _, h := range mp.Proof {
			proof = append(proof, h)
		}
		flags = merkle.PackFlags(mp.Flags)
	}
	data := roundV2ABI.PackRelay(bound, proof, flags)
	to := synthRound
	tx := types.NewTx(&types.LegacyTx{To: &to, Data: data, Gas: 1})
	b.s.txs[b.tx] = tx
}

func (b *synthBuilder) claims(tb testing.TB, citizens int) {
	b.s.views.claimsBatchCount = new(big.Int)
	for lo := 0; lo < citizens; lo += synthBatch {
		var recs []roundv2.Record
		var who []int
		for i := lo; i < min(lo+synthBatch, citizens); i++ {
			recs = append(recs, roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: synthQuota / 2, Quota: synthQuota,
				Initiative: uint16(1 + i%synthInitiatives), Index: uint32(i), Deadline: synthDeadline})
			who = append(who, i)
		}
		b.relay(tb, recs, who)
	}
}

func (b *synthBuilder) materialize(citizens int) {
	for i := range citizens {
		b.nextTx()
		a := b.applied[i]
		b.event("Materialized", []any{u(a.Quota - a.Amount)}, addrTopic(a.Citizen), uintTopic(b.batchOf[i]))
	}
}

func (b *synthBuilder) allocations(tb testing.TB, citizens int) {
	var recs []roundv2.Record
	var who []int
	flush := func() {
		if len(recs) > 0 {
			b.relay(tb, recs, who)
		}
		recs, who = nil, nil
	}
	for i := range citizens {
		id := uint16(1 + (i*7)%synthInitiatives)
		recs = append(recs, roundv2.Record{Kind: roundv2.KindAllocate, Amount: synthQuota / 4, Nonce: 1, Initiative: id, Deadline: synthDeadline})
		who = append(who, i)
		if i%10 == 0 {
			recs = append(recs, roundv2.Record{Kind: roundv2.KindWithdraw, Amount: synthQuota / 8, Nonce: 2, Initiative: id, Deadline: synthDeadline})
			who = append(who, i)
		}
		if len(recs) >= synthBatch {
			flush()
		}
	}
	flush()
}

// finish sets the views the events imply.
func (b *synthBuilder) finish() {
	v := &b.s.views
	v.distributed = u(uint64(len(b.keys)) * synthQuota)
	total := uint64(0)
	for i := range v.initiatives {
		r := b.received[i+1]
		v.initiatives[i].received, v.initiatives[i].balance = u(r), u(r)
		total += r
	}
	v.roundBalance = new(big.Int).Sub(v.budget, u(total))
	v.block = b.block
}

// signAll signs recs on all CPUs.
func signAll(tb testing.TB, dom roundv2.Domain, recs []roundv2.Record, signers []int, keys []*ecdsa.PrivateKey) []roundv2.Signed {
	out := make([]roundv2.Signed, len(recs))
	var wg sync.WaitGroup
	var mu sync.Mutex // guards firstErr
	var firstErr error
	workers := runtime.NumCPU()
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(recs); i += workers {
				d := dom.Digest(recs[i])
				sig, err := crypto.Sign(d[:], keys[signers[i]])
				if err == nil {
					out[i].R, out[i].VS, err = roundv2.Compact(sig)
				}
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
				out[i].Record = recs[i]
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		tb.Fatal(firstErr)
	}
	return out
}

// state decodes the synthetic round as readV2 decodes a chain's.
func (s *synth) state(logs []types.Log) *v2State { return decodeState(s.views, logs, s.txs) }

// decodeState builds the state readV2 would from views, raw logs and the
// transactions that emitted them: the logs one by one, then the calldata of
// the transactions with per-citizen events.
func decodeState(views v2Views, logs []types.Log, txs map[common.Hash]*types.Transaction) *v2State {
	st := &v2State{v2Views: views, logs: newV2Logs(views.round, views.token)}
	for i := range logs {
		st.logs.add(&logs[i])
	}
	for i := range st.logs.txs {
		t := &st.logs.txs[i]
		if tx, ok := txs[t.hash]; ok && t.perCitizen {
			t.v2Call = callOf(st.round, tx)
		}
	}
	return st
}

func u(x uint64) *big.Int { return new(big.Int).SetUint64(x) }

func word(x uint64) []byte {
	w := make([]byte, 32)
	binary.BigEndian.PutUint64(w[24:], x)
	return w
}

func addrTopic(a common.Address) common.Hash { return common.BytesToHash(a.Bytes()) }
func uintTopic(x uint64) common.Hash         { return common.BytesToHash(word(x)) }
