package pii_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestKeyIDOf(t *testing.T) {
	keys := map[string][]byte{"k1": key1, "rotated-2027": key2}
	for _, active := range []string{"k1", "rotated-2027"} {
		c, err := vault(t, active, keys).Seal(pii.KindSNILS, []byte("11223344595"))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := pii.KeyIDOf(c); err != nil || got != active {
			t.Errorf("KeyIDOf(sealed by %s) = %q, %v", active, got, err)
		}
	}
	for _, c := range [][]byte{nil, {}, {1}, {2, 2, 'k', '1'}, {1, 0}, {1, 2, 'k', '1'}, bytes.Repeat([]byte{1}, 10)} {
		if id, err := pii.KeyIDOf(c); !errors.Is(err, pii.ErrCiphertext) || id != "" {
			t.Errorf("KeyIDOf(% x) = %q, %v; want %v", c, id, err, pii.ErrCiphertext)
		}
	}
}

// FuzzKeyIDOf: KeyIDOf never panics, and agrees with NeedsRotation.
func FuzzKeyIDOf(f *testing.F) {
	v := vault(f, "k1", map[string][]byte{"k1": key1})
	sealed, err := v.Seal(pii.KindPhone, []byte("+79161234567"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add([]byte{1, 2, 'k', '2'})
	f.Fuzz(func(t *testing.T, c []byte) {
		id, err := pii.KeyIDOf(c)
		if (err == nil && id == "k1") == v.NeedsRotation(c) {
			t.Errorf("KeyIDOf = %q, %v but NeedsRotation = %v", id, err, v.NeedsRotation(c))
		}
	})
}
