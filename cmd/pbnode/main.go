// Command pbnode runs a city e-participation node that keeps its books on an Ethereum chain.
//
// Commands: dev (embedded chain + SQLite), serve (an outside chain + PostgreSQL), migrate,
// token, role, pii (key rotation), audit (recompute a round from the chain and compare it with
// a node's API), tally (count a pabulib election off-chain), round export (write a round as a
// pabulib election), version.
// Configuration: defaults < YAML file < PBNODE_* environment < flags; see docs/CONFIG.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// rootOptions is what every subcommand shares: the --config path and the process's streams.
type rootOptions struct {
	configFile string // --config; "" means ./pbnode.yaml when it exists
	stdout     io.Writer
	stderr     io.Writer // logs and error messages
}

// subcommands are the constructors of pbnode's commands, in help order.
func subcommands() []func(*rootOptions) *cobra.Command {
	return []func(*rootOptions) *cobra.Command{
		newDevCmd,
		newServeCmd,
		newMigrateCmd,
		newTokenCmd,
		newRoleCmd,
		newPIICmd,
		newAuditCmd,
		newTallyCmd,
		newRoundCmd,
		newVersionCmd,
	}
}

// newRootCmd builds `pbnode` with its persistent flags and every subcommand.
func newRootCmd(opts *rootOptions) *cobra.Command {
	root := &cobra.Command{
		Use:           "pbnode",
		Short:         "A participatory-budgeting node that keeps its books on an Ethereum chain",
		SilenceUsage:  true,
		SilenceErrors: true, // run prints the error once
	}
	root.SetOut(opts.stdout)
	root.SetErr(opts.stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&opts.configFile, "config", "", "YAML config file (default ./pbnode.yaml if it exists)")
	addConfigFlags(pf, keyDataDir, keyLogLevel, keyLogFormat)
	for _, newCmd := range subcommands() {
		root.AddCommand(newCmd(opts))
	}
	return root
}

// run executes pbnode with args and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts := &rootOptions{stdout: stdout, stderr: stderr}
	root := newRootCmd(opts)
	root.SetArgs(args)
	return exitCode(stderr, root.ExecuteContext(ctx))
}

// load reads the config of cmd (its own flags included) for mode m and builds the logger.
func (o *rootOptions) load(cmd *cobra.Command, m Mode) (Config, *slog.Logger, error) {
	cfg, err := loadConfig(o, cmd.Flags(), m)
	if err != nil {
		return Config{}, nil, err
	}
	log := newLogger(o.stderr, cfg.Log)
	log.Debug("config loaded", "config", cfg)
	return cfg, log, nil
}

// exitError carries an exit code up to run, so that no command calls os.Exit.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// exitCode prints err on stderr and maps it to an exit code: 0 for nil, the code of an
// exitError, 1 for any other error.
func exitCode(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "pbnode: %v\n", err)
	if e, ok := errors.AsType[*exitError](err); ok {
		return e.code
	}
	return 1
}

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

func newVersionCmd(opts *rootOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of pbnode",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(opts.stdout, versionString())
			return err
		},
	}
}

// versionString is "pbnode <version> (<vcs revision>, <go version>)", revision when known.
func versionString() string {
	rev := "unknown revision"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				rev = s.Value
			}
		}
	}
	return fmt.Sprintf("pbnode %s (%s, %s)", version, rev, runtime.Version())
}
