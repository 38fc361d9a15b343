package roundv2_test

// The budget-at-scale issue's figures for BudgetRoundV2 driven from Go on the embedded dev
// chain, each next to its v1 baseline in the same process (docs/BENCHMARKS.md, "Budget
// rounds at city scale"; scripts/bench-v2.sh runs them):
//
//	BenchmarkV2Throughput     allocations signed, relayed, mined and confirmed per second,
//	                          first (claim + allocate) and later (after materialize);
//	                          baseline: one v1 allocateFor per allocation
//	BenchmarkV2Distribution   gas of publishing eligibility (setEligibilityRoot) for 10 and
//	                          1,000,000 citizens; baseline: v1 grantQuotas of 150 citizens
//	BenchmarkV2GasPerCitizen  gas of a claim + allocate relayed in a batch of 500; baseline:
//	                          a v1 grantQuotas share + allocateFor
//
// Benchmarks only run with -bench, so `go test ./chain/roundv2/` stays quick.

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/bindings/budgetroundv2"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/chain/internal/benchenv"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

const (
	// relayBatch is how many first uses one relay carries (about 7.2M gas; replay.DefaultBatch).
	relayBatch = 500
	// laterBatch is how many later allocations one relay carries: each writes the citizen's
	// position in a fresh slot (replay's allocationBatch).
	laterBatch = 250
	// relaysInFlight is how many relay transactions the v2 relayer keeps sent and unconfirmed.
	// On this 2-core machine 4 did best: 1 gave about 60 % of its rate and 8 no more than 1,
	// since each Build simulates on a pending block that re-runs the relays in flight.
	relaysInFlight = 4
	// v1InFlight is how many allocateFor transactions the v1 baseline keeps sent and
	// unconfirmed: the best of 8, 16, 64 and 256 tried here (8 gave a third of its rate),
	// and still far fewer allocations in flight than the v2 relayer's 2,000.
	v1InFlight = 256
	// setupInFlight is how many setup transactions (materialize, the gas baseline's
	// allocateFor) are kept in flight.
	setupInFlight = 64
	// grantChunk is how many citizens one v1 grantQuotas carries (about 12M gas, under the
	// EIP-7825 cap of 16,777,216 per transaction).
	grantChunk = 150
	// benchQuota is every citizen's quota; a first use allocates benchAmount of it.
	benchQuota  = 4000
	benchAmount = 1000
)

var (
	v1ABI = bindings.NewBudgetRound()
	v2ABI = budgetroundv2.NewBudgetRoundV2()
)

// BenchmarkV2Throughput measures allocations per second, end to end on the embedded dev
// chain over JSON-RPC, as `pbnode dev` reaches it. One iteration is a fresh round and the
// whole set of allocations; its setup (deploy, initiatives, eligibility root or quotas, and
// for later allocations the first uses and materialize) is not timed.
//
// contract=v2/op=relay-claims: first uses (claim + allocate). Citizens' keys sign their
// EIP-712 records on runtime.NumCPU goroutines, a batch of 500 in index order at a time, and
// the node recovers each batch's claims root (roundv2.Claims, what it keeps to materialize).
// The relayer packs each batch with its multiproof, simulates and signs it (Sender.Build:
// eth_estimateGas on the pending block), broadcasts it and keeps up to relaysInFlight relays
// in flight with consecutive nonces, while the signers work on the next batch. An allocation
// counts when its batch's receipt is mined and successful and its ClaimsCommitted root is the
// one the node computed.
//
// contract=v2/op=relay-later: second allocations (kind 1, nonce 1) of materialized citizens,
// 250 a batch, signed and relayed the same way.
//
// contract=v1/op=allocateFor (baseline, first, on the same chain): the call the node sends
// today (one at a time, through its outbox), one allocateFor per allocation from the relayer
// key, here built, broadcast and waited for the same way with up to v1InFlight in flight,
// after grantQuotas (not timed). A first and a later allocateFor are the same call.
//
// Receipts are polled every 100 ms, the node's default. Sizes: PBNODE_BENCH_V1_ALLOCATIONS
// (10,000), PBNODE_BENCH_V2_ALLOCATIONS (10,000), PBNODE_BENCH_V2_LATER (2,000).
func BenchmarkV2Throughput(b *testing.B) {
	e := newBenchChain(b)
	b.Run("contract=v1/op=allocateFor", func(b *testing.B) {
		e.benchV1Allocations(b, benchenv.Int(b, "PBNODE_BENCH_V1_ALLOCATIONS", 10_000))
	})
	b.Run("contract=v2/op=relay-claims", func(b *testing.B) {
		e.benchV2Claims(b, benchenv.Int(b, "PBNODE_BENCH_V2_ALLOCATIONS", 10_000))
	})
	b.Run("contract=v2/op=relay-later", func(b *testing.B) {
		e.benchV2Later(b, benchenv.Int(b, "PBNODE_BENCH_V2_LATER", 2_000))
	})
}

// BenchmarkV2Distribution measures the gas of publishing a round's eligibility: the first
// setEligibilityRoot of a fresh round for trees of 10 and 1,000,000 citizens (built with
// merkle.New), against v1's grantQuotas of 150 citizens (the most one transaction takes
// under the 16.7M gas cap), which a city repeats once per 150 citizens.
func BenchmarkV2Distribution(b *testing.B) {
	e := newBenchChain(b)
	b.Run("contract=v1/op=grantQuotas/citizens=150", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			round := e.deployV1(b, grantChunk*benchQuota)
			b.StartTimer()
			gas := e.grantQuotas(b, round, benchAddresses(0, grantChunk))
			b.ReportMetric(float64(gas), "gas")
			b.ReportMetric(float64(gas)/grantChunk, "gas/citizen")
		}
	})
	for _, n := range []int{10, 1_000_000} {
		b.Run(fmt.Sprintf("contract=v2/op=setEligibilityRoot/citizens=%d", n), func(b *testing.B) {
			tree := benchTree(b, n, nil)
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				round := e.deployV2(b, uint64(n)*benchQuota)
				b.StartTimer()
				rc, err := round.SetEligibilityRoot(b.Context(), tree.Root(), uint64(n))
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(rc.GasUsed), "gas")
				b.ReportMetric(float64(rc.GasUsed)/float64(n), "gas/citizen")
			}
		})
	}
}

// BenchmarkV2GasPerCitizen measures the gas of one participating citizen's first use.
//
// contract=v2: one relay of 500 claims + allocations at consecutive indices 1000..1499 of a
// 1,000,000-leaf eligibility tree, after a warm-up relay of three citizens (indices 0..2, one
// per initiative) so that totals and the claims-root array are non-zero, as in the middle of
// a round (the Hardhat figures do the same, docs/BENCHMARKS-contracts-v2.md).
//
// contract=v1 (baseline): grantQuotas of 150 citizens, then one allocateFor for each; a
// citizen's gas is their share of the grant plus their allocateFor.
func BenchmarkV2GasPerCitizen(b *testing.B) {
	e := newBenchChain(b)
	b.Run("contract=v1/op=grantQuotas+allocateFor/citizens=150", func(b *testing.B) {
		for range b.N {
			round := e.deployV1(b, grantChunk*benchQuota)
			citizens := benchAddresses(0, grantChunk)
			grant := e.grantQuotas(b, round, citizens)
			var allocate uint64
			check := func(rc *types.Receipt) error { allocate += rc.GasUsed; return nil } // the waiter's only
			err := pipeline(b.Context(), e.relayer, round, setupInFlight, len(citizens), func(_ context.Context, i int) (call, error) {
				return call{data: v1ABI.PackAllocateFor(citizens[i], big.NewInt(int64(1+i%3)), big.NewInt(benchAmount)), check: check}, nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(grant)/grantChunk, "grant-gas/citizen")
			b.ReportMetric(float64(allocate)/grantChunk, "allocate-gas/citizen")
			b.ReportMetric(float64(grant+allocate)/grantChunk, "gas/citizen")
		}
	})
	b.Run("contract=v2/op=relay/batch=500/tree=1000000", func(b *testing.B) {
		const treeSize, first, warmUp = 1_000_000, 1000, 3
		keys := make(map[int]*ecdsa.PrivateKey, relayBatch+warmUp)
		for i := range warmUp {
			keys[i] = newKey(b)
		}
		for i := first; i < first+relayBatch; i++ {
			keys[i] = newKey(b)
		}
		tree := benchTree(b, treeSize, keys)
		b.ResetTimer()
		for range b.N {
			round := e.deployV2(b, treeSize*benchQuota)
			if _, err := round.SetEligibilityRoot(b.Context(), tree.Root(), treeSize); err != nil {
				b.Fatal(err)
			}
			dom, err := round.Domain(b.Context())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := round.Relay(b.Context(), signRange(b, dom, keys, 0, warmUp, e.deadline), tree); err != nil {
				b.Fatalf("warm-up relay: %v", err)
			}
			batch := signRange(b, dom, keys, first, first+relayBatch, e.deadline)
			res, err := round.Relay(b.Context(), batch, tree)
			if err != nil {
				b.Fatal(err)
			}
			tx, _, err := e.c.TransactionByHash(b.Context(), res.Receipt.TxHash)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(res.GasUsed), "gas")
			b.ReportMetric(float64(res.GasUsed)/relayBatch, "gas/citizen")
			b.ReportMetric(float64(len(tx.Data())), "calldata-bytes")
		}
	})
}

// benchChain is a dev chain of its own for one benchmark function, and two senders with the
// dev key (which has every role of the rounds it deploys): s for the untimed setup, polling
// for receipts every 5 ms, and relayer for what is timed, with the node's 100 ms. Each finds
// its nonce again when the other has used the key.
type benchChain struct {
	c        *chain.Client
	s        *chain.Sender
	relayer  *chain.Sender
	deadline uint64 // every round's and signature's deadline: a day after the chain starts
}

func newBenchChain(b *testing.B) *benchChain {
	n := devchaintest.Start(b)
	c, relayer := devchaintest.Connect(b, n)
	chainID, _ := c.ChainID(b.Context())
	s := chain.NewSender(c, n.DevKey(), chainID, chain.WithPollInterval(5*time.Millisecond))
	head, err := c.HeaderByNumber(b.Context(), nil)
	if err != nil {
		b.Fatal(err)
	}
	// Every block is at least a second after its parent, so the chain's clock runs ahead of
	// the wall clock; a day is far more than the benchmarks' blocks.
	return &benchChain{c: c, s: s, relayer: relayer, deadline: max(head.Time, uint64(time.Now().Unix())) + 24*3600}
}

// deployV2 deploys a BudgetRoundV2 with three initiatives; the dev key has every role.
func (e *benchChain) deployV2(b *testing.B, budget uint64) *roundv2.Round {
	b.Helper()
	round, err := roundv2.Deploy(b.Context(), e.c, e.s, roundv2.DeployParams{
		Name: "Bench v2", Symbol: "PB2", Budget: budget, Deadline: e.deadline, Treasury: common.Address{0x7e}, Rule: roundv2.RuleGreedy,
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, cost := range costs {
		if _, err := round.RegisterInitiative(b.Context(), cost); err != nil {
			b.Fatal(err)
		}
	}
	return round
}

// deployV1 deploys a v1 BudgetRound with three initiatives; the dev key has every role.
func (e *benchChain) deployV1(b *testing.B, budget uint64) common.Address {
	b.Helper()
	round := devchaintest.DeployRound(b, e.s, "Bench v1", new(big.Int).SetUint64(budget), e.deadline)
	for _, cost := range costs {
		if _, err := e.s.Send(b.Context(), &round, v1ABI.PackRegisterInitiative(new(big.Int).SetUint64(cost))); err != nil {
			b.Fatalf("register initiative on v1 round: %v", err)
		}
	}
	return round
}

// grantQuotas grants benchQuota to each citizen on a v1 round, grantChunk a transaction,
// and returns the gas.
func (e *benchChain) grantQuotas(b *testing.B, round common.Address, citizens []common.Address) uint64 {
	b.Helper()
	var gas uint64
	for lo := 0; lo < len(citizens); lo += grantChunk {
		chunk := citizens[lo:min(lo+grantChunk, len(citizens))]
		amounts := make([]*big.Int, len(chunk))
		for i := range amounts {
			amounts[i] = big.NewInt(benchQuota)
		}
		rc, err := e.s.Send(b.Context(), &round, v1ABI.PackGrantQuotas(chunk, amounts))
		if err != nil {
			b.Fatalf("grantQuotas of %d citizens: %v", len(chunk), err)
		}
		gas += rc.GasUsed
	}
	return gas
}

// benchV1Allocations is the baseline of BenchmarkV2Throughput: n allocateFor transactions.
func (e *benchChain) benchV1Allocations(b *testing.B, n int) {
	citizens := benchAddresses(0, n)
	var blocks uint64
	for range b.N {
		b.StopTimer()
		round := e.deployV1(b, uint64(n)*benchQuota)
		e.grantQuotas(b, round, citizens)
		from := e.head(b)
		b.StartTimer()
		err := pipeline(b.Context(), e.relayer, round, v1InFlight, n, func(_ context.Context, i int) (call, error) {
			return call{data: v1ABI.PackAllocateFor(citizens[i], big.NewInt(int64(1+i%3)), big.NewInt(benchAmount))}, nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		blocks += e.head(b) - from
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "allocations/s")
	b.ReportMetric(float64(blocks)/float64(b.N), "blocks")
}

// benchV2Claims is BenchmarkV2Throughput's first uses: n claims + allocations relayed in
// batches of relayBatch.
func (e *benchChain) benchV2Claims(b *testing.B, n int) {
	signers, tree := benchCitizens(b, n)
	var blocks uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		round, dom := e.openV2(b, tree)
		from := e.head(b)
		b.StartTimer()
		if err := e.relayAll(b.Context(), round.Address(), dom, signers, tree, relayBatch, firstUse); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		blocks += e.head(b) - from
		if d, err := round.Distributed(b.Context()); err != nil || d != uint64(n)*benchQuota {
			b.Fatalf("distributed = %d, %v; want %d", d, err, n*benchQuota)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "allocations/s")
	b.ReportMetric(float64(blocks)/float64(b.N), "blocks")
}

// benchV2Later is BenchmarkV2Throughput's later allocations: n citizens' first uses are
// relayed and their accounts materialized (not timed), then each citizen's second
// allocation is relayed in batches of laterBatch.
func (e *benchChain) benchV2Later(b *testing.B, n int) {
	signers, tree := benchCitizens(b, n)
	var blocks uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		round, dom := e.openV2(b, tree)
		e.claimAndMaterialize(b, round, dom, signers, tree)
		from := e.head(b)
		b.StartTimer()
		if err := e.relayAll(b.Context(), round.Address(), dom, signers, tree, laterBatch, laterUse); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		blocks += e.head(b) - from
		last := signers[n-1].Address()
		if acc, err := round.Account(b.Context(), last); err != nil || acc.Nonce != 2 || acc.Unallocated != benchQuota-2*benchAmount {
			b.Fatalf("account of the last citizen = %+v, %v; want nonce 2, %d unallocated", acc, err, benchQuota-2*benchAmount)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "allocations/s")
	b.ReportMetric(float64(blocks)/float64(b.N), "blocks")
}

// benchCitizens are n citizens' signers and their eligibility tree, citizen i at index i.
func benchCitizens(b *testing.B, n int) ([]roundv2.Signer, *merkle.Tree) {
	b.Helper()
	signers := make([]roundv2.Signer, n)
	leaves := make([]common.Hash, n)
	for i := range signers {
		signers[i] = roundv2.KeySigner(newKey(b))
		leaves[i] = merkle.EligibilityLeaf(uint64(i), signers[i].Address(), benchQuota)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		b.Fatal(err)
	}
	return signers, tree
}

// openV2 deploys a round for tree's citizens, publishes the tree's root and reads the
// round's EIP-712 domain.
func (e *benchChain) openV2(b *testing.B, tree *merkle.Tree) (*roundv2.Round, roundv2.Domain) {
	b.Helper()
	round := e.deployV2(b, uint64(tree.Len())*benchQuota)
	if _, err := round.SetEligibilityRoot(b.Context(), tree.Root(), uint64(tree.Len())); err != nil {
		b.Fatal(err)
	}
	dom, err := round.Domain(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	return round, dom
}

// claimAndMaterialize relays every citizen's first use with Round.Relay, then materializes
// every account, setupInFlight materialize transactions at a time.
func (e *benchChain) claimAndMaterialize(b *testing.B, round *roundv2.Round, dom roundv2.Domain, signers []roundv2.Signer, tree *merkle.Tree) {
	b.Helper()
	type applied struct {
		batch *big.Int
		rec   roundv2.AppliedRecord
		proof []common.Hash
	}
	var all []applied
	for lo := 0; lo < len(signers); lo += relayBatch {
		batch := make([]roundv2.Signed, 0, relayBatch)
		for i := lo; i < min(lo+relayBatch, len(signers)); i++ {
			s, err := roundv2.Sign(b.Context(), dom, firstUse(i, e.deadline), signers[i])
			if err != nil {
				b.Fatal(err)
			}
			batch = append(batch, s)
		}
		res, err := round.Relay(b.Context(), batch, tree)
		if err != nil {
			b.Fatal(err)
		}
		claims, err := roundv2.Claims(dom, batch)
		if err != nil {
			b.Fatal(err)
		}
		for j, rec := range claims.Records {
			proof, err := claims.Proof(j)
			if err != nil {
				b.Fatal(err)
			}
			all = append(all, applied{batch: res.BatchID, rec: rec, proof: proof})
		}
	}
	to := round.Address()
	err := pipeline(b.Context(), e.s, to, setupInFlight, len(all), func(_ context.Context, i int) (call, error) {
		a := all[i]
		proof := make([][32]byte, len(a.proof))
		for k, h := range a.proof {
			proof[k] = h
		}
		return call{data: v2ABI.PackMaterialize(a.batch, u256(uint64(a.rec.Index)), a.rec.Citizen, u256(a.rec.Quota),
			u256(uint64(a.rec.Initiative)), u256(a.rec.Amount), proof)}, nil
	})
	if err != nil {
		b.Fatalf("materialize: %v", err)
	}
}

// firstUse is citizen i's first use: claim the quota of index i, allocate benchAmount.
func firstUse(i int, deadline uint64) roundv2.Record {
	return roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: benchAmount, Quota: benchQuota,
		Initiative: uint16(1 + i%3), Index: uint32(i), Deadline: deadline}
}

// laterUse is citizen i's second allocation, to the next initiative, with nonce 1.
func laterUse(i int, deadline uint64) roundv2.Record {
	return roundv2.Record{Kind: roundv2.KindAllocate, Amount: benchAmount, Nonce: 1,
		Initiative: uint16(1 + (i+1)%3), Deadline: deadline}
}

func u256(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

// signedBatch is one batch of signed records, with the claims root the node expects the
// relay to commit (zero for a batch without claims).
type signedBatch struct {
	records []roundv2.Signed
	root    common.Hash
}

// relayAll has every signer sign record(i) and relays them in batches of size: a signing
// goroutine (which fans each batch out to runtime.NumCPU signers) works ahead of the relayer
// by a batch, and the relayer keeps relaysInFlight relays unconfirmed.
func (e *benchChain) relayAll(ctx context.Context, round common.Address, dom roundv2.Domain, signers []roundv2.Signer, tree *merkle.Tree, size int, record func(int, uint64) roundv2.Record) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan signedBatch, 1)
	signErr := make(chan error, 1)
	go func() { // owned here: it ends when every batch is signed or ctx is canceled
		defer close(batches)
		signErr <- e.signBatches(ctx, dom, signers, size, record, batches)
	}()
	n := (len(signers) + size - 1) / size
	err := pipeline(ctx, e.relayer, round, relaysInFlight, n, func(ctx context.Context, _ int) (call, error) {
		var sb signedBatch
		var ok bool
		select {
		case sb, ok = <-batches:
		case <-ctx.Done():
			return call{}, ctx.Err()
		}
		if !ok {
			return call{}, errors.New("signing stopped")
		}
		data, err := relayData(sb.records, tree)
		c := call{data: data}
		if sb.root != (common.Hash{}) {
			c.check = func(rc *types.Receipt) error { return checkCommitted(rc, round, sb) }
		}
		return c, err
	})
	cancel()
	return errors.Join(err, <-signErr)
}

// signBatches signs record(i) by signers[i], size records a batch, and sends each batch with
// its claims root on out.
func (e *benchChain) signBatches(ctx context.Context, dom roundv2.Domain, signers []roundv2.Signer, size int, record func(int, uint64) roundv2.Record, out chan<- signedBatch) error {
	workers := runtime.NumCPU()
	for lo := 0; lo < len(signers); lo += size {
		hi := min(lo+size, len(signers))
		records := make([]roundv2.Signed, hi-lo)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := lo + w; i < hi && errs[w] == nil; i += workers {
					records[i-lo], errs[w] = roundv2.Sign(ctx, dom, record(i, e.deadline), signers[i])
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("sign batch %d..%d: %w", lo, hi-1, err)
		}
		sb := signedBatch{records: records}
		claims, err := roundv2.Claims(dom, records)
		if err != nil {
			return err
		}
		if claims != nil {
			sb.root = claims.Root()
		}
		select {
		case out <- sb:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// relayData packs a relay of batch with the multiproof of its claims, as Round.Relay does.
func relayData(batch []roundv2.Signed, tree *merkle.Tree) ([]byte, error) {
	records := make([]budgetroundv2.BudgetRoundV2Signed, len(batch))
	var indices []int
	for i, s := range batch {
		records[i] = s.Binding()
		if s.Record.Kind == roundv2.KindClaimAllocate {
			indices = append(indices, int(s.Record.Index))
		}
	}
	proof, bits := [][32]byte{}, []*big.Int{}
	if len(indices) > 0 {
		mp, err := tree.MultiProof(indices)
		if err != nil {
			return nil, fmt.Errorf("multiproof of %d claims: %w", len(indices), err)
		}
		for _, h := range mp.Proof {
			proof = append(proof, h)
		}
		bits = merkle.PackFlags(mp.Flags)
	}
	return v2ABI.PackRelay(records, proof, bits), nil
}

// checkCommitted confirms a relay: its receipt commits sb's claims root with every claim.
func checkCommitted(rc *types.Receipt, round common.Address, sb signedBatch) error {
	for _, l := range rc.Logs {
		if l.Address != round {
			continue
		}
		if ev, err := v2ABI.UnpackClaimsCommittedEvent(l); err == nil {
			if ev.Root != sb.root || ev.Claims.Cmp(big.NewInt(int64(len(sb.records)))) != 0 {
				return fmt.Errorf("relay %s committed root %x of %s claims, want %s of %d", rc.TxHash, ev.Root, ev.Claims, sb.root, len(sb.records))
			}
			return nil
		}
	}
	return fmt.Errorf("relay %s: no ClaimsCommitted event", rc.TxHash)
}

// call is one transaction of a pipeline: its data, and a check of its receipt (nil: none).
type call struct {
	data  []byte
	check func(*types.Receipt) error
}

// pipeline sends n transactions to `to` with consecutive nonces, the way a relayer does:
// next(i) gives the i-th call, which is simulated and signed (Sender.Build), broadcast and
// handed to a waiter, with at most window sent and not yet confirmed. The waiter takes
// receipts in nonce order (Sender.WaitMined: a reverted transaction is an error) and runs
// each call's check. It returns when every receipt is confirmed or at the first error.
func pipeline(ctx context.Context, s *chain.Sender, to common.Address, window, n int, next func(context.Context, int) (call, error)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	nonce, err := s.PendingNonce(ctx)
	if err != nil {
		return err
	}
	type sent struct {
		tx    *types.Transaction
		check func(*types.Receipt) error
	}
	slots := make(chan struct{}, window) // a token per transaction in flight
	queue := make(chan sent, window)     // sent transactions, in nonce order, for the waiter
	waitErr := make(chan error, 1)
	go func() { // owned here: it ends when queue is closed and drained, or at its first error
		for st := range queue {
			rc, err := s.WaitMined(ctx, st.tx.Hash())
			if err == nil && st.check != nil {
				err = st.check(rc)
			}
			if err != nil {
				cancel(err)
				waitErr <- err
				return
			}
			<-slots
		}
		waitErr <- nil
	}()
	var sendErr error
	for i := range n {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		c, err := next(ctx, i)
		var tx *types.Transaction
		if err == nil {
			tx, err = s.Build(ctx, &to, c.data, nonce+uint64(i))
		}
		if err == nil {
			err = s.Broadcast(ctx, tx)
		}
		if err != nil {
			sendErr = fmt.Errorf("transaction %d of %d: %w", i, n, err)
			cancel(sendErr)
			break
		}
		queue <- sent{tx: tx, check: c.check} // never blocks: queue holds window, slots allow window
	}
	close(queue)
	if err := <-waitErr; err != nil {
		return err
	}
	return sendErr
}

// head is the latest block number.
func (e *benchChain) head(b *testing.B) uint64 {
	b.Helper()
	n, err := e.c.BlockNumber(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func newKey(b *testing.B) *ecdsa.PrivateKey {
	b.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	return key
}

// benchAddresses are n distinct citizen addresses, for rounds where nobody signs (v1).
func benchAddresses(from, n int) []common.Address {
	addrs := make([]common.Address, n)
	for i := range addrs {
		addrs[i] = common.BigToAddress(big.NewInt(int64(0xc0000 + from + i)))
	}
	return addrs
}

// benchTree is an eligibility tree of n citizens with quota benchQuota: the holder of
// keys[i] at index i, a made-up address elsewhere.
func benchTree(b *testing.B, n int, keys map[int]*ecdsa.PrivateKey) *merkle.Tree {
	b.Helper()
	filler := benchAddresses(0, n)
	leaves := make([]common.Hash, n)
	for i := range leaves {
		addr := filler[i]
		if key, ok := keys[i]; ok {
			addr = crypto.PubkeyToAddress(key.PublicKey)
		}
		leaves[i] = merkle.EligibilityLeaf(uint64(i), addr, benchQuota)
	}
	tree, err := merkle.New(leaves)
	if err != nil {
		b.Fatal(err)
	}
	return tree
}

// signRange has keys[i] sign a first use at index i for i in [lo, hi), in index order.
func signRange(b *testing.B, dom roundv2.Domain, keys map[int]*ecdsa.PrivateKey, lo, hi int, deadline uint64) []roundv2.Signed {
	b.Helper()
	batch := make([]roundv2.Signed, 0, hi-lo)
	for i := lo; i < hi; i++ {
		s, err := roundv2.Sign(b.Context(), dom, firstUse(i, deadline), roundv2.KeySigner(keys[i]))
		if err != nil {
			b.Fatal(err)
		}
		batch = append(batch, s)
	}
	return batch
}
