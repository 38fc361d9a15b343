package outbox_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestLostFailedOpKeepsNoncesFlowing: an operation that reverted on-chain and was then lost
// with its block still holds its nonce in the database. Reconcile must broadcast it again,
// or the chain's nonce would stop there and no later operation could land.
func TestLostFailedOpKeepsNoncesFlowing(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testLostFailedOpKeepsNoncesFlowing(t, driver) })
	}
}

func testLostFailedOpKeepsNoncesFlowing(t *testing.T, driver string) {
	r := newRig(t, driver)
	p := r.start(t, faults{})
	rd := r.openRound(t, p, true)
	p.Stop()

	nonce, _ := r.nonces(t)
	// A relay of no records, with fixed gas: it reverts (EmptyBatch) when mined.
	empty := budgetroundv2.NewBudgetRoundV2().PackRelay([]budgetroundv2.BudgetRoundV2Signed{}, [][32]byte{}, []*big.Int{})
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: r.chainID, Nonce: nonce, GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(100e9), Gas: 300_000,
		To: &rd.address, Data: empty,
	}), types.LatestSignerForChainID(r.chainID), r.key)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := tx.MarshalBinary()
	op := storage.Op{Kind: "test.reverted"}
	if err := r.db.EnqueueOp(t.Context(), &op); err != nil {
		t.Fatal(err)
	}
	if err := r.db.MarkOpSigned(t.Context(), op.ID, int64(nonce), tx.Hash().Hex(), raw); err != nil {
		t.Fatal(err)
	}
	if err := r.db.MarkOpFailed(t.Context(), op.ID, "execution reverted"); err != nil {
		t.Fatal(err)
	}

	p = r.start(t, faults{})
	next := allocate(t, p, rd, 1, 1, 5000)
	p.Drain(t)
	if got := loadOp(t, r.db, next); got.Status != storage.OpMined || got.Nonce == nil || uint64(*got.Nonce) != nonce+1 {
		t.Fatalf("the next operation: status %s nonce %v, want mined with nonce %d", got.Status, got.Nonce, nonce+1)
	}
	receipt, err := r.client.TransactionReceipt(t.Context(), tx.Hash())
	if err != nil || receipt.Status != types.ReceiptStatusFailed {
		t.Fatalf("the lost failed operation's transaction: receipt %v, err %v; want mined and reverted", receipt, err)
	}
	if got := loadOp(t, r.db, op.ID); got.Status != storage.OpFailed {
		t.Fatalf("the replayed failed operation is %s, want it to stay failed", got.Status)
	}
}
