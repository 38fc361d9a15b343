package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/storage"
)

// tokenRequest is what `pbnode token issue` is asked for.
type tokenRequest struct {
	role  string
	label string
}

func newTokenCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Manage API tokens",
	}
	var req tokenRequest
	issue := &cobra.Command{
		Use:   "issue",
		Short: "Issue a service token for an official role and print it once",
		Long: "issue creates a bearer service token for a machine client of treasury, registrar or auditor.\n" +
			"Citizens get none: they sign in (SMS code or OIDC) and use the session token. Only the\n" +
			"token's SHA-256 is stored: keep the printed token, it is not shown again.",
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
	issue.Flags().StringVar(&req.role, "role", "", "treasury, registrar or auditor")
	issue.Flags().StringVar(&req.label, "label", "", "a note on whom the token is for")
	addConfigFlags(issue.Flags(), keyStorageDriver, keyStorageDSN)
	cmd.AddCommand(issue)
	return cmd
}

// issueToken migrates the database if needed, issues the token and prints it.
func issueToken(ctx context.Context, db *storage.DB, req tokenRequest, out io.Writer) error {
	role := access.Role(req.role)
	if role == access.RoleCitizen {
		return errors.New("--role citizen: service tokens are not issued for citizens; a citizen signs in " +
			"(SMS code or OIDC, see /login) and uses the session token")
	}
	if !access.ValidTokenRole(role) {
		return fmt.Errorf("--role must be treasury, registrar or auditor, not %q", req.role)
	}
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	token, err := access.NewTokens(db).Issue(ctx, role, req.label)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, token)
	return err
}
