package outbox_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestCrashBetweenStoreAndBroadcast crosses the window in which an operation is signed and
// stored but not on the chain. The exactly-once argument of docs/ARCHITECTURE.md ("The
// outbox: exactly once, across crashes") is that the worker stores the raw transaction, its
// hash and nonce (status sent) in one database transaction before it broadcasts (step 2);
// that at start it reconciles, broadcasting again "as the same signed bytes" every operation
// signed with a nonce the chain has not used; and that "a nonce can be used once, so a
// replayed operation cannot land twice". It is how the single submitter of DESIGN.md
// ("Flows") "survives restarts ... and never sends an operation twice".
//
// A first process stores an allocation, loses its broadcast and is stopped there: the
// operation is sent, its raw transaction stored, nothing on chain or in the pool. A second
// process on the same database must broadcast those very bytes, not sign anew, and the
// allocation must land once: one Allocated event, the operation mined under the nonce and
// hash it was stored with.
func TestCrashBetweenStoreAndBroadcast(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testCrashBetweenStoreAndBroadcast(t, driver) })
	}
}

func testCrashBetweenStoreAndBroadcast(t *testing.T, driver string) {
	r := newRig(t, driver)
	setup := r.start(t, faults{})
	rd := r.openRound(t, setup, true)
	setup.Stop()

	crashed := r.start(t, faults{drop: true})
	id := allocate(t, crashed, rd, 0, 1, 40_000)
	stored := waitStatus(t, r.db, id, storage.OpSent)
	crashed.Stop()

	tx := storedTx(t, stored)
	confirmed, pending := r.nonces(t)
	if dropped, _, _ := crashed.sender.stats(); dropped == 0 {
		t.Fatal("no broadcast was dropped")
	}
	if uint64(*stored.Nonce) != confirmed || pending != confirmed {
		t.Fatalf("stored nonce %d, chain nonce %d, pool nonce %d: want all equal (not on chain, not in the pool)", *stored.Nonce, confirmed, pending)
	}
	if _, _, err := r.client.TransactionByHash(t.Context(), tx.Hash()); !errors.Is(err, ethereum.NotFound) {
		t.Fatalf("transaction of the crashed process: %v, want not found", err)
	}

	restarted := r.start(t, faults{})
	restarted.Drain(t)

	got := loadOp(t, r.db, id)
	if got.Status != storage.OpMined || *got.Nonce != *stored.Nonce || got.TxHash != stored.TxHash || !bytes.Equal(got.RawTx, stored.RawTx) {
		t.Fatalf("after restart: %s nonce %d tx %s; want mined, nonce %d, tx %s, same raw bytes",
			got.Status, *got.Nonce, got.TxHash, *stored.Nonce, stored.TxHash)
	}
	_, _, sent := restarted.sender.stats()
	if len(sent) == 0 {
		t.Fatal("the restarted worker broadcast nothing")
	}
	for i, raw := range sent {
		if !bytes.Equal(raw, stored.RawTx) {
			t.Fatalf("broadcast %d is not the stored transaction: the operation was signed again", i)
		}
	}
	receipt, err := r.client.TransactionReceipt(t.Context(), tx.Hash())
	if err != nil || receipt.Status != types.ReceiptStatusSuccessful || receipt.BlockNumber.Int64() != *got.BlockNumber {
		t.Fatalf("receipt %+v, %v; want success in block %d", receipt, err, *got.BlockNumber)
	}
	if confirmed, _ := r.nonces(t); confirmed != uint64(*stored.Nonce)+1 {
		t.Fatalf("chain nonce %d, want %d: one transaction since the crash", confirmed, *stored.Nonce+1)
	}
	assertLandedOnce(t, r, rd, 40_000)
}

// TestMinedJustAfterTheWait: the worker stops waiting for a receipt (Config.ReceiptTimeout)
// and then finds its nonce used on chain. It may be used by this very transaction, mined in
// between; the operation must then be recorded as mined, not failed and compensated, or the
// database would undo what the chain holds (ARCHITECTURE.md: "Mined: the handler's Mined
// hook runs"; "Reverted: Failed undoes the business change", and only then).
func TestMinedJustAfterTheWait(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testMinedJustAfterTheWait(t, driver) })
	}
}

func testMinedJustAfterTheWait(t *testing.T, driver string) {
	r := newRig(t, driver)
	setup := r.start(t, faults{})
	rd := r.openRound(t, setup, true)
	setup.Stop()

	p := r.start(t, faults{lateWaits: 1})
	id := allocate(t, p, rd, 0, 1, 40_000)
	p.Drain(t)

	if _, late, _ := p.sender.stats(); late != 1 {
		t.Fatalf("%d late receipts injected, want 1", late)
	}
	if got := loadOp(t, r.db, id); got.Status != storage.OpMined {
		t.Fatalf("op is %s (%s), want mined", got.Status, got.Error)
	}
	assertLandedOnce(t, r, rd, 40_000)
}

// assertLandedOnce checks that citizen 0's allocation of amount to initiative 1 is the only
// one, on chain (one Allocated event) and in the database (allocated and received).
func assertLandedOnce(t *testing.T, r *rig, rd round, amount int64) {
	t.Helper()
	events := r.allocatedEvents(t, rd.address)
	if len(events) != 1 {
		t.Fatalf("%d Allocated events, want 1", len(events))
	}
	if ev := events[0]; ev.Citizen != rd.addrs[0] || ev.Id.Int64() != 1 || ev.Amount.Int64() != amount {
		t.Fatalf("Allocated(%s, %s, %s), want (%s, 1, %d)", ev.Citizen, ev.Id, ev.Amount, rd.addrs[0], amount)
	}
	if allocated, received := quotaAndReceived(t, r.db, rd.id, rd.citizens[0], 1); allocated != amount || received != amount {
		t.Fatalf("database: allocated %d, received %d; want %d each", allocated, received, amount)
	}
}

// storedTx decodes a signed operation's raw transaction and checks it against the row.
func storedTx(t *testing.T, op storage.Op) *types.Transaction {
	t.Helper()
	if op.Nonce == nil || len(op.RawTx) == 0 {
		t.Fatalf("op %d is %s with nonce %v and %d raw bytes: not signed and stored", op.ID, op.Status, op.Nonce, len(op.RawTx))
	}
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(op.RawTx); err != nil {
		t.Fatalf("op %d raw tx: %v", op.ID, err)
	}
	if tx.Hash().Hex() != op.TxHash || tx.Nonce() != uint64(*op.Nonce) {
		t.Fatalf("op %d stores tx %s nonce %d, raw bytes are %s nonce %d", op.ID, op.TxHash, *op.Nonce, tx.Hash().Hex(), tx.Nonce())
	}
	return tx
}
