package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/portal/pabulib"
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
	cmd.AddCommand(newTallyPBCmd(opts))
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

// tallyResult is what `pbnode tally pb --json` prints; cost is a decimal string.
type tallyResult struct {
	Rule     string   `json:"rule"`
	Selected []string `json:"selected"`
	Cost     string   `json:"cost"`
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
		return json.NewEncoder(out).Encode(tallyResult{
			Rule: string(res.Rule), Selected: res.Selected, Cost: strconv.FormatInt(res.Cost, 10),
		})
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
