package chain_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/devchain"
)

// Example deploys a BudgetRound on an embedded dev chain through a Sender,
// then lets Build refuse a call that would revert.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "pbnode-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	cfg := devchain.DefaultConfig()
	cfg.DataDir, cfg.HTTPAddr = dir, "127.0.0.1:0"
	node, err := devchain.Start(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		panic(err)
	}
	defer node.Close()

	c, err := chain.Dial(ctx, node.RPCURL())
	if err != nil {
		panic(err)
	}
	defer c.Close()
	chainID, _ := c.ChainID(ctx)
	s := chain.NewSender(c, node.DevKey(), chainID)

	round := bindings.NewBudgetRound()
	deadline := uint64(time.Now().Add(time.Hour).Unix())
	code := append(common.FromHex(bindings.BudgetRoundMetaData.Bin),
		round.PackConstructor("Park 2026", "PB", big.NewInt(1000_00), deadline, s.Address(), s.Address())...)
	r, err := s.Send(ctx, nil, code)
	if err != nil {
		panic(err)
	}
	fmt.Println("deployed at", r.ContractAddress)

	citizen := common.HexToAddress("0x00000000000000000000000000000000000000c1")
	_, err = s.Build(ctx, &r.ContractAddress, round.PackAllocateFor(citizen, big.NewInt(1), big.NewInt(5)), 1)
	fmt.Println(chain.IsRevert(err, "UnknownInitiative"))
	fmt.Println(err)
	// Output:
	// deployed at 0x5FbDB2315678afecb367f032d93F642f64180aa3
	// true
	// simulate allocateFor on 0x5FbDB2315678afecb367f032d93F642f64180aa3: execution reverted: UnknownInitiative(1)
}
