package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// Test PII keys: public, like every key in tests, but standing for secrets.
var (
	testPIIKey   = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0x5a}, 32))
	testIndexKey = base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xa5}, 32))
)

// withPII adds the PII keys that serve requires to e.
func withPII(e env) env {
	e["PBNODE_PII_KEYS"] = "k1:" + testPIIKey
	e["PBNODE_PII_ACTIVE_KEY"] = "k1"
	e["PBNODE_PII_INDEX_KEY"] = testIndexKey
	return withWalletKeys(e)
}

// piiEnv is withPII as KEY=value lines, for a pbnode process.
func piiEnv() []string {
	var out []string
	for k, v := range withPII(env{}) {
		out = append(out, k+"="+v)
	}
	return out
}

func TestIdentityConfig(t *testing.T) {
	serve := env{"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": testKey, "PBNODE_STORAGE_DSN": "host=db"}
	tests := []struct {
		name    string
		mode    Mode
		env     env
		wantErr string // "" means valid
	}{
		{"serve requires the PII keys", ModeServe, serve, "config pii: pii.keys, pii.active_key and pii.index_key are required"},
		{"serve with the PII keys", ModeServe, withPII(env{"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": testKey, "PBNODE_STORAGE_DSN": "host=db"}), ""},
		{"dev makes its own keys", ModeDev, nil, ""},
		{"active key not in the ring", ModeDev, env{"PBNODE_PII_KEYS": "k1:" + testPIIKey, "PBNODE_PII_ACTIVE_KEY": "k2", "PBNODE_PII_INDEX_KEY": testIndexKey}, `active key "k2" is not in the ring`},
		{"short index key", ModeDev, env{"PBNODE_PII_KEYS": "k1:" + testPIIKey, "PBNODE_PII_ACTIVE_KEY": "k1", "PBNODE_PII_INDEX_KEY": "c2hvcnQ="}, "index key has 5 bytes"},
		{"unknown gateway", ModeDev, env{"PBNODE_SMS_GATEWAY": "smsc"}, `config sms.gateway: "smsc" is not one of log`},
		{"identity limits", ModeDev, env{"PBNODE_IDENTITY_CODE_LENGTH": "3"}, "code length 3"},
		{"cookie idle over cookie ttl", ModeDev, env{"PBNODE_IDENTITY_COOKIE_IDLE_TTL": "13h"}, "cookie idle TTL"},
		{"oidc without a client", ModeDev, env{"PBNODE_OIDC_ISSUER_URL": "https://id.example"}, "config oidc:"},
		{"oidc complete", ModeDev, env{"PBNODE_OIDC_ISSUER_URL": "https://id.example", "PBNODE_OIDC_CLIENT_ID": "pbnode",
			"PBNODE_OIDC_CLIENT_SECRET": "s3cret", "PBNODE_OIDC_REDIRECT_URL": "https://pb.example/api/v1/auth/oidc/callback"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadTest(t, tt.mode, "", tt.env)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("err = %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			case err != nil && (strings.Contains(err.Error(), testPIIKey) || strings.Contains(err.Error(), testIndexKey)):
				t.Fatalf("error quotes a key: %v", err)
			}
		})
	}
}

// TestIdentitySecretsNeverRendered: the PII keys and the OIDC client secret appear in no
// rendering of the config.
func TestIdentitySecretsNeverRendered(t *testing.T) {
	e := withPII(env{"PBNODE_OIDC_ISSUER_URL": "https://id.example", "PBNODE_OIDC_CLIENT_ID": "pbnode",
		"PBNODE_OIDC_CLIENT_SECRET": "oidcS3cret", "PBNODE_OIDC_REDIRECT_URL": "https://pb.example/cb"})
	c, err := loadTest(t, ModeDev, "", e)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(c)
	var text, jsonLog bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("config", "config", c)
	slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("config", "config", c)
	for _, out := range []string{fmt.Sprint(c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", c), string(js), text.String(), jsonLog.String()} {
		for _, s := range []string{testPIIKey, testIndexKey, "oidcS3cret"} {
			if strings.Contains(out, s) {
				t.Errorf("a secret is rendered in %s", out)
			}
		}
	}
}

// TestDevKeys: dev writes its PII keys once, readable by the owner only, and reuses them.
func TestDevKeys(t *testing.T) {
	dir := t.TempDir()
	c := Config{Mode: ModeDev, DataDir: dir, SMS: SMSConfig{Gateway: "log"}}
	first, err := identityOptionsOf(c)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, keysFile)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", keysFile, info.Mode().Perm())
	}
	before, _ := os.ReadFile(path)
	second, err := identityOptionsOf(c)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("a second start rewrote the keys")
	}
	const phone = "+79161234567"
	a, b := first.Vault.Index("phone", phone), second.Vault.Index("phone", phone)
	if a != b {
		t.Fatal("the reused keys index differently")
	}
}

// TestRoleCommands: the operator grants, lists and revokes roles; refusals exit non-zero.
func TestRoleCommands(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "pbnode.db")
	store, err := storage.Open(t.Context(), storage.Config{Driver: storage.DriverSQLite, DSN: dsn}, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	u := storage.User{UserID: "123456789012", OIDCIssuer: "https://id.example", OIDCSubject: "s1"}
	if err := store.CreateUser(t.Context(), &u); err != nil {
		t.Fatal(err)
	}
	role := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), append(append([]string{"role"}, args...), "--storage-driver", "sqlite", "--storage-dsn", dsn), &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	steps := []struct {
		args     []string
		wantCode int
		want     string
	}{
		{[]string{"grant", "--user", "1234 5678 9012", "--role", "admin"}, 0, "granted admin (city-wide)"},
		{[]string{"grant", "--user", u.UserID, "--role", "moderator", "--territory", "cao"}, 0, "granted moderator in cao"},
		{[]string{"list", "--user", u.UserID}, 0, "admin (city-wide)\nmoderator in cao\n"},
		{[]string{"revoke", "--user", u.UserID, "--role", "moderator", "--territory", "cao"}, 0, "revoked moderator in cao"},
		{[]string{"revoke", "--user", u.UserID, "--role", "moderator", "--territory", "cao"}, 1, "role not granted"},
		{[]string{"grant", "--user", u.UserID, "--role", "mayor"}, 1, "unknown role"},
		{[]string{"grant", "--user", "999999999999", "--role", "admin"}, 1, "unknown user"},
		{[]string{"grant", "--user", u.UserID}, 1, `required flag(s) "role" not set`},
		{[]string{"list", "--user", u.UserID}, 0, "admin (city-wide)\n"},
	}
	for _, s := range steps {
		code, out := role(s.args...)
		if code != s.wantCode || !strings.Contains(out, s.want) {
			t.Fatalf("role %v: exit %d %q, want %d and %q", s.args, code, out, s.wantCode, s.want)
		}
	}
}
