package audit

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// claimed: a citizen's first use. Each index and each address
// claims once; the index lies within the eligibility set in force.
func (t *v2Tally) claimed(ev *v2Event) {
	index, quota := ev.a, ev.b
	t.distributed.Add(t.distributed, t.scratch.SetUint64(quota))
	t.r.Claims++
	if _, dup := t.claimedIdx[index]; dup {
		t.r.findf(CheckClaims, "eligibility index %d claimed twice (again by %s)", index, ev.citizen.Hex())
	}
	t.claimedIdx[index] = struct{}{}
	if !t.rootSet {
		t.r.findf(CheckEligibility, "index %d claimed by %s before any EligibilityRootSet", index, ev.citizen.Hex())
	} else if index >= t.leafCount {
		t.r.findf(CheckEligibility, "index %d claimed by %s, but the root in force has %d leaves", index, ev.citizen.Hex(), t.leafCount)
	}
	if a, dup := t.citizens[ev.citizen]; dup {
		t.r.findf(CheckClaims, "address %s claimed twice (indices %d and %d)", ev.citizen.Hex(), t.accts[a].index, index)
		t.accts[a].quota += quota
		t.accts[a].unallocated += quota
		return
	}
	a := uint32(len(t.accts))
	t.citizens[ev.citizen] = a
	t.accts = append(t.accts, v2Account{citizen: ev.citizen, quota: quota, unallocated: quota, index: index, batch: batchPending})
	t.txClaims = append(t.txClaims, a)
	t.pending = int64(a)
}

// allocated moves a citizen's unallocated tokens into a piggy bank.
func (t *v2Tally) allocated(ev *v2Event, first bool) {
	t.r.Allocations++
	t.receive(ev, true)
	acct := t.account(ev, "allocates", first)
	if acct == nil {
		return
	}
	if acct.unallocated < ev.b {
		t.r.findf(CheckPositions, "%s allocates %d to initiative %d with %d unallocated", ev.citizen.Hex(), ev.b, ev.a, acct.unallocated)
		acct.unallocated = 0
	} else {
		acct.unallocated -= ev.b
	}
	t.positions[posKey{ev.citizen, ev.a}] += ev.b
}

// withdrawn moves tokens back out of a piggy bank.
func (t *v2Tally) withdrawn(ev *v2Event) {
	t.r.Withdrawals++
	t.receive(ev, false)
	acct := t.account(ev, "withdraws", false)
	if acct == nil {
		return
	}
	k := posKey{ev.citizen, ev.a}
	if have := t.positions[k]; have < ev.b {
		t.r.findf(CheckPositions, "%s withdraws %d from initiative %d holding %d", ev.citizen.Hex(), ev.b, ev.a, have)
		t.positions[k] = 0
	} else {
		t.positions[k] = have - ev.b
	}
	acct.unallocated += ev.b
}

// account is the citizen of an Allocated or Withdrawn event: one who
// claimed, and (but for the first use itself) whose account is written.
func (t *v2Tally) account(ev *v2Event, verb string, first bool) *v2Account {
	a, ok := t.citizens[ev.citizen]
	if !ok {
		t.r.findf(CheckPositions, "%s %s %d (initiative %d) without a claim", ev.citizen.Hex(), verb, ev.b, ev.a)
		return nil
	}
	acct := &t.accts[a]
	if !first && !acct.materialized {
		t.r.findf(CheckPositions, "%s %s %d (initiative %d) before its account is materialized", ev.citizen.Hex(), verb, ev.b, ev.a)
	}
	return acct
}

// receive adds an Allocated (or subtracts a Withdrawn) amount to the
// initiative's total.
func (t *v2Tally) receive(ev *v2Event, add bool) {
	if ev.a == 0 || ev.a >= uint64(len(t.received)) {
		t.r.findf(CheckReceived, "%s moves %d in unknown initiative %d", ev.citizen.Hex(), ev.b, ev.a)
		return
	}
	x := t.scratch.SetUint64(ev.b)
	if add {
		t.received[ev.a].Add(&t.received[ev.a], x)
	} else {
		t.received[ev.a].Sub(&t.received[ev.a], x)
	}
}

// materialized: an account written from an applied record of a claims
// batch; it must be the citizen's, with unallocated = quota − amount.
func (t *v2Tally) materialized(ev *v2Event) {
	t.r.Materialized++
	batch, unallocated := ev.a, ev.b
	a, ok := t.citizens[ev.citizen]
	if !ok {
		t.r.findf(CheckMaterialize, "%s materialized (batch %d) without a claim", ev.citizen.Hex(), batch)
		return
	}
	acct := &t.accts[a]
	switch {
	case acct.materialized:
		t.r.findf(CheckMaterialize, "%s materialized twice, or after a direct claim (batch %d)", ev.citizen.Hex(), batch)
	case acct.batch != int64(batch):
		t.r.findf(CheckMaterialize, "%s materialized from batch %d, but its first use was applied in batch %d", ev.citizen.Hex(), batch, acct.batch)
	case acct.quota-acct.amount != unallocated:
		t.r.findf(CheckMaterialize, "%s materialized with %d unallocated, the applied record gives %d − %d", ev.citizen.Hex(), unallocated, acct.quota, acct.amount)
	}
	acct.materialized, acct.nonce = true, 1
}

// matchRecord checks a per-citizen event of a relay transaction against the
// next relayed record: recovered signer = event citizen, same initiative
// and amount (claims: index and quota), and the nonce.
func (t *v2Tally) matchRecord(ev *v2Event) {
	m := &t.m
	if m.failed {
		return
	}
	tx := &t.st.logs.txs[t.curTx]
	fail := func(format string, args ...any) {
		m.failed = true
		t.r.findf(CheckSignatures, "relay tx %s record %d: "+format, append([]any{tx.hash.Hex(), m.k}, args...)...)
	}
	if m.k >= len(m.recs) {
		fail("an event beyond the %d records", len(m.recs))
		return
	}
	s, signer := m.recs[m.k].Record, m.signers[m.k]
	if signer == (common.Address{}) {
		fail("the signature does not recover")
		return
	}
	want, a, b := kindAllocated, uint64(s.Initiative), s.Amount
	switch {
	case s.Kind == roundv2.KindClaimAllocate && !m.half:
		want, a, b = kindClaimed, uint64(s.Index), s.Quota
	case s.Kind == roundv2.KindWithdraw:
		want = kindWithdrawn
	case s.Kind != roundv2.KindClaimAllocate && s.Kind != roundv2.KindAllocate:
		fail("unknown kind %d", s.Kind)
		return
	}
	if ev.kind != want || ev.citizen != signer || ev.a != a || ev.b != b {
		fail("signed by %s (kind %d, %d, %d), but the event is %s", signer.Hex(), s.Kind, a, b, describe(ev))
		return
	}
	if tx.time != 0 && tx.time > s.Deadline {
		fail("applied at %d, after the signature's deadline %d", tx.time, s.Deadline)
		return
	}
	if s.Kind == roundv2.KindClaimAllocate {
		if m.half = !m.half; m.half {
			return
		}
		if s.Nonce != 0 {
			fail("a claim with nonce %d", s.Nonce)
			return
		}
	} else if !t.nonceOK(signer, s.Nonce, fail) {
		return
	}
	m.k++
}

// nonceOK checks that a signed allocate or withdraw uses the citizen's next
// nonce: 1, 2, … after a relayed claim's materialization, 0, 1, … after a
// direct claim.
func (t *v2Tally) nonceOK(signer common.Address, nonce uint64, fail func(string, ...any)) bool {
	a, ok := t.citizens[signer]
	if !ok || !t.accts[a].materialized {
		fail("signer %s has no materialized account", signer.Hex())
		return false
	}
	acct := &t.accts[a]
	if nonce != acct.nonce {
		fail("nonce %d of %s, want %d", nonce, signer.Hex(), acct.nonce)
		return false
	}
	acct.nonce++
	return true
}

func describe(ev *v2Event) string {
	name := map[v2Kind]string{kindClaimed: "Claimed", kindAllocated: "Allocated", kindWithdrawn: "Withdrawn"}[ev.kind]
	return name + "(" + ev.citizen.Hex() + ", " + itoa(ev.a) + ", " + itoa(ev.b) + ")"
}

func itoa(x uint64) string { return new(big.Int).SetUint64(x).String() }

// commitClaims checks a ClaimsCommitted event against the claims of its
// transaction: the root must be the Merkle root of their applied leaves
// (index, citizen, quota, id, amount), rebuilt from each Claimed and the
// Allocated right after it, in the batch's order.
func (t *v2Tally) commitClaims(batch uint64, root common.Hash, claims uint64, tx common.Hash) {
	t.r.Batches++
	if batch != t.batches {
		t.r.findf(CheckClaimsRoots, "tx %s: ClaimsCommitted batch %d, want %d", tx.Hex(), batch, t.batches)
	}
	t.batches++
	t.committed = true
	if claims != uint64(len(t.txClaims)) {
		t.r.findf(CheckClaimsRoots, "batch %d: ClaimsCommitted counts %d claims, its tx has %d Claimed events", batch, claims, len(t.txClaims))
	}
	leaves := make([]common.Hash, 0, len(t.txClaims))
	for _, a := range t.txClaims {
		acct := &t.accts[a]
		acct.batch = int64(batch)
		if !acct.firstUse {
			t.r.findf(CheckClaimsRoots, "batch %d: the claim of index %d has no Allocated after it", batch, acct.index)
		}
		leaves = append(leaves, merkle.AppliedLeaf(acct.index, acct.citizen, acct.quota, acct.id, acct.amount))
	}
	t.checkMultiProof(batch, tx)
	tree, err := merkle.New(leaves)
	if err != nil {
		t.r.findf(CheckClaimsRoots, "batch %d: %v", batch, err)
		return
	}
	if got := tree.Root(); got != root {
		t.r.findf(CheckClaimsRoots, "batch %d: ClaimsCommitted root %s, the applied leaves give %s", batch, root.Hex(), got.Hex())
	}
}

// checkMultiProof proves a relayed batch's claims, (index, citizen, quota) as its Claimed
// events say, against the eligibility root in force with the multiproof of its calldata
// the claimed quotas were the published ones.
func (t *v2Tally) checkMultiProof(batch uint64, tx common.Hash) {
	if t.curTx < 0 {
		return
	}
	tr := &t.st.logs.txs[t.curTx]
	if tr.call != callRelay || tr.decodeErr != "" || len(t.txClaims) == 0 {
		return
	}
	mp := merkle.MultiProof{Proof: tr.proof}
	for _, a := range t.txClaims {
		acct := &t.accts[a]
		mp.Leaves = append(mp.Leaves, merkle.EligibilityLeaf(acct.index, acct.citizen, acct.quota))
	}
	flags, ok := unpackFlags(tr.flags, len(mp.Leaves)+len(mp.Proof)-1)
	mp.Flags = flags
	if !ok || !merkle.VerifyMultiProof(t.lastRoot, mp) {
		t.r.findf(CheckEligibility, "batch %d (tx %s): the %d claims do not prove against the eligibility root %s", batch, tx.Hex(), len(mp.Leaves), t.lastRoot.Hex())
		return
	}
	t.r.ProofsVerified += len(mp.Leaves)
}

// checkDirect checks a citizen's own call: every per-citizen event is the sender's, and a
// direct claim proves (index, sender, quota) against the eligibility root in force.
func (t *v2Tally) checkDirect(ev *v2Event) {
	if t.curTx < 0 {
		return
	}
	tr := &t.st.logs.txs[t.curTx]
	if tr.call != callDirect || ev.kind == kindMaterialized || ev.kind == kindOther {
		return
	}
	if tr.from != (common.Address{}) && ev.citizen != tr.from {
		t.r.findf(CheckSignatures, "tx %s from %s emits %s for %s", tr.hash.Hex(), tr.from.Hex(), describe(ev), ev.citizen.Hex())
	}
	if ev.kind != kindClaimed {
		return
	}
	c := tr.direct
	if c == nil || !c.index.IsUint64() || c.index.Uint64() != ev.a || !c.quota.IsUint64() || c.quota.Uint64() != ev.b ||
		!merkle.VerifyProof(t.lastRoot, merkle.EligibilityLeaf(ev.a, ev.citizen, ev.b), c.proof) {
		t.r.findf(CheckEligibility, "direct claim of index %d by %s (tx %s) does not prove against the eligibility root %s", ev.a, ev.citizen.Hex(), tr.hash.Hex(), t.lastRoot.Hex())
		return
	}
	t.r.ProofsVerified++
}
