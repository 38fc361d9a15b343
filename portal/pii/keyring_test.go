package pii_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestParseKeyRing(t *testing.T) {
	r, err := pii.ParseKeyRing(" k1 : "+b64(key1)+" , k2:"+b64(key2)+" ", " k2 ")
	if err != nil {
		t.Fatal(err)
	}
	if r.Active() != "k2" {
		t.Errorf("Active() = %q, want k2", r.Active())
	}
	if got := strings.Join(r.IDs(), ","); got != "k1,k2" {
		t.Errorf("IDs() = %s, want k1,k2", got)
	}
	if err := r.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
	// The ring holds the decoded keys: what a ring of the same keys made in code seals, it
	// opens, and the other way round.
	same, err := pii.NewKeyRing("k1", map[string][]byte{"k1": key1, "k2": key2})
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := pii.NewVault(r, indexKey)
	if err != nil {
		t.Fatal(err)
	}
	made, err := pii.NewVault(same, indexKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]*pii.Vault{{parsed, made}, {made, parsed}} {
		c, err := pair[0].Seal(pii.KindFLS, []byte("1234567890"))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := pair[1].Open(pii.KindFLS, c); err != nil || string(got) != "1234567890" {
			t.Errorf("Open = %q, %v; want the sealed value", got, err)
		}
	}
}

func TestParseKeyRingRejects(t *testing.T) {
	short := b64(key1[:16])
	tests := []struct {
		name, spec, active string
	}{
		{"empty", "", "k1"},
		{"no colon", "k1" + b64(key1), "k1"},
		{"empty ID", ":" + b64(key1), ""},
		{"ID too long", "k1234567890123456:" + b64(key1), "k1234567890123456"},
		{"ID with a dot", "k.1:" + b64(key1), "k.1"},
		{"ID with a space inside", "k 1:" + b64(key1), "k 1"},
		{"ID and key swapped", b64(key1) + ":k1", "k1"},
		{"duplicate ID", "k1:" + b64(key1) + ",k1:" + b64(key2), "k1"},
		{"not base64", "k1:" + strings.ReplaceAll(b64(key1), "A", "!"), "k1"},
		{"URL base64", "k1:" + strings.NewReplacer("+", "-", "/", "_").Replace(b64(seq(0xf8))), "k1"},
		{"16-byte key", "k1:" + short, "k1"},
		{"33-byte key", "k1:" + b64(append(bytes.Clone(key1), 0)), "k1"},
		{"trailing comma", "k1:" + b64(key1) + ",", "k1"},
		{"active not in the ring", "k1:" + b64(key1), "k2"},
		{"no active key", "k1:" + b64(key1), ""},
		{"a key as the active ID", "k1:" + b64(key1), b64(key2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pii.ParseKeyRing(tt.spec, tt.active)
			if !errors.Is(err, pii.ErrKeyRing) {
				t.Fatalf("ParseKeyRing error = %v, want %v", err, pii.ErrKeyRing)
			}
			// The message names IDs and positions, never key material, even when a key
			// was put where an ID belongs.
			assertNoKey(t, "error", err.Error(), key1, key2, seq(0xf8))
			for _, k := range []string{b64(key1), b64(key2), short} {
				if strings.Contains(err.Error(), k) {
					t.Errorf("error %q quotes a key", err)
				}
			}
		})
	}
}

func TestNewKeyRing(t *testing.T) {
	tests := []struct {
		name   string
		active string
		keys   map[string][]byte
		ok     bool
	}{
		{"valid", "k1", map[string][]byte{"k1": key1, "k2": key2}, true},
		{"longest ID and every kind of character", "Key_2026-01abcde", map[string][]byte{"Key_2026-01abcde": key1}, true},
		{"no keys", "k1", nil, false},
		{"active missing", "k3", map[string][]byte{"k1": key1}, false},
		{"no active key", "", map[string][]byte{"k1": key1}, false},
		{"short key", "k1", map[string][]byte{"k1": key1[:31]}, false},
		{"nil key", "k1", map[string][]byte{"k1": key1, "k2": nil}, false},
		{"a key as an ID", "k1", map[string][]byte{"k1": key1, b64(key2): key2}, false},
		{"a key as the active ID", b64(key1), map[string][]byte{b64(key1): key1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := pii.NewKeyRing(tt.active, tt.keys)
			if tt.ok {
				if err != nil || r.Validate() != nil {
					t.Errorf("NewKeyRing error = %v, Validate() = %v", err, r.Validate())
				}
				return
			}
			if !errors.Is(err, pii.ErrKeyRing) {
				t.Fatalf("NewKeyRing error = %v, want %v", err, pii.ErrKeyRing)
			}
			assertNoKey(t, "error", err.Error(), key1, key2)
			if strings.Contains(err.Error(), b64(key1)) || strings.Contains(err.Error(), b64(key2)) {
				t.Errorf("error %q quotes a key", err)
			}
		})
	}
}

func TestNewKeyRingCopies(t *testing.T) {
	k := bytes.Clone(key1)
	r, err := pii.NewKeyRing("k1", map[string][]byte{"k1": k})
	if err != nil {
		t.Fatal(err)
	}
	clear(k)
	sealer := vault(t, "k1", map[string][]byte{"k1": key1})
	c, err := sealer.Seal(pii.KindFLS, []byte("1234567890"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := pii.NewVault(r, indexKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Open(pii.KindFLS, c); err != nil {
		t.Errorf("a ring whose caller cleared the key afterwards cannot open: %v", err)
	}
}

func TestZeroKeyRing(t *testing.T) {
	var r pii.KeyRing
	if err := r.Validate(); !errors.Is(err, pii.ErrKeyRing) {
		t.Errorf("Validate() = %v, want %v", err, pii.ErrKeyRing)
	}
	if _, err := pii.NewVault(r, indexKey); !errors.Is(err, pii.ErrKeyRing) {
		t.Errorf("NewVault error = %v, want %v", err, pii.ErrKeyRing)
	}
	if got, want := r.String(), "KeyRing{Active: , Keys: []}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestKeyRingPrints checks that a KeyRing shows its key IDs and never its keys: through fmt
// with every verb, inside other values (where fmt cannot call its methods), through log/slog
// and encoding/json.
func TestKeyRingPrints(t *testing.T) {
	r := ring(t, "k2", map[string][]byte{"k1": key1, "k2": key2})
	type exported struct{ Ring pii.KeyRing }
	type unexported struct{ ring pii.KeyRing }
	type pointer struct{ ring *pii.KeyRing }
	outs := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
		outs[verb] = fmt.Sprintf(verb, r)
		outs[verb+" pointer"] = fmt.Sprintf(verb, &r)
		outs[verb+" exported field"] = fmt.Sprintf(verb, exported{r})
		outs[verb+" unexported field"] = fmt.Sprintf(verb, unexported{r})
		outs[verb+" pointer field"] = fmt.Sprintf(verb, pointer{&r})
		outs[verb+" map"] = fmt.Sprintf(verb, map[string]pii.KeyRing{"ring": r})
		outs[verb+" slice"] = fmt.Sprintf(verb, []pii.KeyRing{r})
	}
	outs["Sprint"] = fmt.Sprint(r, &r, unexported{r})
	outs["Errorf"] = fmt.Errorf("ring %v: %w", r, pii.ErrKeyRing).Error()
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog JSON": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).Info("vault", "ring", r, slog.Any("ptr", &r), "exported", exported{r}, "unexported", unexported{r})
		outs[name] = b.String()
	}
	for name, v := range map[string]any{"json": r, "json pointer": &r, "json field": exported{r}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		outs[name] = string(b)
	}
	for name, out := range outs {
		assertNoKey(t, name, out, key1, key2)
	}
	if got, want := outs["%v"], "KeyRing{Active: k2, Keys: [k1 k2]}"; got != want {
		t.Errorf("%%v = %q, want %q", got, want)
	}
	if got, want := outs["%#v"], "pii.KeyRing{Active: k2, Keys: [k1 k2]}"; got != want {
		t.Errorf("%%#v = %q, want %q", got, want)
	}
	if got, want := outs["json"], `{"active":"k2","keys":["k1","k2"]}`; got != want {
		t.Errorf("json = %s, want %s", got, want)
	}
	if !strings.Contains(outs["slog JSON"], `"ring":{"active":"k2","keys":["k1","k2"]}`) {
		t.Errorf("slog JSON does not log the IDs: %s", outs["slog JSON"])
	}
}
