package pii

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// ErrKeyRing means a key ring or the index key is unusable. Its messages name key IDs and
// positions, never key material.
var ErrKeyRing = errors.New("invalid PII key ring")

// Key sizes.
const (
	KeySize         = 32 // AES-256
	MinIndexKeySize = 32 // HMAC-SHA256 key for Vault.Index
	maxKeyIDLen     = 16
)

// KeyRing holds the AES-256 keys that a Vault opens with, by key ID, and names the one it
// seals with. Key IDs are short (1 to 16 letters, digits, '_' or '-') and are written into
// every ciphertext, so an ID must never be reused for other key material. A KeyRing prints
// its key IDs only. The zero KeyRing holds no key and is refused by NewVault.
//
// A KeyRing is made by ParseKeyRing or NewKeyRing and keeps its fields unexported, each key
// behind a *string, for the reason given at secret: when fmt prints a struct that keeps a
// KeyRing in an unexported field, it cannot call the KeyRing's methods and walks its fields
// by reflection, and a pointer to a string prints there as an address for every verb. (A
// pointer to an array, slice, map or struct does not: with a verb such as %s, fmt prints
// what it points to.)
type KeyRing struct {
	active string             // ID of the key that seals
	keys   map[string]*string // KeySize bytes each, by key ID
}

// NewKeyRing returns a key ring of keys, each KeySize bytes, by key ID, with active naming
// the sealing key. The keys are copied.
func NewKeyRing(active string, keys map[string][]byte) (KeyRing, error) {
	r := KeyRing{active: active, keys: make(map[string]*string, len(keys))}
	for id, key := range keys {
		if !validKeyID(id) {
			return KeyRing{}, fmt.Errorf("%w: a %w", ErrKeyRing, errBadKeyID)
		}
		if len(key) != KeySize {
			return KeyRing{}, fmt.Errorf("%w: key %q has %d bytes, want %d", ErrKeyRing, id, len(key), KeySize)
		}
		k := string(key)
		r.keys[id] = &k
	}
	if err := r.Validate(); err != nil {
		return KeyRing{}, err
	}
	return r, nil
}

// ParseKeyRing reads a key ring from its configuration form, comma-separated "id:base64"
// entries such as "k1:…,k2:…" (standard base64 of KeySize random bytes, as printed by
// `openssl rand -base64 32`), with active naming the sealing key.
func ParseKeyRing(spec, active string) (KeyRing, error) {
	keys := map[string][]byte{}
	defer func() {
		for _, k := range keys {
			clear(k)
		}
	}()
	for i, entry := range strings.Split(spec, ",") {
		id, key, err := parseKeyEntry(entry)
		if err != nil {
			return KeyRing{}, fmt.Errorf("%w: entry %d: %w", ErrKeyRing, i+1, err)
		}
		if _, dup := keys[id]; dup {
			clear(key)
			return KeyRing{}, fmt.Errorf("%w: key ID %q appears twice", ErrKeyRing, id)
		}
		keys[id] = key
	}
	return NewKeyRing(strings.TrimSpace(active), keys)
}

// parseKeyEntry reads one "id:base64" entry. Its errors quote an ID only once it is known to
// be valid: an invalid one may be a key pasted into the wrong place, as in "base64:id", and
// a valid one is too short to hold a key.
func parseKeyEntry(entry string) (string, []byte, error) {
	id, b64, ok := strings.Cut(entry, ":")
	if !ok {
		return "", nil, errors.New("not id:base64")
	}
	id = strings.TrimSpace(id)
	if !validKeyID(id) {
		return "", nil, errBadKeyID
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return "", nil, fmt.Errorf("key %q is not valid base64", id)
	}
	if len(key) != KeySize {
		clear(key)
		return "", nil, fmt.Errorf("key %q has %d bytes, want %d", id, len(key), KeySize)
	}
	return id, key, nil
}

// errBadKeyID names the rule for key IDs without quoting the ID.
var errBadKeyID = fmt.Errorf("key ID is not 1 to %d letters, digits, '_' or '-'", maxKeyIDLen)

// Validate checks that the active key is in the ring; it fails for the zero KeyRing. An
// invalid ID is not quoted, since it may be key material put in the wrong place.
func (r KeyRing) Validate() error {
	if !validKeyID(r.active) {
		return fmt.Errorf("%w: active %w", ErrKeyRing, errBadKeyID)
	}
	if _, ok := r.keys[r.active]; !ok {
		return fmt.Errorf("%w: active key %q is not in the ring", ErrKeyRing, r.active)
	}
	return nil
}

// Active returns the ID of the key that seals.
func (r KeyRing) Active() string { return r.active }

func validKeyID(id string) bool {
	if id == "" || len(id) > maxKeyIDLen {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// IDs returns the key IDs in sorted order.
func (r KeyRing) IDs() []string {
	ids := make([]string, 0, len(r.keys))
	for id := range r.keys {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// String names the active key and the key IDs, never the keys.
func (r KeyRing) String() string {
	return "KeyRing{Active: " + r.active + ", Keys: [" + strings.Join(r.IDs(), " ") + "]}"
}

// GoString is String, for %#v.
func (r KeyRing) GoString() string { return "pii." + r.String() }

// Format prints String for every verb.
func (r KeyRing) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, r.GoString())
		return
	}
	io.WriteString(f, r.String())
}

// LogValue logs the active key ID and the key IDs.
func (r KeyRing) LogValue() slog.Value {
	return slog.GroupValue(slog.String("active", r.active), slog.Any("keys", r.IDs()))
}

// MarshalJSON encodes the active key ID and the key IDs, never the keys.
func (r KeyRing) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Active string   `json:"active"`
		Keys   []string `json:"keys"`
	}{r.active, r.IDs()})
}
