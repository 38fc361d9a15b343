package nodetest

import (
	"os"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// openDB opens a fresh migrated database of driver and returns it with its config (for
// storagetest.DumpText); it is closed when the test ends.
func openDB(t testing.TB, driver string) (*storage.DB, storage.Config) {
	t.Helper()
	cfg := storagetest.Config(t, driver)
	db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close database: %v", err)
		}
	})
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db, cfg
}

// startCitizens starts the citizens service over the identity service's vault, with the
// rules pbnode runs with.
func (n *Node) startCitizens(t testing.TB) {
	t.Helper()
	var err error
	if n.Citizens, err = citizens.New(n.DB, n.Vault, citizens.DefaultConfig(), n.log); err != nil {
		t.Fatal(err)
	}
}

// Extracts writes a synthetic registry extract of people people (registrytest.Generate with
// seed) into a temporary directory and opens it.
func Extracts(t testing.TB, people int, seed uint64) (*registry.Extracts, []registrytest.Citizen) {
	t.Helper()
	dir := t.TempDir()
	list, err := registrytest.Generate(dir, people, seed)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(t.Context(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return reg, list
}

// StartVerification runs the verification job against reg until the test ends, telling
// citizens by SMS through the node's recording gateway, as a node does. It passes every 50ms.
func (n *Node) StartVerification(t testing.TB, reg registry.Registry) *citizens.Job {
	t.Helper()
	cfg := citizens.DefaultJobConfig()
	cfg.Interval = 50 * time.Millisecond
	job, err := n.Citizens.NewJob(reg, n.Citizens.NewSMSNotifier(n.SMS), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := cancelCtx(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		job.Run(ctx)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return job
}
