package pii_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

// Fixed key material, so that tests and examples are repeatable. Real keys are random.
var (
	key1     = seq(0x10) // ring key "k1"
	key2     = seq(0x50) // ring key "k2"
	indexKey = seq(0x90) // the Vault's index key
)

// seq returns pii.KeySize bytes counting up from first.
func seq(first byte) []byte {
	b := make([]byte, pii.KeySize)
	for i := range b {
		b[i] = first + byte(i)
	}
	return b
}

func b64(key []byte) string { return base64.StdEncoding.EncodeToString(key) }

// ring parses a key ring of the given keys, each "id" mapped to its bytes.
func ring(t testing.TB, active string, keys map[string][]byte) pii.KeyRing {
	t.Helper()
	var entries []string
	for id, k := range keys {
		entries = append(entries, id+":"+b64(k))
	}
	r, err := pii.ParseKeyRing(strings.Join(entries, ","), active)
	if err != nil {
		t.Fatalf("ParseKeyRing: %v", err)
	}
	return r
}

// vault returns a Vault over the given keys with indexKey.
func vault(t testing.TB, active string, keys map[string][]byte) *pii.Vault {
	t.Helper()
	v, err := pii.NewVault(ring(t, active, keys), indexKey)
	if err != nil {
		t.Fatalf("NewVault: %v", err)
	}
	return v
}

// keyForms returns the ways key material could show in printed output: raw, hex, base64,
// and fmt's decimal and Go-syntax renderings of a byte slice or array, each cut to a prefix
// long enough never to occur by chance.
func keyForms(key []byte) []string {
	dec := strings.Trim(fmt.Sprint(key[:8]), "[]")
	goSyntax := strings.TrimPrefix(fmt.Sprintf("%#v", key[:8]), "[]byte{")
	goSyntax = strings.TrimSuffix(goSyntax, "}")
	return []string{
		string(key),
		hex.EncodeToString(key[:8]),
		strings.ToUpper(hex.EncodeToString(key[:8])),
		b64(key)[:12],
		base64.URLEncoding.EncodeToString(key)[:12],
		dec,
		goSyntax,
	}
}

// assertNoKey fails if out shows any of keys in any of keyForms.
func assertNoKey(t *testing.T, what, out string, keys ...[]byte) {
	t.Helper()
	for _, k := range keys {
		for _, form := range keyForms(k) {
			if strings.Contains(out, form) {
				t.Errorf("%s shows key material %q:\n%s", what, form, out)
			}
		}
	}
}

// digits returns the ASCII digits of s.
func digits(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
