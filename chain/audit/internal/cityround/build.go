// Package cityround builds a city-scale BudgetRoundV2 round on a persistent
// embedded dev chain, for the end-to-end benchmark of `pbnode audit`
// (chain/audit, BenchmarkAuditCityRound): N citizens with keys derived from
// their index, one eligibility root of all of them, and each citizen's first
// use (claim and allocate) relayed Batch a transaction. A round directory
// holds the chain and a manifest; Build on a directory with a manifest of the
// same N reuses the round.
package cityround

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// Batch is how many first uses one relay carries (about 7.2M gas; the
// node's replay.DefaultBatch).
const Batch = 500

// Config says which round to build where.
type Config struct {
	// Dir is the round directory: the dev chain's data in Dir/chain and the
	// manifest. Created when missing.
	Dir string
	// N is the number of citizens, and so of allocations.
	N int
	// Log receives progress; the dev chain logs its warnings to it.
	Log *slog.Logger
}

// Validate reports the first invalid field.
func (c Config) Validate() error {
	switch {
	case c.Dir == "":
		return errors.New("cityround: Dir is required")
	case c.N <= 0:
		return fmt.Errorf("cityround: N = %d, want at least 1", c.N)
	case c.Log == nil:
		return errors.New("cityround: Log is required")
	}
	return nil
}

// Build builds the round of cfg.N citizens in cfg.Dir, or returns the
// manifest of the one built there before. A directory with a round of
// another N is an error; a build that did not finish (no manifest) is
// started again from an empty chain.
func Build(ctx context.Context, cfg Config) (Manifest, error) {
	if err := cfg.Validate(); err != nil {
		return Manifest{}, err
	}
	if ok, err := haveManifest(cfg.Dir); err != nil || ok {
		if err != nil {
			return Manifest{}, err
		}
		return reuse(cfg)
	}
	if err := os.RemoveAll(filepath.Join(cfg.Dir, chainDir)); err != nil {
		return Manifest{}, fmt.Errorf("remove the unfinished round: %w", err)
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("create round directory: %w", err)
	}
	start := time.Now()
	node, err := Start(ctx, cfg.Dir, cfg.Log)
	if err != nil {
		return Manifest{}, err
	}
	m, err := build(ctx, node, cfg)
	if cerr := node.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return Manifest{}, err
	}
	m.Built, m.BuildSeconds = time.Now().UTC(), time.Since(start).Seconds()
	if err := m.write(cfg.Dir); err != nil {
		return Manifest{}, err
	}
	cfg.Log.Info("city round built", "n", m.N, "round", m.Round, "blocks", fmt.Sprintf("%d-%d", m.FromBlock, m.ToBlock),
		"seconds", fmt.Sprintf("%.1f", m.BuildSeconds), "allocations_per_s", fmt.Sprintf("%.0f", float64(m.N)/m.BuildSeconds))
	return m, nil
}

func reuse(cfg Config) (Manifest, error) {
	m, err := ReadManifest(cfg.Dir)
	if err != nil {
		return Manifest{}, err
	}
	if m.N != cfg.N {
		return Manifest{}, fmt.Errorf("cityround: %s holds a round of %d citizens, not %d: use another directory", cfg.Dir, m.N, cfg.N)
	}
	cfg.Log.Info("city round reused", "n", m.N, "round", m.Round, "dir", cfg.Dir)
	return m, nil
}

// Start starts the dev chain of round directory dir, serving JSON-RPC on a
// free loopback port (Node.RPCURL). The caller closes it.
func Start(ctx context.Context, dir string, log *slog.Logger) (*devchain.Node, error) {
	dc := devchain.DefaultConfig()
	dc.DataDir = filepath.Join(dir, chainDir)
	dc.HTTPAddr = "127.0.0.1:0"
	node, err := devchain.Start(ctx, dc, log)
	if err != nil {
		return nil, fmt.Errorf("cityround: %w", err)
	}
	return node, nil
}

// build deploys the round, publishes the eligibility root and relays every
// first use, on the running node.
func build(ctx context.Context, node *devchain.Node, cfg Config) (Manifest, error) {
	c, err := chain.NewClient(ctx, node.Attach())
	if err != nil {
		return Manifest{}, err
	}
	defer c.Close()
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return Manifest{}, err
	}
	s := chain.NewSender(c, node.DevKey(), chainID, chain.WithPollInterval(10*time.Millisecond))
	t0 := time.Now()
	cit, err := newCitizens(ctx, cfg.N)
	if err != nil {
		return Manifest{}, err
	}
	cfg.Log.Info("citizens derived", "n", cfg.N, "seconds", fmt.Sprintf("%.1f", time.Since(t0).Seconds()))
	round, from, deadline, err := open(ctx, c, s, cit)
	if err != nil {
		return Manifest{}, err
	}
	dom, err := round.Domain(ctx)
	if err != nil {
		return Manifest{}, err
	}
	r := &relayer{s: s, key: node.DevKey(), chainID: chainID, round: round.Address(), dom: dom, cit: cit, deadline: deadline, log: cfg.Log}
	relays, err := r.run(ctx)
	if err != nil {
		return Manifest{}, err
	}
	if d, err := round.Distributed(ctx); err != nil || d != uint64(cfg.N)*Quota {
		return Manifest{}, fmt.Errorf("cityround: distributed %d (%v) after the relays, want %d", d, err, uint64(cfg.N)*Quota)
	}
	to, err := c.BlockNumber(ctx)
	if err != nil {
		return Manifest{}, err
	}
	return Manifest{Round: round.Address(), N: cfg.N, ChainID: chainID.Uint64(), FromBlock: from, ToBlock: to, Relays: relays}, nil
}

// open deploys the round with Initiatives initiatives and publishes the
// eligibility root of cit. It returns the first block the deployment can
// be in, and the deadline: a year ahead, since every block is a second
// after its parent at least, so the chain's clock runs ahead.
func open(ctx context.Context, c *chain.Client, s *chain.Sender, cit *citizens) (*roundv2.Round, uint64, uint64, error) {
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, 0, 0, err
	}
	deadline := max(uint64(time.Now().Unix()), head.Time) + 365*24*3600
	n := uint64(len(cit.keys))
	round, err := roundv2.Deploy(ctx, c, s, roundv2.DeployParams{
		Name: fmt.Sprintf("City round of %d", n), Symbol: "PBC", Budget: n * Quota, Deadline: deadline,
		Treasury: common.Address{0x7e}, Rule: roundv2.RuleGreedy,
	})
	if err != nil {
		return nil, 0, 0, err
	}
	for k := range Initiatives {
		// Costs that one, two and all three thirds of the allocations reach, roughly.
		if _, err := round.RegisterInitiative(ctx, n*Amount/Initiatives*uint64(k+1)/2+1); err != nil {
			return nil, 0, 0, err
		}
	}
	if _, err := round.SetEligibilityRoot(ctx, cit.tree.Root(), n); err != nil {
		return nil, 0, 0, err
	}
	return round, head.Number.Uint64() + 1, deadline, nil
}
