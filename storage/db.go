package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// dialect is the SQL flavour of the open database: DriverSQLite or DriverPostgres.
type dialect string

// DB is an open database. Its Repo methods each run on their own (single statements are
// atomic; methods that need several statements open their own transaction); Tx groups calls.
// A DB is safe for concurrent use.
type DB struct {
	Repo
	sql *sql.DB
}

// Tx is one database transaction, valid only inside the function given to DB.Tx.
type Tx struct {
	Repo
}

// Repo holds the repository methods shared by DB and Tx. Its zero value is not usable; get
// one from Open (as part of *DB) or DB.Tx (as part of *Tx).
type Repo struct {
	g *gorm.DB
	d dialect
}

// Open connects to the database described by cfg and checks the connection; it does not
// migrate (see Migrate). log receives slow-query warnings without SQL values; nil discards.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*DB, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("open storage: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dial, err := dialector(cfg)
	if err != nil {
		return nil, fmt.Errorf("open storage: %w", err)
	}
	g, err := gorm.Open(dial, &gorm.Config{
		Logger: newGormLogger(log, slowQuery),
		// Every method is one statement or opens its own transaction: gorm's implicit
		// transaction around each write would only add two round trips.
		SkipDefaultTransaction: true,
		// PrepareStmt stays off. pgx already caches prepared statements per connection. For
		// SQLite, preparing is cheap and gorm's statement cache is unsafe with our single
		// connection: a Tx can get a cached statement that another goroutine is still
		// preparing, and that goroutine waits for the connection the Tx holds.
		PrepareStmt:          false,
		TranslateError:       true,
		NowFunc:              now,
		DisableAutomaticPing: true,
	})
	if err != nil {
		return nil, fmt.Errorf("open storage %s: %w", cfg.Driver, err)
	}
	db := &DB{Repo: Repo{g: g, d: dialect(cfg.Driver)}}
	if db.sql, err = g.DB(); err != nil {
		return nil, fmt.Errorf("open storage %s: %w", cfg.Driver, err)
	}
	configurePool(db.sql, cfg)
	if err := db.Ping(ctx); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("open storage %s: %w", cfg.Driver, err)
	}
	return db, nil
}

func dialector(cfg Config) (gorm.Dialector, error) {
	if cfg.Driver == DriverPostgres {
		return postgres.Open(cfg.DSN), nil
	}
	if dir := sqliteDir(cfg.DSN); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create sqlite directory: %w", err)
		}
	}
	return sqlite.Open(sqliteDSN(cfg.DSN)), nil
}

// configurePool sizes the pool. SQLite gets exactly one connection, kept open forever: SQLite
// allows one writer at a time, and with several connections concurrent writers in this process
// would queue inside SQLite's busy handler (sleep-and-retry, failing with SQLITE_BUSY after the
// timeout) instead of in database/sql's fair, context-aware wait for the connection. One
// connection also keeps a ":memory:" database alive. The price: inside DB.Tx the function must
// use the *Tx it is given, never the *DB, or it waits for the connection the Tx holds.
func configurePool(db *sql.DB, cfg Config) {
	n := cfg.MaxOpenConns
	switch {
	case cfg.Driver == DriverSQLite:
		n = sqliteConns
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	case n == 0:
		n = defaultPostgresConns
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
}

// Driver reports the database driver, DriverSQLite or DriverPostgres.
func (db *DB) Driver() string { return string(db.d) }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("ping storage: %w", err)
	}
	return nil
}

// Close closes the database; calls in flight finish first.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close storage: %w", err)
	}
	return nil
}

// Tx runs fn inside one database transaction: it commits when fn returns nil and rolls back
// when fn returns an error (returned unchanged) or panics (the panic continues).
//
// fn must use tx, never db: on SQLite the transaction holds the only connection, so a call on
// db would wait for ever. When a call on tx fails, fn should return: on PostgreSQL a failed
// statement aborts the transaction. The exceptions use a savepoint, so their failure leaves
// the transaction usable: the calls that run several statements (CreateInitiative,
// CreateQuotas, SetFunded) and those whose conflict a caller handles (CreateUser,
// GrantUserRole). Guarded updates that return ErrInsufficient did not fail a
// statement either.
func (db *DB) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.g.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		return fn(&Tx{Repo: Repo{g: g, d: db.d}})
	})
}

// with returns the gorm handle bound to ctx.
func (r Repo) with(ctx context.Context) *gorm.DB { return r.g.WithContext(ctx) }

// atomic runs fn in a transaction, or in a savepoint when r is already inside one.
func (r Repo) atomic(ctx context.Context, fn func(r Repo) error) error {
	return r.with(ctx).Transaction(func(g *gorm.DB) error {
		return fn(Repo{g: g, d: r.d})
	})
}

// now is the current time as stored: UTC, microsecond precision (PostgreSQL's resolution).
func now() time.Time { return dbTime(time.Now()) }

// dbTime normalises t to what the database keeps, so values read back compare equal.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
