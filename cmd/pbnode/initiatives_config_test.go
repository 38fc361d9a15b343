package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCategoriesFile: a city's categories file replaces the built-in categories; a malformed
// or missing one stops the node at its config check.
func TestCategoriesFile(t *testing.T) {
	// Without a file: the built-in categories.
	c, err := loadTest(t, ModeDev, "", env{})
	if err != nil {
		t.Fatal(err)
	}
	if o, err := citizensOptionsOf(c); err != nil || len(o.Initiatives.Categories) < 2 {
		t.Fatalf("without a file: %d categories, %v; want the built-in ones", len(o.Initiatives.Categories), err)
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.json"), filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, []byte(`[{"code": "yard", "name": "Двор", "subcategories": [{"code": "bench", "name": "Скамейки"}]}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`[{"code": "Yard", "name": "Двор"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{bad, filepath.Join(dir, "none.json")} {
		if _, err := loadTest(t, ModeDev, "", env{"PBNODE_INITIATIVES_CATEGORIES_FILE": path}); err == nil || !strings.Contains(err.Error(), keyCategoriesFile) {
			t.Errorf("%s: config err = %v, want one naming %s", filepath.Base(path), err, keyCategoriesFile)
		}
	}
	c, err = loadTest(t, ModeDev, "", env{"PBNODE_INITIATIVES_CATEGORIES_FILE": good})
	if err != nil {
		t.Fatal(err)
	}
	o, err := citizensOptionsOf(c)
	if err != nil || len(o.Initiatives.Categories) != 1 || o.Initiatives.Categories[0].Subcategories[0].Code != "bench" {
		t.Fatalf("categories from the file: %+v, %v", o.Initiatives.Categories, err)
	}
}
