package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// roleRequest is what `pbnode role grant|revoke|list` is asked for.
type roleRequest struct {
	user      string // the twelve-digit unique user ID
	role      string
	territory string // "" is the whole city
}

func newRoleCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "role",
		Short: "Grant, revoke and list users' roles as the node's operator",
		Long: "role acts as the node's operator, who needs no grant: it is how the first admin is\n" +
			"appointed (pbnode role grant --user ID --role admin). Admins then grant roles through the API.\n" +
			"Roles: " + roleNames() + ". A territory limits a grant; none means the whole city.",
	}
	cmd.AddCommand(
		roleSubcommand(opts, "grant", "Grant a role to a user", true, grantRole),
		roleSubcommand(opts, "revoke", "Revoke a role from a user", true, revokeRole),
		roleSubcommand(opts, "list", "List a user's roles", false, listRoles),
	)
	return cmd
}

func roleSubcommand(opts *rootOptions, use, short string, withRole bool,
	do func(context.Context, *identity.Service, roleRequest, io.Writer) error) *cobra.Command {
	var req roleRequest
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			return withIdentity(cmd.Context(), cfg.Storage, log, func(svc *identity.Service) error {
				return do(cmd.Context(), svc, req, opts.stdout)
			})
		},
	}
	cmd.Flags().StringVar(&req.user, "user", "", "the user's twelve-digit unique user ID (required)")
	_ = cmd.MarkFlagRequired("user")
	if withRole {
		cmd.Flags().StringVar(&req.role, "role", "", roleNames()+" (required)")
		cmd.Flags().StringVar(&req.territory, "territory", "", "territory of the grant (default: the whole city)")
		_ = cmd.MarkFlagRequired("role")
	}
	addConfigFlags(cmd.Flags(), keyStorageDriver, keyStorageDSN)
	return cmd
}

func roleNames() string {
	var s string
	for i, r := range identity.AllRoles {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s
}

// withIdentity opens and migrates the database and runs fn with an identity service over it.
// Role commands read no personal data, so the service gets a throwaway vault and no gateway
// that sends anything.
func withIdentity(ctx context.Context, cfg storage.Config, log *slog.Logger, fn func(*identity.Service) error) error {
	return withDatabase(ctx, cfg, log, func(db *storage.DB) error {
		vault, err := pii.NewEphemeralVault("cli")
		if err != nil {
			return err
		}
		svc, err := identity.New(db, vault, identity.NewLogGateway(log), identity.DefaultConfig(), log)
		if err != nil {
			return err
		}
		return fn(svc)
	})
}

func grantRole(ctx context.Context, svc *identity.Service, req roleRequest, out io.Writer) error {
	g, err := svc.GrantRoleAsOperator(ctx, req.user, identity.Role(req.role), req.territory)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "granted %s\n", grantText(g))
	return err
}

func revokeRole(ctx context.Context, svc *identity.Service, req roleRequest, out io.Writer) error {
	if err := svc.RevokeRoleAsOperator(ctx, req.user, identity.Role(req.role), req.territory); err != nil {
		return err
	}
	_, err := fmt.Fprintf(out, "revoked %s\n", grantText(identity.RoleGrant{Role: identity.Role(req.role), Territory: req.territory}))
	return err
}

func listRoles(ctx context.Context, svc *identity.Service, req roleRequest, out io.Writer) error {
	grants, err := svc.Roles(ctx, req.user)
	if err != nil {
		return err
	}
	if len(grants) == 0 {
		_, err = fmt.Fprintln(out, "no roles (every signed-in user is a citizen)")
		return err
	}
	for _, g := range grants {
		if _, err := fmt.Fprintln(out, grantText(g)); err != nil {
			return err
		}
	}
	return nil
}

// grantText is "role" for a city-wide grant, "role in territory" otherwise.
func grantText(g identity.RoleGrant) string {
	if g.Territory == "" {
		return string(g.Role) + " (city-wide)"
	}
	return string(g.Role) + " in " + g.Territory
}
