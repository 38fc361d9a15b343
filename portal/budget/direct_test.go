package budget_test

import (
	"crypto/ecdsa"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// ownWallet is a citizen whose wallet is their own: the test holds the key, the node none.
type ownWallet struct {
	key  *ecdsa.PrivateKey
	addr common.Address
	id   int64          // citizen id, once distributed to
	rd   *roundv2.Round // the round as their wallet calls it, once deployed
}

func newOwnWallet(t *testing.T) *ownWallet {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return &ownWallet{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

// open funds the wallet and points it at the deployed round; the worker must be idle.
func (w *ownWallet) open(t *testing.T, n *nodetest.Node, roundID int64) {
	t.Helper()
	var err error
	if w.id, err = n.Budget.CitizenByAddress(t.Context(), w.addr); err != nil {
		t.Fatal(err)
	}
	n.Fund(t, w.addr)
	chainID, _ := n.Chain.ChainID(t.Context())
	w.rd = roundv2.New(n.Chain, chain.NewSender(n.Chain, w.key, chainID), mustRound(t, n, roundID).Address)
}

// call sends one of the wallet's direct calls, again while the chain's transaction pool has
// not yet seen the block that funded it (a receipt comes before the pool's update).
func (w *ownWallet) call(t *testing.T, send func(r *roundv2.Round) (*types.Receipt, error)) {
	t.Helper()
	for range 100 {
		_, err := send(w.rd)
		if err == nil {
			return
		}
		if !strings.Contains(err.Error(), "insufficient funds") {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the funded wallet still has no funds")
}

// claim claims the wallet's quota directly, putting amount into initiative id.
func (w *ownWallet) claim(t *testing.T, n *nodetest.Node, roundID int64, id uint16, amount uint64) {
	t.Helper()
	leaf, err := n.Budget.Eligibility(t.Context(), roundID, w.id)
	if err != nil {
		t.Fatal(err)
	}
	w.call(t, func(r *roundv2.Round) (*types.Receipt, error) {
		return r.ClaimAndAllocate(t.Context(), leaf.Index, uint64(leaf.Quota), leaf.Proof, id, amount)
	})
}

// signed returns m signed by key for the record PrepareMove gives.
func signed(t *testing.T, n *nodetest.Node, m budget.Move, withdraw bool, key *ecdsa.PrivateKey) (budget.Move, budget.Unsigned) {
	t.Helper()
	u, err := n.Budget.PrepareMove(t.Context(), m, withdraw)
	if err != nil {
		t.Fatal(err)
	}
	if m.Signature, err = crypto.Sign(u.Digest[:], key); err != nil {
		t.Fatal(err)
	}
	m.Nonce = u.Nonce
	return m, u
}

// checkBalance compares the node's balance of a citizen with want and, once their account is
// materialized (a relayed first use writes none), with the chain's.
func checkBalance(t *testing.T, n *nodetest.Node, rd *roundv2.Round, roundID, citizenID int64, want map[int]int64) {
	t.Helper()
	ctx := t.Context()
	b, err := n.Budget.Balance(ctx, roundID, citizenID)
	if err != nil {
		t.Fatal(err)
	}
	got, total := map[int]int64{}, int64(0)
	for _, a := range b.Allocations {
		got[a.Initiative], total = a.Amount, total+a.Amount
	}
	acc, err := rd.Account(ctx, b.Citizen)
	if err != nil {
		t.Fatal(err)
	}
	for id := range 3 {
		onChain, err := rd.Allocated(ctx, b.Citizen, uint16(id+1))
		if err != nil {
			t.Fatal(err)
		}
		if !acc.Materialized {
			onChain = uint64(want[id+1])
		}
		if got[id+1] != want[id+1] || int64(onChain) != want[id+1] {
			t.Errorf("citizen %d in initiative %d: node %d, chain %d; want %d", citizenID, id+1, got[id+1], onChain, want[id+1])
		}
	}
	if b.Allocated != total || b.Available != b.Quota-total || (acc.Materialized && int64(acc.Unallocated) != b.Available) {
		t.Errorf("citizen %d: balance %+v does not add up, or differs from the chain's account %+v", citizenID, b, acc)
	}
}

// onEachDriver runs test in parallel on a node of each database (its indexer of direct calls
// run by the test) with an open round of 300000: Park, Lights and Benches.
func onEachDriver(t *testing.T, test func(t *testing.T, n *nodetest.Node, r budget.Round)) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			n := nodetest.StartWith(t, driver, nodetest.Options{ManualIndex: true})
			r, err := n.Budget.CreateRound(t.Context(), budget.NewRound{Name: "Direct", Budget: 300_000, Deadline: time.Now().Add(time.Hour),
				Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}, {Title: "Lights", Cost: 50_000}, {Title: "Benches", Cost: 30_000}}})
			if err != nil {
				t.Fatal(err)
			}
			test(t, n, r)
		})
	}
}

// a citizen with a wallet of their own claims and moves tokens directly; the
// indexer applies each call once (a restarted indexer applies nothing again), and the node's
// balances, piggy banks and claimed total match the chain. After the direct claim their next
// signed record is an allocation at nonce 0, which the node relays with no materialize.
func TestDirectCallsIndexed(t *testing.T) { onEachDriver(t, testDirectCallsIndexed) }

func testDirectCallsIndexed(t *testing.T, n *nodetest.Node, r budget.Round) {
	ctx := t.Context()
	own := newOwnWallet(t)
	_, custodial, custodialID := n.CustodialCitizen(t)
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{custodial, own.addr}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	own.open(t, n, r.ID)
	rd := own.rd

	own.claim(t, n, r.ID, 1, 40_000)
	if b, _ := n.Budget.Balance(ctx, r.ID, own.id); b.Allocated != 0 {
		t.Fatalf("the node knew of the direct claim before indexing: %+v", b)
	}
	n.IndexDirect(t)
	checkBalance(t, n, rd, r.ID, own.id, map[int]int64{1: 40_000})
	own.call(t, func(r *roundv2.Round) (*types.Receipt, error) { return r.Withdraw(ctx, 1, 10_000) })
	own.call(t, func(r *roundv2.Round) (*types.Receipt, error) { return r.Move(ctx, 1, 2, 5_000) })
	// The custodial citizen's relayed claim lands in between: its events are the node's own.
	if _, err := n.Budget.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: custodialID, Initiative: 3, Amount: 7_000}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	n.IndexDirect(t)
	checkBalance(t, n, rd, r.ID, own.id, map[int]int64{1: 25_000, 2: 5_000})
	checkBalance(t, n, rd, r.ID, custodialID, map[int]int64{3: 7_000})
	checkReceived(t, n, rd, r.ID, map[int]int64{1: 25_000, 2: 5_000, 3: 7_000})

	// A restarted indexer (a new one, from the stored cursor) applies nothing again.
	chainID, _ := n.Chain.ChainID(ctx)
	again, err := n.Budget.NewIndexer(n.Chain, chainID.Uint64(), budget.DefaultIndexerConfig())
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := again.Once(ctx); err != nil {
			t.Fatal(err)
		}
	}
	checkBalance(t, n, rd, r.ID, own.id, map[int]int64{1: 25_000, 2: 5_000})
	checkReceived(t, n, rd, r.ID, map[int]int64{1: 25_000, 2: 5_000, 3: 7_000})
	distributed, err := rd.Distributed(ctx)
	if got := mustRound(t, n, r.ID).Totals; err != nil || got.Distributed != int64(distributed) || got.Distributed != 300_000 || got.Allocated != 37_000 {
		t.Errorf("totals %+v, chain distributed %d (%v); want both claims (300000) and 37000 allocated", got, distributed, err)
	}

	// The next record the own wallet signs is an allocation at nonce 0, relayed at once.
	m, u := signed(t, n, budget.Move{RoundID: r.ID, CitizenID: own.id, Initiative: 3, Amount: 20_000}, false, own.key)
	if u.Nonce != 0 || u.Initial || u.Record.Kind != roundv2.KindAllocate {
		t.Fatalf("record after a direct claim = %+v; want an allocation at nonce 0", u)
	}
	rc, err := n.Budget.Allocate(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	back, u := signed(t, n, budget.Move{RoundID: r.ID, CitizenID: own.id, Initiative: 2, Amount: 5_000}, true, own.key)
	if u.Nonce != 1 || u.Record.Kind != roundv2.KindWithdraw {
		t.Fatalf("second record = %+v; want a withdrawal at nonce 1", u)
	}
	if _, err := n.Budget.Withdraw(ctx, back); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	if op, err := n.Budget.Operation(ctx, rc.OpID); err != nil || op.Status != string(storage.OpMined) {
		t.Errorf("relay of the signed record = %+v, %v; want mined", op, err)
	}
	if failed, err := n.DB.CountOps(ctx, &r.ID, storage.OpFailed); err != nil || failed != 0 {
		t.Errorf("%d operations failed (%v)", failed, err)
	}
	n.IndexDirect(t) // the relay's events are not the citizen's direct calls
	if acc, err := rd.Account(ctx, own.addr); err != nil || !acc.Materialized || acc.Nonce != 2 {
		t.Errorf("own account on chain = %+v, %v; want materialized, nonce 2", acc, err)
	}
	checkBalance(t, n, rd, r.ID, own.id, map[int]int64{1: 25_000, 3: 20_000})
	checkReceived(t, n, rd, r.ID, map[int]int64{1: 25_000, 3: 27_000})
	rep, err := audit.RecomputeV2(ctx, n.Chain, rd.Address())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.DirectTxs != 3 || rep.Claims != 2 {
		t.Errorf("audit: ok %v, direct txs %d, claims %d; findings %v", rep.OK(), rep.DirectTxs, rep.Claims, rep.Findings())
	}
}

// an own wallet's direct call spends the tokens of the signed record it left pending.
// When the relay is built first, its simulation reverts InsufficientBalance, which names
// nobody: the relay finds the record by bisection and drops that citizen's records only, and
// the other citizens' records in the same relay land. When the indexer sees the direct call
// first, it fails the pending records that no longer fit, and the relay carries the rest.
func TestRelaySurvivesDirectRace(t *testing.T) { onEachDriver(t, testRelaySurvivesDirectRace) }

func testRelaySurvivesDirectRace(t *testing.T, n *nodetest.Node, r budget.Round) {
	ctx := t.Context()
	own := newOwnWallet(t)
	_, a1, c1 := n.CustodialCitizen(t)
	_, a2, c2 := n.CustodialCitizen(t)
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{a1, own.addr, a2}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	own.open(t, n, r.ID)
	own.claim(t, n, r.ID, 1, 50_000)
	n.IndexDirect(t)

	// The relay is built after the direct call, before the indexer sees it.
	resume := n.Pause(t)
	m, _ := signed(t, n, budget.Move{RoundID: r.ID, CitizenID: own.id, Initiative: 2, Amount: 50_000}, false, own.key)
	rcOwn, err := n.Budget.Allocate(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	var ops []int64
	for _, c := range []int64{c1, c2} {
		rc, err := n.Budget.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: c, Initiative: 1, Amount: 10_000})
		if err != nil {
			t.Fatal(err)
		}
		ops = append(ops, rc.OpID)
	}
	if ops[0] != rcOwn.OpID || ops[1] != rcOwn.OpID {
		t.Fatalf("records in relays %d and %v; want one relay", rcOwn.OpID, ops)
	}
	own.call(t, func(r *roundv2.Round) (*types.Receipt, error) { return r.Allocate(ctx, 3, 50_000) })
	resume()
	n.Drain(t)
	if op, err := n.Budget.Operation(ctx, rcOwn.OpID); err != nil || op.Status != string(storage.OpMined) {
		t.Fatalf("the shared relay = %+v, %v; want mined without the refused record", op, err)
	}
	rd := own.rd
	checkBalance(t, n, rd, r.ID, c1, map[int]int64{1: 10_000})
	checkBalance(t, n, rd, r.ID, c2, map[int]int64{1: 10_000})
	if b, _ := n.Budget.Balance(ctx, r.ID, own.id); b.Allocated != 50_000 {
		t.Errorf("own wallet before indexing: %+v; want only the direct claim's 50000 (the record undone)", b)
	}
	n.IndexDirect(t)
	checkBalance(t, n, rd, r.ID, own.id, map[int]int64{1: 50_000, 3: 50_000})
	checkReceived(t, n, rd, r.ID, map[int]int64{1: 70_000, 3: 50_000})

	// The indexer sees the direct call before the relay is built: the pending records that no
	// longer fit fail (the second with the first: nonces are in order), the rest is relayed.
	own.call(t, func(r *roundv2.Round) (*types.Receipt, error) { return r.Withdraw(ctx, 3, 50_000) })
	n.IndexDirect(t)
	resume = n.Pause(t)
	first, u := signed(t, n, budget.Move{RoundID: r.ID, CitizenID: own.id, Initiative: 2, Amount: 30_000}, false, own.key)
	if u.Nonce != 0 {
		t.Fatalf("nonce after the dropped record = %d, want 0 again", u.Nonce)
	}
	rcFirst, err := n.Budget.Allocate(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := signed(t, n, budget.Move{RoundID: r.ID, CitizenID: own.id, Initiative: 1, Amount: 10_000}, true, own.key)
	if _, err := n.Budget.Withdraw(ctx, second); err != nil {
		t.Fatal(err)
	}
	rcC1, err := n.Budget.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: c1, Initiative: 2, Amount: 1_000})
	if err != nil {
		t.Fatal(err)
	}
	own.call(t, func(r *roundv2.Round) (*types.Receipt, error) { return r.Allocate(ctx, 3, 45_000) })
	n.IndexDirect(t)
	if b, _ := n.Budget.Balance(ctx, r.ID, own.id); b.Allocated != 95_000 {
		t.Errorf("own wallet after indexing: %+v; want 95000 (direct calls only)", b)
	}
	resume()
	n.Drain(t)
	if op, err := n.Budget.Operation(ctx, rcC1.OpID); err != nil || op.Status != string(storage.OpMined) {
		t.Errorf("the other citizen's relay = %+v, %v; want mined", op, err)
	}
	if rcFirst.OpID != rcC1.OpID {
		// The own wallet's relay carried only the failed records: nothing to send.
		if op, err := n.Budget.Operation(ctx, rcFirst.OpID); err != nil || op.Status != string(storage.OpFailed) {
			t.Errorf("the own wallet's emptied relay = %+v, %v; want failed", op, err)
		}
	}
	n.IndexDirect(t)
	checkBalance(t, n, rd, r.ID, own.id, map[int]int64{1: 50_000, 3: 45_000})
	checkBalance(t, n, rd, r.ID, c1, map[int]int64{1: 10_000, 2: 1_000})
	checkReceived(t, n, rd, r.ID, map[int]int64{1: 70_000, 2: 1_000, 3: 45_000})
	if acc, err := rd.Account(ctx, own.addr); err != nil || acc.Nonce != 0 {
		t.Errorf("own account on chain = %+v, %v; want nonce 0 (no signed record landed)", acc, err)
	}
	if rep, err := audit.RecomputeV2(ctx, n.Chain, rd.Address()); err != nil || !rep.OK() {
		t.Errorf("audit: %v %v", err, rep.Findings())
	}
}

// a direct claim by an address the node does not have in the round (here under a root
// another registrar published) is logged and skipped; the indexer goes on with the calls of
// the round's citizens after it.
func TestDirectCallUnknownAddress(t *testing.T) {
	n := nodetest.StartWith(t, storage.DriverSQLite, nodetest.Options{ManualIndex: true})
	ctx := t.Context()
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Stranger", Budget: 200_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}}})
	if err != nil {
		t.Fatal(err)
	}
	own, stranger := newOwnWallet(t), newOwnWallet(t)
	_, custodial, _ := n.CustodialCitizen(t)
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{own.addr, custodial}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	own.open(t, n, r.ID)
	// Another registrar's root: the node's two leaves and the stranger's.
	leaves := []common.Hash{merkle.EligibilityLeaf(0, own.addr, 100_000), merkle.EligibilityLeaf(1, custodial, 100_000), merkle.EligibilityLeaf(2, stranger.addr, 1_000)}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	resume := n.Pause(t)
	chainID, _ := n.Chain.ChainID(ctx)
	registrar := roundv2.New(n.Chain, chain.NewSender(n.Chain, devchain.DevKey(), chainID), own.rd.Address())
	if _, err := registrar.SetEligibilityRoot(ctx, tree.Root(), 3); err != nil {
		t.Fatal(err)
	}
	resume()
	n.Fund(t, stranger.addr)
	stranger.rd = roundv2.New(n.Chain, chain.NewSender(n.Chain, stranger.key, chainID), own.rd.Address())
	proof, _ := tree.Proof(2)
	stranger.call(t, func(r *roundv2.Round) (*types.Receipt, error) {
		return r.ClaimAndAllocate(ctx, 2, 1_000, proof, 1, 600)
	})
	proof, _ = tree.Proof(0)
	own.call(t, func(r *roundv2.Round) (*types.Receipt, error) {
		return r.ClaimAndAllocate(ctx, 0, 100_000, proof, 1, 500)
	})
	for range 2 {
		n.IndexDirect(t)
	}
	checkBalance(t, n, own.rd, r.ID, own.id, map[int]int64{1: 500})
	got := mustRound(t, n, r.ID).Totals
	if got.Distributed != 100_000 || got.Allocated != 500 {
		t.Errorf("totals %+v; want the own wallet's claim and allocation only", got)
	}
	if c, err := n.DB.DirectCursor(ctx, r.ID); err != nil || c.Block == 0 {
		t.Errorf("cursor %+v, %v; want past both calls", c, err)
	}
}

// The indexer the node starts runs on its own: a direct call reaches the node's balance
// without a test driving it.
func TestDirectIndexerRuns(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	ctx := t.Context()
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Loop", Budget: 100_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}}})
	if err != nil {
		t.Fatal(err)
	}
	own := newOwnWallet(t)
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{own.addr}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	own.open(t, n, r.ID)
	own.claim(t, n, r.ID, 1, 1_234)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		b, err := n.Budget.Balance(ctx, r.ID, own.id)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Equal(b.Allocations, []budget.Allocation{{Initiative: 1, Amount: 1_234}}) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("balance %+v; the running indexer did not apply the direct claim", b)
		}
	}
}

// PrepareDirect gives an own wallet the call it sends itself: claimAndAllocate with a
// leaf the chain accepts on the first use, then allocate or withdraw. It refuses, writing
// nothing, a move the balance does not cover, a withdrawal before anything is held, and any
// call while a relayed change of the citizen is on its way (or their claim awaits its
// materialize).
func TestPrepareDirect(t *testing.T) { onEachDriver(t, testPrepareDirect) }

func testPrepareDirect(t *testing.T, n *nodetest.Node, r budget.Round) {
	ctx := t.Context()
	own, relayed := newOwnWallet(t), newOwnWallet(t)
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{own.addr, relayed.addr}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	own.open(t, n, r.ID)
	relayed.open(t, n, r.ID)
	move := func(w *ownWallet, id int, amount int64) budget.Move {
		return budget.Move{RoundID: r.ID, CitizenID: w.id, Initiative: id, Amount: amount}
	}
	for name, c := range map[string]struct {
		m        budget.Move
		withdraw bool
		want     error
	}{
		"over the quota":        {move(own, 1, 150_001), false, budget.ErrInsufficientBalance},
		"a withdrawal first":    {move(own, 1, 1), true, budget.ErrInsufficientAllocation},
		"an unknown initiative": {move(own, 4, 1), false, budget.ErrInitiativeNotFound},
		"nothing":               {move(own, 1, 0), false, budget.ErrInvalid},
	} {
		if _, err := n.Budget.PrepareDirect(ctx, c.m, c.withdraw); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
	call, err := n.Budget.PrepareDirect(ctx, move(own, 2, 30_000), false)
	if err != nil || call.Method != "claimAndAllocate" || call.Round != own.rd.Address() || call.Amount != 30_000 || call.Leaf.Quota != 150_000 {
		t.Fatalf("first use = %+v, %v; want claimAndAllocate of 30000 with the 150000 leaf", call, err)
	}
	own.call(t, func(rd *roundv2.Round) (*types.Receipt, error) {
		return rd.ClaimAndAllocate(ctx, call.Leaf.Index, uint64(call.Leaf.Quota), call.Leaf.Proof, uint16(call.Initiative), uint64(call.Amount))
	})
	n.IndexDirect(t)
	if call, err := n.Budget.PrepareDirect(ctx, move(own, 2, 10_000), true); err != nil || call.Method != "withdraw" {
		t.Fatalf("after the direct claim, a withdrawal = %+v, %v; want withdraw", call, err)
	}
	if call, err := n.Budget.PrepareDirect(ctx, move(own, 1, 10_000), false); err != nil || call.Method != "allocate" {
		t.Fatalf("after the direct claim, an allocation = %+v, %v; want allocate", call, err)
	}

	// A citizen whose claim was relayed: no direct call until their account is materialized
	// and nothing of theirs is on its way.
	first, _ := signed(t, n, move(relayed, 1, 20_000), false, relayed.key)
	resume := n.Pause(t)
	if _, err := n.Budget.Allocate(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Budget.PrepareDirect(ctx, move(relayed, 1, 1_000), false); !errors.Is(err, budget.ErrRecordsPending) {
		t.Fatalf("with the claim on its way: err = %v, want ErrRecordsPending", err)
	}
	resume()
	n.Drain(t)
	if _, err := n.Budget.PrepareDirect(ctx, move(relayed, 1, 1_000), false); !errors.Is(err, budget.ErrRecordsPending) {
		t.Fatalf("with the claim relayed, not materialized: err = %v, want ErrRecordsPending", err)
	}
}
