package storage

import (
	"bytes"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// Statements reach the log as templates: no values, which may be personal data.
func TestLoggerOmitsValues(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	db, err := Open(t.Context(), Config{Driver: DriverSQLite, DSN: filepath.Join(t.TempDir(), "pb.db")}, log)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	db.g.Logger = newGormLogger(log, 0) // every statement is "slow"
	const secret = "Ivanov Ivan, passport 4510 123456"
	if err := db.SetSetting(t.Context(), "note", secret); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "INSERT INTO settings") || !strings.Contains(out, "level=WARN") {
		t.Errorf("log lacks the statement template:\n%s", out)
	}
	if strings.Contains(out, "Ivanov") {
		t.Errorf("log contains a value:\n%s", out)
	}
}
