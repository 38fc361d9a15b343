// Package nodetest starts the real parts of a node for tests: an embedded dev chain, a
// fresh database (SQLite or PostgreSQL), the outbox worker, the budget service and the API
// behind an httptest server on port 0.
package nodetest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/anchors"
	"github.com/pbnode/pbnode/portal/api"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
)

// Node is a running test node.
type Node struct {
	DB      *storage.DB
	Chain   *chain.Client
	Budget  *budget.Service
	Anchors *anchors.Service
	Worker  *outbox.Worker
	// Direct indexes the direct calls of own wallets on BudgetRoundV2 rounds (direct.go).
	Direct   *budget.Indexer
	Tokens   *access.Tokens
	Identity *identity.Service
	SMS      *fake.SMS    // the messages the identity service sent
	URL      string       // the API's base URL
	RPCURL   string       // the dev chain's JSON-RPC URL
	Handler  http.Handler // the API's handler (a *gin.Engine)

	Citizens *citizens.Service
	Wallets  *wallets.Service // custodial and linked wallets (wallets.go)
	Vault    *pii.Vault       // seals the node's personal data
	Storage  storage.Config   // the database, for storagetest.DumpText
	log      *slog.Logger
	// stopWorker stops the running outbox worker and waits for it (Pause).
	stopWorker func()
	// manualIndex: the test runs the indexer of direct calls (Options.ManualIndex).
	manualIndex bool

	// Initiatives are the citizens' initiatives (initiatives.go), photos in a temporary directory.
	Initiatives *initiatives.Service
	// Tallies are the published off-chain tallies, anchored in the AnchorRegistry.
	Tallies *tallies.Service
}

// Options change the node a test starts.
type Options struct {
	Budget   []budget.Option        // a test clock, say
	Identity func(*identity.Config) // changes the identity limits before the service starts
	// OIDC returns the OpenID provider to log in through, given the node's callback URL; nil:
	// none.
	OIDC func(callbackURL string) oidclogin.Config
	// Log is the node's logger; nil: Logger().
	Log *slog.Logger
	// Proxies are the API's trusted proxies; nil: none.
	Proxies *httpx.Proxies
	// ManualIndex keeps the indexer of direct calls from running on its own: the test runs
	// its passes with IndexDirect.
	ManualIndex bool
}

// Start starts a node on driver ("sqlite" or "postgres"); everything stops at test cleanup.
// opts go to the budget service (a test clock, say).
func Start(t testing.TB, driver string, opts ...budget.Option) *Node {
	t.Helper()
	return StartWith(t, driver, Options{Budget: opts})
}

// StartWith starts a node on driver with o.
func StartWith(t testing.TB, driver string, o Options) *Node {
	t.Helper()
	log := o.Log
	if log == nil {
		log = Logger()
	}
	cfg := devchain.DefaultConfig()
	cfg.DataDir, cfg.HTTPAddr = t.TempDir(), "127.0.0.1:0"
	dev, err := devchain.Start(t.Context(), cfg, log)
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { dev.Close() })
	client, err := chain.Dial(t.Context(), dev.RPCURL())
	if err != nil {
		t.Fatalf("dial dev chain: %v", err)
	}
	t.Cleanup(client.Close)

	db, scfg := openDB(t, driver)
	ocfg := outbox.DefaultConfig()
	ocfg.Idle, ocfg.Retry = 100*time.Millisecond, 100*time.Millisecond
	key := dev.DevKey()
	n := &Node{DB: db, Chain: client, RPCURL: dev.RPCURL(), Tokens: access.NewTokens(db), Storage: scfg, log: log}
	chainID, err := client.ChainID(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	n.Worker = outbox.New(db, chain.NewSender(client, key, chainID), ocfg, log)
	n.Anchors = anchors.New(db, n.Worker)
	n.Anchors.Register(n.Worker)
	if err := n.Anchors.EnsureRegistry(t.Context()); err != nil {
		t.Fatal(err)
	}
	n.Tallies = tallies.New(db, n.Worker)
	n.Tallies.Register(n.Worker, n.Anchors)

	n.startIdentity(t, o.Identity)
	n.startCitizens(t)
	srv := httptest.NewUnstartedServer(nil)
	n.startWallets(t, chainID.Uint64(), "http://"+srv.Listener.Addr().String())
	bopts := append([]budget.Option{budget.WithSigners(chainID.Uint64(), n.Wallets)}, o.Budget...)
	n.Budget = budget.New(db, n.Worker, crypto.PubkeyToAddress(key.PublicKey), log, bopts...)
	n.Budget.Register(n.Worker)
	n.startInitiatives(t) // publishes into the budget's rounds
	var provider *oidclogin.Provider
	if o.OIDC != nil {
		cfg := o.OIDC("http://" + srv.Listener.Addr().String() + "/api/v1/auth/oidc/callback")
		if provider, err = oidclogin.New(t.Context(), cfg, log); err != nil {
			t.Fatalf("oidc provider: %v", err)
		}
	}
	srv.Config.Handler = api.New(api.Deps{
		Budget: n.Budget, Anchors: n.Anchors, Auth: access.NewAuth(n.Tokens, n.Identity), Identity: n.Identity, OIDC: provider,
		Citizens: n.Citizens, Wallets: n.Wallets, Initiatives: n.Initiatives, Tallies: n.Tallies, Registry: prometheus.NewRegistry(), Log: log, Proxies: o.Proxies,
		Ready: map[string]api.Check{"database": db.Ping, "chain": func(ctx context.Context) error { _, err := client.BlockNumber(ctx); return err }},
	})
	n.Handler = srv.Config.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	n.URL = srv.URL
	n.startWorker(t)
	n.startDirect(t, chainID.Uint64(), o.ManualIndex)
	// The AnchorRegistry's deployment is mined before the test begins, so a test that
	// compares the database before and after a request sees only what the request did.
	n.Drain(t)
	return n
}

func (n *Node) startWorker(t testing.TB) {
	n.stopWorker = n.runWorker(t)
	t.Cleanup(func() { n.stopWorker() })
}

// runWorker runs the outbox worker until the returned stop is called.
func (n *Node) runWorker(t testing.TB) (stop func()) {
	ctx, cancel := cancelCtx(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Worker.Run(ctx)
	}()
	return sync.OnceFunc(func() { cancel(); <-done })
}

// Pause stops the outbox worker until resume is called: operations queue, none is signed.
// Drain waits for the worker, so call it only after resume.
func (n *Node) Pause(t testing.TB) (resume func()) {
	t.Helper()
	n.stopWorker()
	return func() { n.stopWorker = n.runWorker(t) }
}

// Drain waits until every queued chain operation is mined or failed and, unless the test
// runs the indexer of direct calls itself (Options.ManualIndex), until the indexer has read
// the chain up to its head: the database changes no more while nothing new happens.
func (n *Node) Drain(t testing.TB) {
	t.Helper()
	ctx, cancel := cancelCtx(t)
	defer cancel()
	if err := n.Worker.Drain(ctx); err != nil {
		t.Fatalf("drain outbox: %v", err)
	}
	if n.manualIndex {
		return
	}
	if err := n.Direct.Once(ctx); err != nil {
		t.Fatalf("index direct calls: %v", err)
	}
}

// Logger logs to stderr when PBNODE_TEST_LOG is set, else nowhere.
func Logger() *slog.Logger {
	if os.Getenv("PBNODE_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
