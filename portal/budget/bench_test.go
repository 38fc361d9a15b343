package budget_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// Shape of the round the benchmark allocates in. Each goroutine of the parallel runs has a
// citizen of its own (as when distinct citizens press "allocate" at once), while they share
// the few piggy banks, whose rows every allocation updates.
const (
	benchCitizens    = 64
	benchInitiatives = 5
	benchQuota       = 1_000_000_000 // kopecks each: never exhausted at 1 kopeck per allocation
	benchParallelism = 4             // RunParallel goroutines per GOMAXPROCS (8 on 2 cores)
)

// BenchmarkAllocate measures the write path behind POST /rounds/{id}/allocations:
// budget.Service.Allocate, that is its checks (round open, initiative, citizen), one database
// transaction with the guarded quota, allocation and piggy-bank updates and the outbox row,
// and the balance it returns. No chain is involved: the operations stay pending.
//
// op=allocate is a BudgetRoundV2 round, the node's path: the custodial key is unsealed (here a
// key in memory, as wallets.Service holds it once unsealed) and the EIP-712 record signed, the
// record and its relay operation written with the change (each citizen's first move is their
// claim, the second queues their materialize). op=allocate-v1 is a v1 round a database may
// still hold: one allocateFor operation per move.
//
// op=enqueue is the baseline, measured on the same database just before: the cheapest
// durable write, one storage EnqueueOp in its own transaction. The ratio of the two is what
// the allocation path costs in durable-write units, which holds up on a shared, noisy
// machine better than either figure alone. scripts/bench.sh runs it and docs/BENCHMARKS.md
// reads the figures.
func BenchmarkAllocate(b *testing.B) {
	for _, driver := range storagetest.Drivers {
		b.Run("db="+driver, func(b *testing.B) {
			f := newAllocFixture(b, driver)
			for _, mode := range []string{"seq", "par"} {
				b.Run("mode="+mode+"/op=enqueue", func(b *testing.B) { f.run(b, mode, f.enqueue) })
				b.Run("mode="+mode+"/op=allocate", func(b *testing.B) { f.run(b, mode, f.allocator(f.roundV2)) })
				b.Run("mode="+mode+"/op=allocate-v1", func(b *testing.B) { f.run(b, mode, f.allocator(f.roundID)) })
			}
		})
	}
}

// allocFixture is an open v1 round and an open BudgetRoundV2 round with their rows in the
// database, the citizens' custodial keys, and the service over them.
type allocFixture struct {
	db       *storage.DB
	svc      *budget.Service
	roundID  int64 // v1
	roundV2  int64
	citizens []int64
	payload  []byte // an outbox payload the size of an allocation's
}

// benchSigners are the citizens' custodial keys, in memory.
type benchSigners map[int64]*ecdsa.PrivateKey

func (s benchSigners) CustodialSigner(_ context.Context, citizenID int64) (budget.DigestSigner, bool, error) {
	k, ok := s[citizenID]
	if !ok {
		return nil, false, nil
	}
	return benchSigner{k}, true, nil
}

type benchSigner struct{ key *ecdsa.PrivateKey }

func (s benchSigner) Address() common.Address { return crypto.PubkeyToAddress(s.key.PublicKey) }

func (s benchSigner) SignHash(digest common.Hash) ([]byte, error) {
	return crypto.Sign(digest[:], s.key)
}

type nopNotifier struct{}

func (nopNotifier) Notify() {}

// newAllocFixture creates the rounds directly in storage, already open and deployed (their
// addresses set), so no chain is needed.
func newAllocFixture(b *testing.B, driver string) *allocFixture {
	b.Helper()
	ctx := b.Context()
	db := openBenchDB(b, driver)
	treasury := common.HexToAddress("0x00000000000000000000000000000000000000a1")
	round := func(version int, addr string) int64 {
		rd := storage.Round{
			Name: fmt.Sprintf("Bench round v%d", version), Symbol: "BENCH", Budget: benchCitizens * benchQuota,
			Deadline: time.Now().Add(24 * time.Hour), Treasury: treasury.Hex(), Status: storage.RoundOpen,
			Address: addr, TokenAddress: "0x00000000000000000000000000000000000000b2", ContractVersion: version,
		}
		if version == 2 {
			rd.EligibilityLeaves = benchCitizens
		}
		if err := db.CreateRound(ctx, &rd); err != nil {
			b.Fatal(err)
		}
		for i := range benchInitiatives {
			in := storage.Initiative{RoundID: rd.ID, Title: fmt.Sprintf("Initiative %d", i+1), Cost: benchQuota}
			if err := db.CreateInitiative(ctx, &in); err != nil {
				b.Fatal(err)
			}
		}
		return rd.ID
	}
	keys := benchSigners{}
	f := &allocFixture{db: db, roundID: round(1, "0x00000000000000000000000000000000000000b1"),
		roundV2: round(2, "0x00000000000000000000000000000000000000b3")}
	f.svc = budget.New(db, nopNotifier{}, treasury, slog.New(slog.DiscardHandler), budget.WithSigners(1337, keys))
	quotas := make([]storage.Quota, benchCitizens)
	eligible := make([]storage.Eligible, benchCitizens)
	for i := range quotas {
		key, err := crypto.GenerateKey()
		if err != nil {
			b.Fatal(err)
		}
		c := storage.Citizen{Address: strings.ToLower(crypto.PubkeyToAddress(key.PublicKey).Hex())}
		if err := db.CreateCitizen(ctx, &c); err != nil {
			b.Fatal(err)
		}
		keys[c.ID] = key
		f.citizens = append(f.citizens, c.ID)
		quotas[i] = storage.Quota{RoundID: f.roundID, CitizenID: c.ID, Amount: benchQuota}
		eligible[i] = storage.Eligible{RoundID: f.roundV2, CitizenID: c.ID, Amount: benchQuota, Index: int64(i)}
	}
	if err := db.CreateQuotas(ctx, quotas); err != nil {
		b.Fatal(err)
	}
	if err := db.CreateEligible(ctx, eligible); err != nil {
		b.Fatal(err)
	}
	f.payload = fmt.Appendf(nil, `{"citizen":"0x%040x","initiative":1,"amount":1}`, 0xc000)
	return f
}

// openBenchDB is a fresh migrated database with the pool `pbnode serve` uses (storagetest.Open
// caps PostgreSQL at 4 connections so the test suite can run many at once; the benchmark's 8
// goroutines should not queue for a connection a production node would have).
func openBenchDB(b *testing.B, driver string) *storage.DB {
	b.Helper()
	cfg := storagetest.Config(b, driver)
	cfg.MaxOpenConns = 0
	db, err := storage.Open(b.Context(), cfg, storagetest.Logger(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := db.Close(); err != nil {
			b.Error(err)
		}
	})
	if _, err := db.Migrate(b.Context()); err != nil {
		b.Fatal(err)
	}
	return db
}

// run times write, one call per iteration: from one goroutine (seq), or from
// benchParallelism×GOMAXPROCS goroutines, each with its own citizen (par).
func (f *allocFixture) run(b *testing.B, mode string, write func(b *testing.B, i int, citizen int64) error) {
	b.ReportAllocs()
	if mode == "seq" {
		i := 0
		for b.Loop() {
			if err := write(b, i, f.citizens[i%len(f.citizens)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	} else {
		var next atomic.Int64
		b.SetParallelism(benchParallelism)
		b.RunParallel(func(pb *testing.PB) {
			g := int(next.Add(1) - 1)
			citizen := f.citizens[g%len(f.citizens)]
			for i := g; pb.Next(); i++ {
				if err := write(b, i, citizen); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
}

// allocator is one POST /allocations worth of work in round: 1 kopeck into a piggy bank.
func (f *allocFixture) allocator(round int64) func(b *testing.B, i int, citizen int64) error {
	return func(b *testing.B, i int, citizen int64) error {
		_, err := f.svc.Allocate(b.Context(), budget.Move{RoundID: round, CitizenID: citizen, Initiative: 1 + i%benchInitiatives, Amount: 1})
		return err
	}
}

// enqueue is the baseline: one outbox row in its own transaction.
func (f *allocFixture) enqueue(b *testing.B, _ int, _ int64) error {
	return f.db.Tx(b.Context(), func(tx *storage.Tx) error {
		return tx.EnqueueOp(b.Context(), &storage.Op{Kind: "bench.baseline", RoundID: &f.roundID, Payload: f.payload})
	})
}
