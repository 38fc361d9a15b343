package budget_test

import (
	"crypto/ecdsa"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/ethersaudit"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestRoundV2 runs a BudgetRoundV2 round through the service on the embedded chain: the
// eligibility root from permanent indices, claims relayed in one batch, materialize before a
// citizen's second record, a re-distribution that appends indices, a relay the chain refuses
// (compensated), finalization, and the chain-only recount.
func TestRoundV2(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			testRoundV2(t, driver)
		})
	}
}

func testRoundV2(t *testing.T, driver string) {
	var offset atomic.Int64
	// The service's clock runs 290 s behind: the round may close 25 s from now and the
	// service still takes moves after that, which the chain then refuses.
	offset.Store(int64(-290 * time.Second))
	n := nodetest.Start(t, driver, budget.WithClock(func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }))
	ctx := t.Context()
	deadline := time.Now().Add(25 * time.Second).Truncate(time.Second)
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Round v2", Budget: 400_000, Deadline: deadline,
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}, {Title: "Lights", Cost: 250_000}, {Title: "Benches", Cost: 30_000}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Contract != 2 || r.Rule != roundv2.RuleGreedy {
		t.Fatalf("new round: contract %d rule %d, want v2 greedy", r.Contract, r.Rule)
	}
	var ids []int64
	var addrs []common.Address
	for range 3 {
		_, a, id := n.CustodialCitizen(t)
		addrs, ids = append(addrs, a), append(ids, id)
	}
	own := common.HexToAddress("0x00000000000000000000000000000000000000e1") // a wallet of its own
	addrs = append(addrs, own)
	// Distribute before the deployment is even signed: records made then are signed by the relay.
	dist, err := n.Budget.Distribute(ctx, r.ID, addrs)
	if err != nil || dist.Each != 100_000 || dist.Remainder != 0 {
		t.Fatalf("Distribute = %+v, %v; want 100000 each", dist, err)
	}
	if _, err := n.Budget.Distribute(ctx, r.ID, addrs[:2]); !errors.Is(err, budget.ErrAlreadyDistributed) {
		t.Errorf("Distribute to nobody new: err = %v, want ErrAlreadyDistributed", err)
	}
	move := func(citizen int64, initiative int, amount int64, withdraw bool) (budget.Receipt, error) {
		m := budget.Move{RoundID: r.ID, CitizenID: citizen, Initiative: initiative, Amount: amount}
		if withdraw {
			return n.Budget.Withdraw(ctx, m)
		}
		return n.Budget.Allocate(ctx, m)
	}
	// c0 claims into Lights and, before anything is mined, allocates again: that record waits
	// for a materialize. c1 and c2 claim: one relay carries the three claims.
	rc0, err := move(ids[0], 2, 60_000, false)
	if err != nil {
		t.Fatal(err)
	}
	rc1, err := move(ids[1], 1, 50_000, false)
	if err != nil {
		t.Fatal(err)
	}
	if rc1.OpID != rc0.OpID {
		t.Errorf("claims went to relays %d and %d, want one batch", rc0.OpID, rc1.OpID)
	}
	if _, err := move(ids[2], 1, 40_000, false); err != nil {
		t.Fatal(err)
	}
	rcSecond, err := move(ids[0], 3, 10_000, false)
	if err != nil {
		t.Fatal(err)
	}
	if rcSecond.OpID <= rc0.OpID || rcSecond.Balance.Allocated != 70_000 {
		t.Errorf("c0's second record: relay %d (claims in %d), balance %+v", rcSecond.OpID, rc0.OpID, rcSecond.Balance)
	}
	ownID, err := n.Budget.CitizenByAddress(ctx, own)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := move(ownID, 1, 1_000, false); !errors.Is(err, budget.ErrOwnWallet) {
		t.Errorf("allocation of an own wallet through the node: err = %v, want ErrOwnWallet", err)
	}
	if _, err := move(ids[1], 1, 60_000, false); !errors.Is(err, budget.ErrInsufficientBalance) {
		t.Errorf("over-allocation: err = %v, want ErrInsufficientBalance", err)
	}
	n.Drain(t)
	if _, err := move(ids[0], 2, 5_000, true); err != nil { // c0 is materialized now
		t.Fatal(err)
	}
	n.Drain(t)

	r, err = n.Budget.Round(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	chainRound := roundv2.New(n.Chain, nil, r.Address)
	checkTree(t, n, chainRound, addrs, 100_000)
	checkReceived(t, n, chainRound, r.ID, map[int]int64{1: 90_000, 2: 55_000, 3: 10_000})
	acc, err := chainRound.Account(ctx, addrs[0])
	if err != nil || !acc.Materialized || acc.Nonce != 3 || acc.Unallocated != 35_000 {
		t.Errorf("c0's account on chain = %+v, %v; want materialized, nonce 3, 35000 unallocated", acc, err)
	}
	if distributed, _ := chainRound.Distributed(ctx); int64(distributed) != r.Totals.Distributed || distributed != 300_000 || r.Totals.Granted != 400_000 {
		t.Errorf("distributed: chain %d, service %+v; want 300000 claimed of 400000 granted", distributed, r.Totals)
	}

	// A newly eligible citizen gets the next index and a new root; the budget is all granted.
	_, late, _ := n.CustodialCitizen(t)
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{late}); !errors.Is(err, budget.ErrAlreadyDistributed) {
		t.Errorf("Distribute with the whole budget granted: err = %v, want ErrAlreadyDistributed", err)
	}

	// After the deadline the chain refuses the relay: both records are undone.
	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	before, _ := n.Budget.Balance(ctx, r.ID, ids[0])
	if _, err := move(ids[0], 1, 1_000, false); err != nil {
		t.Fatal(err)
	}
	if _, err := move(ids[1], 3, 1_000, false); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	after, _ := n.Budget.Balance(ctx, r.ID, ids[0])
	if after.Allocated != before.Allocated {
		t.Errorf("a refused relay left c0 at %d allocated, want %d", after.Allocated, before.Allocated)
	}
	checkReceived(t, n, chainRound, r.ID, map[int]int64{1: 90_000, 2: 55_000, 3: 10_000})

	offset.Store(0)
	if _, err := n.Budget.Finalize(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	if r, err = n.Budget.Round(ctx, r.ID); err != nil || r.Status != string(storage.RoundFinalized) || !slices.Equal(r.Funded, []int{1, 2, 3}) {
		t.Fatalf("finalized round = %+v, %v; want funded [1 2 3]", r, err)
	}
	rep, err := audit.RecomputeV2(ctx, n.Chain, r.Address)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Claims != 3 || rep.Materialized != 1 || !slices.Equal(rep.FundedOnChain, []uint64{1, 2, 3}) {
		t.Errorf("audit: ok %v claims %d materialized %d funded %v; findings %v", rep.OK(), rep.Claims, rep.Materialized, rep.FundedOnChain, rep.Findings())
	}
}

// checkTree compares the chain's eligibility root with the tree of addrs at indices 0, 1, …
func checkTree(t *testing.T, n *nodetest.Node, r *roundv2.Round, addrs []common.Address, quota uint64) {
	t.Helper()
	leaves := make([]common.Hash, len(addrs))
	for i, a := range addrs {
		leaves[i] = merkle.EligibilityLeaf(uint64(i), a, quota)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	root, err := r.EligibilityRoot(t.Context())
	if err != nil || root != tree.Root() {
		t.Errorf("eligibility root %s, %v; want %s", root, err, tree.Root())
	}
}

// checkReceived compares the service's piggy banks and the chain's with want.
func checkReceived(t *testing.T, n *nodetest.Node, r *roundv2.Round, roundID int64, want map[int]int64) {
	t.Helper()
	inis, err := n.Budget.Initiatives(t.Context(), roundID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ini := range inis {
		onChain, err := r.Initiative(t.Context(), uint16(ini.Number))
		if err != nil {
			t.Fatal(err)
		}
		if ini.Received != want[ini.Number] || int64(onChain.Received) != want[ini.Number] {
			t.Errorf("initiative %d: service %d, chain %d; want %d", ini.Number, ini.Received, onChain.Received, want[ini.Number])
		}
	}
}

// docs/CONTRACTS-V2.md: a re-distribution appends indices and publishes a new root;
// the citizens listed first keep their index and quota, and a newcomer's claim is relayed
// after the root that holds it, even when a relay queued before that root is still pending.
func TestRedistributeV2(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	ctx := t.Context()
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Append", Budget: 1001, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 600}}, Rule: roundv2.RulePiggyBank})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var addrs []common.Address
	for range 3 {
		_, a, id := n.CustodialCitizen(t)
		addrs, ids = append(addrs, a), append(ids, id)
	}
	if d, err := n.Budget.Distribute(ctx, r.ID, addrs[:2]); err != nil || d.Each != 500 || d.Remainder != 1 {
		t.Fatalf("first Distribute = %+v, %v; want 500 each, 1 left", d, err)
	}
	first, err := n.Budget.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: ids[0], Initiative: 1, Amount: 400})
	if err != nil {
		t.Fatal(err)
	}
	// The listed citizens again with a newcomer: only the newcomer is added, with what is left.
	if d, err := n.Budget.Distribute(ctx, r.ID, addrs); err != nil || d.Citizens != 1 || d.Each != 1 || d.Remainder != 0 {
		t.Fatalf("second Distribute = %+v, %v; want 1 newcomer with 1 kopeck", d, err)
	}
	late, err := n.Budget.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: ids[2], Initiative: 1, Amount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if late.OpID <= first.OpID {
		t.Errorf("the newcomer's claim joined relay %d, queued before the root that holds it", late.OpID)
	}
	n.Drain(t)
	for _, id := range []int64{first.OpID, late.OpID} {
		if op, err := n.Budget.Operation(ctx, id); err != nil || op.Status != string(storage.OpMined) {
			t.Errorf("relay %d = %+v, %v; want mined", id, op, err)
		}
	}
	r, err = n.Budget.Round(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	chainRound := roundv2.New(n.Chain, nil, r.Address)
	leaves := []common.Hash{merkle.EligibilityLeaf(0, addrs[0], 500), merkle.EligibilityLeaf(1, addrs[1], 500), merkle.EligibilityLeaf(2, addrs[2], 1)}
	tree, err := merkle.New(leaves)
	if err != nil {
		t.Fatal(err)
	}
	if root, err := chainRound.EligibilityRoot(ctx); err != nil || root != tree.Root() {
		t.Errorf("eligibility root %s, %v; want the tree of the three indices %s", root, err, tree.Root())
	}
	if r.Totals.Distributed != 501 || r.Totals.Allocated != 401 || r.Totals.Granted != 1001 || r.Rule != roundv2.RulePiggyBank {
		t.Errorf("round = %+v; want 501 claimed of 1001 granted, 401 allocated, piggy-bank rule", r)
	}
	rep, err := audit.RecomputeV2(ctx, n.Chain, r.Address)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Claims != 2 || rep.Rule != audit.RulePiggyBank {
		t.Errorf("audit: ok %v, claims %d, rule %s; findings %v", rep.OK(), rep.Claims, rep.Rule, rep.Findings())
	}
}

// NewRound.Validate: the rule and its threshold.
func TestNewRoundRule(t *testing.T) {
	base := budget.NewRound{Name: "Rules", Budget: 100, Deadline: time.Now().Add(time.Hour)}
	tests := []struct {
		name      string
		rule      roundv2.Rule
		threshold int64
		wantErr   error
	}{
		{"greedy", roundv2.RuleGreedy, 0, nil},
		{"no skip", roundv2.RuleGreedyNoSkip, 0, nil},
		{"threshold", roundv2.RuleGreedyThreshold, 10, nil},
		{"piggy bank", roundv2.RulePiggyBank, 0, nil},
		{"threshold without its rule", roundv2.RuleGreedy, 10, budget.ErrInvalid},
		{"threshold rule without threshold", roundv2.RuleGreedyThreshold, 0, budget.ErrInvalid},
		{"negative threshold", roundv2.RuleGreedyThreshold, -1, budget.ErrInvalid},
		{"unknown rule", 4, 0, budget.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.Rule, in.Threshold = tt.rule, tt.threshold
			if err := in.Validate(time.Now()); !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate = %v, want %v", err, tt.wantErr)
			}
		})
	}
	for _, name := range []string{"", "greedy", "greedy_no_skip", "greedy_threshold", "piggy_bank"} {
		r, err := budget.ParseRule(name)
		if err != nil || (name != "" && budget.RuleName(r) != name) {
			t.Errorf("ParseRule(%q) = %d, %v", name, r, err)
		}
	}
	if _, err := budget.ParseRule("largest_first"); !errors.Is(err, budget.ErrInvalid) {
		t.Errorf("ParseRule of an unknown name: err = %v", err)
	}
}

// Citizens allocating at once while the worker relays: every acknowledged record lands once,
// in batches, and the chain's piggy banks equal the database's.
func TestConcurrentMovesV2(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			n := nodetest.Start(t, driver)
			ctx := t.Context()
			const citizens, moves = 12, 4
			r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Busy", Budget: citizens * 10_000, Deadline: time.Now().Add(time.Hour),
				Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 50_000}, {Title: "Lights", Cost: 70_000}}})
			if err != nil {
				t.Fatal(err)
			}
			ids, addrs := make([]int64, citizens), make([]common.Address, citizens)
			for i := range ids {
				_, addrs[i], ids[i] = n.CustodialCitizen(t)
			}
			if _, err := n.Budget.Distribute(ctx, r.ID, addrs); err != nil {
				t.Fatal(err)
			}
			n.Drain(t)
			var wg sync.WaitGroup
			for i, id := range ids {
				wg.Go(func() {
					for k := range moves {
						m := budget.Move{RoundID: r.ID, CitizenID: id, Initiative: 1 + (i+k)%2, Amount: 1_000}
						var err error
						if k == moves-1 {
							m.Initiative = 1 + (i+k-1)%2 // take back part of the previous one
							m.Amount = 500
							_, err = n.Budget.Withdraw(ctx, m)
						} else {
							_, err = n.Budget.Allocate(ctx, m)
						}
						if err != nil {
							t.Errorf("citizen %d move %d: %v", i, k, err)
						}
					}
				})
			}
			wg.Wait()
			n.Drain(t)
			if failed, err := n.DB.CountOps(ctx, &r.ID, storage.OpFailed); err != nil || failed != 0 {
				t.Errorf("%d operations failed (%v)", failed, err)
			}
			r, err = n.Budget.Round(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := int64(citizens * (2*1_000 + 1_000 - 500)); r.Totals.Allocated != want {
				t.Errorf("allocated %d, want %d", r.Totals.Allocated, want)
			}
			inis, err := n.Budget.Initiatives(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int]int64{}
			for _, ini := range inis {
				want[ini.Number] = ini.Received
			}
			checkReceived(t, n, roundv2.New(n.Chain, nil, r.Address), r.ID, want)
			rep, err := audit.RecomputeV2(ctx, n.Chain, r.Address)
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() || rep.Claims != citizens || rep.Materialized != citizens || rep.RelayedRecords != citizens*moves {
				t.Errorf("audit: ok %v claims %d materialized %d records %d; findings %v", rep.OK(), rep.Claims, rep.Materialized, rep.RelayedRecords, rep.Findings())
			}
		})
	}
}

// A BudgetRound v1 round already in the database (contract_version 1, from before the move)
// keeps its v1 path: deployed as v1, quotas granted, allocations relayed with allocateFor,
// and recounted by chain/audit's v1 recount.
func TestLegacyRoundV1(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	ctx := t.Context()
	rd := storage.Round{Name: "Legacy", Symbol: "LEGACY", Budget: 300_000, Deadline: time.Now().Add(time.Hour),
		Treasury: n.Worker.Address().Hex(), ContractVersion: 1}
	if err := n.DB.CreateRound(ctx, &rd); err != nil {
		t.Fatal(err)
	}
	ini := storage.Initiative{RoundID: rd.ID, Title: "Park", Cost: 100_000}
	if err := n.DB.CreateInitiative(ctx, &ini); err != nil {
		t.Fatal(err)
	}
	for _, op := range []storage.Op{{Kind: "budget.deploy_round", RoundID: &rd.ID}, {Kind: "budget.register_initiative", RoundID: &rd.ID, Payload: []byte(`{"number":1}`)}} {
		if err := n.DB.EnqueueOp(ctx, &op); err != nil {
			t.Fatal(err)
		}
	}
	n.Worker.Notify()
	addrs := []common.Address{common.HexToAddress("0xa1"), common.HexToAddress("0xa2")} // no keys: v1 needs none
	if d, err := n.Budget.Distribute(ctx, rd.ID, addrs); err != nil || d.Each != 150_000 {
		t.Fatalf("Distribute = %+v, %v", d, err)
	}
	id, err := n.Budget.CitizenByAddress(ctx, addrs[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Budget.Allocate(ctx, budget.Move{RoundID: rd.ID, CitizenID: id, Initiative: 1, Amount: 70_000}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	r, err := n.Budget.Round(ctx, rd.ID)
	if err != nil || r.Contract != 1 || r.Status != string(storage.RoundOpen) || r.Totals.Distributed != 300_000 {
		t.Fatalf("legacy round = %+v, %v", r, err)
	}
	rep, err := audit.Recompute(ctx, n.Chain, r.Address)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Distributed.Int64() != 300_000 || rep.Allocated.Int64() != 70_000 {
		t.Errorf("v1 audit: findings %v, distributed %s, allocated %s", rep.Findings, rep.Distributed, rep.Allocated)
	}
	// The outside auditor's v1 script finds the same figures.
	ethersaudit.AgreesV1(t, n.RPCURL, r.Address, rep)
}

// A citizen whose wallet is their own signs the records PrepareMove returns: the
// node checks the signature and the nonce, stores and relays the record like a custodial one.
func TestOwnWalletV2(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	ctx := t.Context()
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Own", Budget: 200_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}, {Title: "Lights", Cost: 50_000}}})
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	own := crypto.PubkeyToAddress(key.PublicKey)
	_, custodial, _ := n.CustodialCitizen(t)
	m := budget.Move{RoundID: r.ID, Initiative: 1, Amount: 30_000}
	if _, err := n.Budget.Distribute(ctx, r.ID, []common.Address{custodial, own}); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	if m.CitizenID, err = n.Budget.CitizenByAddress(ctx, own); err != nil {
		t.Fatal(err)
	}
	sign := func(m budget.Move, withdraw bool, k *ecdsa.PrivateKey) budget.Move {
		t.Helper()
		u, err := n.Budget.PrepareMove(ctx, m, withdraw)
		if err != nil {
			t.Fatal(err)
		}
		if m.Signature, err = crypto.Sign(u.Digest[:], k); err != nil {
			t.Fatal(err)
		}
		m.Nonce = u.Nonce
		return m
	}
	// A move the balance does not cover is refused before the wallet is asked to sign, and
	// leaves nothing behind.
	for name, c := range map[string]struct {
		m        budget.Move
		withdraw bool
		want     error
	}{
		"more than the quota":          {budget.Move{RoundID: r.ID, CitizenID: m.CitizenID, Initiative: 1, Amount: 100_001}, false, budget.ErrInsufficientBalance},
		"a withdrawal of nothing held": {budget.Move{RoundID: r.ID, CitizenID: m.CitizenID, Initiative: 1, Amount: 1}, true, budget.ErrInsufficientAllocation},
		"an unknown initiative":        {budget.Move{RoundID: r.ID, CitizenID: m.CitizenID, Initiative: 3, Amount: 1}, false, budget.ErrInitiativeNotFound},
	} {
		if _, err := n.Budget.PrepareMove(ctx, c.m, c.withdraw); !errors.Is(err, c.want) {
			t.Errorf("PrepareMove of %s: err = %v, want %v", name, err, c.want)
		}
	}
	if bal, err := n.Budget.Balance(ctx, r.ID, m.CitizenID); err != nil || bal.Available != 100_000 {
		t.Fatalf("balance after refused moves: %+v, %v", bal, err)
	}
	first := sign(m, false, key)
	if first.Nonce != 0 {
		t.Errorf("the first record's nonce is %d, want 0 (the claim)", first.Nonce)
	}
	stranger, _ := crypto.GenerateKey()
	for name, bad := range map[string]budget.Move{
		"another key":       sign(m, false, stranger),
		"another amount":    func() budget.Move { b := first; b.Amount = 40_000; return b }(),
		"a stale nonce":     func() budget.Move { b := first; b.Nonce = 5; return b }(),
		"a short signature": func() budget.Move { b := first; b.Signature = b.Signature[:64]; return b }(),
	} {
		if _, err := n.Budget.Allocate(ctx, bad); !errors.Is(err, budget.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := n.Budget.Allocate(ctx, first); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	if _, err := n.Budget.PrepareMove(ctx, budget.Move{RoundID: r.ID, CitizenID: m.CitizenID, Initiative: 1, Amount: 30_001}, true); !errors.Is(err, budget.ErrInsufficientAllocation) {
		t.Errorf("PrepareMove of a withdrawal over the 300 ₽ held: err = %v, want ErrInsufficientAllocation", err)
	}
	second := sign(budget.Move{RoundID: r.ID, CitizenID: m.CitizenID, Initiative: 2, Amount: 20_000}, false, key)
	if _, err := n.Budget.Allocate(ctx, second); err != nil {
		t.Fatal(err)
	}
	back := sign(budget.Move{RoundID: r.ID, CitizenID: m.CitizenID, Initiative: 1, Amount: 5_000}, true, key)
	if back.Nonce != 2 {
		t.Errorf("the withdrawal's nonce is %d, want 2", back.Nonce)
	}
	if _, err := n.Budget.Withdraw(ctx, back); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	r, err = n.Budget.Round(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	chainRound := roundv2.New(n.Chain, nil, r.Address)
	acc, err := chainRound.Account(ctx, own)
	if err != nil || !acc.Materialized || acc.Nonce != 3 || acc.Unallocated != 100_000-45_000 {
		t.Errorf("own account on chain = %+v, %v; want materialized, nonce 3, 55000 unallocated", acc, err)
	}
	checkReceived(t, n, chainRound, r.ID, map[int]int64{1: 25_000, 2: 20_000})
	if rep, err := audit.RecomputeV2(ctx, n.Chain, r.Address); err != nil || !rep.OK() {
		t.Errorf("audit: %v %v", err, rep.Findings())
	}
}

// One citizen's record the chain refuses (here a nonce the database skipped, as a node bug
// would) does not hold the batch: the relay drops that citizen's records, undone, and the
// others land.
func TestRelayDropsRefusedRecord(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	ctx := t.Context()
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{Name: "Drop", Budget: 300_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}}})
	if err != nil {
		t.Fatal(err)
	}
	ids, addrs := make([]int64, 3), make([]common.Address, 3)
	for i := range ids {
		_, addrs[i], ids[i] = n.CustodialCitizen(t)
	}
	if _, err := n.Budget.Distribute(ctx, r.ID, addrs); err != nil {
		t.Fatal(err)
	}
	allocate := func(i int) budget.Receipt {
		t.Helper()
		rc, err := n.Budget.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: ids[i], Initiative: 1, Amount: 1_000})
		if err != nil {
			t.Fatal(err)
		}
		return rc
	}
	for range 2 { // claims, then records that materialize every account
		for i := range ids {
			allocate(i)
		}
		n.Drain(t)
	}
	if err := n.DB.SetNextNonce(ctx, r.ID, ids[2], 3); err != nil { // the chain expects 2
		t.Fatal(err)
	}
	var ops []int64
	for i := range ids {
		ops = append(ops, allocate(i).OpID)
	}
	n.Drain(t)
	// The worker may have closed a relay between two requests; every relay that carried a
	// good record is mined, the refused record's relay too when it shared it.
	for i, id := range ops {
		shared := i < 2 || id == ops[0] || id == ops[1]
		if op, err := n.Budget.Operation(ctx, id); err != nil || (shared && op.Status != string(storage.OpMined)) {
			t.Errorf("relay %d of citizen %d = %+v, %v; want mined", id, i, op, err)
		}
	}
	// Each citizen sees their own change: the refused citizen's failed, with no transaction,
	// even where the relay it rode in was mined with the others.
	shares := func(i int) bool { return ops[i] == ops[0] || ops[i] == ops[1] }
	for i, id := range ops {
		op, err := n.Budget.CitizenOperation(ctx, id, ids[i])
		switch {
		case err != nil:
			t.Errorf("citizen %d's view of relay %d: %v", i, id, err)
		case i < 2 && (op.Status != string(storage.OpMined) || op.TxHash == ""):
			t.Errorf("citizen %d's view of relay %d = %+v; want mined with its transaction", i, id, op)
		case i == 2 && (op.Status != string(storage.OpFailed) || !op.Undone || (shares(i) && op.TxHash != "")):
			t.Errorf("the refused citizen's view of relay %d = %+v; want failed, undone, no transaction", id, op)
		}
	}
	for i, want := range []int64{3_000, 3_000, 2_000} {
		if b, err := n.Budget.Balance(ctx, r.ID, ids[i]); err != nil || b.Allocated != want {
			t.Errorf("citizen %d allocated %d, %v; want %d", i, b.Allocated, err, want)
		}
	}
	checkReceived(t, n, roundv2.New(n.Chain, nil, mustRound(t, n, r.ID).Address), r.ID, map[int]int64{1: 8_000})
}

func mustRound(t *testing.T, n *nodetest.Node, id int64) budget.Round {
	t.Helper()
	r, err := n.Budget.Round(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
