package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/pbnode/pbnode/portal/api"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
)

// verifier is the node's verification: the job that works the queue against the registry
// extracts, and how often the extracts are reloaded. The zero verifier runs nothing (no
// registry.extracts_dir).
type verifier struct {
	job         *citizens.Job
	extracts    *registry.Extracts
	workers     int
	reloadEvery time.Duration
}

// openCitizens starts the citizens service and, when an extracts directory is configured,
// opens the extracts and builds the verification job, which tells citizens by SMS through the
// sign-in gateway (sms.gateway) and by e-mail through the mailer (email.mailer). Without
// extracts, requests are queued (their due dates run) and decided once the node is given
// extracts.
func (n *node) openCitizens(ctx context.Context, vault *pii.Vault, gateway string, o citizensOptions) error {
	log := n.log.With("part", "citizens")
	var err error
	if n.citizens, err = citizens.New(n.db, vault, o.Rules, log); err != nil {
		return err
	}
	if o.ExtractsDir == "" {
		log.Warn("registry.extracts_dir is unset: verification requests are queued but not checked")
		return nil
	}
	if n.verify.extracts, err = openRegistry(ctx, o.ExtractsDir); err != nil {
		return err
	}
	logStats(n.log, "registry extracts loaded", n.verify.extracts.Stats())
	sms, err := smsGateway(gateway, log)
	if err != nil {
		return err
	}
	mail, err := o.Email.mailer(log)
	if err != nil {
		return err
	}
	notifier := n.citizens.NewChannelNotifier(citizens.Channels{SMS: sms, Mail: mail})
	if n.verify.job, err = n.citizens.NewJob(n.verify.extracts, n.verifiedNotifier(notifier), o.Job); err != nil {
		return err
	}
	n.verify.workers, n.verify.reloadEvery = o.Workers, o.ReloadInterval
	return nil
}

// openRegistry reads the registry extracts in dir (docs/REGISTRY.md).
func openRegistry(ctx context.Context, dir string) (*registry.Extracts, error) {
	reg, err := registry.Open(ctx, os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", keyRegistryDir, err)
	}
	return reg, nil
}

func logStats(log interface{ Info(string, ...any) }, msg string, s registry.Stats) {
	log.Info(msg, "residents", s.Residents, "passports", s.Passports, "snils", s.SNILS, "flats", s.Flats,
		"owners", s.Owners, "social_tenants", s.SocialTenants)
}

// registryReady is the readiness check of the extracts: api.ErrNotConfigured without them.
func (n *node) registryReady(context.Context) error {
	if n.verify.extracts == nil {
		return api.ErrNotConfigured
	}
	return nil
}

// runVerification runs the verification workers and the reloading of the extracts until ctx
// ends; it returns when all of them have stopped. Without extracts it returns at once.
func (n *node) runVerification(ctx context.Context) {
	if n.verify.job == nil {
		return
	}
	var wg sync.WaitGroup
	for range n.verify.workers {
		wg.Go(func() { n.verify.job.Run(ctx) })
	}
	if n.verify.reloadEvery > 0 {
		wg.Go(func() { n.reloadRegistry(ctx) })
	}
	wg.Wait()
}

// reloadRegistry reads the extracts again every reloadEvery; a set that fails to load is
// logged and the loaded one keeps answering.
func (n *node) reloadRegistry(ctx context.Context) {
	t := time.NewTicker(n.verify.reloadEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := n.verify.extracts.Reload(ctx); err != nil {
			if ctx.Err() == nil {
				n.log.Warn("registry reload failed; the loaded extracts stay", "err", err)
			}
			continue
		}
		logStats(n.log, "registry extracts reloaded", n.verify.extracts.Stats())
	}
}

// Demo extracts of `pbnode dev`: a fixed seed, so that every fresh data directory gets the
// same people.
const (
	devRegistryPeople = 200
	devRegistrySeed   = 2026
)

// prepareDevRegistry writes the demo extracts into dir unless it already holds a set, and
// reports whether it wrote them.
func prepareDevRegistry(dir string) (bool, error) {
	if _, err := os.Stat(filepath.Join(dir, "residents.csv")); !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("create registry dir: %w", err)
	}
	if _, err := registrytest.Generate(dir, devRegistryPeople, devRegistrySeed); err != nil {
		return false, fmt.Errorf("generate demo registry: %w", err)
	}
	return true, nil
}
