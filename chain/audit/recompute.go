// Package audit recomputes a budget round from the chain alone: the events
// of the round and its token, and the contracts' views, read at one block.
// Every total is computed twice (from events and from views) and every
// difference becomes a finding; the funded set is recomputed with the
// round's rule (FundedSet) and compared with the one the contract chose.
package audit

import (
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
)

// Recompute audits the round at address round as of the latest block.
func Recompute(ctx context.Context, c *chain.Client, round common.Address) (*Report, error) {
	st, err := read(ctx, c, round)
	if err != nil {
		return nil, fmt.Errorf("audit round %s: %w", round.Hex(), err)
	}
	return st.report(), nil
}

// tally is what the events say.
type tally struct {
	created     *bindings.BudgetRoundRoundCreated
	costs       map[uint64]*big.Int
	piggyBanks  map[uint64]common.Address
	registered  []uint64 // ids in event order
	quotas      map[common.Address]*big.Int
	distributed *big.Int
	received    map[uint64]*big.Int
	spent       map[common.Address]*big.Int // per citizen: allocated − withdrawn + reclaimed
	reclaimed   *big.Int
	fundedEvts  []uint64 // InitiativeFunded ids in order
	finalized   *finalizedEvent
	balances    map[common.Address]*big.Int // token balances from Transfer events
	minted      *big.Int
}

type finalizedEvent struct {
	funded            []uint64
	fundedCost, total *big.Int
}

func newTally() *tally {
	return &tally{
		costs:       map[uint64]*big.Int{},
		piggyBanks:  map[uint64]common.Address{},
		quotas:      map[common.Address]*big.Int{},
		distributed: new(big.Int),
		received:    map[uint64]*big.Int{},
		spent:       map[common.Address]*big.Int{},
		reclaimed:   new(big.Int),
		balances:    map[common.Address]*big.Int{},
		minted:      new(big.Int),
	}
}

// report builds the report: tally the events, then compare.
func (st *state) report() *Report {
	r := &Report{
		Round: st.round, Token: st.token, Name: st.name, Treasury: st.treasury, Deadline: st.deadline,
		Block: st.block, FromBlock: st.fromBlock, Finalized: st.finalized,
		Budget: st.budget, TotalSupply: st.totalSupply, DistributedView: st.distributed,
		Undistributed: st.roundBalance, FundedOnChain: st.fundedOnChain, Findings: []string{},
	}
	t := newTally()
	for i := range st.logs {
		t.apply(r, st, &st.logs[i])
	}
	r.Minted, r.Distributed, r.Citizens, r.Reclaimed = t.minted, t.distributed, len(t.quotas), t.reclaimed
	if t.finalized != nil {
		r.Returned = t.finalized.total
	}
	st.checkSupply(r, t)
	st.checkInitiatives(r, t)
	st.checkFunded(r, t)
	st.checkBalances(r, t)
	return r
}

// checkSupply, the whole budget is minted once and nothing else.
func (st *state) checkSupply(r *Report, t *tally) {
	st.checkCreated(r, t.created)
	if st.tokenRound != st.round {
		r.findf("token %s belongs to round %s, not %s", st.token.Hex(), st.tokenRound.Hex(), st.round.Hex())
	}
	if st.totalSupply.Cmp(st.budget) != 0 {
		r.findf("totalSupply() %s differs from budget() %s (R-1.1)", st.totalSupply, st.budget)
	}
	if t.minted.Cmp(st.totalSupply) != 0 {
		r.findf("Transfer events mint %s, totalSupply() is %s", t.minted, st.totalSupply)
	}
	if t.distributed.Cmp(st.distributed) != 0 {
		r.findf("QuotaGranted events sum to %s, distributed() is %s", t.distributed, st.distributed)
	}
	for citizen, spent := range t.spent {
		if quota := t.quotas[citizen]; quota == nil || spent.Cmp(quota) > 0 {
			r.findf("citizen %s moved %s, more than the quota %v", citizen.Hex(), spent, quota)
		}
	}
}

// checkCreated compares the RoundCreated event with the views.
func (st *state) checkCreated(r *Report, ev *bindings.BudgetRoundRoundCreated) {
	if ev == nil {
		r.findf("no RoundCreated event from %s", st.round.Hex())
		return
	}
	if ev.Token != st.token || ev.Name != st.name || ev.Budget.Cmp(st.budget) != 0 || ev.Deadline != st.deadline || ev.Treasury != st.treasury {
		r.findf("RoundCreated (token %s, %q, budget %s, deadline %d, treasury %s) differs from the views (token %s, %q, budget %s, deadline %d, treasury %s)",
			ev.Token.Hex(), ev.Name, ev.Budget, ev.Deadline, ev.Treasury.Hex(), st.token.Hex(), st.name, st.budget, st.deadline, st.treasury.Hex())
	}
}

// checkInitiatives compares each initiative's events with its views.
func (st *state) checkInitiatives(r *Report, t *tally) {
	if uint64(len(t.registered)) != st.initiativeCount {
		r.findf("%d InitiativeRegistered events, initiativeCount() is %d", len(t.registered), st.initiativeCount)
	}
	for i, id := range t.registered {
		if id != uint64(i+1) {
			r.findf("InitiativeRegistered #%d has id %d, want %d", i+1, id, i+1)
		}
	}
	allocated := new(big.Int)
	for i, v := range st.initiatives {
		id := uint64(i + 1)
		it := Initiative{
			ID: id, Cost: t.costs[id], PiggyBank: v.piggyBank, Received: orZero(t.received[id]),
			ReceivedView: v.received, Balance: v.balance, FundedView: v.funded,
		}
		allocated.Add(allocated, it.Received)
		st.checkInitiative(r, t, it, v)
		r.Initiatives = append(r.Initiatives, it)
	}
	r.Allocated = allocated
}

func (st *state) checkInitiative(r *Report, t *tally, it Initiative, v initiativeView) {
	name := fmt.Sprintf("initiative %d", it.ID)
	if it.Cost == nil {
		r.findf("%s: no InitiativeRegistered event", name)
	} else if it.Cost.Cmp(v.cost) != 0 {
		r.findf("%s: registered with cost %s, initiative() says %s", name, it.Cost, v.cost)
	}
	if want := piggyBankOf(st.round, it.ID); v.piggyBank != want || t.piggyBanks[it.ID] != want {
		r.findf("%s: piggy bank is %s (view) and %s (event), want %s", name, v.piggyBank.Hex(), t.piggyBanks[it.ID].Hex(), want.Hex())
	}
	if it.Received.Cmp(v.received) != 0 {
		r.findf("%s: Allocated − Withdrawn events give %s, initiative() says %s", name, it.Received, v.received)
	}
	want := it.Received // until finalize, and after it for funded ones
	if st.finalized && !v.funded {
		want = new(big.Int) // returned to the treasury
	}
	if v.balance.Cmp(want) != 0 {
		r.findf("%s: piggy bank holds %s, want %s", name, v.balance, want)
	}
}

// checkFunded recomputes the funded set and compares it with the contract's.
func (st *state) checkFunded(r *Report, t *tally) {
	var cands []Candidate
	for _, it := range r.Initiatives {
		if it.Cost != nil {
			cands = append(cands, Candidate{ID: it.ID, Cost: it.Cost, Received: it.Received})
		}
	}
	r.Funded = FundedSet(st.budget, cands)
	r.FundedCost = new(big.Int)
	returned := new(big.Int).Sub(st.budget, t.distributed) // undistributed
	for i := range r.Initiatives {
		it := &r.Initiatives[i]
		it.Funded = slices.Contains(r.Funded, it.ID)
		if it.Funded {
			r.FundedCost.Add(r.FundedCost, it.Cost)
		} else {
			returned.Add(returned, it.Received)
		}
		if want := st.finalized && it.Funded; it.FundedView != want {
			r.findf("initiative %d: initiative().funded is %t, want %t", it.ID, it.FundedView, want)
		}
	}
	if !st.finalized {
		if len(st.fundedOnChain) > 0 || t.finalized != nil || len(t.fundedEvts) > 0 {
			r.findf("round not finalized but the chain shows a funded set %v (events %v)", st.fundedOnChain, t.fundedEvts)
		}
		return
	}
	if t.finalized == nil {
		r.findf("finalized() is true but there is no Finalized event")
		return
	}
	for _, side := range []struct {
		what string
		ids  []uint64
	}{
		{"fundedInitiatives()", st.fundedOnChain},
		{"the Finalized event", t.finalized.funded},
		{"InitiativeFunded events", t.fundedEvts},
	} {
		if !slices.Equal(side.ids, r.Funded) {
			r.findf("funded set: %s says %v, recomputed %v (R-1.4)", side.what, side.ids, r.Funded)
		}
	}
	if t.finalized.fundedCost.Cmp(r.FundedCost) != 0 {
		r.findf("Finalized event: funded cost %s, recomputed %s", t.finalized.fundedCost, r.FundedCost)
	}
	if t.finalized.total.Cmp(returned) != 0 {
		r.findf("Finalized event: returned to treasury %s, recomputed %s", t.finalized.total, returned)
	}
}

// checkBalances compares the balances that Transfer events give with the
// views, for the round and the piggy banks.
func (st *state) checkBalances(r *Report, t *tally) {
	want := new(big.Int).Sub(st.budget, t.distributed)
	if st.finalized {
		want.SetInt64(0) // moved to the treasury
	}
	if st.roundBalance.Cmp(want) != 0 {
		r.findf("round holds %s tokens, want %s", st.roundBalance, want)
	}
	if got := orZero(t.balances[st.round]); got.Cmp(st.roundBalance) != 0 {
		r.findf("Transfer events give the round %s tokens, balanceOf() %s", got, st.roundBalance)
	}
	for _, it := range r.Initiatives {
		if got := orZero(t.balances[it.PiggyBank]); got.Cmp(it.Balance) != 0 {
			r.findf("initiative %d: Transfer events give its piggy bank %s, balanceOf() %s", it.ID, got, it.Balance)
		}
	}
}

// piggyBankOf is BudgetRound.piggyBank: the address of
// keccak256(abi.encode(round, id)).
func piggyBankOf(round common.Address, id uint64) common.Address {
	return common.BytesToAddress(crypto.Keccak256(
		common.LeftPadBytes(round.Bytes(), 32),
		common.LeftPadBytes(new(big.Int).SetUint64(id).Bytes(), 32),
	))
}

func orZero(x *big.Int) *big.Int {
	if x == nil {
		return new(big.Int)
	}
	return x
}

func add(m map[common.Address]*big.Int, k common.Address, v *big.Int) {
	m[k] = new(big.Int).Add(orZero(m[k]), v)
}

// apply adds one log to the tally; a log that does not decode is a finding.
func (t *tally) apply(r *Report, st *state, l *types.Log) {
	if len(l.Topics) == 0 {
		return
	}
	var err error
	switch {
	case l.Address == st.token:
		err = t.applyToken(l)
	case l.Address == st.round:
		err = t.applyRound(r, l)
	}
	if err != nil {
		r.findf("log %d of tx %s does not decode: %v", l.Index, l.TxHash.Hex(), err)
	}
}

func (t *tally) applyToken(l *types.Log) error {
	if l.Topics[0] != tokenEvent("Transfer") {
		return nil
	}
	return applyTransfer(l, t.minted, t.balances)
}

func (t *tally) applyRound(r *Report, l *types.Log) error {
	switch l.Topics[0] {
	case roundEvent("RoundCreated"):
		ev, err := roundABI.UnpackRoundCreatedEvent(l)
		if err != nil {
			return err
		}
		if t.created != nil {
			r.findf("a second RoundCreated event in tx %s", l.TxHash.Hex())
		}
		t.created = ev
	case roundEvent("InitiativeRegistered"):
		ev, err := roundABI.UnpackInitiativeRegisteredEvent(l)
		if err != nil {
			return err
		}
		id := ev.Id.Uint64()
		t.registered = append(t.registered, id)
		t.costs[id], t.piggyBanks[id] = ev.Cost, ev.PiggyBank
	case roundEvent("QuotaGranted"):
		ev, err := roundABI.UnpackQuotaGrantedEvent(l)
		if err != nil {
			return err
		}
		if t.quotas[ev.Citizen] != nil {
			r.findf("citizen %s granted a quota twice", ev.Citizen.Hex())
		}
		add(t.quotas, ev.Citizen, ev.Amount)
		t.distributed.Add(t.distributed, ev.Amount)
	case roundEvent("Allocated"):
		ev, err := roundABI.UnpackAllocatedEvent(l)
		if err != nil {
			return err
		}
		t.move(ev.Id.Uint64(), ev.Citizen, ev.Amount)
	case roundEvent("Withdrawn"):
		ev, err := roundABI.UnpackWithdrawnEvent(l)
		if err != nil {
			return err
		}
		t.move(ev.Id.Uint64(), ev.Citizen, new(big.Int).Neg(ev.Amount))
	default:
		return t.applyFinal(l)
	}
	return nil
}

// move records an allocation (amount > 0) or a withdrawal (amount < 0).
func (t *tally) move(id uint64, citizen common.Address, amount *big.Int) {
	t.received[id] = new(big.Int).Add(orZero(t.received[id]), amount)
	add(t.spent, citizen, amount)
}

// applyFinal tallies the events of finalize and reclaim.
func (t *tally) applyFinal(l *types.Log) error {
	switch l.Topics[0] {
	case roundEvent("InitiativeFunded"):
		ev, err := roundABI.UnpackInitiativeFundedEvent(l)
		if err != nil {
			return err
		}
		t.fundedEvts = append(t.fundedEvts, ev.Id.Uint64())
	case roundEvent("Finalized"):
		ev, err := roundABI.UnpackFinalizedEvent(l)
		if err != nil {
			return err
		}
		t.finalized = &finalizedEvent{funded: uint64s(ev.Funded), fundedCost: ev.FundedCost, total: ev.ReturnedToTreasury}
	case roundEvent("Reclaimed"):
		ev, err := roundABI.UnpackReclaimedEvent(l)
		if err != nil {
			return err
		}
		t.reclaimed.Add(t.reclaimed, ev.Amount)
		add(t.spent, ev.Citizen, ev.Amount)
	}
	return nil
}

func roundEvent(name string) common.Hash { return roundABI.GetABI().Events[name].ID }
func tokenEvent(name string) common.Hash { return tokenABI.GetABI().Events[name].ID }

// applyTransfer books one token Transfer log: a mint (from 0x0) adds to minted, a burn (to 0x0)
// subtracts, anything else moves between balances.
func applyTransfer(l *types.Log, minted *big.Int, balances map[common.Address]*big.Int) error {
	ev, err := tokenABI.UnpackTransferEvent(l)
	if err != nil {
		return err
	}
	if ev.From == (common.Address{}) {
		minted.Add(minted, ev.Value)
	} else {
		add(balances, ev.From, new(big.Int).Neg(ev.Value))
	}
	if ev.To == (common.Address{}) {
		minted.Sub(minted, ev.Value)
	} else {
		add(balances, ev.To, ev.Value)
	}
	return nil
}
