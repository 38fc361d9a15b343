package nodetest

import (
	"crypto/rand"
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/pii"
)

// startIdentity starts the identity service with fresh PII keys, a recording SMS gateway and
// limits loose enough for a test that signs many users in from one address.
func (n *Node) startIdentity(t testing.TB, edit func(*identity.Config)) {
	t.Helper()
	ring, err := pii.NewKeyRing("t1", map[string][]byte{"t1": randomKey()})
	if err != nil {
		t.Fatal(err)
	}
	vault, err := pii.NewVault(ring, randomKey())
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

func randomKey() []byte {
	k := make([]byte, pii.KeySize)
	rand.Read(k)
	return k
}
