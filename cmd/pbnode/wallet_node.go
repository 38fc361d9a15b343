package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/demo"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/portal/wallets"
)

// randRead fills b with random bytes.
func randRead(b []byte) (int, error) { return rand.Read(b) }

// openWallets starts the wallets service on the node's chain.
func (n *node) openWallets(o walletOptions, chainID uint64) error {
	cfg := wallets.DefaultConfig()
	cfg.PublicURL, cfg.ChainID = o.PublicURL, chainID
	var err error
	n.wallets, err = wallets.New(n.db, o.Vault, cfg, n.log.With("part", "wallets"))
	return err
}

// verifiedNotifier wraps the verification job's notifier so that each verified person gets a
// custodial wallet (wallets.CustodialOnVerified).
func (n *node) verifiedNotifier(next citizens.Notifier) citizens.Notifier {
	if n.wallets == nil {
		return next
	}
	return n.wallets.CustodialOnVerified(next)
}

// demoPeople are the demo's citizens: the people of the generated dev extract, checked
// against the node's registry. When the node reads other extracts (registry.extracts_dir
// set), the demo generates the same people into <data_dir>/demo-registry and checks them
// there with its own job.
func (n *node) demoPeople(ctx context.Context, dataDir string, co citizensOptions) (demo.People, error) {
	p := demo.People{Identity: n.identity, Citizens: n.citizens, Wallets: n.wallets}
	dir := filepath.Join(dataDir, "demo-registry")
	if co.DevRegistry && n.verify.extracts != nil {
		tmp, err := os.MkdirTemp("", "pbnode-demo-registry")
		if err != nil {
			return p, fmt.Errorf("demo registry: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir, p.Registry = tmp, n.verify.extracts
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return p, fmt.Errorf("demo registry: %w", err)
	}
	var err error
	if p.People, err = registrytest.Generate(dir, devRegistryPeople, devRegistrySeed); err != nil {
		return p, fmt.Errorf("demo registry: %w", err)
	}
	if p.Registry == nil {
		if p.Registry, err = openRegistry(ctx, dir); err != nil {
			return p, err
		}
	}
	return p, nil
}
