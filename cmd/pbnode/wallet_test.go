package main

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Wallet vault keys of the tests: distinct from the PII keys.
var (
	testWalletKey   = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0x3c}, 32))
	testWalletIndex = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xc3}, 32))
)

// withWalletKeys adds the wallet keys serve requires to e.
func withWalletKeys(e env) env {
	e["PBNODE_WALLET_KEYS"] = "w1:" + testWalletKey
	e["PBNODE_WALLET_ACTIVE_KEY"] = "w1"
	e["PBNODE_WALLET_INDEX_KEY"] = testWalletIndex
	return e
}

// TestDevWalletKeys: dev adds wallet keys to keys.yaml once, also to a file made before
// wallets existed, and reads the same keys at the next start.
func TestDevWalletKeys(t *testing.T) {
	dir := t.TempDir()
	if _, err := devKeys(dir); err != nil { // a data directory of an older pbnode: PII keys only
		t.Fatal(err)
	}
	first, err := devWalletKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.Vault(); err != nil {
		t.Fatalf("the generated wallet keys do not open a vault: %v", err)
	}
	again, err := devWalletKeys(dir)
	if err != nil || again != first {
		t.Errorf("second start read other wallet keys (%v)", err)
	}
	pii, err := devKeys(dir)
	if err != nil || pii.Keys.Reveal() == first.Keys.Reveal() || strings.Contains(first.Keys.Reveal(), pii.Keys.Reveal()) {
		t.Errorf("the wallet keys are the PII keys (%v)", err)
	}
	if st, err := os.Stat(filepath.Join(dir, keysFile)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("keys.yaml: %v, %v; want mode 0600", st, err)
	}
}

func TestServeRequiresWalletKeys(t *testing.T) {
	e := withPII(env{"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": testKey,
		"PBNODE_STORAGE_DSN": "host=127.0.0.1 user=pb dbname=pb"})
	delete(e, "PBNODE_WALLET_KEYS")
	if _, err := loadTest(t, ModeServe, "", e); err == nil || !strings.Contains(err.Error(), "wallet") {
		t.Errorf("serve without wallet keys: err = %v", err)
	}
	cfg, err := loadTest(t, ModeServe, "", withPII(env{"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": testKey,
		"PBNODE_STORAGE_DSN": "host=127.0.0.1 user=pb dbname=pb", "PBNODE_HTTP_PUBLIC_URL": "https://vote.example.org/"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := publicURL(cfg.HTTP); got != "https://vote.example.org" {
		t.Errorf("public URL = %q", got)
	}
	if s := cfg.String(); strings.Contains(s, testWalletKey) || strings.Contains(s, testWalletIndex) {
		t.Error("the printed config holds a wallet key")
	}
	if got := publicURL(HTTPConfig{Addr: ":8080"}); got != "http://127.0.0.1:8080" {
		t.Errorf("derived public URL = %q", got)
	}
}
