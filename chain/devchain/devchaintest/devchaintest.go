// Package devchaintest starts embedded dev chains for tests and deploys
// pbnode's contracts on them through chain.Sender.
package devchaintest

import (
	"log/slog"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

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
