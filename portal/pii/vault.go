package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// Errors of Vault.
var (
	ErrKind       = errors.New("unknown kind of personal data")
	ErrEmpty      = errors.New("nothing to seal")
	ErrCiphertext = errors.New("malformed ciphertext")
	ErrUnknownKey = errors.New("ciphertext sealed with a key not in the ring")
	ErrDecrypt    = errors.New("ciphertext does not authenticate")
)

// Kind names what a sealed or indexed value is. It is bound into every ciphertext and index,
// so a value of one kind cannot be passed off as another.
type Kind string

// The kinds of data kept encrypted.
const (
	KindPhone        Kind = "phone"
	KindSNILS        Kind = "snils"
	KindPassport     Kind = "passport"
	KindFLS          Kind = "fls"
	KindPropertyCert Kind = "property_cert"

	// KindWalletKey is a custodial wallet's private key. It is not personal data, but it is
	// sealed the same way; never Index it.
	KindWalletKey Kind = "wallet_key"
)

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool {
	switch k {
	case KindPhone, KindSNILS, KindPassport, KindFLS, KindPropertyCert, KindWalletKey:
		return true
	}
	return false
}

// Ciphertext format, version 1:
//
//	version (1 byte) | key ID length n (1 byte) | key ID (n bytes) | nonce (12 bytes) | sealed data and tag
//
// The header (version, n, key ID) and then the kind are the additional authenticated data.
const (
	formatV1    = 1
	nonceSize   = 12
	gcmOverhead = nonceSize + 16 // random nonce and tag, as cipher.NewGCMWithRandomNonce lays them out
)

// indexDomain starts every message hashed by Index, and macDomain every message hashed by
// MAC; a new scheme takes a new domain.
const (
	indexDomain = "pbnode/pii/index/v1"
	macDomain   = "pbnode/pii/mac/v1"
)

// Vault seals personal data with AES-256-GCM under the active key of a KeyRing, opens it with
// any key of the ring, and computes keyed hashes for look-ups. A Vault is safe for concurrent
// use: nothing in it changes after NewVault. It prints its active key ID only.
type Vault struct {
	active string
	// The keys sit behind pointers to a string and to an interface for the reason given at
	// KeyRing: fmt prints such a pointer as an address for every verb, so a Vault copied into
	// an unexported field of a struct that is printed shows neither the index key nor the
	// AES key schedule inside each AEAD.
	aeads map[string]*cipher.AEAD // by key ID
	index *string                 // HMAC key of Index
}

// NewVault returns a Vault over ring, with indexKey (at least MinIndexKeySize bytes, and not
// one of the ring's keys) keying Index. Both are copied.
func NewVault(ring KeyRing, indexKey []byte) (*Vault, error) {
	if err := ring.Validate(); err != nil {
		return nil, err
	}
	if len(indexKey) < MinIndexKeySize {
		return nil, fmt.Errorf("%w: index key has %d bytes, want at least %d", ErrKeyRing, len(indexKey), MinIndexKeySize)
	}
	index := string(indexKey)
	v := &Vault{active: ring.active, aeads: map[string]*cipher.AEAD{}, index: &index}
	for id, k := range ring.keys {
		aead, err := newAEAD(id, []byte(*k), indexKey)
		if err != nil {
			return nil, err
		}
		v.aeads[id] = &aead
	}
	return v, nil
}

// newAEAD returns the AES-256-GCM of key, refusing a key that is also the index key. It
// clears key.
func newAEAD(id string, key, indexKey []byte) (cipher.AEAD, error) {
	defer clear(key)
	if subtle.ConstantTimeCompare(key, indexKey) == 1 {
		return nil, fmt.Errorf("%w: key %q is also the index key", ErrKeyRing, id)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("new vault: key %q: %w", id, err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("new vault: key %q: %w", id, err)
	}
	return aead, nil
}

// ActiveKey returns the ID of the key that seals.
func (v *Vault) ActiveKey() string { return v.active }

// Seal encrypts plaintext, a value of the given kind, under the active key with a fresh
// random nonce. The ciphertext names its format version and key, so Open needs only the kind.
func (v *Vault) Seal(kind Kind, plaintext []byte) ([]byte, error) {
	if !kind.Valid() {
		return nil, fmt.Errorf("seal: %w %q", ErrKind, kind)
	}
	if len(plaintext) == 0 {
		return nil, fmt.Errorf("seal %s: %w", kind, ErrEmpty)
	}
	header := append([]byte{formatV1, byte(len(v.active))}, v.active...)
	return (*v.aeads[v.active]).Seal(header, nil, plaintext, aad(header, kind)), nil
}

// Open decrypts a ciphertext made by Seal for the same kind, with whichever key of the ring
// it names. Every change to a ciphertext makes it fail. A changed or cut header fails with
// ErrCiphertext, or with ErrUnknownKey when it names a key not in the ring (ErrDecrypt when it
// names another key of the ring); a change to any byte after the header, a ciphertext sealed
// for another kind, or one sealed with other key material under the same key ID fails with
// ErrDecrypt.
func (v *Vault) Open(kind Kind, ciphertext []byte) ([]byte, error) {
	if !kind.Valid() {
		return nil, fmt.Errorf("open: %w %q", ErrKind, kind)
	}
	id, header, err := parseHeader(ciphertext)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", kind, err)
	}
	aead, ok := v.aeads[id]
	if !ok {
		return nil, fmt.Errorf("open %s: key %q: %w", kind, id, ErrUnknownKey)
	}
	plaintext, err := (*aead).Open(nil, nil, ciphertext[len(header):], aad(header, kind))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", kind, ErrDecrypt)
	}
	return plaintext, nil
}

// NeedsRotation reports whether ciphertext should be sealed again: it was sealed with a key
// other than the active one or in an older format. Malformed input reports true as well, so
// that a re-sealing job reaches Open and sees the error.
func (v *Vault) NeedsRotation(ciphertext []byte) bool {
	id, _, err := parseHeader(ciphertext)
	return err != nil || id != v.active
}

// Reseal opens ciphertext and seals the plaintext again under the active key.
func (v *Vault) Reseal(kind Kind, ciphertext []byte) ([]byte, error) {
	plaintext, err := v.Open(kind, ciphertext)
	if err != nil {
		return nil, err
	}
	return v.Seal(kind, plaintext)
}

// Index returns the keyed hash (HMAC-SHA256, hex) of a normalized value of the given kind,
// for look-ups and duplicate detection: equal values of one kind have equal indexes, and
// without the index key an index reveals nothing of the value. Pass the normalized form, the
// Reveal of a parsed value, so that spellings of one value share an index. The kind separates
// domains, so a phone and a SNILS with the same digits index differently. Index depends only
// on the index key, not on the key ring, so rotating the ring leaves indexes unchanged.
func (v *Vault) Index(kind Kind, normalizedValue string) string {
	return v.keyedHash(indexDomain, string(kind), normalizedValue)
}

// MAC returns a keyed hash (HMAC-SHA256, hex) of value under the index key, in a domain the
// caller names, for secrets that are not personal data of a Kind but must not be stored in
// clear either: one-time codes, client addresses. Domains are separate from one another and
// from every kind's Index, so equal strings hash differently in each.
func (v *Vault) MAC(domain, value string) string {
	return v.keyedHash(macDomain, domain, value)
}

// keyedHash is the HMAC of scheme, then label and value, each prefixed by its length.
func (v *Vault) keyedHash(scheme, label, value string) string {
	mac := hmac.New(sha256.New, []byte(*v.index))
	msg := binary.AppendUvarint([]byte(scheme), uint64(len(label)))
	msg = append(msg, label...)
	msg = binary.AppendUvarint(msg, uint64(len(value)))
	msg = append(msg, value...)
	mac.Write(msg)
	return hex.EncodeToString(mac.Sum(nil))
}

// String names the active key only. The printing methods take a Vault value so that a copied
// Vault prints no key either.
func (v Vault) String() string { return "pii.Vault{Active: " + v.active + "}" }

// GoString is String, for %#v.
func (v Vault) GoString() string { return v.String() }

// Format prints String for every verb.
func (v Vault) Format(f fmt.State, _ rune) { io.WriteString(f, v.String()) }

// KeyIDOf returns the ID of the key that sealed ciphertext, read from its header without
// opening it: how an operator counts what a key still seals before removing it from the ring.
// ErrCiphertext when the header is malformed.
func KeyIDOf(ciphertext []byte) (string, error) {
	id, _, err := parseHeader(ciphertext)
	return id, err
}

// parseHeader returns the key ID and the header of a version 1 ciphertext.
func parseHeader(c []byte) (id string, header []byte, err error) {
	if len(c) < 2 || c[0] != formatV1 {
		return "", nil, ErrCiphertext
	}
	n := int(c[1])
	if n == 0 || n > maxKeyIDLen || len(c) < 2+n+gcmOverhead {
		return "", nil, ErrCiphertext
	}
	return string(c[2 : 2+n]), c[:2+n], nil
}

// aad is the additional authenticated data: the header, then the kind.
func aad(header []byte, kind Kind) []byte {
	return append(append([]byte(nil), header...), kind...)
}

// NewEphemeralVault returns a Vault over fresh random keys, a ring of one key named keyID and
// an index key, that exist only in this process. Nothing it seals can be opened after the
// process ends: it is for tests, and for commands that must build a service but read no
// personal data.
func NewEphemeralVault(keyID string) (*Vault, error) {
	key, index := make([]byte, KeySize), make([]byte, MinIndexKeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("ephemeral vault: %w", err)
	}
	if _, err := rand.Read(index); err != nil {
		return nil, fmt.Errorf("ephemeral vault: %w", err)
	}
	ring, err := NewKeyRing(keyID, map[string][]byte{keyID: key})
	if err != nil {
		return nil, err
	}
	return NewVault(ring, index)
}
