package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/netip"
	"strings"
)

// Token formats: a prefix naming what the token is, then base64url (no padding) of random
// bytes. The prefixes differ from the foundation's API tokens ("pbt_").
const (
	sessionPrefix   = "pbs_"
	csrfPrefix      = "pbc_"
	challengePrefix = "otp_"
	tokenBytes      = 32 // session and CSRF tokens
	challengeBytes  = 16 // challenge IDs: not secret alone, but unguessable
)

var b64 = base64.RawURLEncoding.Strict()

// newToken returns prefix followed by n random bytes in base64url.
func newToken(prefix string, n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand crashes the program instead)
	return prefix + b64.EncodeToString(b)
}

// checkToken reports whether s has the form newToken(prefix, n) gives, before anything
// touches the database.
func checkToken(s, prefix string, n int) bool {
	body, ok := strings.CutPrefix(s, prefix)
	if !ok || len(body) != b64.EncodedLen(n) {
		return false
	}
	raw, err := b64.DecodeString(body)
	return err == nil && len(raw) == n
}

// hashToken is what is stored of a session or CSRF token: hex SHA-256. The tokens carry 256
// random bits, so an unkeyed hash cannot be reversed.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// newCode draws a code of n decimal digits uniformly.
func newCode(n int) (string, error) {
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	v, err := rand.Int(rand.Reader, limit)
	if err != nil {
		return "", fmt.Errorf("draw code: %w", err)
	}
	return fmt.Sprintf("%0*d", n, v.Int64()), nil // n <= 10, so v fits
}

// checkCode reports whether code is exactly n ASCII digits.
func checkCode(code string, n int) bool {
	if len(code) != n {
		return false
	}
	for _, c := range []byte(code) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ipKey returns what an IP address is rate-limited by: the address itself for IPv4 (and
// IPv4-mapped IPv6), its /64 for IPv6, since one subscriber usually holds a whole /64.
func ipKey(ip string) (string, error) {
	addr, err := netip.ParseAddr(strings.TrimSpace(ip))
	if err != nil {
		return "", ErrInvalidIP
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is4() {
		return addr.String(), nil
	}
	p, err := addr.Prefix(64)
	if err != nil {
		return "", ErrInvalidIP
	}
	return p.String(), nil
}

// maxTerritory bounds a territory's length.
const maxTerritory = 64

// validTerritory reports whether t is "" (the whole city) or a territory code: lowercase ASCII
// letters, digits, '-', '_', '.', '/', starting with a letter or digit, at most 64 bytes.
func validTerritory(t string) bool {
	if t == "" {
		return true
	}
	if len(t) > maxTerritory || !isAlnum(t[0]) {
		return false
	}
	for _, c := range []byte(t) {
		if !isAlnum(c) && !strings.ContainsRune("-_./", rune(c)) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// maxIdentityText bounds the OIDC issuer and subject (OIDC Core: a subject is at most 255
// ASCII characters).
const maxIdentityText = 255

// validIdentityText reports whether s is 1 to 255 printable ASCII characters without spaces.
func validIdentityText(s string) bool {
	if s == "" || len(s) > maxIdentityText {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}
