package registrytest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
)

var files = []string{"residents.csv", "passports.csv", "snils.csv", "flats.csv", "owners.csv", "social_tenants.csv"}

// TestGenerate: the extract loads, and every check matches every generated citizen.
func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	const n = 500
	people, err := registrytest.Generate(dir, n, 7)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(t.Context(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	stats := reg.Stats()
	if len(people) != n || stats.Residents != n || stats.Passports != n || stats.SNILS != n ||
		stats.Owners+stats.SocialTenants != n || stats.Owners == 0 || stats.SocialTenants == 0 {
		t.Fatalf("%d people, Stats() = %+v", len(people), stats)
	}
	ctx := t.Context()
	for i, c := range people {
		results := map[string]func() (registry.Result, error){
			"person":   func() (registry.Result, error) { return reg.CheckPerson(ctx, c.Person) },
			"passport": func() (registry.Result, error) { return reg.CheckPassport(ctx, c.Person, c.Passport) },
			"snils":    func() (registry.Result, error) { return reg.CheckSNILS(ctx, c.Person, c.SNILS) },
			"flat":     func() (registry.Result, error) { return reg.CheckFlat(ctx, c.FLS, c.Flat) },
			"property": func() (registry.Result, error) { return reg.CheckProperty(ctx, c.Person, c.FLS, c.Cert) },
		}
		for name, check := range results {
			if r, err := check(); err != nil || !r.Matched() {
				t.Fatalf("citizen %d (%s): %s check %v, %v", i, c.PersonID, name, r, err)
			}
		}
		if r, _ := reg.CheckProperty(ctx, c.Person, c.FLS, c.Cert); r.Role != c.Role {
			t.Fatalf("citizen %d: role %v, want %v", i, r.Role, c.Role)
		}
	}
}

// TestGenerateDeterministic: a seed writes the same files every time, another seed others.
func TestGenerateDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, seed := range map[string]uint64{a: 42, b: 42, c: 43} {
		if _, err := registrytest.Generate(dir, 100, seed); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range files {
		fa, fb, fc := read(t, a, name), read(t, b, name), read(t, c, name)
		if !bytes.Equal(fa, fb) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if bytes.Equal(fa, fc) {
			t.Errorf("%s is the same for two seeds", name)
		}
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
