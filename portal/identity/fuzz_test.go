package identity

import (
	"strings"
	"testing"
)

func FuzzCheckToken(f *testing.F) {
	for _, s := range []string{newToken(sessionPrefix, tokenBytes), newToken(csrfPrefix, tokenBytes), "pbs_", "pbs_x", "pbt_" + strings.Repeat("A", 43),
		"pbs_" + strings.Repeat("A", 42) + "B", "pbs_" + strings.Repeat("/", 43), ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, prefix := range []string{sessionPrefix, csrfPrefix} {
			if !checkToken(s, prefix, tokenBytes) {
				continue
			}
			body := strings.TrimPrefix(s, prefix)
			raw, err := b64.DecodeString(body)
			if !strings.HasPrefix(s, prefix) || err != nil || len(raw) != tokenBytes || b64.EncodeToString(raw) != body {
				t.Errorf("checkToken accepted non-canonical %q", s)
			}
		}
		if checkToken(s, challengePrefix, challengeBytes) && len(s) != len(challengePrefix)+22 {
			t.Errorf("checkToken accepted challenge ID %q", s)
		}
	})
}

func TestNewTokenPassesCheck(t *testing.T) {
	for range 100 {
		if s := newToken(sessionPrefix, tokenBytes); !checkToken(s, sessionPrefix, tokenBytes) || checkToken(s, csrfPrefix, tokenBytes) {
			t.Fatalf("newToken gave %q", s)
		}
		if s := newToken(challengePrefix, challengeBytes); !checkToken(s, challengePrefix, challengeBytes) {
			t.Fatalf("newToken gave challenge %q", s)
		}
	}
}

func FuzzCheckCode(f *testing.F) {
	for _, s := range []string{"123456", "012345", "12345", "1234567", "12a456", "١٢٣٤٥٦", " 12345", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(s) == 6 && strings.Trim(s, "0123456789") == ""
		if got := checkCode(s, 6); got != want {
			t.Errorf("checkCode(%q) = %v, want %v", s, got, want)
		}
	})
}

func TestNewCode(t *testing.T) {
	seen := map[byte]bool{}
	for range 200 {
		for _, n := range []int{4, 6, 10} {
			c, err := newCode(n)
			if err != nil || !checkCode(c, n) {
				t.Fatalf("newCode(%d) = %q, %v", n, c, err)
			}
			seen[c[0]] = true
		}
	}
	if !seen['0'] {
		t.Error("no code begins with 0: codes are not zero-padded")
	}
}

func FuzzIPKey(f *testing.F) {
	for _, s := range []string{"203.0.113.7", "::ffff:203.0.113.7", "2001:db8::1", "fe80::1%eth0", "", "1.2.3", "example.org", " 10.0.0.1 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key, err := ipKey(s)
		if err != nil {
			return
		}
		again, err := ipKey(strings.TrimSuffix(key, "/64"))
		if err != nil || (again != key && !strings.HasSuffix(key, "/64")) {
			t.Errorf("ipKey(%q) = %q, which keys as %q, %v", s, key, again, err)
		}
	})
}

func FuzzValidTerritory(f *testing.F) {
	for _, s := range []string{"", "cao", "zao/arbat", "/cao", "ЦАО", "a b", strings.Repeat("a", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !validTerritory(s) || s == "" {
			return
		}
		if len(s) > maxTerritory || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-_./") != "" || strings.ContainsAny(s[:1], "-_./") {
			t.Errorf("validTerritory accepted %q", s)
		}
	})
}

func FuzzValidIdentityText(f *testing.F) {
	for _, s := range []string{"https://esia.gosuslugi.ru/", "1000299353", "a b", "", "\x00", "пользователь"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !validIdentityText(s) {
			return
		}
		for _, c := range []byte(s) {
			if c <= ' ' || c >= 0x7f {
				t.Fatalf("validIdentityText accepted %q", s)
			}
		}
	})
}
