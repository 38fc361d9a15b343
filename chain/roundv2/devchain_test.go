package roundv2_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"log/slog"
	"math/big"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// One dev chain for the package, started by the first test that needs it
// and closed by TestMain; every test deploys its own round on it.
var shared struct {
	once sync.Once
	node *devchain.Node
	dir  string
	c    *chain.Client
	s    *chain.Sender
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.c != nil {
		shared.c.Close()
	}
	if shared.node != nil {
		if err := shared.node.Close(); err != nil {
			slog.Error("close dev chain", "err", err)
			code = 1
		}
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// devChain is the package's dev chain, its client and the dev key's sender.
func devChain(t *testing.T) (*chain.Client, *chain.Sender) {
	t.Helper()
	shared.once.Do(func() {
		ctx := context.Background()
		if shared.dir, shared.err = os.MkdirTemp("", "roundv2-devchain-"); shared.err != nil {
			return
		}
		cfg := devchain.DefaultConfig()
		cfg.DataDir, cfg.HTTPAddr = shared.dir, "127.0.0.1:0"
		logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		if shared.node, shared.err = devchain.Start(ctx, cfg, logger); shared.err != nil {
			return
		}
		if shared.c, shared.err = chain.Dial(ctx, shared.node.RPCURL()); shared.err != nil {
			return
		}
		chainID, _ := shared.c.ChainID(ctx)
		shared.s = chain.NewSender(shared.c, shared.node.DevKey(), chainID)
	})
	if shared.err != nil {
		t.Fatalf("dev chain: %v", shared.err)
	}
	return shared.c, shared.s
}

// Initiative costs of every test round: ids 1, 2, 3.
var costs = []uint64{6000, 5000, 3000}

const (
	budget = 10_000_000
	quota  = 4000
)

// env is a deployed round with initiatives 1..3 and an eligibility root of
// the citizens' keys, citizen i at index i with quota 4000.
type env struct {
	c        *chain.Client
	s        *chain.Sender
	round    *roundv2.Round
	dom      roundv2.Domain
	deadline uint64 // the round's and the signatures' deadline
	keys     []*ecdsa.PrivateKey
	tree     *merkle.Tree
}

func newEnv(t *testing.T, citizens int, open time.Duration) *env {
	t.Helper()
	ctx := t.Context()
	e := &env{}
	e.c, e.s = devChain(t)
	// The chain's clock runs ahead of the wall clock after many quick blocks
	// (each is at least a second after its parent).
	e.deadline = max(uint64(time.Now().Unix()), e.latestTime(t)) + uint64(open.Seconds())
	var err error
	e.round, err = roundv2.Deploy(ctx, e.c, e.s, roundv2.DeployParams{
		Name: "Park 2026", Symbol: "PB26", Budget: budget, Deadline: e.deadline, Treasury: common.Address{0x7e}, Rule: roundv2.RuleGreedy,
	})
	if err != nil {
		t.Fatal(err)
	}
	if e.dom, err = e.round.Domain(ctx); err != nil {
		t.Fatal(err)
	}
	for _, cost := range costs {
		if _, err := e.round.RegisterInitiative(ctx, cost); err != nil {
			t.Fatal(err)
		}
	}
	leaves := make([]common.Hash, citizens)
	for i := range citizens {
		key, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		e.keys = append(e.keys, key)
		leaves[i] = merkle.EligibilityLeaf(uint64(i), e.addr(i), quota)
	}
	if e.tree, err = merkle.New(leaves); err != nil {
		t.Fatal(err)
	}
	if _, err := e.round.SetEligibilityRoot(ctx, e.tree.Root(), uint64(citizens)); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) addr(i int) common.Address { return crypto.PubkeyToAddress(e.keys[i].PublicKey) }

// sign has citizen i sign r in the round's domain.
func (e *env) sign(t *testing.T, i int, r roundv2.Record) roundv2.Signed {
	t.Helper()
	return e.signIn(t, e.dom, i, r)
}

func (e *env) signIn(t *testing.T, d roundv2.Domain, i int, r roundv2.Record) roundv2.Signed {
	t.Helper()
	if r.Deadline == 0 {
		r.Deadline = e.deadline
	}
	s, err := roundv2.Sign(t.Context(), d, r, roundv2.KeySigner(e.keys[i]))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// claim is citizen i's first use: claim their quota, put amount into id.
func (e *env) claim(t *testing.T, i int, id uint16, amount uint64) roundv2.Signed {
	t.Helper()
	return e.sign(t, i, roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: amount, Quota: quota, Initiative: id, Index: uint32(i)})
}

func (e *env) op(t *testing.T, i int, kind roundv2.Kind, id uint16, amount, nonce uint64) roundv2.Signed {
	t.Helper()
	return e.sign(t, i, roundv2.Record{Kind: kind, Amount: amount, Nonce: nonce, Initiative: id})
}

func (e *env) relay(t *testing.T, batch ...roundv2.Signed) roundv2.RelayResult {
	t.Helper()
	res, err := e.round.Relay(t.Context(), batch, e.tree)
	if err != nil {
		t.Fatalf("relay: %v", err)
	}
	return res
}

// materialize relays the claims of batch and materializes their accounts.
func (e *env) claimAndMaterialize(t *testing.T, batch ...roundv2.Signed) {
	t.Helper()
	res := e.relay(t, batch...)
	claims, err := roundv2.Claims(e.dom, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range claims.Records {
		proof, err := claims.Proof(i)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.round.Materialize(t.Context(), res.BatchID, a, proof); err != nil {
			t.Fatalf("materialize %s: %v", a.Citizen, err)
		}
	}
}

// state is what a refused call must leave unchanged.
type state struct {
	Distributed uint64
	Claimed     []bool
	Accounts    []roundv2.Account
	Received    []uint64
	Allocated   [][]uint64
}

func (e *env) state(t *testing.T) state {
	t.Helper()
	ctx := t.Context()
	var s state
	var err error
	if s.Distributed, err = e.round.Distributed(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range min(len(e.keys), 4) {
		claimed, err := e.round.IsClaimed(ctx, uint32(i))
		if err != nil {
			t.Fatal(err)
		}
		acc, err := e.round.Account(ctx, e.addr(i))
		if err != nil {
			t.Fatal(err)
		}
		var alloc []uint64
		for id := range uint16(len(costs)) {
			a, err := e.round.Allocated(ctx, e.addr(i), id+1)
			if err != nil {
				t.Fatal(err)
			}
			alloc = append(alloc, a)
		}
		s.Claimed, s.Accounts, s.Allocated = append(s.Claimed, claimed), append(s.Accounts, acc), append(s.Allocated, alloc)
	}
	for id := range uint16(len(costs)) {
		it, err := e.round.Initiative(ctx, id+1)
		if err != nil {
			t.Fatal(err)
		}
		s.Received = append(s.Received, it.Received)
	}
	return s
}

// refused asserts that err is wantErr and that the round's state is before.
func (e *env) refused(t *testing.T, err, wantErr error, before state) {
	t.Helper()
	if !errors.Is(err, wantErr) {
		t.Fatalf("error = %v, want %v", err, wantErr)
	}
	if re, ok := errors.AsType[*roundv2.RevertError](err); ok && re.Revert.Name == "" {
		t.Errorf("revert %v has no decoded name", err)
	}
	if after := e.state(t); !equalState(before, after) {
		t.Errorf("state changed:\nbefore %+v\n after %+v", before, after)
	}
}

func equalState(a, b state) bool {
	if a.Distributed != b.Distributed || len(a.Claimed) != len(b.Claimed) || len(a.Received) != len(b.Received) {
		return false
	}
	for i := range a.Claimed {
		if a.Claimed[i] != b.Claimed[i] || a.Accounts[i] != b.Accounts[i] {
			return false
		}
		for j := range a.Allocated[i] {
			if a.Allocated[i][j] != b.Allocated[i][j] {
				return false
			}
		}
	}
	for i := range a.Received {
		if a.Received[i] != b.Received[i] {
			return false
		}
	}
	return true
}

// ownWallet funds citizen i and returns the round as their own wallet calls it.
func (e *env) ownWallet(t *testing.T, i int) *roundv2.Round {
	t.Helper()
	e.fund(t, e.addr(i))
	chainID, _ := e.c.ChainID(t.Context())
	return e.round.WithSender(chain.NewSender(e.c, e.keys[i], chainID))
}

// fund sends 1 ETH from the dev key to addr, for a citizen who sends
// transactions directly.
func (e *env) fund(t *testing.T, addr common.Address) {
	t.Helper()
	ctx := t.Context()
	nonce, err := e.s.PendingNonce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	chainID, _ := e.c.ChainID(ctx)
	tx, err := types.SignNewTx(devchain.DevKey(), types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(1e11), Gas: 21_000,
		To: &addr, Value: new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.Broadcast(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.WaitMined(ctx, tx.Hash()); err != nil {
		t.Fatal(err)
	}
}

// passDeadline mines filler blocks until the latest block's time reaches the
// round's deadline (each block is at least a second after its parent).
func (e *env) passDeadline(t *testing.T) {
	t.Helper()
	for {
		head, err := e.c.HeaderByNumber(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if head.Time >= e.deadline {
			return
		}
		if _, err := e.s.Send(t.Context(), &common.Address{0xf1}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// latestTime is the latest block's timestamp.
func (e *env) latestTime(t *testing.T) uint64 {
	t.Helper()
	head, err := e.c.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return head.Time
}
