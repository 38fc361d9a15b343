package registry_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pbnode/pbnode/portal/registry"
)

// validDir holds a consistent set of extracts: six residents (two pairs of namesakes, one
// pair born the same day), four flats, three owners of two flats and three social tenants
// of a third.
const validDir = "testdata/valid"

var files = []string{"residents.csv", "passports.csv", "snils.csv", "flats.csv", "owners.csv", "social_tenants.csv"}

// validFS returns the files of validDir in memory, for a test to replace one.
func validFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(validDir, name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// copyValid copies validDir into a new directory and returns it.
func copyValid(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range validFS(t) {
		writeFile(t, dir, name, string(f.Data))
	}
	return dir
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func openValid(t testing.TB) *registry.Extracts {
	t.Helper()
	reg, err := registry.Open(t.Context(), validFS(t))
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// must returns v, for test values known to parse.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func date(s string) time.Time { return must(time.Parse(time.DateOnly, s)) }
