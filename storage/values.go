package storage

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// normAddress returns an Ethereum address as stored: lowercase 0x-prefixed hex.
func normAddress(s string) (string, error) {
	return normHex(s, "address", 20)
}

// normTxHash returns a transaction hash as stored: lowercase 0x-prefixed hex.
func normTxHash(s string) (string, error) {
	return normHex(s, "transaction hash", 32)
}

// normHex checks that s is "0x" (or "0X") followed by n bytes of hex and lowercases it.
func normHex(s, what string, n int) (string, error) {
	digits, ok := strings.CutPrefix(s, "0x")
	if !ok {
		digits, ok = strings.CutPrefix(s, "0X")
	}
	if !ok || len(digits) != 2*n || !isHex(digits) {
		return "", fmt.Errorf("%w: %s must be 0x and %d hex digits", ErrInvalid, what, 2*n)
	}
	return "0x" + strings.ToLower(digits), nil
}

// normTokenHash checks an API token hash: the hex SHA-256 of the token (64 digits, no 0x).
func normTokenHash(s string) (string, error) {
	if len(s) != 64 || !isHex(s) {
		return "", fmt.Errorf("%w: token hash must be 64 hex digits (sha256)", ErrInvalid)
	}
	return strings.ToLower(s), nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

// nullable maps "" to NULL.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// deref maps NULL to "".
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
