package storage

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Database drivers accepted in Config.Driver.
const (
	DriverSQLite   = "sqlite"
	DriverPostgres = "postgres"
)

// Default pool sizes when Config.MaxOpenConns is 0.
const (
	defaultPostgresConns = 10
	sqliteConns          = 1 // see sqliteDSN and Open: SQLite gets a single connection
)

// Config selects and locates the database.
type Config struct {
	// Driver is DriverSQLite or DriverPostgres.
	Driver string
	// DSN is a file path (or file: URI) for SQLite, or a libpq key=value string or
	// postgres:// URL for PostgreSQL.
	DSN string
	// MaxOpenConns bounds the connection pool; 0 picks the default (10 for PostgreSQL).
	// SQLite always uses one connection, so only 0 and 1 are valid for it.
	MaxOpenConns int
}

// DefaultConfig is the embedded setup: SQLite in .pbnode/pbnode.db under the working directory.
func DefaultConfig() Config {
	return Config{Driver: DriverSQLite, DSN: filepath.Join(".pbnode", "pbnode.db")}
}

// Validate reports whether the config can be opened; errors wrap ErrInvalid. It does not touch
// the database.
func (c Config) Validate() error {
	if c.MaxOpenConns < 0 {
		return fmt.Errorf("%w: storage max open conns %d is negative", ErrInvalid, c.MaxOpenConns)
	}
	switch c.Driver {
	case DriverSQLite:
		return c.validateSQLite()
	case DriverPostgres:
		return c.validatePostgres()
	}
	return fmt.Errorf("%w: storage driver %q is not %q or %q", ErrInvalid, c.Driver, DriverSQLite, DriverPostgres)
}

func (c Config) validateSQLite() error {
	if c.MaxOpenConns > sqliteConns {
		return fmt.Errorf("%w: sqlite uses one connection, max open conns %d", ErrInvalid, c.MaxOpenConns)
	}
	path, query, _ := strings.Cut(c.DSN, "?")
	if path == "" || strings.ContainsRune(c.DSN, 0) {
		return fmt.Errorf("%w: sqlite dsn must name a file", ErrInvalid)
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Errorf("%w: sqlite dsn query: %v", ErrInvalid, err)
	}
	// Open sets _txlock itself; the driver ignores _txlock when _time_format is present.
	for _, p := range []string{"_txlock", "_time_format"} {
		if q.Has(p) {
			return fmt.Errorf("%w: sqlite dsn may not set %s", ErrInvalid, p)
		}
	}
	return nil
}

func (c Config) validatePostgres() error {
	if strings.TrimSpace(c.DSN) == "" {
		return fmt.Errorf("%w: postgres dsn is empty", ErrInvalid)
	}
	// pgconn redacts the password in its parse errors.
	if _, err := pgconn.ParseConfig(c.DSN); err != nil {
		return fmt.Errorf("%w: postgres dsn: %v", ErrInvalid, err)
	}
	return nil
}

// sqliteDSN appends the connection settings pbnode relies on to a valid SQLite DSN. The
// pragmas run on every new connection, after the caller's own, so they win:
//   - busy_timeout(5000): wait up to 5 s for another process's lock instead of failing;
//   - journal_mode(WAL): readers do not block the writer and a crash loses no committed data;
//   - foreign_keys(1): SQLite does not enforce REFERENCES without it;
//   - _txlock=immediate: BEGIN takes the write lock at once, so a transaction never fails
//     half-way with SQLITE_BUSY when upgrading from read to write (matters across processes).
func sqliteDSN(dsn string) string {
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
}

// sqliteDir is the directory to create for a plain-path SQLite DSN, or "" when the DSN is an
// in-memory database or a file: URI (left to the caller).
func sqliteDir(dsn string) string {
	path, _, _ := strings.Cut(dsn, "?")
	if path == ":memory:" || strings.HasPrefix(path, "file:") {
		return ""
	}
	return filepath.Dir(path)
}
