package nodetest

import (
	"context"
	"crypto/rand"
	"regexp"
	"sync"
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
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
	n.SMS, n.Vault = &SMS{}, vault
	if n.Identity, err = identity.New(n.DB, vault, n.SMS, cfg, n.log); err != nil {
		t.Fatal(err)
	}
}

// SMS is a gateway that records messages instead of sending them.
type SMS struct {
	mu   sync.Mutex // guards sent
	sent []sms
}

type sms struct {
	to   pii.Phone
	text string
}

// Send records the message.
func (g *SMS) Send(_ context.Context, to pii.Phone, text string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sent = append(g.sent, sms{to, text})
	return nil
}

var codeRE = regexp.MustCompile(`\d{4,10}`)

// Code returns the code of the last message sent to rawPhone.
func (g *SMS) Code(t testing.TB, rawPhone string) string {
	t.Helper()
	want, err := pii.NormalizePhone(rawPhone)
	if err != nil {
		t.Fatal(err)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := len(g.sent) - 1; i >= 0; i-- {
		if g.sent[i].to.Equal(want) {
			return codeRE.FindString(g.sent[i].text)
		}
	}
	t.Fatalf("no message sent to %v", want)
	return ""
}

// Sent is how many messages were sent.
func (g *SMS) Sent() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.sent)
}

func randomKey() []byte {
	k := make([]byte, pii.KeySize)
	rand.Read(k)
	return k
}
