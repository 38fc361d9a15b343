package siwe_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/siwe"
)

// The signatures here are made with go-ethereum for edge cases; compatibility with a wallet
// library is shown by the ethers fixtures (fixtures_test.go).
const testKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

func signed(t *testing.T, m *siwe.Message) []byte {
	t.Helper()
	key, err := crypto.HexToECDSA(testKey)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := crypto.Sign(accounts.TextHash([]byte(m.String())), key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27 // personal_sign's v
	return sig
}

func testMessage(t *testing.T) *siwe.Message {
	t.Helper()
	key, _ := crypto.HexToECDSA(testKey)
	return &siwe.Message{
		Domain:         "vote.pbnode.example",
		Address:        crypto.PubkeyToAddress(key.PublicKey),
		URI:            "https://vote.pbnode.example/login",
		ChainID:        31337,
		Nonce:          "n0nce1234567",
		IssuedAt:       "2026-05-04T09:00:00Z",
		NotBefore:      "2026-05-04T09:00:00+03:00",
		ExpirationTime: "2026-05-04T09:10:00Z",
	}
}

func expectAt(now string) siwe.Expect {
	at, err := time.Parse(time.RFC3339Nano, now)
	if err != nil {
		panic(err)
	}
	return siwe.Expect{Domain: "vote.pbnode.example", ChainID: 31337, Nonce: "n0nce1234567", Now: at}
}

func TestVerifyTimeWindow(t *testing.T) {
	m := testMessage(t)
	sig := signed(t, m)
	tests := []struct {
		now     string
		wantErr error
	}{
		{"2026-05-04T05:59:59.999999999Z", siwe.ErrNotYetValid}, // Not Before is 06:00Z
		{"2026-05-04T06:00:00Z", nil},
		{"2026-05-04T09:09:59.999999999Z", nil},
		{"2026-05-04T09:10:00Z", siwe.ErrExpired},
		{"2026-05-04T12:10:00+03:00", siwe.ErrExpired},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			got, err := siwe.Verify(m, sig, expectAt(tt.now))
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
			if err == nil && got != m.Address {
				t.Errorf("Verify = %s, want %s", got, m.Address)
			}
		})
	}
}

func TestVerifyZeroNowIsTheClock(t *testing.T) {
	m := testMessage(t)
	m.NotBefore, m.ExpirationTime = "", "2000-01-01T00:00:00Z"
	want := expectAt("1999-01-01T00:00:00Z")
	want.Now = time.Time{}
	if _, err := siwe.Verify(m, signed(t, m), want); !errors.Is(err, siwe.ErrExpired) {
		t.Errorf("Verify = %v, want ErrExpired against the clock", err)
	}
}

func TestVerifyRejects(t *testing.T) {
	now := "2026-05-04T09:05:00Z"
	tests := []struct {
		name    string
		change  func(m *siwe.Message, sig []byte, want *siwe.Expect) []byte
		wantErr error
	}{
		{"valid", func(_ *siwe.Message, sig []byte, _ *siwe.Expect) []byte { return sig }, nil},
		{"v as 0/1", func(_ *siwe.Message, sig []byte, _ *siwe.Expect) []byte {
			sig[64] -= 27
			return sig
		}, nil},
		{"v = 2", func(_ *siwe.Message, sig []byte, _ *siwe.Expect) []byte {
			sig[64] = 2
			return sig
		}, siwe.ErrSignature},
		{"r = 0", func(_ *siwe.Message, sig []byte, _ *siwe.Expect) []byte {
			clear(sig[:32])
			return sig
		}, siwe.ErrSignature},
		{"66 bytes", func(_ *siwe.Message, sig []byte, _ *siwe.Expect) []byte { return append(sig, 0) }, siwe.ErrSignature},
		{"no signature", func(*siwe.Message, []byte, *siwe.Expect) []byte { return nil }, siwe.ErrSignature},
		{"field changed after signing", func(m *siwe.Message, sig []byte, _ *siwe.Expect) []byte {
			m.Resources = []string{}
			return sig
		}, siwe.ErrAddressMismatch},
		{"malformed message", func(m *siwe.Message, sig []byte, _ *siwe.Expect) []byte {
			m.Nonce = "short"
			return sig
		}, siwe.ErrMalformed},
		{"domain differs in case", func(_ *siwe.Message, sig []byte, want *siwe.Expect) []byte {
			want.Domain = "Vote.pbnode.example"
			return sig
		}, siwe.ErrDomain},
		{"server expects another chain", func(_ *siwe.Message, sig []byte, want *siwe.Expect) []byte {
			want.ChainID = 1
			return sig
		}, siwe.ErrChainID},
		{"server issued no nonce", func(_ *siwe.Message, sig []byte, want *siwe.Expect) []byte {
			want.Nonce = ""
			return sig
		}, siwe.ErrNonce},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage(t)
			want := expectAt(now)
			sig := tt.change(m, signed(t, m), &want)
			_, err := siwe.Verify(m, sig, want)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
		})
	}
	if _, err := siwe.Verify(nil, nil, expectAt(now)); !errors.Is(err, siwe.ErrMalformed) {
		t.Errorf("Verify(nil) = %v, want ErrMalformed", err)
	}
}

// TestSentinelsAreDistinct: each failure maps to one API error code.
func TestSentinelsAreDistinct(t *testing.T) {
	all := []error{siwe.ErrMalformed, siwe.ErrSignature, siwe.ErrAddressMismatch, siwe.ErrDomain,
		siwe.ErrChainID, siwe.ErrNonce, siwe.ErrExpired, siwe.ErrNotYetValid}
	for i, a := range all {
		for j, b := range all {
			if i != j && errors.Is(a, b) {
				t.Errorf("%v is %v", a, b)
			}
		}
	}
}
