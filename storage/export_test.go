package storage

import (
	"context"
	"time"
)

// Migration exposes the migration type to the external conformance tests.
type Migration = migration

// SQLMigration exposes sqlMigration.
func SQLMigration(version int, name string, stmts ...string) Migration {
	return sqlMigration(version, name, stmts...)
}

// KnownMigrations exposes the migrations of this binary.
func KnownMigrations() []Migration { return migrations() }

// LatestMigration is the highest version this binary knows.
func LatestMigration() int { list := migrations(); return list[len(list)-1].version }

// MigrationVersions lists the versions this binary knows, in order.
func MigrationVersions() []int {
	var vs []int
	for _, m := range migrations() {
		vs = append(vs, m.version)
	}
	return vs
}

// MigrateWith runs Migrate with another list of migrations.
func (db *DB) MigrateWith(ctx context.Context, list []Migration) ([]string, error) {
	return db.migrate(ctx, list)
}

// MigrationRecord is a row of schema_migrations.
type MigrationRecord struct {
	Version   int
	Name      string
	AppliedAt time.Time
}

// MigrationRecords reads schema_migrations.
func (db *DB) MigrationRecords(ctx context.Context) ([]MigrationRecord, error) {
	var recs []MigrationRecord
	err := db.with(ctx).Raw("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").Scan(&recs).Error
	return recs, err
}

// QueryString runs a query returning one text value (for pragmas and catalog checks).
func (db *DB) QueryString(ctx context.Context, q string) (string, error) {
	var s string
	err := db.with(ctx).Raw(q).Scan(&s).Error
	return s, err
}

// TableExists reports whether a table exists.
func (db *DB) TableExists(ctx context.Context, name string) bool {
	return db.with(ctx).Migrator().HasTable(name)
}
