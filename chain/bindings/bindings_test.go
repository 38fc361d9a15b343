package bindings_test

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/pbnode/pbnode/chain/bindings"
)

// chain is a simulated go-ethereum chain with one funded key that mines on Commit.
type chain struct {
	t       *testing.T
	sim     *simulated.Backend
	client  simulated.Client
	opts    *bind.TransactOpts
	account common.Address
}

func newChain(t *testing.T) *chain {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	account := crypto.PubkeyToAddress(key.PublicKey)
	sim := simulated.NewBackend(types.GenesisAlloc{account: {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}})
	t.Cleanup(func() { _ = sim.Close() })
	client := sim.Client()
	chainID, err := client.ChainID(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return &chain{t: t, sim: sim, client: client, opts: bind.NewKeyedTransactor(key, chainID), account: account}
}

// mine commits a block and returns the successful receipt of tx.
func (c *chain) mine(tx *types.Transaction, err error) *types.Receipt {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
	c.sim.Commit()
	receipt, err := bind.WaitMined(c.t.Context(), c.client, tx.Hash())
	if err != nil {
		c.t.Fatal(err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		c.t.Fatalf("tx %s reverted", tx.Hash())
	}
	return receipt
}

func (c *chain) deploy(bin string, input []byte) common.Address {
	c.t.Helper()
	addr, tx, err := bind.DeployContract(c.opts, common.FromHex(bin), c.client, input)
	c.mine(tx, err)
	return addr
}

// findEvent returns the first log of receipt that unpack accepts.
func findEvent[T any](t *testing.T, receipt *types.Receipt, unpack func(*types.Log) (*T, error)) *T {
	t.Helper()
	for _, log := range receipt.Logs {
		if ev, err := unpack(log); err == nil {
			return ev
		}
	}
	t.Fatalf("no such event in receipt of %s", receipt.TxHash)
	return nil
}

func call[T any](t *testing.T, c *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(c, nil, data, unpack)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBudgetRoundOnGeth runs a round through the bindings on go-ethereum's EVM (the Hardhat tests
// cover the rules on Hardhat's): deploy, quotas, allocation, a revert decoded
// through UnpackError, finalization and supply = budget.
func TestBudgetRoundOnGeth(t *testing.T) {
	c := newChain(t)
	round, token := bindings.NewBudgetRound(), bindings.NewBudgetToken()
	// The simulated chain stamps new blocks with the wall clock (genesis is at time 0).
	deadline := uint64(time.Now().Unix()) + 3600
	budget, treasury, citizen := big.NewInt(10_000), common.HexToAddress("0x7EA5"), common.HexToAddress("0xC1")

	roundAddr := c.deploy(bindings.BudgetRoundMetaData.Bin,
		round.PackConstructor("Budget", "PB", budget, deadline, treasury, c.account))
	r := round.Instance(c.client, roundAddr)
	tokenAddr := call(t, r, round.PackToken(), round.UnpackToken)
	if want := crypto.CreateAddress(roundAddr, 1); tokenAddr != want {
		t.Fatalf("token at %s, want CreateAddress(round, 1) = %s", tokenAddr, want)
	}
	tok := token.Instance(c.client, tokenAddr)

	c.mine(bind.Transact(r, c.opts, round.PackRegisterInitiative(big.NewInt(3000))))
	c.mine(bind.Transact(r, c.opts, round.PackGrantQuotas([]common.Address{citizen}, []*big.Int{big.NewInt(4000)})))
	receipt := c.mine(bind.Transact(r, c.opts, round.PackAllocateFor(citizen, big.NewInt(1), big.NewInt(2500))))
	allocated := findEvent(t, receipt, round.UnpackAllocatedEvent)
	if allocated.Citizen != citizen || allocated.Id.Int64() != 1 || allocated.Amount.Int64() != 2500 {
		t.Fatalf("Allocated = %+v", allocated)
	}

	// over the balance reverts InsufficientBalance(1500, 2000), decodable from the revert data.
	_, err := bind.Transact(r, c.opts, round.PackAllocateFor(citizen, big.NewInt(1), big.NewInt(2000)))
	var dataErr rpc.DataError
	if !errors.As(err, &dataErr) {
		t.Fatalf("allocate over balance: err = %v, want a revert with data", err)
	}
	decoded, err := round.UnpackError(common.FromHex(dataErr.ErrorData().(string)))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := decoded.(*bindings.BudgetRoundInsufficientBalance); !ok || e.Available.Int64() != 1500 || e.Wanted.Int64() != 2000 {
		t.Fatalf("revert = %#v, want InsufficientBalance(1500, 2000)", decoded)
	}

	if err := c.sim.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	receipt = c.mine(bind.Transact(r, c.opts, round.PackFinalize()))
	fin := findEvent(t, receipt, round.UnpackFinalizedEvent)
	// #1 received 2500 and costs 3000 <= budget: funded. Returned: the 6000 never distributed.
	if len(fin.Funded) != 1 || fin.Funded[0].Int64() != 1 || fin.FundedCost.Int64() != 3000 || fin.ReturnedToTreasury.Int64() != 6000 {
		t.Fatalf("Finalized = %+v", fin)
	}
	it := call(t, r, round.PackInitiative(big.NewInt(1)), round.UnpackInitiative)
	if !it.Funded || it.Received.Int64() != 2500 {
		t.Fatalf("initiative(1) = %+v", it)
	}
	if got := call(t, tok, token.PackTotalSupply(), token.UnpackTotalSupply); got.Cmp(budget) != 0 {
		t.Fatalf("totalSupply = %s, want budget %s", got, budget)
	}
	if got := call(t, tok, token.PackBalanceOf(treasury), token.UnpackBalanceOf); got.Int64() != 6000 {
		t.Fatalf("treasury balance = %s, want 6000", got)
	}
}

// TestAnchorRegistryOnGeth anchors a root and reads it back through the bindings.
func TestAnchorRegistryOnGeth(t *testing.T) {
	c := newChain(t)
	reg := bindings.NewAnchorRegistry()
	a := reg.Instance(c.client, c.deploy(bindings.AnchorRegistryMetaData.Bin, reg.PackConstructor(c.account)))
	kind, subject := crypto.Keccak256Hash([]byte("poll")), common.BigToHash(big.NewInt(7))
	root, sha := crypto.Keccak256Hash([]byte("root")), crypto.Keccak256Hash([]byte("data"))

	receipt := c.mine(bind.Transact(a, c.opts, reg.PackAnchor(kind, subject, root, 42, sha)))
	ev := findEvent(t, receipt, reg.UnpackAnchoredEvent)
	if ev.Index.Sign() != 0 || ev.Kind != kind || ev.SubjectId != subject || ev.Root != root || ev.LeafCount != 42 {
		t.Fatalf("Anchored = %+v", ev)
	}
	got := call(t, a, reg.PackLatest(kind, subject), reg.UnpackLatest)
	if got.Root != root || got.DatasetSha256 != sha || got.LeafCount != 42 || got.Timestamp == 0 {
		t.Fatalf("latest = %+v", got)
	}
}
