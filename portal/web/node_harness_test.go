package web_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/api"
	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/web"
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
		if provider, err = oidclogin.New(t.Context(), nodetest.StartOP(t, base+"/api/v1/auth/oidc/callback"), nodetest.Logger()); err != nil {
			t.Fatal(err)
		}
	}
	apiHandler := api.New(api.Deps{Budget: n.Budget, Anchors: n.Anchors, Auth: access.NewAuth(n.Tokens, n.Identity),
		Identity: n.Identity, OIDC: provider, Citizens: n.Citizens, Wallets: n.Wallets, Initiatives: n.Initiatives, Registry: prometheus.NewRegistry(),
		Log: nodetest.Logger(), Proxies: o.Proxies,
		Ready: map[string]api.Check{"database": func(context.Context) error { return nil }}})
	h := web.New(web.Deps{Budget: n.Budget, API: apiHandler, RPCURL: testRPC, Log: nodetest.Logger(),
		Identity: n.Identity, Citizens: n.Citizens, Wallets: n.Wallets, OIDC: provider != nil, Proxies: o.Proxies,
		Initiatives: n.Initiatives})
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	return &nodeSite{URL: srv.URL, Node: n, Handler: h.(interface{ Routes() gin.RoutesInfo })}
}
