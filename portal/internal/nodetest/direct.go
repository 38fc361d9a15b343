package nodetest

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/portal/budget"
)

// startDirect starts the indexer of direct calls, polling every 100 ms unless manual.
func (n *Node) startDirect(t testing.TB, chainID uint64, manual bool) {
	t.Helper()
	cfg := budget.DefaultIndexerConfig()
	cfg.Poll = 100 * time.Millisecond
	var err error
	if n.Direct, err = n.Budget.NewIndexer(n.Chain, chainID, cfg); err != nil {
		t.Fatal(err)
	}
	if n.manualIndex = manual; manual {
		return
	}
	ctx, cancel := cancelCtx(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = n.Direct.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// IndexDirect runs one pass of the indexer of direct calls.
func (n *Node) IndexDirect(t testing.TB) {
	t.Helper()
	if err := n.Direct.Once(t.Context()); err != nil {
		t.Fatalf("index direct calls: %v", err)
	}
}

// Fund sends 1 ETH from the node's key to addr, a wallet of its own that sends transactions
// itself. The outbox worker, which owns the key's nonce, is paused meanwhile; it reconciles
// with the chain when it resumes.
func (n *Node) Fund(t testing.TB, addr common.Address) {
	t.Helper()
	defer n.Pause(t)()
	chainID, err := n.Chain.ChainID(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	devchaintest.Fund(t, n.Chain, chain.NewSender(n.Chain, devchain.DevKey(), chainID), addr)
}
