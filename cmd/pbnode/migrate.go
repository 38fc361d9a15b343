package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/storage"
)

func newMigrateCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply the database migrations this binary knows and print the applied versions",
		Long: "migrate opens the database of storage.driver and storage.dsn (SQLite under data_dir unless\n" +
			"configured) and applies the missing migrations. It is safe to run while nodes are running.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			return runMigrate(cmd.Context(), cfg.Storage, log, opts.stdout)
		},
	}
	addConfigFlags(cmd.Flags(), keyStorageDriver, keyStorageDSN)
	return cmd
}

// runMigrate migrates the database of cfg and prints one line per applied version.
func runMigrate(ctx context.Context, cfg storage.Config, log *slog.Logger, out io.Writer) (err error) {
	db, err := storage.Open(ctx, cfg, log)
	if err != nil {
		return err // already says "open storage"
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close database: %w", cerr)
		}
	}()
	applied, err := db.Migrate(ctx)
	for _, label := range applied {
		fmt.Fprintf(out, "applied %s\n", label)
	}
	if err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	if len(applied) == 0 {
		fmt.Fprintln(out, "database is up to date")
	}
	return nil
}
