package nodetest

import (
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/oidclogin/oidctest"
)

// StartOP starts the zitadel example OpenID provider with pbnode's client registered for
// callback and returns the node's configuration for it. Log in as oidctest.User with
// oidctest.Password.
func StartOP(t testing.TB, callback string) oidclogin.Config {
	t.Helper()
	issuer := oidctest.StartOP(t, oidctest.Client{ID: oidctest.ClientID, Secret: oidctest.ClientSecret, RedirectURL: callback})
	cfg := oidclogin.DefaultConfig()
	cfg.IssuerURL, cfg.ClientID, cfg.ClientSecret, cfg.RedirectURL = issuer, oidctest.ClientID, oidctest.ClientSecret, callback
	cfg.HTTPTimeout = 5 * time.Second
	return cfg
}
