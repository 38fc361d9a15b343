package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/tally"
)

// exitBadInput is the exit code of a tally whose input cannot be read or tallied.
const exitBadInput = 2

// tallyOptions are the flags of `pbnode tally pb`.
type tallyOptions struct {
	in   string
	rule string
	json bool
}

// newTallyCmd builds `pbnode tally`, the off-chain tallies of budget rounds.
func newTallyCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tally",
		Short: "Tally participatory-budgeting elections off-chain",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newTallyPBCmd(opts), newTallyVerifyCmd(opts))
	return cmd
}

func newTallyPBCmd(opts *rootOptions) *cobra.Command {
	var o tallyOptions
	rules := make([]string, len(tally.Rules))
	for i, r := range tally.Rules {
		rules[i] = string(r)
	}
	cmd := &cobra.Command{
		Use:   "pb --in FILE.pb [--rule R] [--json]",
		Short: "Tally a pabulib .pb election and print the selected projects",
		Long: "pb reads an election in pabulib's .pb format, applies a rule (the file's own META rule\n" +
			"unless --rule names another: " + strings.Join(rules, ", ") + ")\n" +
			"and prints the selected project ids in selection order. It exits 2 on bad input.",
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return runTallyPB(o, opts.stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.in, "in", "", "the .pb file to tally (required)")
	f.StringVar(&o.rule, "rule", "", "the rule to apply (default: the file's META rule)")
	f.BoolVar(&o.json, "json", false, `print {"rule":...,"selected":[...],"cost":"..."}`)
	return cmd
}

func runTallyPB(o tallyOptions, out io.Writer) error {
	if o.in == "" {
		return &exitError{code: exitBadInput, err: errors.New("tally pb: --in FILE.pb is required")}
	}
	e, err := readElection(o.in)
	if err != nil {
		return &exitError{code: exitBadInput, err: err}
	}
	res, err := tally.Run(e, tally.Rule(o.rule))
	if err != nil {
		return &exitError{code: exitBadInput, err: fmt.Errorf("tally %s: %w", o.in, err)}
	}
	if o.json {
		_, err := fmt.Fprintf(out, "%s\n", res.JSON())
		return err
	}
	for _, id := range res.Selected {
		if _, err := fmt.Fprintln(out, id); err != nil {
			return err
		}
	}
	return nil
}

// readElection parses the .pb file at path.
func readElection(path string) (*pabulib.Election, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read election: %w", err)
	}
	defer f.Close()
	e, err := pabulib.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("read election %s: %w", path, err)
	}
	return e, nil
}

// tallyVerifyOptions are the flags of `pbnode tally verify`.
type tallyVerifyOptions struct {
	in       string
	rule     string
	rpc      string
	registry string
}

func newTallyVerifyCmd(opts *rootOptions) *cobra.Command {
	var o tallyVerifyOptions
	cmd := &cobra.Command{
		Use:   "verify --in FILE.pb --rpc URL --registry ADDRESS [--rule R]",
		Short: "Recount a published .pb file and find its anchor on-chain",
		Long: "verify recounts the file (the file's own rule unless --rule names another), hashes the result\n" +
			"and the file as the node anchors them (portal/tallies), and looks for that anchor in the\n" +
			"AnchorRegistry at --registry (GET /api/v1/contracts names it). It prints the result and the\n" +
			"anchor's transaction; it exits 1 when there is no such anchor and 2 on bad input.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTallyVerify(cmd.Context(), o, opts.stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.in, "in", "", "the published .pb file (required)")
	f.StringVar(&o.rule, "rule", "", "the rule it was tallied under (default: the file's META rule)")
	f.StringVar(&o.rpc, "rpc", "", "JSON-RPC URL of a chain node (required)")
	f.StringVar(&o.registry, "registry", "", "address of the AnchorRegistry (required)")
	return cmd
}

func runTallyVerify(ctx context.Context, o tallyVerifyOptions, out io.Writer) error {
	if o.in == "" || o.rpc == "" || !common.IsHexAddress(o.registry) {
		return &exitError{code: exitBadInput, err: errors.New("tally verify: --in FILE.pb, --rpc URL and --registry 0xADDRESS are required")}
	}
	input, err := os.ReadFile(o.in)
	if err != nil {
		return &exitError{code: exitBadInput, err: fmt.Errorf("tally verify: %w", err)}
	}
	c, err := chain.Dial(ctx, o.rpc)
	if err != nil {
		return err
	}
	defer c.Close()
	res, anchor, err := tallies.Verify(ctx, c, common.HexToAddress(o.registry), input, tally.Rule(o.rule))
	switch {
	case errors.Is(err, tallies.ErrInvalid), errors.Is(err, tallies.ErrTooLarge):
		return &exitError{code: exitBadInput, err: fmt.Errorf("tally verify %s: %w", o.in, err)}
	case err != nil:
		fmt.Fprintf(out, "%s\nNOT ANCHORED: %v\n", res.JSON(), err)
		return &exitError{code: 1, err: fmt.Errorf("tally verify %s: %w", o.in, err)}
	}
	_, err = fmt.Fprintf(out, "%s\nANCHORED: root %s, %d selected, anchor #%d in block %d, tx %s\n",
		res.JSON(), anchor.Root.Hex(), anchor.LeafCount, anchor.Index, anchor.Block, anchor.TxHash.Hex())
	return err
}
