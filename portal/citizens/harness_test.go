package citizens_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/internal/logtest"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// seq makes distinct phones within a test binary.
var seq atomic.Int64

// newPhone returns a fresh Russian mobile number, spelled as a person might type it.
func newPhone() string { return fmt.Sprintf("8 (916) %07d", seq.Add(1)) }

const testIP = "203.0.113.7"

// start is the fake clock's start: Monday 2 March 2026, 10:15 Moscow time.
var start = time.Date(2026, 3, 2, 7, 15, 0, 0, time.UTC)

// recorder is the notifier of tests: it records every notice.
type recorder struct {
	mu      sync.Mutex // guards notices
	notices []citizens.Notice
}

func (r *recorder) Notify(_ context.Context, n citizens.Notice) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notices = append(r.notices, n)
	return nil
}

// byRequest returns the notices of each request.
func (r *recorder) byRequest() map[int64][]citizens.Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[int64][]citizens.Notice{}
	for _, n := range r.notices {
		out[n.Request.ID] = append(out[n.Request.ID], n)
	}
	return out
}

type harness struct {
	db       *storage.DB
	cfg      storage.Config
	vault    *pii.Vault
	ident    *identity.Service
	svc      *citizens.Service
	sms      *fake.SMS
	clock    *fake.Clock
	logs     *logtest.Buffer // everything the services logged, as JSON
	reg      *registry.Extracts
	people   []registrytest.Citizen
	notifier *recorder
	job      *citizens.Job
}

// extract generates a registry extract of n people and opens it.
func extract(t testing.TB, n int) (*registry.Extracts, []registrytest.Citizen) {
	t.Helper()
	dir := t.TempDir()
	people, err := registrytest.Generate(dir, n, 42)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(t.Context(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return reg, people
}

// openDB opens a fresh migrated database of driver and returns it with its config.
func openDB(t testing.TB, driver string) (*storage.DB, storage.Config) {
	t.Helper()
	cfg := storagetest.Config(t, driver)
	db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return db, cfg
}

func newHarness(t testing.TB, driver string, people int, cfg citizens.Config) *harness {
	t.Helper()
	db, dbcfg := openDB(t, driver)
	h := &harness{db: db, cfg: dbcfg, vault: testVault(t), sms: &fake.SMS{}, clock: fake.NewClock(start), logs: &logtest.Buffer{}, notifier: &recorder{}}
	h.reg, h.people = extract(t, people)
	log := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	icfg := identity.DefaultConfig()
	icfg.SendsPerPhone, icfg.RequestsPerIP, icfg.LockoutFailures = 1000, 10_000_000, 1000
	var err error
	if h.ident, err = identity.New(db, h.vault, h.sms, icfg, log, identity.WithClock(h.clock.Now)); err != nil {
		t.Fatal(err)
	}
	if h.svc, err = citizens.New(db, h.vault, cfg, log, citizens.WithClock(h.clock.Now)); err != nil {
		t.Fatal(err)
	}
	jcfg := citizens.DefaultJobConfig()
	jcfg.Interval = 5 * time.Millisecond
	if h.job, err = h.svc.NewJob(h.reg, h.notifier, jcfg); err != nil {
		t.Fatal(err)
	}
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

// register signs a new phone in and returns the user and the session token.
func (h *harness) register(t testing.TB, rawPhone string) (identity.User, identity.Session) {
	t.Helper()
	ctx := t.Context()
	phone, err := pii.NormalizePhone(rawPhone)
	if err != nil {
		t.Fatal(err)
	}
	id, err := h.ident.StartSMS(ctx, rawPhone, testIP)
	if err != nil {
		t.Fatalf("StartSMS: %v", err)
	}
	sess, u, _, err := h.ident.VerifySMS(ctx, id, h.sms.Code(t, phone), testIP, identity.Bearer)
	if err != nil {
		t.Fatalf("VerifySMS: %v", err)
	}
	return u, sess
}

// profileOf is the profile form of a registry citizen.
func profileOf(c registrytest.Citizen) citizens.ProfileInput {
	return citizens.ProfileInput{FullName: c.Person.FullName, BirthDate: c.Person.BirthDate.Format(time.DateOnly)}
}

// citizen registers person i of the extract with a profile and registration address.
func (h *harness) citizen(t testing.TB, i int) identity.User {
	t.Helper()
	u, _ := h.register(t, newPhone())
	c := h.people[i]
	if _, err := h.svc.UpdateProfile(t.Context(), u.ID, profileOf(c)); err != nil {
		t.Fatalf("UpdateProfile: %v", err)
	}
	if _, err := h.svc.SetAddress(t.Context(), u.ID, storage.AddressRegistration, c.Person.Address, "msk/cao"); err != nil {
		t.Fatalf("SetAddress: %v", err)
	}
	return u
}

// drain runs the job until a pass does nothing.
func (h *harness) drain(t testing.TB) {
	t.Helper()
	for range 1000 {
		p, err := h.job.RunOnce(t.Context())
		if err != nil {
			t.Fatalf("RunOnce: %v", err)
		}
		if p == (citizens.Pass{}) {
			return
		}
	}
	t.Fatal("the job did not drain the queue")
}

// request returns the user's newest request.
func (h *harness) request(t testing.TB, user int64) citizens.Request {
	t.Helper()
	reqs, err := h.svc.Requests(t.Context(), user)
	if err != nil || len(reqs) == 0 {
		t.Fatalf("Requests = %v, %v", reqs, err)
	}
	return reqs[0]
}

func (h *harness) counts(t testing.TB) storage.CitizenCounts {
	t.Helper()
	c, err := h.db.CitizenCounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// passportFields splits a passport's ten digits into series and number.
func passportFields(p pii.Passport) (string, string) { return p.Reveal()[:4], p.Reveal()[4:] }
