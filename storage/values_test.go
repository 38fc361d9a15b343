package storage

import (
	"errors"
	"strings"
	"testing"
)

func TestNormAddress(t *testing.T) {
	const lower = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"
	tests := []struct {
		in, want string
		wantErr  error
	}{
		{"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", lower, nil},
		{lower, lower, nil},
		{"0XF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266", lower, nil},
		{"f39fd6e51aad88f6f4ce6ab8827279cfffb92266", "", ErrInvalid},
		{"0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226", "", ErrInvalid},
		{"0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226g", "", ErrInvalid},
		{"", "", ErrInvalid},
	}
	for _, tt := range tests {
		got, err := normAddress(tt.in)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("normAddress(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// FuzzNormHex: addresses, hashes and token hashes come from outside (API, chain); a value
// accepted is lowercase hex of the right length and normalising it again changes nothing.
func FuzzNormHex(f *testing.F) {
	for _, s := range []string{"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x", "0X00", strings.Repeat("ab", 32), "0x" + strings.Repeat("Ff", 32)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, norm := range map[string]func(string) (string, error){
			"address": normAddress, "tx hash": normTxHash, "token hash": normTokenHash,
		} {
			got, err := norm(s)
			if err != nil {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("%s(%q) err = %v, not ErrInvalid", name, s, err)
				}
				continue
			}
			if got != strings.ToLower(got) || !strings.EqualFold(got, s) {
				t.Fatalf("%s(%q) = %q", name, s, got)
			}
			if again, err := norm(got); again != got || err != nil {
				t.Fatalf("%s not idempotent on %q: %q, %v", name, got, again, err)
			}
		}
	})
}
