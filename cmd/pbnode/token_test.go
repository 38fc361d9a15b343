package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestTokenIssue: `pbnode token issue` prints a token that authenticates as the role asked
// for, refuses unknown roles and the citizen role (citizens sign in through identity), and
// stores only the token's hash; a citizen's token stored earlier no longer authenticates.
func TestTokenIssue(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "pbnode.db")
	base := []string{"token", "issue", "--storage-driver", "sqlite", "--storage-dsn", dsn}
	issue := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), append(append([]string{}, base...), args...), &stdout, &stderr)
		return code, strings.TrimSpace(stdout.String()), stderr.String()
	}

	code, token, stderr := issue("--role", "treasury", "--label", "city treasury")
	if code != 0 {
		t.Fatalf("issue treasury: exit %d: %s", code, stderr)
	}
	store, err := storage.Open(t.Context(), storage.Config{Driver: storage.DriverSQLite, DSN: dsn}, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p, err := access.NewTokens(store).Authenticate(t.Context(), token)
	if err != nil || !p.Has(access.RoleTreasury, "") || p.Label != "city treasury" {
		t.Fatalf("the printed token authenticates as %+v (err %v), want the treasury", p, err)
	}
	if _, err := store.APITokenByHash(t.Context(), token); err == nil {
		t.Fatal("the token itself is stored; only its hash may be")
	}

	// A citizen's service token stored before citizens signed in through identity no longer
	// authenticates.
	c := storage.Citizen{Address: "0x00000000000000000000000000000000000000c1"}
	if err := store.CreateCitizen(t.Context(), &c); err != nil {
		t.Fatal(err)
	}
	old := "pbt_" + base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{0xc1}, 32))
	sum := sha256.Sum256([]byte(old))
	if err := store.CreateAPIToken(t.Context(), &storage.APIToken{Hash: hex.EncodeToString(sum[:]), Role: "citizen", CitizenID: &c.ID, Label: "old"}); err != nil {
		t.Fatal(err)
	}
	if p, err := access.NewTokens(store).Authenticate(t.Context(), old); !errors.Is(err, access.ErrUnauthenticated) ||
		!strings.Contains(err.Error(), "citizen service tokens are no longer accepted") || p.CitizenID != 0 || len(p.Roles) != 0 {
		t.Fatalf("a stored citizen token authenticates as %+v (err %v), want refused as unauthenticated", p, err)
	}
	if _, err := access.NewTokens(store).Issue(t.Context(), access.RoleCitizen, "x"); !errors.Is(err, access.ErrCitizenToken) {
		t.Fatalf("Issue(citizen) = %v, want ErrCitizenToken", err)
	}

	refused := []struct {
		args []string
		want string
	}{
		{[]string{"--role", "mayor"}, "--role must be treasury, registrar or auditor"},
		{[]string{"--role", "admin"}, "--role must be treasury, registrar or auditor"},
		{[]string{"--role", "citizen"}, "service tokens are not issued for citizens"},
		{[]string{"--role", "citizen", "--citizen", c.Address}, "unknown flag: --citizen"},
	}
	for _, tt := range refused {
		if code, out, stderr := issue(tt.args...); code != 1 || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("token issue %v: exit %d, stdout %q, stderr %q; want exit 1 and %q", tt.args, code, out, stderr, tt.want)
		}
	}
}
