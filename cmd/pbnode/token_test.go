package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestTokenIssue: `pbnode token issue` prints a token that authenticates as the role asked
// for, refuses unknown roles and unregistered citizens, and stores only the token's hash.
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

	c := storage.Citizen{Address: "0x00000000000000000000000000000000000000c1"}
	if err := store.CreateCitizen(t.Context(), &c); err != nil {
		t.Fatal(err)
	}
	if code, token, stderr = issue("--role", "citizen", "--citizen", c.Address); code != 0 {
		t.Fatalf("issue citizen: exit %d: %s", code, stderr)
	}
	if p, err := access.NewTokens(store).Authenticate(t.Context(), token); err != nil || p.CitizenID != c.ID {
		t.Fatalf("citizen token authenticates as %+v (err %v), want citizen %d", p, err, c.ID)
	}

	refused := []struct {
		args []string
		want string
	}{
		{[]string{"--role", "mayor"}, "--role must be"},
		{[]string{"--role", "citizen"}, "--citizen must be"},
		{[]string{"--role", "citizen", "--citizen", "0x00000000000000000000000000000000000000c2"}, "no citizen"},
	}
	for _, tt := range refused {
		if code, out, stderr := issue(tt.args...); code != 1 || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("token issue %v: exit %d, stdout %q, stderr %q; want exit 1 and %q", tt.args, code, out, stderr, tt.want)
		}
	}
}
