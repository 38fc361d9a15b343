package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/export"
	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/storage"
)

// roundExportOptions are the flags of `pbnode round export`.
type roundExportOptions struct {
	pb        bool
	round     int64
	out       string
	allowOpen bool
}

// newRoundCmd builds `pbnode round`, the operator's commands on budget rounds.
func newRoundCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "round",
		Short: "Work with the node's budget rounds",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newRoundExportCmd(opts), newRoundReplayCmd(opts))
	return cmd
}

func newRoundExportCmd(opts *rootOptions) *cobra.Command {
	var o roundExportOptions
	cmd := &cobra.Command{
		Use:   "export --pb --round ID [--out FILE] [--allow-open]",
		Short: "Write a finished round as a pabulib .pb election",
		Long: "export reads the round from the database of storage.driver and storage.dsn and writes it in\n" +
			"pabulib's .pb format (vote_type cumulative, rule greedy; amounts in kopecks), so that anyone\n" +
			"can recount it, with `pbnode tally pb` or their own tools. Voters appear only as numbers.\n" +
			"A round that is not finalized is refused (exit 2) unless --allow-open is given.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !o.pb {
				return &exitError{code: exitBadInput, err: errors.New("round export: --pb is required (the only format)")}
			}
			if o.round <= 0 {
				return &exitError{code: exitBadInput, err: errors.New("round export: --round ID is required")}
			}
			cfg, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			return runRoundExport(cmd.Context(), cfg.Storage, log, o, opts.stdout)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.pb, "pb", false, "write pabulib's .pb format (required; the only format)")
	f.Int64Var(&o.round, "round", 0, "the round's ID (required)")
	f.StringVar(&o.out, "out", "", "the file to write (default: standard output)")
	f.BoolVar(&o.allowOpen, "allow-open", false, "export a round that is not finalized (no selected column)")
	addConfigFlags(f, keyStorageDriver, keyStorageDSN)
	return cmd
}

// runRoundExport opens and migrates the database of cfg and writes round o.round to o.out,
// or to stdout.
func runRoundExport(ctx context.Context, cfg storage.Config, log *slog.Logger, o roundExportOptions, stdout io.Writer) error {
	var buf bytes.Buffer
	err := withDatabase(ctx, cfg, log, func(db *storage.DB) error {
		// The service only reads here: nothing is queued, so nothing needs the outbox.
		svc := budget.New(db, noNotify{}, common.Address{}, log)
		e, err := export.Round(ctx, svc, o.round, export.Options{AllowOpen: o.allowOpen})
		switch {
		case errors.Is(err, export.ErrNotFinalized):
			return &exitError{code: exitBadInput, err: fmt.Errorf("%w (--allow-open exports it anyway, without the selected column)", err)}
		case errors.Is(err, budget.ErrRoundNotFound):
			return &exitError{code: exitBadInput, err: fmt.Errorf("round export: %w", err)}
		case err != nil:
			return err
		}
		return pabulib.Write(&buf, e)
	})
	if err != nil {
		return err
	}
	if o.out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("round export: %w", err)
	}
	return nil
}

// noNotify is the outbox notifier of a service that only reads.
type noNotify struct{}

func (noNotify) Notify() {}
