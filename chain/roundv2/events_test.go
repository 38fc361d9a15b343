package roundv2_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// The per-citizen events decode from the round's logs, and DirectCaller tells a citizen's
// own calls (claimAndAllocate, move) from the relayer's relay.
func TestCitizenEventsAndDirectCaller(t *testing.T) {
	e := newEnv(t, 3, open)
	ctx := t.Context()
	citizen := e.ownWallet(t, 2)
	proof, _ := e.tree.Proof(2)
	chainID, _ := e.c.ChainID(ctx)
	claim := afterFunding(t, func() (*types.Receipt, error) { return citizen.ClaimAndAllocate(ctx, 2, quota, proof, 1, 100) })
	move, err := citizen.Move(ctx, 1, 2, 40)
	if err != nil {
		t.Fatal(err)
	}
	relayed := e.relay(t, e.claim(t, 0, 3, 7))
	logs, err := e.c.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{e.round.Address()},
		Topics: [][]common.Hash{roundv2.CitizenEventTopics()}, FromBlock: claim.BlockNumber})
	if err != nil {
		t.Fatal(err)
	}
	want := []roundv2.CitizenEvent{
		{Kind: roundv2.EventClaimed, Citizen: e.addr(2), Index: 2, Quota: quota, TxHash: claim.TxHash},
		{Kind: roundv2.EventAllocated, Citizen: e.addr(2), Initiative: 1, Amount: 100, TxHash: claim.TxHash},
		{Kind: roundv2.EventWithdrawn, Citizen: e.addr(2), Initiative: 1, Amount: 40, TxHash: move.TxHash},
		{Kind: roundv2.EventAllocated, Citizen: e.addr(2), Initiative: 2, Amount: 40, TxHash: move.TxHash},
		{Kind: roundv2.EventClaimed, Citizen: e.addr(0), Index: 0, Quota: quota, TxHash: relayed.Receipt.TxHash},
		{Kind: roundv2.EventAllocated, Citizen: e.addr(0), Initiative: 3, Amount: 7, TxHash: relayed.Receipt.TxHash},
	}
	if len(logs) != len(want) {
		t.Fatalf("%d logs, want %d", len(logs), len(want))
	}
	signer := types.LatestSignerForChainID(chainID)
	for i, l := range logs {
		got, err := roundv2.ParseCitizenEvent(l)
		if err != nil {
			t.Fatal(err)
		}
		got.Block, got.LogIndex = 0, 0
		if got != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, got, want[i])
		}
		tx, _, err := e.c.TransactionByHash(ctx, l.TxHash)
		if err != nil {
			t.Fatal(err)
		}
		from, direct := roundv2.DirectCaller(e.round.Address(), tx, signer)
		if wantDirect := got.Citizen == e.addr(2); direct != wantDirect || (direct && from != e.addr(2)) {
			t.Errorf("event %d: DirectCaller = %s, %v; want direct %v", i, from, direct, wantDirect)
		}
	}
	if _, direct := roundv2.DirectCaller(common.Address{1}, mustTx(t, e, claim.TxHash), signer); direct {
		t.Error("a call on another round is direct")
	}
}

// afterFunding sends a citizen's first transaction, again while the chain's transaction pool
// has not yet seen the block that funded them (a receipt comes before the pool's update).
func afterFunding(t *testing.T, send func() (*types.Receipt, error)) *types.Receipt {
	t.Helper()
	for range 100 {
		rc, err := send()
		if err == nil {
			return rc
		}
		if !strings.Contains(err.Error(), "insufficient funds") {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the funded citizen still has no funds")
	return nil
}

func mustTx(t *testing.T, e *env, h common.Hash) *types.Transaction {
	t.Helper()
	tx, _, err := e.c.TransactionByHash(t.Context(), h)
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// ParseCitizenEvent takes any log without panicking and accepts only the three layouts.
func FuzzParseCitizenEvent(f *testing.F) {
	claimed := roundv2.CitizenEventTopics()[0]
	f.Add(claimed[:], make([]byte, 32), make([]byte, 32), make([]byte, 32))
	f.Add(roundv2.CitizenEventTopics()[1][:], make([]byte, 32), append(make([]byte, 31), 0xff), make([]byte, 31))
	f.Fuzz(func(t *testing.T, t0, t1, t2, data []byte) {
		l := types.Log{Topics: []common.Hash{common.BytesToHash(t0), common.BytesToHash(t1), common.BytesToHash(t2)}, Data: data}
		ev, err := roundv2.ParseCitizenEvent(l)
		if err != nil {
			return
		}
		if len(data) != 32 || ev.Kind < roundv2.EventClaimed || ev.Kind > roundv2.EventWithdrawn || ev.Citizen != common.BytesToAddress(t1) {
			t.Errorf("accepted %+v from topics %x %x %x data %x", ev, t0, t1, t2, data)
		}
	})
}
