package identity_test

import (
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/internal/logtest"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// seq makes distinct phones within a test binary.
var seq atomic.Int64

// newPhone returns a fresh Russian mobile number, spelled as a person might type it.
func newPhone() string { return fmt.Sprintf("8 (916) %07d", seq.Add(1)) }

const testIP = "203.0.113.7"

type harness struct {
	db    *storage.DB
	vault *pii.Vault
	svc   *identity.Service
	sms   *fake.SMS
	clock *fake.Clock
	logs  *logtest.Buffer // everything the service logged
}

// start is the fake clock's start: 10:15 UTC, a quarter into an hour window.
var start = time.Date(2027, 3, 1, 10, 15, 0, 0, time.UTC)

func newHarness(t testing.TB, db *storage.DB, cfg identity.Config, opts ...identity.Option) *harness {
	t.Helper()
	h := &harness{db: db, vault: testVault(t), sms: &fake.SMS{}, clock: fake.NewClock(start), logs: &logtest.Buffer{}}
	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts = append([]identity.Option{identity.WithClock(h.clock.Now)}, opts...)
	svc, err := identity.New(db, h.vault, h.sms, cfg, log, opts...)
	if err != nil {
		t.Fatal(err)
	}
	h.svc = svc
	return h
}

func testVault(t testing.TB) *pii.Vault {
	t.Helper()
	v, err := pii.NewEphemeralVault("k1")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// signIn signs rawPhone in with a session of kind.
func (h *harness) signIn(t testing.TB, rawPhone string, kind identity.SessionKind) (identity.Session, identity.User) {
	t.Helper()
	ctx := t.Context()
	id, err := h.svc.StartSMS(ctx, rawPhone, testIP)
	if err != nil {
		t.Fatalf("StartSMS: %v", err)
	}
	sess, u, _, err := h.svc.VerifySMS(ctx, id, h.sms.CodeFor(t, rawPhone), testIP, kind)
	if err != nil {
		t.Fatalf("VerifySMS: %v", err)
	}
	return sess, u
}

// counts returns the row counts of the identity tables.
func (h *harness) counts(t testing.TB) storage.IdentityCounts {
	t.Helper()
	c, err := h.db.IdentityCounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// roomy is DefaultConfig with limits that tests of other things do not reach.
func roomy() identity.Config {
	cfg := identity.DefaultConfig()
	cfg.SendsPerPhone, cfg.RequestsPerIP, cfg.LockoutFailures = 1000, 1_000_000, 1000
	return cfg
}
