package audit

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// other decodes a log that is not per-citizen with the binding.
func (t *v2Tally) other(ev *v2Event) {
	l := &t.st.logs.others[ev.other]
	var err error
	switch {
	case l.Address == t.st.token:
		err = t.transfer(ev)
	case l.Topics[0] == topicRoundCreatedV2:
		e, uerr := roundV2ABI.UnpackRoundCreatedEvent(l)
		if err = uerr; err == nil {
			if t.created != nil {
				t.r.findf(CheckCreated, "a second RoundCreated event in tx %s", l.TxHash.Hex())
			}
			t.created = e
		}
	case l.Topics[0] == topicRegisteredV2:
		e, uerr := roundV2ABI.UnpackInitiativeRegisteredEvent(l)
		if err = uerr; err == nil {
			id := e.Id.Uint64()
			t.registered = append(t.registered, id)
			t.costs[id], t.piggyBanks[id] = e.Cost, e.PiggyBank
		}
	case l.Topics[0] == topicRootSet:
		e, uerr := roundV2ABI.UnpackEligibilityRootSetEvent(l)
		if err = uerr; err == nil {
			t.rootSetEvent(e.Version, e.Root, e.LeafCount)
		}
	case l.Topics[0] == topicClaimsCommitted:
		e, uerr := roundV2ABI.UnpackClaimsCommittedEvent(l)
		if err = uerr; err == nil {
			t.commitClaims(e.BatchId.Uint64(), e.Root, e.Claims.Uint64(), l.TxHash)
		}
	case l.Topics[0] == topicFundedV2:
		e, uerr := roundV2ABI.UnpackInitiativeFundedEvent(l)
		if err = uerr; err == nil {
			t.fundedEvts = append(t.fundedEvts, e.Id.Uint64())
		}
	case l.Topics[0] == topicFinalizedV2:
		e, uerr := roundV2ABI.UnpackFinalizedEvent(l)
		if err = uerr; err == nil {
			t.finalized = &finalizedEvent{funded: uint64s(e.Funded), fundedCost: e.FundedCost, total: e.ReturnedToTreasury}
		}
	}
	if err != nil {
		t.r.findf(CheckDecode, "log %d of tx %s does not decode: %v", l.Index, l.TxHash.Hex(), err)
	}
}

// rootSetEvent: versions run 1, 2, …; each root keeps the earlier
// citizens at their indices, so the leaf count never shrinks (append-only,
// docs/CONTRACTS-V2.md "Eligibility").
func (t *v2Tally) rootSetEvent(version *big.Int, root common.Hash, leafCount *big.Int) {
	t.versions++
	if !version.IsUint64() || version.Uint64() != t.versions {
		t.r.findf(CheckEligibility, "EligibilityRootSet version %s, want %d", version, t.versions)
	}
	n := leafCount.Uint64()
	if !leafCount.IsUint64() {
		n = ^uint64(0)
	}
	if t.rootSet && n < t.leafCount {
		t.r.findf(CheckEligibility, "version %d has %d leaves, fewer than the %d before it (not append-only)", t.versions, n, t.leafCount)
	}
	if root == (common.Hash{}) {
		t.r.findf(CheckEligibility, "version %d has a zero root", t.versions)
	}
	t.lastRoot, t.leafCount, t.rootSet = root, n, true
}

func (t *v2Tally) transfer(ev *v2Event) error {
	l := &t.st.logs.others[ev.other]
	if l.Topics[0] != topicTransfer {
		return nil
	}
	return applyTransfer(l, t.minted, t.balances)
}

// summarize fills the report's recomputed totals.
func (t *v2Tally) summarize() {
	r := t.r
	r.Minted, r.Distributed = t.minted, t.distributed
	if t.finalized != nil {
		r.Returned = t.finalized.total
	}
	if t.batches != t.st.claimsBatchCount.Uint64() || !t.st.claimsBatchCount.IsUint64() {
		r.findf(CheckClaimsRoots, "%d ClaimsCommitted events, claimsBatchCount() is %s", t.batches, t.st.claimsBatchCount)
	}
}

// checkCreated compares the RoundCreated event with the views.
func (t *v2Tally) checkCreated() {
	st, ev := t.st, t.created
	if st.tokenRound != st.round {
		t.r.findf(CheckCreated, "token %s belongs to round %s, not %s", st.token.Hex(), st.tokenRound.Hex(), st.round.Hex())
	}
	if ev == nil {
		t.r.findf(CheckCreated, "no RoundCreated event from %s", st.round.Hex())
		return
	}
	got := fmt.Sprintf("token %s, %q, budget %s, deadline %d, treasury %s, rule %s, threshold %s",
		ev.Token.Hex(), ev.Name, ev.Budget, ev.Deadline, ev.Treasury.Hex(), Rule(ev.Rule), ev.Threshold)
	want := fmt.Sprintf("token %s, %q, budget %s, deadline %d, treasury %s, rule %s, threshold %s",
		st.token.Hex(), st.name, st.budget, st.deadline, st.treasury.Hex(), Rule(st.rule), st.threshold)
	if got != want {
		t.r.findf(CheckCreated, "RoundCreated (%s) differs from the views (%s)", got, want)
	}
}

// checkSupply; the whole budget is minted once, and the
// claimed quotas add up to distributed() within it.
func (t *v2Tally) checkSupply() {
	st, r := t.st, t.r
	if st.totalSupply.Cmp(st.budget) != 0 {
		r.findf(CheckSupply, "totalSupply() %s differs from budget() %s (R-1.1)", st.totalSupply, st.budget)
	}
	if t.minted.Cmp(st.totalSupply) != 0 {
		r.findf(CheckSupply, "Transfer events mint %s, totalSupply() is %s", t.minted, st.totalSupply)
	}
	if t.distributed.Cmp(st.distributed) != 0 {
		r.findf(CheckDistributed, "Claimed events sum to %s, distributed() is %s", t.distributed, st.distributed)
	}
	if t.distributed.Cmp(st.budget) > 0 {
		r.findf(CheckDistributed, "Claimed events sum to %s, more than the budget %s", t.distributed, st.budget)
	}
}

// checkEligibility compares the last EligibilityRootSet with the views.
func (t *v2Tally) checkEligibility() {
	st := t.st
	if !st.eligibilityVersion.IsUint64() || st.eligibilityVersion.Uint64() != t.versions {
		t.r.findf(CheckEligibility, "%d EligibilityRootSet events, eligibilityVersion() is %s", t.versions, st.eligibilityVersion)
	}
	if t.lastRoot != st.eligibilityRoot {
		t.r.findf(CheckEligibility, "the last EligibilityRootSet root is %s, eligibilityRoot() is %s", t.lastRoot.Hex(), st.eligibilityRoot.Hex())
	}
}

// checkInitiatives compares each initiative's events with its views:
// registration, cost, piggy bank, received and its token balance.
func (t *v2Tally) checkInitiatives() {
	st, r := t.st, t.r
	if uint64(len(t.registered)) != st.initiativeCount {
		r.findf(CheckInitiatives, "%d InitiativeRegistered events, initiativeCount() is %d", len(t.registered), st.initiativeCount)
	}
	for i, id := range t.registered {
		if id != uint64(i+1) {
			r.findf(CheckInitiatives, "InitiativeRegistered #%d has id %d, want %d", i+1, id, i+1)
		}
	}
	r.Allocated = new(big.Int)
	for i, v := range st.initiatives {
		id := uint64(i + 1)
		it := Initiative{
			ID: id, Cost: t.costs[id], PiggyBank: v.piggyBank, Received: new(big.Int).Set(&t.received[id]),
			ReceivedView: v.received, Balance: v.balance, FundedView: v.funded,
		}
		r.Allocated.Add(r.Allocated, it.Received)
		t.checkInitiative(it, v)
		r.Initiatives = append(r.Initiatives, it)
	}
}

func (t *v2Tally) checkInitiative(it Initiative, v initiativeView) {
	r := t.r
	name := fmt.Sprintf("initiative %d", it.ID)
	if it.Cost == nil {
		r.findf(CheckInitiatives, "%s: no InitiativeRegistered event", name)
	} else if it.Cost.Cmp(v.cost) != 0 {
		r.findf(CheckInitiatives, "%s: registered with cost %s, initiative() says %s", name, it.Cost, v.cost)
	}
	if want := piggyBankOf(t.st.round, it.ID); v.piggyBank != want || t.piggyBanks[it.ID] != want {
		r.findf(CheckInitiatives, "%s: piggy bank is %s (view) and %s (event), want %s", name, v.piggyBank.Hex(), t.piggyBanks[it.ID].Hex(), want.Hex())
	}
	if it.Received.Sign() < 0 {
		r.findf(CheckReceived, "%s: more withdrawn than allocated (%s)", name, it.Received)
	}
	if it.Received.Cmp(v.received) != 0 {
		r.findf(CheckReceived, "%s: Allocated − Withdrawn events give %s, initiative() says %s", name, it.Received, v.received)
	}
	want := v.received // until finalize, and after it for the funded
	if t.st.finalized && !v.funded {
		want = new(big.Int) // returned to the treasury
	}
	if v.balance.Cmp(want) != 0 {
		r.findf(CheckReceived, "%s: piggy bank holds %s, want %s (initiative().received %s, funded %t)", name, v.balance, want, v.received, v.funded)
	}
}

// checkFunded recomputes the funded set by the round's rule and
// compares it with the contract's.
func (t *v2Tally) checkFunded() {
	st, r := t.st, t.r
	var cands []Candidate
	for _, it := range r.Initiatives {
		if it.Cost != nil {
			cands = append(cands, Candidate{ID: it.ID, Cost: it.Cost, Received: it.Received})
		}
	}
	funded, err := FundedSetV2(Rule(st.rule), st.budget, st.threshold, cands)
	if err != nil {
		r.findf(CheckFunded, "%v", err)
	}
	r.Funded, r.FundedCost = funded, new(big.Int)
	for i := range r.Initiatives {
		it := &r.Initiatives[i]
		it.Funded = slices.Contains(r.Funded, it.ID)
		if it.Funded {
			r.FundedCost.Add(r.FundedCost, it.Cost)
		}
		if want := st.finalized && it.Funded; it.FundedView != want {
			r.findf(CheckFunded, "initiative %d: initiative().funded is %t, want %t", it.ID, it.FundedView, want)
		}
	}
	if !st.finalized {
		if len(st.fundedOnChain) > 0 || t.finalized != nil || len(t.fundedEvts) > 0 {
			r.findf(CheckFunded, "round not finalized but the chain shows a funded set %v (events %v)", st.fundedOnChain, t.fundedEvts)
		}
		return
	}
	if t.finalized == nil {
		r.findf(CheckFunded, "finalized() is true but there is no Finalized event")
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
			r.findf(CheckFunded, "%s says %v, recomputed by rule %s: %v (R-1.4)", side.what, side.ids, Rule(st.rule), r.Funded)
		}
	}
	if t.finalized.fundedCost.Cmp(r.FundedCost) != 0 {
		r.findf(CheckFunded, "Finalized event: funded cost %s, recomputed %s", t.finalized.fundedCost, r.FundedCost)
	}
}

// checkTreasury: tokens are conserved (round + treasury + piggy banks =
// supply, Transfer events = balanceOf()); before finalize the treasury has
// nothing, after it the round has nothing and the treasury got
// returnedToTreasury, with returnedToTreasury + Σ received of the funded =
// budget.
func (t *v2Tally) checkTreasury() {
	st, r := t.st, t.r
	held := new(big.Int).Add(st.roundBalance, st.treasuryBalance)
	keptFunded := new(big.Int)
	for _, it := range r.Initiatives {
		held.Add(held, it.Balance)
		if it.Funded {
			keptFunded.Add(keptFunded, it.ReceivedView)
		}
		if got := orZero(t.balances[it.PiggyBank]); got.Cmp(it.Balance) != 0 {
			r.findf(CheckTreasury, "initiative %d: Transfer events give its piggy bank %s, balanceOf() %s", it.ID, got, it.Balance)
		}
	}
	if held.Cmp(st.totalSupply) != 0 {
		r.findf(CheckTreasury, "round, treasury and piggy banks hold %s, totalSupply() is %s", held, st.totalSupply)
	}
	for _, who := range []struct {
		name string
		addr common.Address
		view *big.Int
	}{{"round", st.round, st.roundBalance}, {"treasury", st.treasury, st.treasuryBalance}} {
		if got := orZero(t.balances[who.addr]); got.Cmp(who.view) != 0 {
			r.findf(CheckTreasury, "Transfer events give the %s %s tokens, balanceOf() %s", who.name, got, who.view)
		}
	}
	if !st.finalized || t.finalized == nil {
		if st.treasuryBalance.Sign() != 0 {
			r.findf(CheckTreasury, "treasury holds %s tokens before finalize", st.treasuryBalance)
		}
		return
	}
	if st.roundBalance.Sign() != 0 {
		r.findf(CheckTreasury, "round still holds %s tokens after finalize", st.roundBalance)
	}
	if t.finalized.total.Cmp(st.treasuryBalance) != 0 {
		r.findf(CheckTreasury, "Finalized returnedToTreasury %s, the treasury holds %s", t.finalized.total, st.treasuryBalance)
	}
	if sum := new(big.Int).Add(t.finalized.total, keptFunded); sum.Cmp(st.budget) != 0 {
		r.findf(CheckTreasury, "returnedToTreasury %s + Σ received of the funded %s = %s, not the budget %s (R-1.4)", t.finalized.total, keptFunded, sum, st.budget)
	}
}
