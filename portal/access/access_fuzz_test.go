package access

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// FuzzCheckFormat feeds arbitrary Authorization values: anything accepted must be a prefix
// plus exactly 32 base64url bytes, and everything else must be ErrUnauthenticated.
func FuzzCheckFormat(f *testing.F) {
	f.Add("pbt_" + base64.RawURLEncoding.EncodeToString(make([]byte, 32)))
	f.Add("pbt_")
	f.Add("Bearer pbt_x")
	f.Add("pbt_" + strings.Repeat("A", 43) + "=")
	f.Fuzz(func(t *testing.T, token string) {
		err := CheckFormat(token)
		if err != nil {
			if !errors.Is(err, ErrUnauthenticated) {
				t.Fatalf("CheckFormat(%q) = %v, want ErrUnauthenticated", token, err)
			}
			return
		}
		raw, decErr := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(token, tokenPrefix))
		if !strings.HasPrefix(token, tokenPrefix) || decErr != nil || len(raw) != tokenBytes {
			t.Fatalf("CheckFormat accepted %q", token)
		}
	})
}
