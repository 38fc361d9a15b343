package main

import (
	"context"
	"net"

	"github.com/spf13/cobra"
)

func newServeCmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run a node against an outside chain (chain.rpc_url, chain.key) and PostgreSQL",
		Long: "serve migrates the database, then runs the outbox worker and the API. chain.key signs every\n" +
			"chain operation; it needs gas on that chain. Round contracts are deployed when the treasury\n" +
			"creates a round.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeServe)
			if err != nil {
				return err
			}
			key, err := cfg.Chain.PrivateKey()
			if err != nil {
				return err
			}
			log.Info("starting pbnode serve", "config", cfg)
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
			return runServe(cmd.Context(), cfg.DataDir, cfg.HTTP.Addr, nodeOptions{
				Storage: cfg.Storage, RPCURL: cfg.Chain.RPCURL, Key: key,
				Treasury: cfg.Treasury.Address, Outbox: outboxConfig(cfg), Direct: directConfig(cfg), Identity: ids, Citizens: people, Wallets: wopts, Log: log,
			})
		},
	}
	addConfigFlags(cmd.Flags(), keyHTTPAddr, keyStorageDriver, keyStorageDSN, keyChainRPCURL, keyReceiptWait, keyTreasury)
	return cmd
}

// runServe runs pbnode against an external JSON-RPC node and the configured database until
// ctx ends. The bound addresses go to dataDir's endpoints file.
func runServe(ctx context.Context, dataDir, httpAddr string, o nodeOptions) error {
	n, err := openNode(ctx, o)
	if err != nil {
		return err
	}
	defer n.Close()
	stop := n.startWorker(ctx)
	defer stop()
	return serveHTTP(ctx, httpAddr, n.handler, o.Log, func(addr net.Addr) {
		writeEndpoints(o.Log, dataDir, addr.String(), o.RPCURL)
	})
}
