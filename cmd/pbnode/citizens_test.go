package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDevRegistry: dev generates its demo extracts once into <data_dir>/registry, and they
// load; a set already there is kept.
func TestDevRegistry(t *testing.T) {
	dataDir := t.TempDir()
	c, err := loadTest(t, ModeDev, "", env{"PBNODE_DATA_DIR": dataDir})
	if err != nil {
		t.Fatal(err)
	}
	o, err := citizensOptionsOf(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dataDir, devRegistryDir); o.ExtractsDir != want || !o.DevRegistry {
		t.Fatalf("extracts dir = %q (dev %v), want %q", o.ExtractsDir, o.DevRegistry, want)
	}
	for i, want := range []bool{true, false} {
		if got, err := prepareDevRegistry(o.ExtractsDir); err != nil || got != want {
			t.Fatalf("start %d: generated = %v, %v; want %v", i, got, err, want)
		}
	}
	reg, err := openRegistry(t.Context(), o.ExtractsDir)
	if err != nil || reg.Stats().Residents != devRegistryPeople {
		t.Fatalf("open demo registry: %v", err)
	}
}

// TestHolidaysFile: a malformed production calendar stops the node; a good one is used.
func TestHolidaysFile(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.txt"), filepath.Join(dir, "bad.txt")
	os.WriteFile(good, []byte("2027-01-04 holiday\n"), 0o600)
	os.WriteFile(bad, []byte("2027-01-04 maybe\n"), 0o600)
	for path, ok := range map[string]bool{good: true, bad: false, filepath.Join(dir, "none.txt"): false} {
		c, err := loadTest(t, ModeDev, "", env{"PBNODE_VERIFICATION_HOLIDAYS_FILE": path})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := citizensOptionsOf(c); (err == nil) != ok {
			t.Errorf("%s: err = %v, want ok %v", filepath.Base(path), err, ok)
		}
	}
}
