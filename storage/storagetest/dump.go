package storagetest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"; storage's SQLite driver registers "sqlite"

	"github.com/pbnode/pbnode/storage"
)

// DumpText returns every value of every table of the database cfg names as text, one value a
// line prefixed by its table: strings as they are, byte strings both raw and in hex. It reads
// through a connection of its own, around gorm, so a scan for personal data sees what a
// database dump would.
func DumpText(t testing.TB, cfg storage.Config) string {
	t.Helper()
	driver, tables := "sqlite", "SELECT name FROM sqlite_master WHERE type = 'table'"
	if cfg.Driver == storage.DriverPostgres {
		driver, tables = "pgx", "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
	}
	db, err := sql.Open(driver, cfg.DSN)
	if err != nil {
		t.Fatalf("storagetest: dump: %v", err)
	}
	defer db.Close()
	var names []string
	rows, err := db.QueryContext(t.Context(), tables)
	if err != nil {
		t.Fatalf("storagetest: dump: %v", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatalf("storagetest: dump: %v", err)
		}
		names = append(names, n)
	}
	rows.Close()
	var b strings.Builder
	for _, n := range names {
		dumpTable(t, db, n, &b)
	}
	return b.String()
}

func dumpTable(t testing.TB, db *sql.DB, table string, b *strings.Builder) {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), `SELECT * FROM "`+table+`"`)
	if err != nil {
		t.Fatalf("storagetest: dump %s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatalf("storagetest: dump %s: %v", table, err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("storagetest: dump %s: %v", table, err)
		}
		for _, v := range vals {
			if raw, ok := v.([]byte); ok {
				fmt.Fprintf(b, "%s\t%x\t%s\n", table, raw, raw)
			} else {
				fmt.Fprintf(b, "%s\t%v\n", table, v)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("storagetest: dump %s: %v", table, err)
	}
}

// Exec runs one statement on a connection of its own to the database of cfg: for tests that
// break the schema under a running node (a table renamed away) to see that a failure
// mid-request leaves nothing behind.
func Exec(t testing.TB, cfg storage.Config, statement string) {
	t.Helper()
	driver := "sqlite"
	if cfg.Driver == storage.DriverPostgres {
		driver = "pgx"
	}
	db, err := sql.Open(driver, cfg.DSN)
	if err != nil {
		t.Fatalf("storagetest: exec: %v", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(t.Context(), statement); err != nil {
		t.Fatalf("storagetest: exec %q: %v", statement, err)
	}
}
