package pii_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

var allKinds = []pii.Kind{
	pii.KindPhone, pii.KindSNILS, pii.KindPassport, pii.KindFLS, pii.KindPropertyCert, pii.KindWalletKey,
}

func TestKindValid(t *testing.T) {
	tests := []struct {
		kind pii.Kind
		want bool
	}{
		{pii.KindPhone, true},
		{pii.KindSNILS, true},
		{pii.KindPassport, true},
		{pii.KindFLS, true},
		{pii.KindPropertyCert, true},
		{pii.KindWalletKey, true},
		{"wallet_key", true},
		{"", false},
		{"Phone", false},
		{"wallet", false},
		{"email", false},
	}
	for _, tt := range tests {
		if got := tt.kind.Valid(); got != tt.want {
			t.Errorf("Kind(%q).Valid() = %v, want %v", tt.kind, got, tt.want)
		}
	}
}

func TestVaultRoundTrip(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	walletKey := seq(0xc0) // a secp256k1 private key is 32 bytes
	values := map[pii.Kind][]byte{
		pii.KindPhone:        []byte("+79161234567"),
		pii.KindSNILS:        []byte("11223344595"),
		pii.KindPassport:     []byte("4509123456"),
		pii.KindFLS:          []byte("1234567890"),
		pii.KindPropertyCert: []byte("77-АБ 123456"),
		pii.KindWalletKey:    walletKey,
	}
	for kind, plain := range values {
		t.Run(string(kind), func(t *testing.T) {
			c, err := v.Seal(kind, plain)
			if err != nil {
				t.Fatal(err)
			}
			// version 1 | ID length | ID | 12-byte nonce | sealed value | 16-byte tag
			if c[0] != 1 || c[1] != 2 || string(c[2:4]) != "k1" || len(c) != 4+12+len(plain)+16 {
				t.Errorf("ciphertext layout: % x", c)
			}
			if bytes.Contains(c, plain) {
				t.Error("ciphertext holds the plaintext")
			}
			got, err := v.Open(kind, c)
			if err != nil || !bytes.Equal(got, plain) {
				t.Errorf("Open = %q, %v; want %q", got, err, plain)
			}
			again, err := v.Seal(kind, plain)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(c, again) {
				t.Error("two seals of one value are equal: the nonce is not fresh")
			}
			if v.NeedsRotation(c) {
				t.Error("NeedsRotation of a ciphertext sealed with the active key")
			}
		})
	}
}

func TestVaultRefuses(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	c, err := v.Seal(pii.KindPhone, []byte("+79161234567"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Seal("email", []byte("a@b.c")); !errors.Is(err, pii.ErrKind) {
		t.Errorf("Seal of an unknown kind: error = %v, want %v", err, pii.ErrKind)
	}
	if _, err := v.Open("", c); !errors.Is(err, pii.ErrKind) {
		t.Errorf("Open of an unknown kind: error = %v, want %v", err, pii.ErrKind)
	}
	if _, err := v.Reseal("Phone", c); !errors.Is(err, pii.ErrKind) {
		t.Errorf("Reseal of an unknown kind: error = %v, want %v", err, pii.ErrKind)
	}
	for _, empty := range [][]byte{nil, {}} {
		if _, err := v.Seal(pii.KindPhone, empty); !errors.Is(err, pii.ErrEmpty) {
			t.Errorf("Seal(%#v): error = %v, want %v", empty, err, pii.ErrEmpty)
		}
	}
}

// TestVaultTamper changes every byte of a ciphertext in turn. A change after the header
// fails to authenticate; a change in the header is refused before that (see Open).
func TestVaultTamper(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1, "k2": key2})
	c, err := v.Seal(pii.KindSNILS, []byte("11223344595"))
	if err != nil {
		t.Fatal(err)
	}
	const header = 4 // version, ID length, "k1"
	for i := range c {
		for _, flip := range []byte{0x01, 0x80, 0xff} {
			bad := bytes.Clone(c)
			bad[i] ^= flip
			want := pii.ErrDecrypt
			switch {
			case i == 0:
				want = pii.ErrCiphertext // version
			case i == 1 && (flip == 0x80 || flip == 0xff):
				want = pii.ErrCiphertext // ID length past 16
			case i < header:
				want = pii.ErrUnknownKey // ID of 3 bytes, or an ID not in the ring
			}
			if _, err := v.Open(pii.KindSNILS, bad); !errors.Is(err, want) {
				t.Errorf("byte %d ^ %#02x: error = %v, want %v", i, flip, err, want)
			}
		}
	}
	// A header changed to name another key of the ring fails to authenticate.
	other := bytes.Clone(c)
	other[3] = '2'
	if _, err := v.Open(pii.KindSNILS, other); !errors.Is(err, pii.ErrDecrypt) {
		t.Errorf("ID changed to k2: error = %v, want %v", err, pii.ErrDecrypt)
	}
	for n := range len(c) {
		want := pii.ErrDecrypt
		if n < header+12+16 {
			want = pii.ErrCiphertext
		}
		if _, err := v.Open(pii.KindSNILS, c[:n]); !errors.Is(err, want) {
			t.Errorf("cut to %d bytes: error = %v, want %v", n, err, want)
		}
	}
	if _, err := v.Open(pii.KindSNILS, append(bytes.Clone(c), 0)); !errors.Is(err, pii.ErrDecrypt) {
		t.Errorf("a byte appended: error = %v, want %v", err, pii.ErrDecrypt)
	}
}

// TestVaultKindBinding checks that a value sealed as one kind opens as no other.
func TestVaultKindBinding(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	for _, sealed := range allKinds {
		c, err := v.Seal(sealed, []byte("12345678901"))
		if err != nil {
			t.Fatal(err)
		}
		for _, opened := range allKinds {
			_, err := v.Open(opened, c)
			if opened == sealed {
				if err != nil {
					t.Errorf("%s opened as itself: %v", sealed, err)
				}
			} else if !errors.Is(err, pii.ErrDecrypt) {
				t.Errorf("%s opened as %s: error = %v, want %v", sealed, opened, err, pii.ErrDecrypt)
			}
		}
	}
}

func TestVaultKeys(t *testing.T) {
	v1 := vault(t, "k1", map[string][]byte{"k1": key1})
	c, err := v1.Seal(pii.KindPhone, []byte("+79161234567"))
	if err != nil {
		t.Fatal(err)
	}
	onlyK2 := vault(t, "k2", map[string][]byte{"k2": key2})
	if _, err := onlyK2.Open(pii.KindPhone, c); !errors.Is(err, pii.ErrUnknownKey) {
		t.Errorf("open without the sealing key: error = %v, want %v", err, pii.ErrUnknownKey)
	}
	if _, err := onlyK2.Reseal(pii.KindPhone, c); !errors.Is(err, pii.ErrUnknownKey) {
		t.Errorf("reseal without the sealing key: error = %v, want %v", err, pii.ErrUnknownKey)
	}
	otherMaterial := vault(t, "k1", map[string][]byte{"k1": key2})
	if _, err := otherMaterial.Open(pii.KindPhone, c); !errors.Is(err, pii.ErrDecrypt) {
		t.Errorf("open with other key material under the same ID: error = %v, want %v", err, pii.ErrDecrypt)
	}
}

// TestVaultRotation walks the steps in the package documentation.
func TestVaultRotation(t *testing.T) {
	const kind = pii.KindPassport
	plain := []byte("4509123456")
	old := vault(t, "k1", map[string][]byte{"k1": key1})
	c1, err := old.Seal(kind, plain)
	if err != nil {
		t.Fatal(err)
	}

	// Step 1: k2 joins the ring; k1 still seals.
	step1 := vault(t, "k1", map[string][]byte{"k1": key1, "k2": key2})
	if step1.NeedsRotation(c1) {
		t.Error("step 1: NeedsRotation with the old key still active")
	}

	// Step 2: k2 seals.
	step2 := vault(t, "k2", map[string][]byte{"k1": key1, "k2": key2})
	if step2.ActiveKey() != "k2" {
		t.Errorf("ActiveKey() = %q, want k2", step2.ActiveKey())
	}
	if !step2.NeedsRotation(c1) {
		t.Error("step 2: NeedsRotation false for a ciphertext sealed with k1")
	}
	if got, err := step2.Open(kind, c1); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("step 2: Open of the old ciphertext = %q, %v", got, err)
	}

	// Step 3: re-seal.
	c2, err := step2.Reseal(kind, c1)
	if err != nil {
		t.Fatal(err)
	}
	if step2.NeedsRotation(c2) {
		t.Error("step 3: NeedsRotation after Reseal")
	}
	if string(c2[2:4]) != "k2" {
		t.Errorf("step 3: resealed with key %q, want k2", c2[2:4])
	}
	if got, err := step2.Open(kind, c2); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("step 3: Open after Reseal = %q, %v", got, err)
	}
	if _, err := step2.Reseal(pii.KindFLS, c1); !errors.Is(err, pii.ErrDecrypt) {
		t.Errorf("step 3: Reseal as the wrong kind: error = %v, want %v", err, pii.ErrDecrypt)
	}
	if _, err := step1.Open(kind, c2); err != nil {
		t.Errorf("step 3: a node still at step 1 cannot open the new ciphertext: %v", err)
	}
	if _, err := old.Open(kind, c2); !errors.Is(err, pii.ErrUnknownKey) {
		t.Errorf("a node that never had k2: error = %v, want %v", err, pii.ErrUnknownKey)
	}

	// Step 4: k1 leaves the ring.
	step4 := vault(t, "k2", map[string][]byte{"k2": key2})
	if got, err := step4.Open(kind, c2); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("step 4: Open = %q, %v", got, err)
	}
	if _, err := step4.Open(kind, c1); !errors.Is(err, pii.ErrUnknownKey) {
		t.Errorf("step 4: a ciphertext never resealed: error = %v, want %v", err, pii.ErrUnknownKey)
	}

	// Indexes depend on the index key only.
	want := old.Index(kind, string(plain))
	for i, v := range []*pii.Vault{step1, step2, step4} {
		if got := v.Index(kind, string(plain)); got != want {
			t.Errorf("vault %d: Index changed with the key ring", i)
		}
	}
}

func TestNeedsRotationMalformed(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	for _, c := range [][]byte{nil, {}, {1}, {2, 2, 'k', '1'}, bytes.Repeat([]byte{1}, 40)} {
		if !v.NeedsRotation(c) {
			t.Errorf("NeedsRotation(% x) = false for malformed input", c)
		}
	}
}

// TestVaultIndex pins the index scheme, since indexes are stored: a change breaks look-ups.
func TestVaultIndex(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	const phone = "+79161234567"
	got := v.Index(pii.KindPhone, phone)

	mac := hmac.New(sha256.New, indexKey)
	msg := []byte("pbnode/pii/index/v1")
	msg = binary.AppendUvarint(msg, uint64(len(pii.KindPhone)))
	msg = append(msg, pii.KindPhone...)
	msg = binary.AppendUvarint(msg, uint64(len(phone)))
	msg = append(msg, phone...)
	mac.Write(msg)
	if want := hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("Index = %s, want %s", got, want)
	}

	if again := v.Index(pii.KindPhone, phone); again != got {
		t.Error("Index is not deterministic")
	}
	if v.Index(pii.KindPhone, "+79161234568") == got {
		t.Error("two values share an index")
	}
	// Per kind: the same digits index differently for each kind.
	seen := map[string]pii.Kind{}
	for _, k := range allKinds {
		idx := v.Index(k, "12345678901")
		if prev, dup := seen[idx]; dup {
			t.Errorf("kinds %s and %s share an index", prev, k)
		}
		seen[idx] = k
	}
	// Per index key.
	otherIndexKey := seq(0xa0)
	w, err := pii.NewVault(ring(t, "k1", map[string][]byte{"k1": key1}), otherIndexKey)
	if err != nil {
		t.Fatal(err)
	}
	if w.Index(pii.KindPhone, phone) == got {
		t.Error("two index keys give the same index")
	}
	// Lengths are in the message, so moving bytes between kind and value changes it.
	if v.Index("phone1", "23") == v.Index("phone", "123") {
		t.Error("kind and value are not separated")
	}
}

// TestVaultMAC pins the MAC scheme and checks that its domains are apart from one another
// and from every kind's Index.
func TestVaultMAC(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	const domain, value = "otp", "123456"
	got := v.MAC(domain, value)

	mac := hmac.New(sha256.New, indexKey)
	msg := []byte("pbnode/pii/mac/v1")
	msg = binary.AppendUvarint(msg, uint64(len(domain)))
	msg = append(msg, domain...)
	msg = binary.AppendUvarint(msg, uint64(len(value)))
	msg = append(msg, value...)
	mac.Write(msg)
	if want := hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("MAC = %s, want %s", got, want)
	}
	if v.MAC("ip", value) == got {
		t.Error("two domains share a MAC")
	}
	if v.MAC("ot", "p"+value) == got {
		t.Error("domain and value are not separated")
	}
	for _, k := range allKinds {
		if v.MAC(string(k), value) == v.Index(k, value) {
			t.Errorf("MAC in domain %q equals the index of kind %s", k, k)
		}
	}
}

func TestNewVaultRefuses(t *testing.T) {
	r := ring(t, "k1", map[string][]byte{"k1": key1, "k2": key2})
	tests := []struct {
		name     string
		indexKey []byte
	}{
		{"index key is the active key", key1},
		{"index key is another key of the ring", key2},
		{"index key too short", indexKey[:pii.MinIndexKeySize-1]},
		{"no index key", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := pii.NewVault(r, tt.indexKey); !errors.Is(err, pii.ErrKeyRing) {
				t.Errorf("NewVault error = %v, want %v", err, pii.ErrKeyRing)
			}
		})
	}
	if _, err := pii.NewVault(r, append(bytes.Clone(indexKey), 1, 2, 3)); err != nil {
		t.Errorf("NewVault with a longer index key: %v", err)
	}
}

func TestNewVaultCopiesIndexKey(t *testing.T) {
	ik := bytes.Clone(indexKey)
	v, err := pii.NewVault(ring(t, "k1", map[string][]byte{"k1": key1}), ik)
	if err != nil {
		t.Fatal(err)
	}
	before := v.Index(pii.KindPhone, "+79161234567")
	clear(ik)
	if v.Index(pii.KindPhone, "+79161234567") != before {
		t.Error("Index changed when the caller cleared its index key")
	}
}

// TestVaultPrints checks that a Vault shows its active key ID only, even where fmt cannot
// call its methods.
func TestVaultPrints(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1, "k2": key2})
	type unexported struct{ v pii.Vault }
	type pointer struct{ v *pii.Vault }
	type exported struct{ V *pii.Vault }
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		outs = append(outs,
			fmt.Sprintf(verb, v), fmt.Sprintf(verb, *v),
			fmt.Sprintf(verb, unexported{*v}), fmt.Sprintf(verb, pointer{v}), fmt.Sprintf(verb, exported{v}))
	}
	var b bytes.Buffer
	slog.New(slog.NewTextHandler(&b, nil)).Info("vault", "v", v, "u", unexported{*v})
	slog.New(slog.NewJSONHandler(&b, nil)).Info("vault", "v", v, "e", exported{v})
	outs = append(outs, b.String())
	for _, out := range outs {
		assertNoKey(t, "Vault", out, key1, key2, indexKey)
	}
	if got, want := fmt.Sprint(v), "pii.Vault{Active: k1}"; got != want {
		t.Errorf("Sprint = %q, want %q", got, want)
	}
}

// TestVaultConcurrent is for -race: a Vault is used by many goroutines at once.
func TestVaultConcurrent(t *testing.T) {
	v := vault(t, "k1", map[string][]byte{"k1": key1})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			kind := allKinds[i%len(allKinds)]
			plain := fmt.Appendf(nil, "value %d", i)
			for range 50 {
				c, err := v.Seal(kind, plain)
				if err == nil {
					var got []byte
					got, err = v.Open(kind, c)
					if err == nil && !slices.Equal(got, plain) {
						err = fmt.Errorf("opened %q, sealed %q", got, plain)
					}
				}
				_ = v.Index(kind, string(plain))
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
