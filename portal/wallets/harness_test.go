package wallets_test

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

const (
	publicURL = "https://vote.pbnode.example"
	domain    = "vote.pbnode.example"
	chainID   = 31337
)

// harness is a wallets service over a fresh database, with a clock the test moves.
type harness struct {
	db    *storage.DB
	cfg   storage.Config
	vault *pii.Vault
	svc   *wallets.Service
	mu    sync.Mutex // guards now
	now   time.Time
}

// forEachDriver runs fn on SQLite and PostgreSQL.
func forEachDriver(t *testing.T, fn func(t *testing.T, h *harness)) {
	t.Helper()
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { fn(t, newHarness(t, driver)) })
	}
}

func newHarness(t *testing.T, driver string) *harness {
	t.Helper()
	h := &harness{cfg: storagetest.Config(t, driver), now: time.Now().UTC()}
	db, err := storage.Open(t.Context(), h.cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	h.db = db
	if h.vault, err = pii.NewEphemeralVault("w1"); err != nil {
		t.Fatal(err)
	}
	cfg := wallets.DefaultConfig()
	cfg.PublicURL, cfg.ChainID = publicURL, chainID
	if h.svc, err = wallets.New(db, h.vault, cfg, nil, wallets.WithClock(h.clock)); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

var seq atomic.Int64

// newUser creates an active user signed in through a test identity provider.
func (h *harness) newUser(t *testing.T) int64 {
	t.Helper()
	n := seq.Add(1)
	u := storage.User{UserID: fmt.Sprintf("%d", 500_000_000_000+n), OIDCIssuer: "urn:pbnode:test", OIDCSubject: fmt.Sprint(n)}
	if err := h.db.CreateUser(t.Context(), &u); err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// dump is every value in the database, as a database dump would show it.
func (h *harness) dump(t *testing.T) string { return storagetest.DumpText(t, h.cfg) }

// wallet is a user's own key, outside the node.
type wallet struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func newWallet(t *testing.T) wallet {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return wallet{key, crypto.PubkeyToAddress(key.PublicKey)}
}

// ethersSign has ethers v6 sign message with w's key, as a browser wallet would
// (scripts/siwe-sign.mjs). It needs node on PATH and ethers installed (source
// scripts/node-env.sh; scripts/test.sh does): without them the test fails.
func ethersSign(t *testing.T, w wallet, message string) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not on PATH (source scripts/node-env.sh): %v", err)
	}
	in, _ := json.Marshal(map[string]string{"privateKey": hexutil.Encode(crypto.FromECDSA(w.key)), "message": message})
	cmd := exec.CommandContext(t.Context(), node, filepath.Join(repoRoot(t), "scripts", "siwe-sign.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/siwe-sign.mjs (needs ethers: npm install): %v\n%s", err, stderr.String())
	}
	var res struct{ Address, Signature string }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("scripts/siwe-sign.mjs printed %q: %v", out, err)
	}
	if common.HexToAddress(res.Address) != w.addr {
		t.Fatalf("ethers signed as %s, want %s", res.Address, w.addr)
	}
	sig, err := hexutil.Decode(res.Signature)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// repoRoot is the module's root, two directories above this file.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}
