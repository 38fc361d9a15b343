package storage

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr error
	}{
		{"default", DefaultConfig(), nil},
		{"sqlite with params", Config{Driver: DriverSQLite, DSN: "pb.db?_pragma=cache_size(-2000)"}, nil},
		{"sqlite memory", Config{Driver: DriverSQLite, DSN: ":memory:", MaxOpenConns: 1}, nil},
		{"postgres keywords", Config{Driver: DriverPostgres, DSN: "host=db user=pb dbname=pb sslmode=disable"}, nil},
		{"postgres url", Config{Driver: DriverPostgres, DSN: "postgres://pb:secret@db:5432/pb?sslmode=disable", MaxOpenConns: 20}, nil},
		{"no driver", Config{DSN: "x"}, ErrInvalid},
		{"unknown driver", Config{Driver: "mysql", DSN: "x"}, ErrInvalid},
		{"negative pool", Config{Driver: DriverPostgres, DSN: "host=db", MaxOpenConns: -1}, ErrInvalid},
		{"sqlite pool", Config{Driver: DriverSQLite, DSN: "pb.db", MaxOpenConns: 2}, ErrInvalid},
		{"sqlite empty", Config{Driver: DriverSQLite}, ErrInvalid},
		{"sqlite only params", Config{Driver: DriverSQLite, DSN: "?_pragma=x"}, ErrInvalid},
		{"sqlite nul", Config{Driver: DriverSQLite, DSN: "pb\x00.db"}, ErrInvalid},
		{"sqlite bad query", Config{Driver: DriverSQLite, DSN: "pb.db?%zz"}, ErrInvalid},
		{"sqlite own txlock", Config{Driver: DriverSQLite, DSN: "pb.db?_txlock=deferred"}, ErrInvalid},
		{"sqlite time format", Config{Driver: DriverSQLite, DSN: "pb.db?_time_format=sqlite"}, ErrInvalid},
		{"postgres empty", Config{Driver: DriverPostgres, DSN: "  "}, ErrInvalid},
		{"postgres garbage", Config{Driver: DriverPostgres, DSN: "host=db port=notaport"}, ErrInvalid},
		{"postgres bad url", Config{Driver: DriverPostgres, DSN: "postgres://pb:pw@db:99999999/pb"}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate() = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestValidateDoesNotLeakPassword(t *testing.T) {
	err := Config{Driver: DriverPostgres, DSN: "postgres://pb:hunter2@db:notaport/pb"}.Validate()
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("Validate() = %v; want an error without the password", err)
	}
}

func TestSQLiteDSN(t *testing.T) {
	tests := []struct {
		dsn, wantPrefix, wantDir string
	}{
		{"pb.db", "pb.db?_pragma=busy_timeout(5000)&", "."},
		{".pbnode/pbnode.db", ".pbnode/pbnode.db?_pragma=", ".pbnode"},
		{"a/pb.db?_pragma=cache_size(-2000)", "a/pb.db?_pragma=cache_size(-2000)&_pragma=busy_timeout(5000)&", "a"},
		{":memory:", ":memory:?", ""},
		{"file:pb.db?mode=rwc", "file:pb.db?mode=rwc&", ""},
	}
	for _, tt := range tests {
		got := sqliteDSN(tt.dsn)
		if !strings.HasPrefix(got, tt.wantPrefix) || !strings.HasSuffix(got, "&_txlock=immediate") {
			t.Errorf("sqliteDSN(%q) = %q, want prefix %q", tt.dsn, got, tt.wantPrefix)
		}
		if dir := sqliteDir(tt.dsn); dir != tt.wantDir {
			t.Errorf("sqliteDir(%q) = %q, want %q", tt.dsn, dir, tt.wantDir)
		}
	}
}

// FuzzValidateConfig: Validate never panics, and a DSN it accepts for SQLite still parses
// after Open appends its own settings, with exactly one _txlock.
func FuzzValidateConfig(f *testing.F) {
	f.Add(DriverSQLite, ".pbnode/pbnode.db", 0)
	f.Add(DriverSQLite, "pb.db?_pragma=cache_size(-2000)&mode=rwc", 1)
	f.Add(DriverSQLite, "file:pb.db?_txlock=x", 0)
	f.Add(DriverPostgres, "host=127.0.0.1 port=5432 user=postgres dbname=postgres sslmode=disable", 10)
	f.Add(DriverPostgres, "postgres://u:p@h:5432/d?sslmode=require", 3)
	f.Add(DriverPostgres, "host='unterminated", -1)
	f.Add("oracle", "", 0)
	f.Fuzz(func(t *testing.T, driver, dsn string, conns int) {
		cfg := Config{Driver: driver, DSN: dsn, MaxOpenConns: conns}
		err := cfg.Validate()
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate(%+v) = %v, not ErrInvalid", cfg, err)
			}
			return
		}
		if conns < 0 || (driver != DriverSQLite && driver != DriverPostgres) {
			t.Fatalf("Validate accepted %+v", cfg)
		}
		if driver != DriverSQLite {
			return
		}
		_, query, _ := strings.Cut(sqliteDSN(dsn), "?")
		q, err := url.ParseQuery(query)
		if err != nil || len(q["_txlock"]) != 1 || len(q["_time_format"]) != 0 {
			t.Fatalf("sqliteDSN(%q) query %q: %v, %v", dsn, query, q, err)
		}
	})
}
