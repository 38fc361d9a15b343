package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/demo"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
)

// devOptions configure `pbnode dev`: the embedded chain and SQLite under one data directory.
type devOptions struct {
	DataDir  string
	HTTPAddr string
	Chain    devchain.Config
	Storage  storage.Config
	Demo     bool
	Node     nodeOptions // Storage, RPCURL and Key are filled in by runDev
	Out      io.Writer   // where the banner goes
}

// Files runDev keeps in the data directory.
const (
	endpointsFile   = "endpoints.json"        // the bound addresses of a running node
	credentialsFile = "demo-credentials.json" // demo bearer sessions (0600), rewritten at every start
)

// runDev runs the development node until ctx ends. On first start it deploys the contracts
// and seeds the demo round; later starts reuse the same chain, database and contracts. Every
// start signs the demo users in afresh and prints their sessions.
func runDev(ctx context.Context, o devOptions) error {
	log := o.Node.Log
	if err := os.MkdirAll(o.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	chainNode, err := devchain.Start(ctx, o.Chain, log.With("part", "devchain"))
	if err != nil {
		return err
	}
	defer closeLogged(log, "dev chain", chainNode.Close)

	if o.Node.Citizens.DevRegistry {
		if generated, err := prepareDevRegistry(o.Node.Citizens.ExtractsDir); err != nil {
			return err
		} else if generated {
			fmt.Fprintf(o.Out, "Generated a demo registry extract of %d people in %s.\n", devRegistryPeople, o.Node.Citizens.ExtractsDir)
		}
	}
	opts := o.Node
	opts.Storage, opts.RPCURL, opts.Key = o.Storage, chainNode.RPCURL(), chainNode.DevKey()
	opts.PublicRPC = chainNode.RPCURL()
	n, err := openNode(ctx, opts)
	if err != nil {
		return err
	}
	defer n.Close()
	stop := n.startWorker(ctx)
	defer stop()

	if o.Demo {
		if err := seedDemo(ctx, n, o.DataDir, o.Node.Citizens, o.Out); err != nil {
			return err
		}
		if err := demoSessions(ctx, n, o.DataDir, o.Out); err != nil {
			return err
		}
	}
	drainCtx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := n.worker.Drain(drainCtx); err != nil {
		return fmt.Errorf("wait for queued chain operations: %w", err)
	}
	b := banner{rpcURL: chainNode.RPCURL(), dataDir: o.DataDir, roundID: 1, round: "<round_address>", registry: o.Node.Citizens.ExtractsDir}
	if id, ok, err := demo.Seeded(ctx, n.db); err == nil && ok {
		if r, err := n.budget.Round(ctx, id); err == nil {
			b.roundID, b.round = id, r.Address.Hex()
		}
	}
	return serveHTTP(ctx, o.HTTPAddr, n.handler, log, func(addr net.Addr) {
		writeEndpoints(log, o.DataDir, addr.String(), chainNode.RPCURL())
		b.base = "http://" + addr.String()
		b.print(o.Out)
	})
}

// seedDemo seeds the demo round once.
func seedDemo(ctx context.Context, n *node, dataDir string, co citizensOptions, out io.Writer) error {
	if _, ok, err := demo.Seeded(ctx, n.db); err != nil || ok {
		return err
	}
	people, err := n.demoPeople(ctx, dataDir, co)
	if err != nil {
		return err
	}
	id, err := demo.Seed(ctx, n.db, n.budget, people)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Seeded the demo round %q (id %d).\n", demo.RoundName, id)
	return nil
}

// demoSessions signs the demo's officials and three citizens in afresh (demo.Sessions),
// saves their bearer sessions beside the database, replacing those of the previous start,
// and prints them.
func demoSessions(ctx context.Context, n *node, dataDir string, out io.Writer) error {
	id, ok, err := demo.Seeded(ctx, n.db)
	if err != nil || !ok {
		return err
	}
	creds, err := demo.Sessions(ctx, n.identity, n.wallets, id)
	if err != nil {
		return err
	}
	path := filepath.Join(dataDir, credentialsFile)
	data, err := json.MarshalIndent(creds, "", "  ")
	if err != nil {
		return fmt.Errorf("encode demo credentials: %w", err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("save demo credentials: %w", err)
	}
	fmt.Fprintf(out, `Demo users' bearer session tokens (identity sessions, also in %s), for
"Authorization: Bearer <token>". They expire at %s (identity.bearer_ttl after this start);
every start of pbnode dev signs the demo users in again and prints fresh ones. People of your
own sign in at /login instead.
`, path, creds.ExpiresAt.Format(time.RFC3339))
	fmt.Fprintf(out, "  treasury   %s\n  registrar  %s\n  auditor    %s\n", creds.Treasury, creds.Registrar, creds.Auditor)
	for _, c := range creds.Citizens {
		fmt.Fprintf(out, "  citizen    %s  (wallet %s)\n", c.Token, c.Address.Hex())
	}
	return nil
}

func writeEndpoints(log *slog.Logger, dataDir, httpAddr, rpcURL string) {
	data, _ := json.Marshal(map[string]string{"http": "http://" + httpAddr, "rpc": rpcURL})
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		log.Warn("create data dir", "err", err)
	}
	if err := os.WriteFile(filepath.Join(dataDir, endpointsFile), data, 0o600); err != nil {
		log.Warn("write endpoints file", "err", err)
	}
}

// banner is what `pbnode dev` tells the developer to open.
type banner struct {
	base, rpcURL, dataDir string
	roundID               int64
	round                 string // the demo round's contract address, when there is one
	registry              string // the registry extracts directory; "" when verification is off
}

func (b banner) print(out io.Writer) {
	r := fmt.Sprintf("%s/api/v1/rounds/%d", b.base, b.roundID)
	fmt.Fprintf(out, `
pbnode dev is running (data in %s).
  pages       %s/   demo round: %s/rounds/%d
  sign in     %s/login   (the SMS code is written to this log)
  rounds      %s/api/v1/rounds
  demo round  %s   initiatives: %s/initiatives
  readiness   %s/readyz   metrics: %s/metrics
  chain RPC   %s  (chain id 1337)
  audit       go run ./cmd/pbnode audit --rpc %s --round %s --api %s
`, b.dataDir, b.base, b.base, b.roundID, b.base, b.base, r, r, b.base, b.base, b.rpcURL, b.rpcURL, b.round, b.base)
	if b.registry != "" {
		fmt.Fprintf(out, `  verify      sign in, fill in the profile with a person of the registry extract, then ask for
              level 1 on %s/verification (or PUT %s/api/v1/me/profile and
              POST %s/api/v1/me/verification/person {"level":1}); people: head %s
              (passports.csv, snils.csv, social_tenants.csv and owners.csv by person_id; flats.csv by fls)
`, b.base, b.base, b.base, filepath.Join(b.registry, "residents.csv"))
	}
	fmt.Fprintln(out, "Stop with Ctrl-C; the next start continues from the same state.")
}

func closeLogged(log *slog.Logger, what string, close func() error) {
	if err := close(); err != nil {
		log.Warn("close "+what, "err", err)
	}
}

func newDevCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dev",
		Short: "Run a development node: embedded Ethereum dev chain, SQLite and the API, with a demo round",
		Long: "dev keeps everything under data_dir (default ./.pbnode): the dev chain (chain ID 1337,\n" +
			"JSON-RPC on chain.dev.http_addr) and the SQLite database. The first start deploys the\n" +
			"contracts and seeds the demo round; later starts continue the same chain and database.\n" +
			"Every start prints fresh bearer sessions of the demo users (treasury, registrar, auditor\n" +
			"and three citizens) and writes them to <data_dir>/demo-credentials.json.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeDev)
			if err != nil {
				return err
			}
			log.Info("starting pbnode dev", "config", cfg)
			ids, err := identityOptionsOf(cfg)
			if err != nil {
				return err
			}
			people, err := citizensOptionsOf(cfg)
			if err != nil {
				return err
			}
			wopts, err := walletOptionsOf(cfg)
			if err != nil {
				return err
			}
			return runDev(cmd.Context(), devOptions{
				DataDir: cfg.DataDir, HTTPAddr: cfg.HTTP.Addr, Chain: cfg.Chain.Dev, Storage: cfg.Storage,
				Demo: cfg.Dev.Demo, Out: opts.stdout,
				Node: nodeOptions{Treasury: cfg.Treasury.Address, Outbox: outboxConfig(cfg), Direct: directConfig(cfg), Identity: ids, Citizens: people, Wallets: wopts, Log: log},
			})
		},
	}
	addConfigFlags(cmd.Flags(), keyHTTPAddr, keyStorageDriver, keyStorageDSN, keyDevHTTPAddr, keyDevChainID,
		keyReceiptWait, keyTreasury, keyDemo)
	return cmd
}

// outboxConfig is the outbox worker's configuration from the node's.
func outboxConfig(cfg Config) outbox.Config {
	oc := outbox.DefaultConfig()
	if cfg.Chain.ReceiptTimeout > 0 {
		oc.ReceiptTimeout = cfg.Chain.ReceiptTimeout
	}
	return oc
}

// directConfig is the configuration of the indexer of citizens' direct calls.
func directConfig(cfg Config) budget.IndexerConfig {
	dc := budget.DefaultIndexerConfig()
	if cfg.Chain.DirectPoll > 0 {
		dc.Poll = cfg.Chain.DirectPoll
	}
	dc.Confirmations = cfg.Chain.DirectConfirmations
	return dc
}
