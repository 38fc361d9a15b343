package storage_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestOpenInvalidConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  storage.Config
	}{
		{"unknown driver", storage.Config{Driver: "mysql", DSN: "x"}},
		{"empty sqlite dsn", storage.Config{Driver: storage.DriverSQLite}},
		{"sqlite with a pool", storage.Config{Driver: storage.DriverSQLite, DSN: "x.db", MaxOpenConns: 4}},
		{"empty postgres dsn", storage.Config{Driver: storage.DriverPostgres}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := storage.Open(t.Context(), tt.cfg, nil); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("Open err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestOpenUnreachablePostgres(t *testing.T) {
	t.Parallel()
	cfg := storage.Config{Driver: storage.DriverPostgres, DSN: "host=127.0.0.1 port=1 user=postgres sslmode=disable connect_timeout=2"}
	if db, err := storage.Open(t.Context(), cfg, nil); err == nil {
		db.Close()
		t.Fatal("Open of an unreachable server succeeded")
	}
}

func TestOpenSQLiteCreatesDirectoryAndSetsPragmas(t *testing.T) {
	t.Parallel()
	cfg := storage.Config{Driver: storage.DriverSQLite, DSN: filepath.Join(t.TempDir(), "a", "b", "pbnode.db")}
	db, err := storage.Open(t.Context(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000"} {
		if got, err := db.QueryString(t.Context(), "PRAGMA "+pragma); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
}

func TestPingClose(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		if err := db.Ping(t.Context()); err != nil {
			t.Fatal(err)
		}
		if got := db.Driver(); got != t.Name()[len("TestPingClose/"):] {
			t.Errorf("Driver() = %q", got)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if err := db.Ping(t.Context()); err == nil {
			t.Error("Ping after Close succeeded")
		}
	})
}
