package web_test

import (
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/web"
)

// testRPC is the JSON-RPC URL the pages print in the audit command.
const testRPC = "http://127.0.0.1:8545"

// startSite serves the pages of n with its API beside them, as cmd/pbnode wires them. The
// API is nodetest's own server, reached through a reverse proxy, so that its wiring stays in
// one place.
func startSite(t *testing.T, n *nodetest.Node) *httptest.Server {
	t.Helper()
	apiURL, err := url.Parse(n.URL)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Deps{
		Budget: n.Budget, API: httputil.NewSingleHostReverseProxy(apiURL), RPCURL: testRPC, Log: nodetest.Logger(),
	}))
	t.Cleanup(srv.Close)
	return srv
}
