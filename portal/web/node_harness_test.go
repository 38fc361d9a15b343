package web_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/zitadel/oidc/v3/example/server/exampleop"
	opstorage "github.com/zitadel/oidc/v3/example/server/storage"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/api"
	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/web"
)

// The zitadel example OpenID provider's client and user, as portal/api/oidc_test.go sets it up.
const (
	opClientID     = "pbnode-web"
	opClientSecret = "web-secret"
	opUser         = "test-user2"
	opPassword     = "verysecure"
)

// nodeSite is a whole node as cmd/pbnode wires it: the pages in front of the API on one
// server, over a test node (dev chain, SQLite), optionally logging in through the example OP.
type nodeSite struct {
	URL     string
	Node    *nodetest.Node
	Handler interface{ Routes() gin.RoutesInfo }
}

type siteOptions struct {
	OIDC    bool
	Proxies *httpx.Proxies
}

func startNodeSite(t *testing.T, o siteOptions) *nodeSite {
	t.Helper()
	n := nodetest.StartWith(t, "sqlite", nodetest.Options{Identity: func(c *identity.Config) { c.SendsPerPhone = 100 }})
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	var provider *oidclogin.Provider
	if o.OIDC {
		var err error
		if provider, err = oidclogin.New(t.Context(), startOP(t, base+"/api/v1/auth/oidc/callback"), nodetest.Logger()); err != nil {
			t.Fatal(err)
		}
	}
	apiHandler := api.New(api.Deps{Budget: n.Budget, Anchors: n.Anchors, Auth: access.NewAuth(n.Tokens, n.Identity),
		Identity: n.Identity, OIDC: provider, Citizens: n.Citizens, Wallets: n.Wallets, Registry: prometheus.NewRegistry(),
		Log: nodetest.Logger(), Proxies: o.Proxies,
		Ready: map[string]api.Check{"database": func(context.Context) error { return nil }}})
	h := web.New(web.Deps{Budget: n.Budget, API: apiHandler, RPCURL: testRPC, Log: nodetest.Logger(),
		Identity: n.Identity, Citizens: n.Citizens, Wallets: n.Wallets, OIDC: provider != nil, Proxies: o.Proxies})
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	return &nodeSite{URL: srv.URL, Node: n, Handler: h.(interface{ Routes() gin.RoutesInfo })}
}

// startOP starts the example OpenID provider with pbnode's client registered for callback.
func startOP(t *testing.T, callback string) oidclogin.Config {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	clients := map[string]*opstorage.Client{opClientID: opstorage.WebClient(opClientID, opClientSecret, callback)}
	store := opstorage.NewStorageWithClients(opstorage.NewUserStore(issuer), clients)
	srv.Config.Handler = exampleop.SetupServer(issuer, store, nil, false)
	srv.Start()
	t.Cleanup(srv.Close)
	cfg := oidclogin.DefaultConfig()
	cfg.IssuerURL, cfg.ClientID, cfg.ClientSecret, cfg.RedirectURL = issuer, opClientID, opClientSecret, callback
	cfg.HTTPTimeout = 5 * time.Second
	return cfg
}
