package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/storage"
)

// tokenRequest is what `pbnode token issue` is asked for.
type tokenRequest struct {
	role    string
	citizen string // address, for the citizen role
	label   string
}

func newTokenCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Manage API tokens",
	}
	var req tokenRequest
	issue := &cobra.Command{
		Use:   "issue",
		Short: "Issue an API token for a role and print it once",
		Long: "issue creates a bearer token for treasury, registrar, auditor or citizen (with --citizen, the\n" +
			"address of a citizen the registrar already gave a quota). Only the token's SHA-256 is stored:\n" +
			"keep the printed token, it is not shown again.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			db, err := storage.Open(cmd.Context(), cfg.Storage, log)
			if err != nil {
				return err
			}
			defer db.Close()
			return issueToken(cmd.Context(), db, req, opts.stdout)
		},
	}
	issue.Flags().StringVar(&req.role, "role", "", "treasury, registrar, auditor or citizen")
	issue.Flags().StringVar(&req.citizen, "citizen", "", "the citizen's address (role citizen)")
	issue.Flags().StringVar(&req.label, "label", "", "a note on whom the token is for")
	addConfigFlags(issue.Flags(), keyStorageDriver, keyStorageDSN)
	cmd.AddCommand(issue)
	return cmd
}

// issueToken migrates the database if needed, issues the token and prints it.
func issueToken(ctx context.Context, db *storage.DB, req tokenRequest, out io.Writer) error {
	role := access.Role(req.role)
	if !access.ValidTokenRole(role) {
		return fmt.Errorf("--role must be treasury, registrar, auditor or citizen, not %q", req.role)
	}
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	var citizenID int64
	if role == access.RoleCitizen {
		if !common.IsHexAddress(req.citizen) {
			return errors.New("--citizen must be the citizen's 0x address")
		}
		c, err := db.CitizenByAddress(ctx, strings.ToLower(req.citizen))
		if errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("no citizen %s: the registrar's quota distribution registers citizens", req.citizen)
		}
		if err != nil {
			return err
		}
		citizenID = c.ID
	}
	token, err := access.NewTokens(db).Issue(ctx, role, citizenID, req.label)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, token)
	return err
}
