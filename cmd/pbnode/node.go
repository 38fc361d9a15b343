package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/anchors"
	"github.com/pbnode/pbnode/portal/api"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/portal/web"
	"github.com/pbnode/pbnode/storage"
)

// node is a running pbnode: storage, a chain client, the outbox worker, and the HTTP API
// and pages on one handler.
type node struct {
	db      *storage.DB
	client  *chain.Client
	worker  *outbox.Worker
	budget  *budget.Service
	direct  *budget.Indexer // applies citizens' direct calls on v2 rounds
	anchors *anchors.Service
	tallies *tallies.Service // published off-chain tallies, anchored on-chain
	tokens  *access.Tokens
	// identity signs people in; sweep runs its Sweep every sweepEvery.
	identity   *identity.Service
	sweepEvery time.Duration
	handler    http.Handler
	log        *slog.Logger

	// citizens keeps profiles; verify checks them against the registry (citizens_node.go).
	citizens *citizens.Service
	verify   verifier
	// wallets keeps citizens' wallets (wallet_node.go).
	wallets *wallets.Service
	// initiatives are citizens' initiatives (initiatives_config.go).
	initiatives *initiatives.Service
}

// nodeOptions are what runNode needs, already validated by the command.
type nodeOptions struct {
	Storage  storage.Config
	RPCURL   string
	Key      *ecdsa.PrivateKey
	Treasury common.Address // zero: the key's address
	Outbox   outbox.Config
	Direct   budget.IndexerConfig
	Identity identityOptions
	Citizens citizensOptions
	Wallets  walletOptions
	// PublicRPC is the chain URL the pages print in the audit command; empty prints a
	// placeholder, since an outside node's URL may hold an access key.
	PublicRPC string
	Log       *slog.Logger
}

// openNode opens the database (migrating it), dials the chain and wires the services.
func openNode(ctx context.Context, o nodeOptions) (*node, error) {
	db, err := storage.Open(ctx, o.Storage, o.Log)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		o.Log.Info("database migrated", "applied", applied)
	}
	client, err := chain.Dial(ctx, o.RPCURL)
	if err != nil {
		db.Close()
		return nil, err
	}
	chainID, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		db.Close()
		return nil, fmt.Errorf("read chain id: %w", err)
	}
	sender := chain.NewSender(client, o.Key, chainID)
	treasury := o.Treasury
	if treasury == (common.Address{}) {
		treasury = crypto.PubkeyToAddress(o.Key.PublicKey)
	}
	n := &node{db: db, client: client, tokens: access.NewTokens(db), log: o.Log}
	n.worker = outbox.New(db, sender, o.Outbox, o.Log.With("part", "outbox"))
	n.anchors = anchors.New(db, n.worker)
	n.anchors.Register(n.worker)
	n.tallies = tallies.New(db, n.worker)
	n.tallies.Register(n.worker, n.anchors)
	if err := n.anchors.EnsureRegistry(ctx); err != nil {
		n.Close()
		return nil, err
	}

	provider, err := n.openIdentity(ctx, o.Identity)
	if err != nil {
		n.Close()
		return nil, err
	}
	if err := n.openWallets(o.Wallets, chainID.Uint64()); err != nil {
		n.Close()
		return nil, err
	}
	// The node signs BudgetRoundV2 records with the custodial keys the wallets keep.
	n.budget = budget.New(db, n.worker, treasury, o.Log.With("part", "budget"), budget.WithSigners(chainID.Uint64(), n.wallets))
	n.budget.Register(n.worker)
	if n.direct, err = n.budget.NewIndexer(client, chainID.Uint64(), o.Direct); err != nil {
		n.Close()
		return nil, err
	}
	if err := n.openCitizens(ctx, o.Identity.Vault, o.Identity.Gateway, o.Citizens); err != nil {
		n.Close()
		return nil, err
	}
	if err := n.openInitiatives(o.Citizens.Initiatives); err != nil {
		n.Close()
		return nil, err
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(outbox.Collectors()...)
	apiHandler := api.New(api.Deps{
		Budget: n.budget, Anchors: n.anchors, Auth: access.NewAuth(n.tokens, n.identity), Identity: n.identity, OIDC: provider,
		Citizens: n.citizens, Wallets: n.wallets, Initiatives: n.initiatives, Tallies: n.tallies, Registry: reg, Log: o.Log.With("part", "api"),
		Proxies: o.Identity.Proxies,
		Ready:   map[string]api.Check{"database": db.Ping, "chain": chainReady(client), "registry": n.registryReady},
	})
	// The pages serve every path but the API's (/api/…, /healthz, /readyz, /metrics).
	n.handler = web.New(web.Deps{Budget: n.budget, API: apiHandler, RPCURL: o.PublicRPC, Log: o.Log.With("part", "web"),
		Identity: n.identity, Citizens: n.citizens, Wallets: n.wallets, OIDC: provider != nil, Proxies: o.Identity.Proxies,
		Initiatives: n.initiatives})
	return n, nil
}

// chainReady checks that the chain answers.
func chainReady(c *chain.Client) api.Check {
	return func(ctx context.Context) error {
		_, err := c.BlockNumber(ctx)
		return err
	}
}

// Close releases the chain client and the database.
func (n *node) Close() {
	n.client.Close()
	if err := n.db.Close(); err != nil {
		n.log.Warn("close database", "err", err)
	}
}

// serveHTTP serves the API and the pages on addr until ctx ends, then shuts down gracefully.
// ready, if set, receives the bound address (useful with port 0).
func serveHTTP(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving HTTP", "addr", ln.Addr().String())
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve HTTP: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down HTTP: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startWorker runs the outbox worker, the indexer of direct calls, the identity sweeper, the
// verification job and the initiatives' background work until ctx ends or the returned stop
// is called; stop waits for all of them to finish.
func (n *node) startWorker(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := n.worker.Run(ctx); err != nil {
			n.log.Error("outbox stopped", "err", err)
		}
	})
	wg.Go(func() {
		if err := n.direct.Run(ctx); err != nil {
			n.log.Error("indexer of direct calls stopped", "err", err)
		}
	})
	wg.Go(func() { n.sweep(ctx) })
	wg.Go(func() { n.runVerification(ctx) })
	wg.Go(func() { n.runInitiatives(ctx) })
	return func() { cancel(); wg.Wait() }
}
