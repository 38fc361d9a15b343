// Package devchaintest starts embedded dev chains for tests and deploys
// pbnode's contracts on them through chain.Sender.
package devchaintest

import (
	"log/slog"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/devchain"
)

// Start starts a dev chain in t.TempDir() on a free loopback port; it is
// closed when the test ends.
func Start(t testing.TB) *devchain.Node {
	t.Helper()
	cfg := devchain.DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.HTTPAddr = "127.0.0.1:0"
	n, err := devchain.Start(t.Context(), cfg, slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Errorf("close dev chain: %v", err)
		}
	})
	return n
}

// Connect dials n over HTTP and returns the client and a Sender with the dev
// key; the client is closed when the test ends.
func Connect(t testing.TB, n *devchain.Node) (*chain.Client, *chain.Sender) {
	t.Helper()
	c, err := chain.Dial(t.Context(), n.RPCURL())
	if err != nil {
		t.Fatalf("dial dev chain: %v", err)
	}
	t.Cleanup(c.Close)
	chainID, _ := c.ChainID(t.Context())
	return c, chain.NewSender(c, n.DevKey(), chainID)
}

// DeployRound deploys a BudgetRound (and so its BudgetToken) with the
// sender as treasury and admin, and returns its address.
func DeployRound(t testing.TB, s *chain.Sender, name string, budget *big.Int, deadline uint64) common.Address {
	t.Helper()
	input := bindings.NewBudgetRound().PackConstructor(name, "PB", budget, deadline, s.Address(), s.Address())
	code := append(common.FromHex(bindings.BudgetRoundMetaData.Bin), input...)
	r, err := s.Send(t.Context(), nil, code)
	if err != nil {
		t.Fatalf("deploy BudgetRound: %v", err)
	}
	return r.ContractAddress
}

// Fund sends 1 ETH from the dev key to addr through s (which must sign with the dev key) on
// c's chain, for a wallet that sends its own transactions, and waits until it is mined.
func Fund(t testing.TB, c *chain.Client, s *chain.Sender, addr common.Address) {
	t.Helper()
	ctx := t.Context()
	chainID, err := c.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nonce, err := s.PendingNonce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := types.SignNewTx(devchain.DevKey(), types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(1e11), Gas: 21_000,
		To: &addr, Value: new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Broadcast(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitMined(ctx, tx.Hash()); err != nil {
		t.Fatal(err)
	}
}
