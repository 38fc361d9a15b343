package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// piiCmd runs `pbnode pii args… --data-dir dir` and returns its exit code and output.
func piiCmd(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), append(append([]string{"pii"}, args...), "--data-dir", dir), &stdout, &stderr)
	return code, squash(stdout.String() + stderr.String())
}

// squash turns every run of spaces into one, so that tests need not count a table's padding.
func squash(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

// writeRotationKeys rewrites <dir>/keys.yaml with the rings "old,new" and new active.
func writeRotationKeys(t *testing.T, dir string, p PIIConfig, w WalletConfig, piiNew, walletNew string) {
	t.Helper()
	data := fmt.Sprintf("pii:\n  keys: %q\n  active_key: k2\n  index_key: %q\n"+
		"wallet:\n  keys: %q\n  active_key: w2\n  index_key: %q\n",
		p.Keys.Reveal()+",k2:"+piiNew, p.IndexKey.Reveal(), w.Keys.Reveal()+",w2:"+walletNew, w.IndexKey.Reveal())
	if err := os.WriteFile(filepath.Join(dir, keysFile), []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func newB64Key() string {
	b := make([]byte, pii.KeySize)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// TestPIIRotationCommands rotates a dev data directory's keys with `pbnode pii`.
func TestPIIRotationCommands(t *testing.T) {
	dir := t.TempDir()
	if code, out := piiCmd(t, dir, "reseal"); code != 1 || !strings.Contains(out, "does not exist") {
		t.Fatalf("reseal without keys: exit %d %q", code, out)
	}
	pk, err := devKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	wk, err := devWalletKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	pv, _ := pk.Vault()
	wv, _ := wk.Vault()
	db, err := storage.Open(t.Context(), storage.Config{Driver: storage.DriverSQLite, DSN: filepath.Join(dir, "pbnode.db")}, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	var users []storage.User
	for i := range 3 {
		phone := fmt.Sprintf("+7916123456%d", i)
		c, _ := pv.Seal(pii.KindPhone, []byte(phone))
		u := storage.User{UserID: fmt.Sprintf("12345678901%d", i), PhoneIndex: pv.Index(pii.KindPhone, phone), PhoneCipher: c}
		if err := db.CreateUser(t.Context(), &u); err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	cit := storage.Citizen{Address: "0x" + strings.Repeat("2", 40)}
	if err := db.CreateCitizen(t.Context(), &cit); err != nil {
		t.Fatal(err)
	}
	sealedKey, _ := wv.Seal(pii.KindWalletKey, []byte("private key"))
	if err := db.CreateCustodialKey(t.Context(), cit.ID, sealedKey); err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"status before", []string{"status"}, 0, []string{"users.phone_cipher pii dev1 3", "pii keys in use: dev1 (3)", "wallet keys in use: wdev1 (1)"}},
		{"nothing to do yet", []string{"reseal"}, 0, []string{"active keys: pii dev1, wallet wdev1", "users.phone_cipher 3 3 0 0 0"}},
	}
	for _, s := range steps {
		code, out := piiCmd(t, dir, s.args...)
		for _, w := range s.want {
			if code != s.wantCode || !strings.Contains(out, w) {
				t.Fatalf("%s: exit %d\n%s\nwant %d and %q", s.name, code, out, s.wantCode, w)
			}
		}
	}

	// k2 and w2 join the rings and become active.
	newPII, newWallet := newB64Key(), newB64Key()
	writeRotationKeys(t, dir, pk, wk, newPII, newWallet)
	steps = []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"dry run", []string{"reseal", "--dry-run"}, 0, []string{"dry run: nothing written", "active keys: pii k2, wallet w2", "users.phone_cipher 3 0 3 0 0"}},
		{"dry run wrote nothing", []string{"status"}, 0, []string{"pii keys in use: dev1 (3)", "wallet keys in use: wdev1 (1)"}},
		{"reseal", []string{"reseal", "--batch", "2"}, 0, []string{"users.phone_cipher 3 0 3 0 0", "custodial_keys.key_cipher 1 0 1 0 0"}},
		{"status after", []string{"status"}, 0, []string{"users.phone_cipher pii k2 3", "pii keys in use: k2 (3)\n", "wallet keys in use: w2 (1)\n"}},
		{"again", []string{"reseal"}, 0, []string{"users.phone_cipher 3 3 0 0 0"}},
		{"bad batch", []string{"reseal", "--batch", "x"}, 1, []string{"invalid argument"}},
	}
	for _, s := range steps {
		code, out := piiCmd(t, dir, s.args...)
		for _, w := range s.want {
			if code != s.wantCode || !strings.Contains(out, w) {
				t.Fatalf("%s: exit %d\n%s\nwant %d and %q", s.name, code, out, s.wantCode, w)
			}
		}
	}

	// dev1 and wdev1 leave the rings: everything opens, to the same values, indexes unchanged.
	v, err := PIIConfig{Keys: Secret("k2:" + newPII), ActiveKey: "k2", IndexKey: pk.IndexKey}.Vault()
	if err != nil {
		t.Fatal(err)
	}
	w, err := WalletConfig{Keys: Secret("w2:" + newWallet), ActiveKey: "w2", IndexKey: wk.IndexKey}.Vault()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.CustodialKey(t.Context(), cit.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := w.Open(pii.KindWalletKey, stored); err != nil || string(p) != "private key" {
		t.Errorf("custodial key after rotation: %q, %v", p, err)
	}
	for i, u := range users {
		got, err := db.User(t.Context(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, err := v.Open(pii.KindPhone, got.PhoneCipher)
		if err != nil || string(p) != fmt.Sprintf("+7916123456%d", i) || got.PhoneIndex != u.PhoneIndex {
			t.Errorf("user %d after rotation: %q, %v (index kept: %v)", i, p, err, got.PhoneIndex == u.PhoneIndex)
		}
	}
}

// TestPIIResealFailsOnUnknownKey: configured keys win over keys.yaml, and a ring that lacks
// the key of a stored ciphertext makes reseal exit 1, naming neither the value nor the key.
func TestPIIResealFailsOnUnknownKey(t *testing.T) {
	dir := t.TempDir()
	pk, err := devKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := devWalletKeys(dir); err != nil {
		t.Fatal(err)
	}
	pv, _ := pk.Vault()
	db, err := storage.Open(t.Context(), storage.Config{Driver: storage.DriverSQLite, DSN: filepath.Join(dir, "pbnode.db")}, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	c, _ := pv.Seal(pii.KindPhone, []byte("+79161234567"))
	if err := db.CreateUser(t.Context(), &storage.User{UserID: "123456789012", PhoneIndex: pv.Index(pii.KindPhone, "+79161234567"), PhoneCipher: c}); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "pbnode.yaml")
	newKey := newB64Key()
	data := fmt.Sprintf("pii:\n  keys: %q\n  active_key: k2\n  index_key: %q\n", "k2:"+newKey, pk.IndexKey.Reveal())
	if err := os.WriteFile(cfg, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := piiCmd(t, dir, "reseal", "--config", cfg)
	if code != 1 || !strings.Contains(out, "1 ciphertexts that do not open") || !strings.Contains(out, "users.phone_cipher 1 0 0 0 1") {
		t.Fatalf("reseal with a ring missing dev1: exit %d\n%s", code, out)
	}
	for _, secret := range []string{"+7916", "79161234567", newKey, pk.Keys.Reveal()} {
		if strings.Contains(out, secret) {
			t.Errorf("output holds %q", secret)
		}
	}
}
