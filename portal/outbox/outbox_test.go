package outbox_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestRevertAtSimulation: ARCHITECTURE.md ("The outbox: exactly once, across crashes"),
// step 1: "if the call would revert, the operation fails, the handler compensates in the
// database, and no nonce is used". An allocation the database accepts but the chain refuses
// (the claim of a quota only the database knows: its leaf is in no published root, so the
// relay's multiproof does not verify) fails unsigned, the relay's Failed hook returns the
// quota's allocated total and the piggy bank's received total to what they were, and the
// next operation is signed with the nonce the failed one would have had.
func TestRevertAtSimulation(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testRevertAtSimulation(t, driver) })
	}
}

func testRevertAtSimulation(t *testing.T, driver string) {
	ctx := t.Context()
	r := newRig(t, driver)
	first := r.start(t, faults{})
	rd := r.openRound(t, first, true)
	first.Stop()

	ghost := storage.Citizen{Address: r.citizens.add(t).Hex()}
	if err := r.db.CreateCitizen(ctx, &ghost); err != nil {
		t.Fatal(err)
	}
	if err := r.db.CreateEligible(ctx, []storage.Eligible{{RoundID: rd.id, CitizenID: ghost.ID, Index: 3, Amount: 50_000}}); err != nil {
		t.Fatal(err)
	}
	// The node believes a root of four leaves is published; the chain holds three.
	if err := r.db.SetEligibilityLeaves(ctx, rd.id, 4); err != nil {
		t.Fatal(err)
	}
	allocBefore, recvBefore := quotaAndReceived(t, r.db, rd.id, ghost.ID, 1)
	chainBefore, _ := r.nonces(t)
	maxBefore, _, err := r.db.MaxNonce(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// Queued while no worker runs, so the database change can be seen before it is undone.
	rc, err := first.svc.Allocate(ctx, budget.Move{RoundID: rd.id, CitizenID: ghost.ID, Initiative: 1, Amount: 30_000})
	if err != nil {
		t.Fatalf("allocate: %v", err)
	}
	if alloc, recv := quotaAndReceived(t, r.db, rd.id, ghost.ID, 1); alloc != allocBefore+30_000 || recv != recvBefore+30_000 {
		t.Fatalf("queued allocation: allocated %d, received %d; want %d, %d", alloc, recv, allocBefore+30_000, recvBefore+30_000)
	}

	p := r.start(t, faults{})
	p.Drain(t)
	failed := loadOp(t, r.db, rc.OpID)
	if failed.Status != storage.OpFailed || failed.Nonce != nil || failed.TxHash != "" || len(failed.RawTx) != 0 {
		t.Fatalf("op is %s, nonce %v, tx %q, %d raw bytes; want failed and never signed", failed.Status, failed.Nonce, failed.TxHash, len(failed.RawTx))
	}
	if !strings.Contains(failed.Error, "BadProof") {
		t.Fatalf("op error %q, want the contract's BadProof", failed.Error)
	}
	if alloc, recv := quotaAndReceived(t, r.db, rd.id, ghost.ID, 1); alloc != allocBefore || recv != recvBefore {
		t.Fatalf("after failure: allocated %d, received %d; want %d, %d (compensated)", alloc, recv, allocBefore, recvBefore)
	}
	allocs, err := r.db.Allocations(ctx, rd.id, ghost.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range allocs {
		if a.Amount != 0 {
			t.Fatalf("after failure the citizen still holds %d in initiative %d", a.Amount, a.InitiativeID)
		}
	}
	if chain, _ := r.nonces(t); chain != chainBefore {
		t.Fatalf("chain nonce %d, want %d: the failed operation used a nonce", chain, chainBefore)
	}
	if max, _, err := r.db.MaxNonce(ctx); err != nil || max != maxBefore {
		t.Fatalf("max nonce %d (%v), want %d", max, err, maxBefore)
	}

	if err := r.db.SetEligibilityLeaves(ctx, rd.id, 3); err != nil { // the node's view is right again
		t.Fatal(err)
	}
	next := allocate(t, p, rd, 0, 2, 10_000)
	p.Drain(t)
	if op := loadOp(t, r.db, next); op.Status != storage.OpMined || uint64(*op.Nonce) != chainBefore {
		t.Fatalf("next op is %s with nonce %v, want mined with nonce %d", op.Status, op.Nonce, chainBefore)
	}
	events := r.allocatedEvents(t, rd.address)
	if len(events) != 1 || events[0].Citizen != rd.addrs[0] {
		t.Fatalf("Allocated events %v, want only the next operation's", events)
	}
}

// TestDrain: Drain returns only when the worker has reconciled and no operation is pending
// or sent, so that what it waited for is settled. While every broadcast is dropped nothing
// can be mined and Drain must not return; once broadcasts go through it returns with every
// operation mined, the Mined hooks run.
func TestDrain(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testDrain(t, driver) })
	}
}

func testDrain(t *testing.T, driver string) {
	ctx := t.Context()
	r := newRig(t, driver)
	p := r.start(t, faults{drop: true})
	rd := r.openRound(t, p, false)
	allocate(t, p, rd, 0, 1, 10_000)
	allocate(t, p, rd, 1, 2, 20_000)
	queued := countOps(t, r.db)
	eventually(t, "an op sent", func() bool { return countOps(t, r.db, storage.OpSent) == 1 })

	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	err := p.w.Drain(short)
	cancel()
	if err == nil { // the error is the context's, or on SQLite the interrupted query's
		t.Fatal("Drain returned nil with nothing mined")
	}
	if n := countOps(t, r.db, storage.OpPending, storage.OpSent); n != queued {
		t.Fatalf("%d of %d ops pending or sent while broadcasts are dropped", n, queued)
	}

	p.sender.setDrop(false)
	p.Drain(t)
	if n := countOps(t, r.db, storage.OpPending, storage.OpSent); n != 0 {
		t.Fatalf("after Drain %d ops are pending or sent", n)
	}
	if n := countOps(t, r.db, storage.OpMined); n != queued {
		t.Fatalf("after Drain %d of %d ops are mined", n, queued)
	}
	for _, op := range signedOps(t, r.db) {
		receipt, err := r.client.TransactionReceipt(ctx, common.HexToHash(op.TxHash))
		if err != nil || receipt.Status != types.ReceiptStatusSuccessful || op.BlockNumber == nil || receipt.BlockNumber.Int64() != *op.BlockNumber {
			t.Fatalf("op %d (%s) in block %v: receipt %+v, %v", op.ID, op.Kind, op.BlockNumber, receipt, err)
		}
	}
	if round, err := p.svc.Round(ctx, rd.id); err != nil || round.Status != string(storage.RoundOpen) || round.PendingOps != 0 {
		t.Fatalf("round %+v, %v; want open with nothing pending", round, err)
	}
}

// TestNoncesAcrossRestart: "one submitter owns the signing key and the nonce" (DESIGN.md,
// "Flows"); the worker stores each signed transaction with its nonce before it broadcasts
// (ARCHITECTURE.md, "The outbox", step 2), and "a nonce can be used once". Across two
// processes on the same database, the signed operations hold consecutive nonces from the
// chain's nonce at the start, each nonce carries the operation's own transaction on chain,
// and the highest one is the last the chain used: no gap, no reuse.
func TestNoncesAcrossRestart(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testNoncesAcrossRestart(t, driver) })
	}
}

func testNoncesAcrossRestart(t *testing.T, driver string) {
	ctx := t.Context()
	r := newRig(t, driver)
	start, _ := r.nonces(t)

	first := r.start(t, faults{})
	rd := r.openRound(t, first, true)
	allocate(t, first, rd, 0, 1, 10_000)
	first.Drain(t)
	first.Stop()

	// Queued while no worker runs; the second process signs them.
	allocate(t, first, rd, 1, 2, 20_000)
	if _, err := first.svc.Withdraw(ctx, budget.Move{RoundID: rd.id, CitizenID: rd.citizens[0], Initiative: 1, Amount: 4_000}); err != nil {
		t.Fatalf("withdraw: %v", err)
	}
	second := r.start(t, faults{})
	second.Drain(t)
	second.Stop()

	ops := signedOps(t, r.db)
	if total := countOps(t, r.db); int64(len(ops)) != total {
		t.Fatalf("%d of %d ops signed", len(ops), total)
	}
	for i, op := range ops {
		want := start + uint64(i)
		if uint64(*op.Nonce) != want || op.Status != storage.OpMined {
			t.Fatalf("op %d (%s) is %s with nonce %d, want mined with nonce %d", op.ID, op.Kind, op.Status, *op.Nonce, want)
		}
		tx, pending, err := r.client.TransactionByHash(ctx, common.HexToHash(op.TxHash))
		if err != nil || pending || tx.Nonce() != want {
			t.Fatalf("op %d's transaction %s: %v (pending %t)", op.ID, op.TxHash, err, pending)
		}
	}
	max, ok, err := r.db.MaxNonce(ctx)
	if err != nil || !ok {
		t.Fatalf("max nonce: %v (found %t)", err, ok)
	}
	confirmed, pending := r.nonces(t)
	if uint64(max)+1 != confirmed || pending != confirmed {
		t.Fatalf("max nonce %d, chain nonce %d, pool nonce %d; want the chain and the pool at max+1", max, confirmed, pending)
	}
}

func countOps(t *testing.T, db *storage.DB, statuses ...storage.OpStatus) int64 {
	t.Helper()
	n, err := db.CountOps(t.Context(), nil, statuses...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// signedOps are every operation that was signed and not failed, by nonce.
func signedOps(t *testing.T, db *storage.DB) []storage.Op {
	t.Helper()
	ops, err := db.SignedOpsFromNonce(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ops
}
