package fake

import (
	"context"
	"regexp"
	"slices"
	"sync"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

// SMS is a gateway that records messages instead of sending them. Its zero value is ready.
type SMS struct {
	mu   sync.Mutex // guards sent
	sent []Message
}

// Message is a message the gateway recorded.
type Message struct {
	To   pii.Phone
	Text string
}

// Send records the message.
func (g *SMS) Send(_ context.Context, to pii.Phone, text string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sent = append(g.sent, Message{to, text})
	return nil
}

var codeRE = regexp.MustCompile(`\d{4,10}`)

// Code returns the code of the last message sent to phone.
func (g *SMS) Code(t testing.TB, phone pii.Phone) string {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := len(g.sent) - 1; i >= 0; i-- {
		if g.sent[i].To.Equal(phone) {
			return codeRE.FindString(g.sent[i].Text)
		}
	}
	t.Fatalf("no message sent to %v", phone)
	return ""
}

// CodeFor returns the code of the last message sent to rawPhone, spelled as a person might
// type it.
func (g *SMS) CodeFor(t testing.TB, rawPhone string) string {
	t.Helper()
	phone, err := pii.NormalizePhone(rawPhone)
	if err != nil {
		t.Fatal(err)
	}
	return g.Code(t, phone)
}

// Count is how many messages were sent.
func (g *SMS) Count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.sent)
}

// Sent returns a copy of the messages sent, oldest first.
func (g *SMS) Sent() []Message {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.sent)
}
