package nodetest

import (
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/pii"
)

// startIdentity starts the identity service with fresh PII keys, a recording SMS gateway and
// limits loose enough for a test that signs many users in from one address.
func (n *Node) startIdentity(t testing.TB, edit func(*identity.Config)) {
	t.Helper()
	vault, err := pii.NewEphemeralVault("t1")
	if err != nil {
		t.Fatal(err)
	}
	cfg := identity.DefaultConfig()
	cfg.RequestsPerIP = 10000
	if edit != nil {
		edit(&cfg)
	}
	n.SMS, n.Vault = &fake.SMS{}, vault
	if n.Identity, err = identity.New(n.DB, vault, n.SMS, cfg, n.log); err != nil {
		t.Fatal(err)
	}
}
