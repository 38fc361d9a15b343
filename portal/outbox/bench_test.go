package outbox_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// BenchmarkOutbox measures allocations mined per second on the embedded dev chain.
//
// op=outbox is the node's path: b.N allocations are queued through budget.Service.Allocate
// while the outbox worker runs, and the clock stops when Worker.Drain reports every operation
// mined. op=send is the baseline, on the same chain just before: b.N relays of one signed
// allocation each (BudgetRoundV2, other citizens with materialized accounts), signed in
// memory and sent one after another with chain.Sender.Send, the same key and sender settings,
// and no database. Their ratio is the outbox's overhead over a bare sender; the outbox batches
// the records queued while a relay is in flight, so it may mine more allocations per second.
//
// The worker uses outbox.DefaultConfig and the chain is reached over JSON-RPC on loopback, as
// `pbnode dev` does. Both paths run with the sender's default receipt poll (poll=100ms, what the
// node uses) and with a 5 ms one: at 100 ms the wait for the next poll is most of an
// operation's time on a chain that seals a block per transaction, and the short poll shows the
// cost underneath it.
// The chain runs in this process, so allocs/op would count geth's work too; it is not reported.
func BenchmarkOutbox(b *testing.B) {
	benchPolls := []time.Duration{100 * time.Millisecond, 5 * time.Millisecond}
	for _, driver := range storagetest.Drivers {
		b.Run("db="+driver, func(b *testing.B) {
			e := newOutboxEnv(b, driver)
			for _, poll := range benchPolls {
				b.Run("poll="+poll.String()+"/op=send", func(b *testing.B) { e.benchSend(b, poll) })
				b.Run("poll="+poll.String()+"/op=outbox", func(b *testing.B) { e.benchOutbox(b, poll) })
			}
		})
	}
}

// outboxEnv is a dev chain and a database holding an open, deployed round whose citizens have
// quotas on both. Between runs no worker is running: op=send uses the worker's key, so each
// op=outbox run starts a fresh worker, which reconciles its nonce with the chain.
type outboxEnv struct {
	db       *storage.DB
	client   *chain.Client
	key      *ecdsa.PrivateKey
	chainID  *big.Int
	roundID  int64
	round    common.Address
	deadline uint64
	keys     *citizenKeys
	base     []common.Address // op=send's citizens, materialized
	baseNext []uint64         // their next nonces
	citizens []int64
	addrs    []common.Address
}

func newOutboxEnv(b *testing.B, driver string) *outboxEnv {
	b.Helper()
	cfg := devchain.DefaultConfig()
	cfg.DataDir, cfg.HTTPAddr = b.TempDir(), "127.0.0.1:0"
	dev, err := devchain.Start(b.Context(), cfg, nodetest.Logger())
	if err != nil {
		b.Fatalf("start dev chain: %v", err)
	}
	b.Cleanup(func() { dev.Close() })
	client, err := chain.Dial(b.Context(), dev.RPCURL())
	if err != nil {
		b.Fatalf("dial dev chain: %v", err)
	}
	b.Cleanup(client.Close)
	chainID, err := client.ChainID(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	db := storagetest.Open(b, driver)
	e := &outboxEnv{db: db, client: client, key: dev.DevKey(), chainID: chainID,
		keys: &citizenKeys{db: db, keys: map[common.Address]*ecdsa.PrivateKey{}}}
	e.openRound(b)
	return e
}

// openRound creates a round of 16 citizens with 1,000,000.00 roubles each and two
// initiatives, through the service and the worker, and waits until all of it is mined. Eight
// are op=outbox's; the other eight are op=send's, their accounts materialized by two
// allocations each.
func (e *outboxEnv) openRound(b *testing.B) {
	b.Helper()
	ctx := b.Context()
	svc, w, stop := e.startNode(b, 100*time.Millisecond)
	defer stop() // a second worker on the database would sign with a nonce of its own
	r, err := svc.CreateRound(ctx, budget.NewRound{
		Name: "Bench round", Budget: 16 * 100_000_000, Deadline: time.Now().Add(24 * time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Park", Cost: 100_000}, {Title: "Lights", Cost: 250_000}},
	})
	if err != nil {
		b.Fatalf("create round: %v", err)
	}
	for range 8 {
		e.addrs = append(e.addrs, e.keys.addB(b))
		e.base = append(e.base, e.keys.addB(b))
	}
	if _, err := svc.Distribute(ctx, r.ID, append(append([]common.Address{}, e.addrs...), e.base...)); err != nil {
		b.Fatalf("distribute: %v", err)
	}
	for _, a := range e.addrs {
		id, err := svc.CitizenByAddress(ctx, a)
		if err != nil {
			b.Fatal(err)
		}
		e.citizens = append(e.citizens, id)
	}
	e.drain(b, w)
	for range 2 { // a claim, then a record that needs the account materialized
		for _, a := range e.base {
			id, err := svc.CitizenByAddress(ctx, a)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := svc.Allocate(ctx, budget.Move{RoundID: r.ID, CitizenID: id, Initiative: 1, Amount: 1}); err != nil {
				b.Fatal(err)
			}
		}
		e.drain(b, w)
	}
	e.baseNext = make([]uint64, len(e.base))
	for i := range e.baseNext {
		e.baseNext[i] = 2 // claim (account nonce 1 when materialized), then nonce 1
	}
	e.deadline = uint64(r.Deadline.Unix())
	if r, err = svc.Round(ctx, r.ID); err != nil {
		b.Fatal(err)
	}
	if r.Status != "open" {
		b.Fatalf("round is %s, want open", r.Status)
	}
	e.roundID, e.round = r.ID, r.Address
}

// sender signs with the node's key and polls for receipts every poll.
func (e *outboxEnv) sender(poll time.Duration) *chain.Sender {
	return chain.NewSender(e.client, e.key, e.chainID, chain.WithPollInterval(poll))
}

// startNode starts an outbox worker and a budget service over it, as `pbnode dev` wires them.
// The caller must call stop before another worker starts on the database: the outbox allows
// one worker per database.
func (e *outboxEnv) startNode(b *testing.B, poll time.Duration) (svc *budget.Service, w *outbox.Worker, stop func()) {
	log := nodetest.Logger()
	w = outbox.New(e.db, e.sender(poll), outbox.DefaultConfig(), log)
	svc = budget.New(e.db, w, crypto.PubkeyToAddress(e.key.PublicKey), log, budget.WithSigners(e.chainID.Uint64(), e.keys))
	svc.Register(w)
	ctx, cancel := context.WithCancel(context.WithoutCancel(b.Context()))
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	return svc, w, func() { cancel(); <-done }
}

// drain waits until nothing is pending or sent, and fails b if any operation failed.
func (e *outboxEnv) drain(b *testing.B, w *outbox.Worker) {
	b.Helper()
	ctx, cancel := context.WithTimeout(b.Context(), 5*time.Minute)
	defer cancel()
	if err := w.Drain(ctx); err != nil {
		b.Fatalf("drain outbox: %v", err)
	}
	failed, err := e.db.CountOps(ctx, nil, storage.OpFailed)
	if err != nil {
		b.Fatal(err)
	}
	if failed > 0 {
		b.Fatalf("%d operations failed", failed)
	}
}

// benchSend is the baseline: one signed allocation per relay, sent straight to the chain,
// one at a time.
func (e *outboxEnv) benchSend(b *testing.B, poll time.Duration) {
	ctx := b.Context()
	s := e.sender(poll)
	d := roundv2.Domain{ChainID: e.chainID, Round: e.round}
	b.ResetTimer()
	for i := range b.N {
		j := i % len(e.base)
		rec := roundv2.Record{Kind: roundv2.KindAllocate, Amount: 1, Nonce: e.baseNext[j], Initiative: uint16(1 + i%2), Deadline: e.deadline}
		signed, err := roundv2.Sign(ctx, d, rec, roundv2.KeySigner(e.keys.key(e.base[j])))
		if err != nil {
			b.Fatal(err)
		}
		data, err := roundv2.RelayCall([]roundv2.Signed{signed}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Send(ctx, &e.round, data); err != nil {
			b.Fatalf("send relay: %v", err)
		}
		e.baseNext[j]++
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "mined/s")
}

// benchOutbox queues b.N allocations through the service and waits until all are mined.
func (e *outboxEnv) benchOutbox(b *testing.B, poll time.Duration) {
	ctx := b.Context()
	svc, w, stop := e.startNode(b, poll)
	defer stop()
	e.drain(b, w) // reconciled with the chain, nothing left over
	b.ResetTimer()
	for i := range b.N {
		m := budget.Move{RoundID: e.roundID, CitizenID: e.citizens[i%len(e.citizens)], Initiative: 1 + i%2, Amount: 1}
		if _, err := svc.Allocate(ctx, m); err != nil {
			b.Fatalf("allocate: %v", err)
		}
	}
	e.drain(b, w)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "mined/s")
}
