package outbox_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// rig is what outlives a node process: the embedded dev chain and the database. Tests start
// and stop worker processes on it to cross a restart. nodetest.Start runs one worker for the
// whole test over the real sender; these tests need to stop it, start another on the same
// database, and put a fault-injecting sender in front of the chain, so they assemble the same
// parts here.
type rig struct {
	db       *storage.DB
	client   *chain.Client
	key      *ecdsa.PrivateKey
	chainID  *big.Int
	citizens *citizenKeys // the citizens' keys, which the node keeps (custodial wallets)
}

// citizenKeys are the keys of the test citizens, as a node's wallets keep custodial keys:
// budget.Signers over them.
type citizenKeys struct {
	db   *storage.DB
	mu   sync.Mutex // guards keys
	keys map[common.Address]*ecdsa.PrivateKey
}

// add makes a new citizen key and returns its address.
func (k *citizenKeys) add(t *testing.T) common.Address { t.Helper(); return k.addB(t) }

// addB is add for tests and benchmarks.
func (k *citizenKeys) addB(t testing.TB) common.Address {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys[addr] = key
	return addr
}

// key is the key of addr.
func (k *citizenKeys) key(addr common.Address) *ecdsa.PrivateKey {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.keys[addr]
}

// CustodialSigner implements budget.Signers.
func (k *citizenKeys) CustodialSigner(ctx context.Context, citizenID int64) (budget.DigestSigner, bool, error) {
	c, err := k.db.Citizen(ctx, citizenID)
	if err != nil {
		return nil, false, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	key, ok := k.keys[common.HexToAddress(c.Address)]
	return keySigner{key}, ok, nil
}

type keySigner struct{ key *ecdsa.PrivateKey }

func (s keySigner) Address() common.Address { return crypto.PubkeyToAddress(s.key.PublicKey) }

func (s keySigner) SignHash(h common.Hash) ([]byte, error) { return crypto.Sign(h[:], s.key) }

func newRig(t *testing.T, driver string) *rig {
	t.Helper()
	cfg := devchain.DefaultConfig()
	cfg.DataDir, cfg.HTTPAddr = t.TempDir(), "127.0.0.1:0"
	dev, err := devchain.Start(t.Context(), cfg, nodetest.Logger())
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { dev.Close() })
	client, err := chain.NewClient(t.Context(), dev.Attach())
	if err != nil {
		t.Fatalf("attach to dev chain: %v", err)
	}
	t.Cleanup(client.Close)
	chainID, err := client.ChainID(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	db := storagetest.Open(t, driver)
	return &rig{db: db, client: client, key: dev.DevKey(), chainID: chainID,
		citizens: &citizenKeys{db: db, keys: map[common.Address]*ecdsa.PrivateKey{}}}
}

// signer is the account of the node's key, which signs every operation.
func (r *rig) signer() common.Address { return crypto.PubkeyToAddress(r.key.PublicKey) }

// proc is one run of the node: an outbox worker with its own sender and a budget service, on
// the rig's database. Stop cancels the worker wherever it is; as the worker's state is what
// it committed, the next process finds what a crash at that point would leave.
type proc struct {
	w      *outbox.Worker
	svc    *budget.Service
	sender *faultySender
	cancel context.CancelFunc
	done   chan struct{}
}

// testConfig keeps the suite fast: a short receipt wait makes the worker re-broadcast and
// re-check the nonce often.
func testConfig() outbox.Config {
	return outbox.Config{ReceiptTimeout: 250 * time.Millisecond, Idle: 20 * time.Millisecond, Retry: 50 * time.Millisecond}
}

// faults are what a process's sender gets wrong on purpose.
type faults struct {
	drop      bool // drop every broadcast
	lateWaits int  // this many waits for a mined transaction report a time-out instead
}

// start runs a new process whose sender has faults f.
func (r *rig) start(t *testing.T, f faults) *proc {
	t.Helper()
	log := nodetest.Logger()
	s := &faultySender{Sender: chain.NewSender(r.client, r.key, r.chainID), f: f}
	w := outbox.New(r.db, s, testConfig(), log)
	svc := budget.New(r.db, w, r.signer(), log, budget.WithSigners(r.chainID.Uint64(), r.citizens))
	svc.Register(w)
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	p := &proc{w: w, svc: svc, sender: s, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		w.Run(ctx)
	}()
	t.Cleanup(p.Stop)
	return p
}

// Stop ends the process and waits for its worker; it is safe to call twice.
func (p *proc) Stop() {
	p.cancel()
	<-p.done
}

// Drain waits, at most a minute, until the worker has nothing pending or sent.
func (p *proc) Drain(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if err := p.w.Drain(ctx); err != nil {
		t.Fatalf("drain outbox: %v", err)
	}
}

// faultySender is the real *chain.Sender with faults injected at the edge of the chain:
//   - while f.drop is set, a signed transaction never reaches the chain, yet the worker is
//     told it was sent, as when the process dies right after storing it;
//   - the first f.lateWaits waits that end with a receipt report a time-out instead, as when
//     the transaction is mined right after the worker stopped waiting for it.
//
// It records every broadcast that went through.
type faultySender struct {
	*chain.Sender

	mu      sync.Mutex // guards f, dropped, late and sent
	f       faults
	dropped int      // broadcasts dropped
	late    int      // receipts hidden behind a time-out
	sent    [][]byte // the raw bytes of each broadcast that reached the chain, in order
}

func (s *faultySender) Broadcast(ctx context.Context, tx *types.Transaction) error {
	raw, err := tx.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encode tx: %w", err)
	}
	s.mu.Lock()
	drop := s.f.drop
	if drop {
		s.dropped++
	} else {
		s.sent = append(s.sent, raw)
	}
	s.mu.Unlock()
	if drop {
		return nil
	}
	return s.Sender.Broadcast(ctx, tx)
}

func (s *faultySender) WaitMined(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	r, err := s.Sender.WaitMined(ctx, hash)
	if err != nil {
		return r, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f.lateWaits > 0 {
		s.f.lateWaits--
		s.late++
		return nil, fmt.Errorf("wait for %s: %w", hash, context.DeadlineExceeded)
	}
	return r, nil
}

// setDrop turns dropping on or off.
func (s *faultySender) setDrop(drop bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.f.drop = drop
}

// stats reports the faults injected so far and the broadcasts that went through.
func (s *faultySender) stats() (dropped, late int, sent [][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dropped, s.late, append([][]byte(nil), s.sent...)
}

// round is an open round of 300 000 kopecks with two initiatives (1: Park, 100 000;
// 2: Lights, 250 000), distributed to three citizens, 100 000 each.
type round struct {
	id       int64
	address  common.Address
	citizens []int64
	addrs    []common.Address
}

// openRound queues a round's creation and distribution on p's service; with drain it also
// waits until all of it is mined. The citizens' keys are the rig's.
func (rg *rig) openRound(t *testing.T, p *proc, drain bool) round {
	t.Helper()
	ctx := t.Context()
	r, err := p.svc.CreateRound(ctx, budget.NewRound{
		Name: "Test round", Budget: 300_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}, {Title: "Lights", Cost: 250_000}},
	})
	if err != nil {
		t.Fatalf("create round: %v", err)
	}
	rd := round{id: r.ID, addrs: []common.Address{rg.citizens.add(t), rg.citizens.add(t), rg.citizens.add(t)}}
	if _, err := p.svc.Distribute(ctx, rd.id, rd.addrs); err != nil {
		t.Fatalf("distribute: %v", err)
	}
	for _, a := range rd.addrs {
		id, err := p.svc.CitizenByAddress(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		rd.citizens = append(rd.citizens, id)
	}
	if drain {
		p.Drain(t)
	}
	if r, err = p.svc.Round(ctx, rd.id); err != nil {
		t.Fatal(err)
	}
	rd.address = r.Address
	return rd
}

// allocate queues citizen i's allocation of amount to initiative and returns its operation.
func allocate(t *testing.T, p *proc, rd round, i, initiative int, amount int64) int64 {
	t.Helper()
	rc, err := p.svc.Allocate(t.Context(), budget.Move{RoundID: rd.id, CitizenID: rd.citizens[i], Initiative: initiative, Amount: amount})
	if err != nil {
		t.Fatalf("allocate: %v", err)
	}
	return rc.OpID
}

func loadOp(t *testing.T, db *storage.DB, id int64) storage.Op {
	t.Helper()
	op, err := db.Op(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return op
}

// waitStatus waits until operation id reaches status.
func waitStatus(t *testing.T, db *storage.DB, id int64, status storage.OpStatus) storage.Op {
	t.Helper()
	var op storage.Op
	eventually(t, fmt.Sprintf("op %d %s", id, status), func() bool {
		op = loadOp(t, db, id)
		return op.Status == status
	})
	return op
}

// eventually polls cond until it holds, for at most a minute.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// nonces are the signer's next nonce after the latest block, and counting its pool.
func (r *rig) nonces(t *testing.T) (confirmed, pending uint64) {
	t.Helper()
	var err error
	if confirmed, err = r.client.NonceAt(t.Context(), r.signer(), nil); err != nil {
		t.Fatal(err)
	}
	if pending, err = r.client.PendingNonceAt(t.Context(), r.signer()); err != nil {
		t.Fatal(err)
	}
	return confirmed, pending
}

var roundABI = bindings.NewBudgetRound()

// allocatedEvents are every Allocated event the round's contract emitted.
func (r *rig) allocatedEvents(t *testing.T, round common.Address) []*bindings.BudgetRoundAllocated {
	t.Helper()
	logs, err := r.client.FilterLogs(t.Context(), ethereum.FilterQuery{FromBlock: big.NewInt(0), Addresses: []common.Address{round}})
	if err != nil {
		t.Fatal(err)
	}
	var out []*bindings.BudgetRoundAllocated
	for i := range logs {
		if ev, err := roundABI.UnpackAllocatedEvent(&logs[i]); err == nil {
			out = append(out, ev)
		}
	}
	return out
}

// quotaAndReceived are a citizen's allocated total and an initiative's piggy-bank total as
// the database holds them.
func quotaAndReceived(t *testing.T, db *storage.DB, roundID, citizenID int64, initiative int) (allocated, received int64) {
	t.Helper()
	q, err := db.Quota(t.Context(), roundID, citizenID)
	if err != nil {
		t.Fatal(err)
	}
	ini, err := db.InitiativeByNumber(t.Context(), roundID, initiative)
	if err != nil {
		t.Fatal(err)
	}
	return q.Allocated, ini.Received
}
