package registry_test

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
)

// TestReload: a bad or missing file leaves the loaded set answering; good files replace it.
func TestReload(t *testing.T) {
	dir := copyValid(t)
	reg, err := registry.Open(t.Context(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	before := reg.Stats()
	semenovaSNILS := snilsCheck(reg, semenova, snils("123-456-789 64"))

	writeFile(t, dir, "snils.csv", "person_id,snils\np2,123-456-789 65\n")
	if err := reg.Reload(t.Context()); !errors.Is(err, pii.ErrSNILSChecksum) {
		t.Fatalf("Reload() with a bad check digit: %v, want pii.ErrSNILSChecksum", err)
	}
	if got, err := semenovaSNILS(t.Context()); err != nil || got != match {
		t.Errorf("after a failed Reload: %v, %v; want the old set's match", got, err)
	}
	if got := reg.Stats(); got != before {
		t.Errorf("after a failed Reload Stats() = %+v, want %+v", got, before)
	}

	// The city sends new extracts, one file at a time: p2's SNILS is gone, and p1 sold the
	// flat to p5.
	writeFile(t, dir, "snils.csv", "person_id,snils\np1,112-233-445 95\n")
	if err := os.Remove(filepath.Join(dir, "owners.csv")); err != nil {
		t.Fatal(err)
	}
	if err := reg.Reload(t.Context()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Reload() without owners.csv: %v, want os.ErrNotExist", err)
	}
	if got, _ := property(reg, ivanov, "1234567890", cert("77-АБ 123456"))(t.Context()); got != owner {
		t.Errorf("after a failed Reload the owner check is %v, want %v", got, owner)
	}

	writeFile(t, dir, "owners.csv", "person_id,fls,property_cert\np5,1234567890,77-МН 654321\n")
	if err := reg.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got, _ := semenovaSNILS(t.Context()); got != notFound(registry.ReasonSNILSUnknown) {
		t.Errorf("after Reload the removed SNILS is %v, want not found", got)
	}
	if got, _ := property(reg, kuznetsova, "1234567890", cert("77-МН 654321"))(t.Context()); got != owner {
		t.Errorf("after Reload the new owner is %v, want %v", got, owner)
	}
	want := before
	want.SNILS, want.Owners = 1, 1
	if got := reg.Stats(); got != want {
		t.Errorf("after Reload Stats() = %+v, want %+v", got, want)
	}
}

// TestReloadConcurrent: checks run while Reload swaps sets, each answering from a whole
// set. Run with -race.
func TestReloadConcurrent(t *testing.T) {
	dir := copyValid(t)
	reg, err := registry.Open(t.Context(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	// Every set the reloads read holds p1 with the same passport.
	ivanovPassport := pass(reg, ivanov, passport("4509", "123456"))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				if got, err := ivanovPassport(t.Context()); err != nil || got != match {
					t.Errorf("check during Reload: %v, %v", got, err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		snilsFile := filepath.Join(dir, "snils.csv")
		for i := range 20 {
			bad := i%2 == 1 // a wrong check digit
			text := "person_id,snils\np1,112-233-445 95\n"
			if bad {
				text = "person_id,snils\np1,112-233-445 99\n"
			}
			if err := os.WriteFile(snilsFile, []byte(text), 0o600); err != nil {
				t.Error(err)
				return
			}
			if err := reg.Reload(t.Context()); (err != nil) != bad {
				t.Errorf("Reload %d: %v", i, err)
			}
		}
	})
	wg.Wait()
}
