package storage_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestMigrateIdempotentAndRecorded(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		for range 2 {
			applied, err := db.Migrate(ctx)
			if err != nil || len(applied) != 0 {
				t.Fatalf("Migrate on a migrated database = %v, %v; want nothing applied", applied, err)
			}
		}
		known := storage.KnownMigrations()
		if v, err := db.SchemaVersion(ctx); err != nil || v != storage.LatestMigration() {
			t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, storage.LatestMigration())
		}
		recs, err := db.MigrationRecords(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(known) || recs[0].Version != 1 || recs[0].Name != "initial" {
			t.Fatalf("schema_migrations = %+v", recs)
		}
		if age := time.Since(recs[0].AppliedAt); age < 0 || age > time.Minute {
			t.Errorf("applied_at %v is not recent", recs[0].AppliedAt)
		}
	})
}

// Several pbnode processes starting at once on an empty database: each migration is applied
// exactly once and nobody fails.
func TestMigrateConcurrentStarters(t *testing.T) {
	t.Parallel()
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			cfg := storagetest.Config(t, driver)
			const starters = 4
			dbs := make([]*storage.DB, starters)
			for i := range dbs {
				db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				dbs[i] = db
			}
			if v, err := dbs[0].SchemaVersion(t.Context()); err != nil || v != 0 {
				t.Fatalf("SchemaVersion of an empty database = %d, %v; want 0", v, err)
			}
			var mu sync.Mutex // guards applied
			var applied []string
			var wg sync.WaitGroup
			for _, db := range dbs {
				wg.Go(func() {
					labels, err := db.Migrate(t.Context())
					if err != nil {
						t.Errorf("Migrate: %v", err)
					}
					mu.Lock()
					applied = append(applied, labels...)
					mu.Unlock()
				})
			}
			wg.Wait()
			slices.Sort(applied)
			var want []string
			for _, v := range storage.MigrationVersions() {
				want = append(want, fmt.Sprintf("%04d_", v))
			}
			if len(applied) != len(want) || applied[0] != "0001_initial" || !slices.EqualFunc(applied, want, strings.HasPrefix) {
				t.Errorf("applied across starters = %v, want %v", applied, want)
			}
		})
	}
}

func TestMigrateSchemaTooNew(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		next := storage.LatestMigration() + 1
		future := append(storage.KnownMigrations(), storage.SQLMigration(next, "future", "CREATE TABLE future_thing (id INTEGER)"))
		if applied, err := db.MigrateWith(ctx, future); err != nil || !slices.Equal(applied, []string{fmt.Sprintf("%04d_future", next)}) {
			t.Fatalf("MigrateWith(future) = %v, %v", applied, err)
		}
		applied, err := db.Migrate(ctx)
		if !errors.Is(err, storage.ErrSchemaTooNew) || len(applied) != 0 {
			t.Fatalf("Migrate by an older binary = %v, %v; want ErrSchemaTooNew", applied, err)
		}
		if v, _ := db.SchemaVersion(ctx); v != next {
			t.Errorf("SchemaVersion = %d, want %d", v, next)
		}
	})
}

func TestMigrateFailedStepRollsBack(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		known := storage.LatestMigration()
		broken := append(storage.KnownMigrations(),
			storage.SQLMigration(known+1, "broken", "CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL"))
		if _, err := db.MigrateWith(ctx, broken); err == nil || errors.Is(err, storage.ErrSchemaTooNew) {
			t.Fatalf("MigrateWith(broken) err = %v, want a syntax error", err)
		}
		if db.TableExists(ctx, "half_done") {
			t.Error("table of the failed migration survived")
		}
		if v, _ := db.SchemaVersion(ctx); v != known {
			t.Errorf("SchemaVersion after failure = %d, want %d", v, known)
		}
		fixed := append(storage.KnownMigrations(), storage.SQLMigration(known+1, "fixed", "CREATE TABLE half_done (id INTEGER)"))
		if applied, err := db.MigrateWith(ctx, fixed); err != nil || !slices.Equal(applied, []string{fmt.Sprintf("%04d_fixed", known+1)}) {
			t.Fatalf("MigrateWith(fixed) = %v, %v", applied, err)
		}
		gap := []storage.Migration{storage.SQLMigration(2, "gap")}
		if _, err := db.MigrateWith(ctx, gap); err == nil {
			t.Error("a list not starting at version 1 was accepted")
		}
		backwards := []storage.Migration{storage.SQLMigration(1, "initial"), storage.SQLMigration(3, "c"), storage.SQLMigration(2, "b")}
		if _, err := db.MigrateWith(ctx, backwards); err == nil {
			t.Error("a list whose versions go backwards was accepted")
		}
	})
}

// A binary whose list skips a version (node-v2 leaves 6 and 7 to main) refuses a database that
// has that version, and a database that lacks it gets it from a binary that knows it.
func TestMigrateSkippedVersion(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		known := storage.KnownMigrations()
		last := storage.LatestMigration()
		filled := fillGaps(known)
		applied, err := db.MigrateWith(ctx, filled)
		if err != nil || len(applied) != len(filled)-len(known) {
			t.Fatalf("MigrateWith(filled) = %v, %v; want the %d skipped versions", applied, err, len(filled)-len(known))
		}
		if len(filled) > len(known) {
			if _, err := db.Migrate(ctx); !errors.Is(err, storage.ErrSchemaTooNew) {
				t.Errorf("Migrate over a database with a version this binary skips: err = %v, want ErrSchemaTooNew", err)
			}
		}
		if v, _ := db.SchemaVersion(ctx); v != last {
			t.Errorf("SchemaVersion = %d, want %d", v, last)
		}
	})
}

// fillGaps returns list with a migration creating table gap_N for each version N it skips.
func fillGaps(list []storage.Migration) []storage.Migration {
	var out []storage.Migration
	next := 1
	for i, v := range storage.MigrationVersions() {
		for ; next < v; next++ {
			out = append(out, storage.SQLMigration(next, "gap", fmt.Sprintf("CREATE TABLE gap_%d (id INTEGER)", next)))
		}
		out = append(out, list[i])
		next = v + 1
	}
	return out
}
