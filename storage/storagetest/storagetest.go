// Package storagetest gives tests fresh, migrated databases of every supported driver, so one
// conformance suite runs on SQLite and PostgreSQL alike.
//
// PostgreSQL comes from PBNODE_TEST_POSTGRES_DSN (default DefaultPostgresDSN): each database is
// created with a random name and dropped when the test ends. A test that cannot reach the
// server fails; it is never skipped.
package storagetest

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pbnode/pbnode/storage"
)

// DefaultPostgresDSN is the server used when PBNODE_TEST_POSTGRES_DSN is unset.
const DefaultPostgresDSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres sslmode=disable"

// postgresConns bounds each test database's pool: enough for real concurrency in the suite
// without exhausting the server's connections when many tests run at once.
const postgresConns = 4

// Drivers lists the drivers every conformance test runs on.
var Drivers = []string{storage.DriverSQLite, storage.DriverPostgres}

// ForEach runs fn as a subtest named after each driver, with a fresh migrated database.
func ForEach(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, driver := range Drivers {
		t.Run(driver, func(t *testing.T) {
			fn(t, Open(t, driver))
		})
	}
}

// Open returns a fresh migrated database of driver, closed (and for PostgreSQL dropped) when
// the test ends.
func Open(t testing.TB, driver string) *storage.DB {
	t.Helper()
	cfg := Config(t, driver)
	db, err := storage.Open(t.Context(), cfg, Logger(t))
	if err != nil {
		t.Fatalf("storagetest: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("storagetest: %v", err)
		}
	})
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("storagetest: %v", err)
	}
	return db
}

// Config returns the config of a fresh, empty (unmigrated) database of driver: an SQLite file
// in t.TempDir(), or a new PostgreSQL database dropped when the test ends.
func Config(t testing.TB, driver string) storage.Config {
	t.Helper()
	switch driver {
	case storage.DriverSQLite:
		return storage.Config{Driver: driver, DSN: filepath.Join(t.TempDir(), "pbnode.db")}
	case storage.DriverPostgres:
		return storage.Config{Driver: driver, DSN: createPostgres(t), MaxOpenConns: postgresConns}
	}
	t.Fatalf("storagetest: unknown driver %q", driver)
	return storage.Config{}
}

// Logger sends warnings (slow queries) to the test log.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// createPostgres creates database pbnode_t_<random>, registers its drop, and returns its DSN.
func createPostgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("PBNODE_TEST_POSTGRES_DSN")
	if admin == "" {
		admin = DefaultPostgresDSN
	}
	name := "pbnode_t_" + strings.ToLower(rand.Text()[:16])
	if err := adminExec(t.Context(), admin, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("storagetest: postgres (PBNODE_TEST_POSTGRES_DSN) is required: %v", err)
	}
	t.Cleanup(func() {
		// t.Context() is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := adminExec(ctx, admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("storagetest: %v", err)
		}
	})
	dsn, err := withDBName(admin, name)
	if err != nil {
		t.Fatalf("storagetest: %v", err)
	}
	return dsn
}

func adminExec(ctx context.Context, dsn, sql string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// withDBName returns dsn (a postgres:// URL or key=value string) pointing at database name.
func withDBName(dsn, name string) (string, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " dbname=" + name, nil // a later keyword overrides an earlier one
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("parse PBNODE_TEST_POSTGRES_DSN: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}
