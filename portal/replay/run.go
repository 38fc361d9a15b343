package replay

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// DefaultBatch is how many first uses one relay transaction carries (about 15k gas each).
const DefaultBatch = 500

// allocationBatch is how many further allocations one relay carries: each writes the
// citizen's position in a new slot (about 35k gas), and 250 stay well under the 16.7M gas
// cap of one transaction.
const allocationBatch = 250

// materializers is how many materialize transactions are in flight at once.
const materializers = 64

// Clock moves the chain's time forward: the embedded dev chain (devchain.Node) does.
type Clock interface {
	AdjustTime(d time.Duration) error
}

// Options tune Run.
type Options struct {
	Name  string // the round's name; "" uses "Replay"
	Batch int    // first uses per relay; 0 means DefaultBatch
	Log   *slog.Logger
}

// Gas is the gas a replay spent, by step.
type Gas struct {
	Setup       uint64 // deploy, initiatives, eligibility root
	Claims      uint64 // relayed first uses: claim + first allocation
	Materialize uint64 // accounts of voters with more than one project
	Allocations uint64 // relayed further allocations
	Finalize    uint64
}

// Citizens is the gas of what the citizens did: claims, materialize and allocations.
func (g Gas) Citizens() uint64 { return g.Claims + g.Materialize + g.Allocations }

// Total is every transaction's gas.
func (g Gas) Total() uint64 { return g.Setup + g.Citizens() + g.Finalize }

// Result is a finished replay.
type Result struct {
	Round        common.Address
	Voters       int      // participating citizens
	Materialized int      // of them, with more than one project
	Records      int      // signed records relayed
	Batches      int      // relay transactions
	Funded       []uint16 // the contract's funded set, in ranking order
	Official     []uint16 // the file's selected projects, in file order
	HasOfficial  bool     // whether the file has a selected column
	Gas          Gas
}

// Match reports whether the chain funded exactly the official set.
func (r *Result) Match() bool {
	a, b := slices.Clone(r.Funded), slices.Clone(r.Official)
	slices.Sort(a)
	slices.Sort(b)
	return r.HasOfficial && slices.Equal(a, b)
}

// PerCitizen is the citizens' gas over the participating citizens.
func (r *Result) PerCitizen() uint64 {
	if r.Voters == 0 {
		return 0
	}
	return r.Gas.Citizens() / uint64(r.Voters)
}

// Run replays plan p on the chain c as the official s (who deploys, registers, publishes,
// relays and finalizes): the round is deployed with the file's rule, every voter becomes a
// citizen with a fresh key and a quota in one eligibility root, each signs their first
// allocation (relayed as a claim) and, after their account is materialized, the rest (R-1.2,
// Then clock moves past the deadline and the round is finalized.
func Run(ctx context.Context, c *chain.Client, s *chain.Sender, clock Clock, p *Plan, o Options) (*Result, error) {
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Name == "" {
		o.Name = "Replay"
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	rn := &runner{c: c, s: s, p: p, o: o, res: &Result{Voters: len(p.Voters)}}
	rn.res.Official, rn.res.HasOfficial = p.Official()
	steps := []struct {
		name string
		do   func(context.Context) error
	}{
		{"deploy", rn.deploy},
		{"eligibility", rn.publish},
		{"claims", rn.claims},
		{"materialize", rn.materialize},
		{"allocations", rn.allocations},
		{"finalize", func(ctx context.Context) error { return rn.finalize(ctx, clock) }},
	}
	for _, st := range steps {
		start := time.Now()
		if err := st.do(ctx); err != nil {
			return nil, fmt.Errorf("replay: %s: %w", st.name, err)
		}
		o.Log.Info("replay step done", "step", st.name, "took", time.Since(start).Round(time.Millisecond))
	}
	return rn.res, nil
}

// runner holds a replay's working state.
type runner struct {
	c        *chain.Client
	s        *chain.Sender
	p        *Plan
	o        Options
	res      *Result
	round    *roundv2.Round
	domain   roundv2.Domain
	deadline uint64
	keys     []*ecdsa.PrivateKey
	tree     *merkle.Tree
	applied  []appliedAt // by voter, for those with more than one project
}

// appliedAt is a voter's relayed first use and the batch that committed it.
type appliedAt struct {
	batch *big.Int
	rec   roundv2.AppliedRecord
	proof []common.Hash
}

func (rn *runner) deploy(ctx context.Context) error {
	head, err := rn.c.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	// Every block is at least a second after its parent, so the replay's own blocks push
	// the chain's time ahead; a month is far more than any replay needs.
	// The next block is no earlier than the wall clock, whatever the head's time.
	rn.deadline = max(head.Time, uint64(time.Now().Unix())) + 30*24*3600
	rn.round, err = roundv2.Deploy(ctx, rn.c, rn.s, roundv2.DeployParams{
		Name: rn.o.Name, Symbol: "RPL", Budget: rn.p.Budget, Deadline: rn.deadline,
		Treasury: rn.s.Address(), Rule: roundv2.Rule(rn.p.Rule), Threshold: rn.p.Threshold,
	})
	if err != nil {
		return err
	}
	rn.res.Round = rn.round.Address()
	if rn.domain, err = rn.round.Domain(ctx); err != nil {
		return err
	}
	for i, cost := range rn.p.Costs {
		id, err := rn.round.RegisterInitiative(ctx, cost)
		if err != nil {
			return fmt.Errorf("register project %d: %w", i+1, err)
		}
		if int(id) != i+1 {
			return fmt.Errorf("project %d registered as initiative %d", i+1, id)
		}
	}
	// Deploy and RegisterInitiative return no receipts: the replay is the chain's only user
	// while it sets up, so the blocks since the head hold exactly its transactions.
	gas, err := rn.gasSince(ctx, head.Number.Uint64()+1)
	rn.res.Gas.Setup += gas
	return err
}

// publish gives every voter a key and index and publishes the eligibility root.
func (rn *runner) publish(ctx context.Context) error {
	rn.keys = make([]*ecdsa.PrivateKey, len(rn.p.Voters))
	leaves := make([]common.Hash, len(rn.p.Voters))
	for i, v := range rn.p.Voters {
		key, err := voterKey(i)
		if err != nil {
			return err
		}
		rn.keys[i] = key
		leaves[i] = merkle.EligibilityLeaf(uint64(i), crypto.PubkeyToAddress(key.PublicKey), v.Quota)
	}
	var err error
	if rn.tree, err = merkle.New(leaves); err != nil {
		return err
	}
	rc, err := rn.round.SetEligibilityRoot(ctx, rn.tree.Root(), uint64(len(leaves)))
	if err != nil {
		return err
	}
	rn.res.Gas.Setup += rc.GasUsed
	return nil
}

// claims relays every voter's first allocation as a claim, in index order.
func (rn *runner) claims(ctx context.Context) error {
	rn.applied = make([]appliedAt, len(rn.p.Voters))
	for lo := 0; lo < len(rn.p.Voters); lo += rn.o.Batch {
		hi := min(lo+rn.o.Batch, len(rn.p.Voters))
		batch := make([]roundv2.Signed, 0, hi-lo)
		for i := lo; i < hi; i++ {
			v := rn.p.Voters[i]
			rec := roundv2.Record{Kind: roundv2.KindClaimAllocate, Amount: v.Tokens[0].Amount, Quota: v.Quota,
				Initiative: v.Tokens[0].Initiative, Index: uint32(i), Deadline: rn.deadline}
			sg, err := roundv2.Sign(ctx, rn.domain, rec, roundv2.KeySigner(rn.keys[i]))
			if err != nil {
				return fmt.Errorf("sign claim of voter %s: %w", v.ID, err)
			}
			batch = append(batch, sg)
		}
		res, err := rn.round.Relay(ctx, batch, rn.tree)
		if err != nil {
			return fmt.Errorf("relay claims %d..%d: %w", lo, hi-1, err)
		}
		rn.res.Gas.Claims += res.GasUsed
		rn.res.Batches++
		rn.res.Records += len(batch)
		if err := rn.keepApplied(res.BatchID, lo, batch); err != nil {
			return err
		}
	}
	return nil
}

// keepApplied records, for the voters of a claims batch who allocate to more than one
// project, the applied record and its proof against the batch's claims root.
func (rn *runner) keepApplied(batchID *big.Int, lo int, batch []roundv2.Signed) error {
	cb, err := roundv2.Claims(rn.domain, batch)
	if err != nil {
		return err
	}
	for j, rec := range cb.Records {
		if len(rn.p.Voters[lo+j].Tokens) < 2 {
			continue
		}
		proof, err := cb.Proof(j)
		if err != nil {
			return err
		}
		rn.applied[lo+j] = appliedAt{batch: batchID, rec: rec, proof: proof}
	}
	return nil
}

// materialize writes the accounts of voters with more than one project, many at a time.
func (rn *runner) materialize(ctx context.Context) error {
	var (
		mu   sync.Mutex // guards gas, n and errs
		gas  uint64
		n    int
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, materializers)
	)
	for i := range rn.applied {
		a := rn.applied[i]
		if a.batch == nil {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			rc, err := rn.round.Materialize(ctx, a.batch, a.rec, a.proof)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("voter %s: %w", rn.p.Voters[i].ID, err))
				return
			}
			gas += rc.GasUsed
			n++
		})
	}
	wg.Wait()
	rn.res.Gas.Materialize, rn.res.Materialized = gas, n
	return errors.Join(errs...)
}

// allocations relays every voter's further allocations with nonces 1, 2, ….
func (rn *runner) allocations(ctx context.Context) error {
	var batch []roundv2.Signed
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := rn.round.Relay(ctx, batch, nil)
		if err != nil {
			return fmt.Errorf("relay %d allocations: %w", len(batch), err)
		}
		rn.res.Gas.Allocations += res.GasUsed
		rn.res.Batches++
		rn.res.Records += len(batch)
		batch = batch[:0]
		return nil
	}
	for i, v := range rn.p.Voters {
		for k, t := range v.Tokens[1:] {
			rec := roundv2.Record{Kind: roundv2.KindAllocate, Amount: t.Amount, Nonce: uint64(k + 1),
				Initiative: t.Initiative, Deadline: rn.deadline}
			sg, err := roundv2.Sign(ctx, rn.domain, rec, roundv2.KeySigner(rn.keys[i]))
			if err != nil {
				return fmt.Errorf("sign allocation of voter %s: %w", v.ID, err)
			}
			batch = append(batch, sg)
		}
		if len(batch) >= min(rn.o.Batch, allocationBatch) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// finalize moves the chain past the deadline and finalizes.
func (rn *runner) finalize(ctx context.Context, clock Clock) error {
	head, err := rn.c.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if head.Time < rn.deadline {
		if err := clock.AdjustTime(time.Duration(rn.deadline-head.Time) * time.Second); err != nil {
			return err
		}
	}
	rc, err := rn.round.Finalize(ctx)
	if err != nil {
		return err
	}
	rn.res.Gas.Finalize = rc.GasUsed
	rn.res.Funded, err = rn.round.Funded(ctx)
	return err
}

// gasSince sums the gas of the blocks from `from` to the head: the replay is the chain's only
// user while it sets up.
func (rn *runner) gasSince(ctx context.Context, from uint64) (uint64, error) {
	to, err := rn.c.BlockNumber(ctx)
	if err != nil {
		return 0, fmt.Errorf("read block number: %w", err)
	}
	var gas uint64
	for b := from; b <= to; b++ {
		h, err := rn.c.HeaderByNumber(ctx, new(big.Int).SetUint64(b))
		if err != nil {
			return 0, fmt.Errorf("read block %d: %w", b, err)
		}
		gas += h.GasUsed
	}
	return gas, nil
}

// voterKey derives voter i's key: deterministic, so a replay is repeatable, and useless
// outside a replay (the keys are public knowledge).
func voterKey(i int) (*ecdsa.PrivateKey, error) {
	seed := make([]byte, 8)
	binary.BigEndian.PutUint64(seed, uint64(i))
	h := crypto.Keccak256([]byte("pbnode replay voter"), seed)
	for {
		key, err := crypto.ToECDSA(h)
		if err == nil {
			return key, nil
		}
		h = crypto.Keccak256(h) // out of the curve's range: astronomically rare
	}
}
