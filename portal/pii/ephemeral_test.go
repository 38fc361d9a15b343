package pii_test

import (
	"errors"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestNewEphemeralVault(t *testing.T) {
	v, err := pii.NewEphemeralVault("e1")
	if err != nil {
		t.Fatal(err)
	}
	if v.ActiveKey() != "e1" {
		t.Errorf("active key = %q, want e1", v.ActiveKey())
	}
	c, err := v.Seal(pii.KindPhone, []byte("+79161234567"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := v.Open(pii.KindPhone, c); err != nil || string(got) != "+79161234567" {
		t.Errorf("Open = %q, %v", got, err)
	}
	// Fresh keys every time: another ephemeral vault opens nothing of this one's.
	w, err := pii.NewEphemeralVault("e1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Open(pii.KindPhone, c); !errors.Is(err, pii.ErrDecrypt) {
		t.Errorf("another vault opened the ciphertext: %v", err)
	}
	if v.Index(pii.KindPhone, "+79161234567") == w.Index(pii.KindPhone, "+79161234567") {
		t.Error("two ephemeral vaults share an index key")
	}
	if _, err := pii.NewEphemeralVault("not a key id"); !errors.Is(err, pii.ErrKeyRing) {
		t.Errorf("bad key ID: %v, want ErrKeyRing", err)
	}
}
