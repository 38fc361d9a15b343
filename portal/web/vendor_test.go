package web

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestVendoredEthers: the ethers build the allocation page loads (static/vendor) is byte for
// byte the one package.json pins, as npm installs it, with its licence; a bump of ethers
// without a new copy fails here. To update: copy node_modules/ethers/dist/ethers.umd.min.js
// and node_modules/ethers/LICENSE.md to static/vendor/ethers.umd.min.js and
// static/vendor/ethers.LICENSE.txt.
func TestVendoredEthers(t *testing.T) {
	var pkg struct {
		Dependencies, DevDependencies map[string]string
	}
	raw, err := os.ReadFile("../../package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	pinned := pkg.DevDependencies["ethers"] + pkg.Dependencies["ethers"]
	var installed struct{ Version string }
	raw, err = os.ReadFile("../../node_modules/ethers/package.json")
	if err != nil {
		t.Fatalf("%v: install the npm packages first (source scripts/node-env.sh)", err)
	}
	if err := json.Unmarshal(raw, &installed); err != nil {
		t.Fatal(err)
	}
	if pinned == "" || installed.Version != pinned {
		t.Fatalf("package.json pins ethers %q, node_modules holds %q", pinned, installed.Version)
	}
	for vendored, npm := range map[string]string{
		"static/vendor/ethers.umd.min.js":  "../../node_modules/ethers/dist/ethers.umd.min.js",
		"static/vendor/ethers.LICENSE.txt": "../../node_modules/ethers/LICENSE.md",
	} {
		got, err := os.ReadFile(vendored)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(npm)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not ethers %s's %s: copy it again", vendored, pinned, npm)
		}
	}
}
