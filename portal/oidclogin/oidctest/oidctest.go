// Package oidctest serves the zitadel example OpenID provider for tests: its in-memory storage
// with the example users and the web clients a test registers, on port 0.
//
// It does not import oidclogin, so that package's own tests can use it.
package oidctest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
)

// pbnode's client at the provider, and a user of the example storage
// (example/server/storage/user.go: NewUserStore).
const (
	ClientID     = "pbnode-web"
	ClientSecret = "web-secret"
	User         = "test-user2" // subject id2, "Test User2"
	Password     = "verysecure"
)

// Client is a web client registered at the provider.
type Client struct {
	ID, Secret, RedirectURL string
}

// StartOP starts the provider with clients registered until the test ends and returns its
// issuer, the server's URL.
func StartOP(t testing.TB, clients ...Client) string {
	t.Helper()
	return StartWrapped(t, nil, clients...)
}

// StartWrapped is StartOP with the provider's handler passed through wrap, if not nil.
func StartWrapped(t testing.TB, wrap func(http.Handler) http.Handler, clients ...Client) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	registered := make(map[string]*storage.Client, len(clients))
	for _, c := range clients {
		registered[c.ID] = storage.WebClient(c.ID, c.Secret, c.RedirectURL)
	}
	store := storage.NewStorageWithClients(storage.NewUserStore(issuer), registered)
	// A nil logger keeps the example from replacing slog's default logger.
	var h http.Handler = exampleop.SetupServer(issuer, store, nil, false)
	if wrap != nil {
		h = wrap(h)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	if srv.URL != issuer {
		t.Fatalf("server URL %s, issuer %s", srv.URL, issuer)
	}
	return issuer
}
