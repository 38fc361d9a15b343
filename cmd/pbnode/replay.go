package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/replay"
)

// exitMismatch is the exit code of a replay whose funded set is not the official one.
const exitMismatch = 3

// replayOptions are the flags of `pbnode round replay`.
type replayOptions struct {
	pb   string
	json bool
}

func newRoundReplayCmd(opts *rootOptions) *cobra.Command {
	var o replayOptions
	cmd := &cobra.Command{
		Use:   "replay --pb FILE.pb [--json]",
		Short: "Replay a real pabulib election through BudgetRoundV2 on a throwaway embedded chain",
		Long: "replay starts an embedded dev chain in a temporary directory, deploys a BudgetRoundV2 round with\n" +
			"the file's budget, projects and rule (greedy, greedy-no-skip or greedy-threshold), makes every\n" +
			"voter a citizen with one eligibility root, relays their ballots as signed allocations (approval\n" +
			"and choose-1: one token per project; cumulative: the points; ordinal: Borda points), finalizes\n" +
			"the round on-chain, recounts it from the chain alone as `pbnode audit` does, and prints the\n" +
			"funded set next to the official one, with the gas per participating citizen. It exits 2 on bad input and 3 when the funded set is not the official one.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			return runReplay(cmd.Context(), o, log, opts.stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pb, "pb", "", "the .pb file to replay (required)")
	f.BoolVar(&o.json, "json", false, "print the result as JSON")
	return cmd
}

// replayResult is what `pbnode round replay --json` prints; gas figures are numbers.
type replayResult struct {
	File         string   `json:"file"`
	Rule         string   `json:"rule"`
	Round        string   `json:"round"`
	Voters       int      `json:"voters"`
	Materialized int      `json:"materialized"`
	Records      int      `json:"records"`
	Batches      int      `json:"batches"`
	Funded       []string `json:"funded"`
	Official     []string `json:"official"`
	Match        bool     `json:"match"`
	GasPerVoter  uint64   `json:"gas_per_citizen"`
	Gas          gasJSON  `json:"gas"`
}

type gasJSON struct {
	Setup       uint64 `json:"setup"`
	Claims      uint64 `json:"claims"`
	Materialize uint64 `json:"materialize"`
	Allocations uint64 `json:"allocations"`
	Finalize    uint64 `json:"finalize"`
	Total       uint64 `json:"total"`
}

func runReplay(ctx context.Context, o replayOptions, log *slog.Logger, out io.Writer) error {
	if o.pb == "" {
		return &exitError{code: exitBadInput, err: errors.New("round replay: --pb FILE.pb is required")}
	}
	e, err := readElection(o.pb)
	if err != nil {
		return &exitError{code: exitBadInput, err: err}
	}
	plan, err := replay.NewPlan(e)
	if err != nil {
		return &exitError{code: exitBadInput, err: fmt.Errorf("round replay %s: %w", o.pb, err)}
	}
	dir, err := os.MkdirTemp("", "pbnode-replay-")
	if err != nil {
		return fmt.Errorf("round replay: %w", err)
	}
	defer os.RemoveAll(dir)
	res, err := replayOn(ctx, dir, plan, o.pb, log)
	if err != nil {
		return err
	}
	r := describeReplay(o.pb, e, res)
	if o.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		printReplay(out, r, res)
	}
	if !r.Match {
		return &exitError{code: exitMismatch, err: fmt.Errorf("round replay %s: funded %v, official %v", o.pb, r.Funded, r.Official)}
	}
	return nil
}

// replayOn runs plan on a fresh embedded chain in dir, attached in-process.
func replayOn(ctx context.Context, dir string, plan *replay.Plan, name string, log *slog.Logger) (res *replay.Result, err error) {
	cfg := devchain.DefaultConfig()
	cfg.DataDir, cfg.HTTPAddr = dir, "127.0.0.1:0"
	node, err := devchain.Start(ctx, cfg, log.With("part", "devchain"))
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, node.Close()) }()
	rc := node.Attach()
	defer rc.Close()
	c, err := chain.NewClient(ctx, rc)
	if err != nil {
		return nil, err
	}
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	s := chain.NewSender(c, node.DevKey(), chainID)
	if res, err = replay.Run(ctx, c, s, node, plan, replay.Options{Name: name, Log: log}); err != nil {
		return nil, err
	}
	report, err := audit.RecomputeV2(ctx, c, res.Round)
	if err != nil {
		return nil, fmt.Errorf("round replay: audit: %w", err)
	}
	return res, checkAudit(report)
}

// checkAudit fails a replay whose round the outside auditor's recount does not confirm.
func checkAudit(r *audit.ReportV2) error {
	if !r.OK() {
		return fmt.Errorf("round replay: the audit of round %s disagrees: %v\n%s", r.Round.Hex(), r.Failed(), r.String())
	}
	return nil
}

// describeReplay names the initiatives by the file's project ids.
func describeReplay(file string, e *pabulib.Election, res *replay.Result) replayResult {
	ids := func(ns []uint16) []string {
		out := make([]string, len(ns))
		for i, n := range ns {
			out[i] = e.Projects[n-1].ID
		}
		return out
	}
	g := res.Gas
	return replayResult{
		File: file, Rule: e.Rule, Round: res.Round.Hex(), Voters: res.Voters, Materialized: res.Materialized,
		Records: res.Records, Batches: res.Batches, Funded: ids(res.Funded), Official: ids(res.Official),
		Match: res.Match(), GasPerVoter: res.PerCitizen(),
		Gas: gasJSON{Setup: g.Setup, Claims: g.Claims, Materialize: g.Materialize, Allocations: g.Allocations,
			Finalize: g.Finalize, Total: g.Total()},
	}
}

func printReplay(out io.Writer, r replayResult, res *replay.Result) {
	verdict := "MATCH: the chain funded exactly the official set"
	if !r.Match {
		verdict = "MISMATCH: the chain's funded set differs from the official one"
	}
	per := func(gas uint64) string {
		if r.Voters == 0 {
			return "0"
		}
		return strconv.FormatUint(gas/uint64(r.Voters), 10)
	}
	fmt.Fprintf(out, "Replayed %s (rule %s) on round %s\n", r.File, r.Rule, r.Round)
	fmt.Fprintf(out, "Citizens: %d voters; %d signed records in %d relayed batches; %d accounts materialized\n",
		r.Voters, r.Records, r.Batches, r.Materialized)
	fmt.Fprintf(out, "Funded on-chain: %v\n", r.Funded)
	fmt.Fprintf(out, "Official:        %v\n", r.Official)
	fmt.Fprintln(out, verdict)
	fmt.Fprintln(out, "Audit from the chain alone (pbnode audit): RESULT: OK, everything agrees")
	fmt.Fprintf(out, "Gas per participating citizen: %d (claim + first allocation %s, materialize %s, further allocations %s)\n",
		r.GasPerVoter, per(res.Gas.Claims), per(res.Gas.Materialize), per(res.Gas.Allocations))
	fmt.Fprintf(out, "Gas in all: %d (setup %d, citizens %d, finalize %d)\n",
		r.Gas.Total, r.Gas.Setup, res.Gas.Citizens(), r.Gas.Finalize)
}
