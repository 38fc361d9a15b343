package siwe_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/siwe"
)

// eipExample is the first example of EIP-4361.
const eipExample = `example.com wants you to sign in with your Ethereum account:
0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

I accept the ExampleOrg Terms of Service: https://example.com/tos

URI: https://example.com/login
Version: 1
Chain ID: 1
Nonce: 32891756
Issued At: 2021-09-30T16:25:24Z
Resources:
- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
- https://example.com/my-web2-claim.json`

func TestParseEIPExample(t *testing.T) {
	m, err := siwe.Parse(eipExample)
	if err != nil {
		t.Fatal(err)
	}
	statement := "I accept the ExampleOrg Terms of Service: https://example.com/tos"
	checks := []struct {
		field     string
		got, want any
	}{
		{"Scheme", m.Scheme, ""},
		{"Domain", m.Domain, "example.com"},
		{"Address", m.Address, common.HexToAddress("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2")},
		{"Statement", *m.Statement, statement},
		{"URI", m.URI, "https://example.com/login"},
		{"ChainID", m.ChainID, uint64(1)},
		{"Nonce", m.Nonce, "32891756"},
		{"IssuedAt", m.IssuedAt, "2021-09-30T16:25:24Z"},
		{"ExpirationTime", m.ExpirationTime, ""},
		{"NotBefore", m.NotBefore, ""},
		{"RequestID", m.RequestID, (*string)(nil)},
		{"Resources", len(m.Resources), 2},
		{"String", m.String(), eipExample},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
}

// edit returns the EIP example with old replaced by new (exactly once).
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if strings.Count(eipExample, old) != 1 {
		t.Fatalf("%q is not in the example exactly once", old)
	}
	return strings.Replace(eipExample, old, new, 1)
}

// TestParseAccepts covers the ABNF's less common but valid forms; each must round-trip.
func TestParseAccepts(t *testing.T) {
	tests := []struct{ name, old, new string }{
		{"explicit scheme", "example.com wants", "https://example.com wants"},
		{"port", "example.com wants", "example.com:3388 wants"},
		{"userinfo, IPv6 host and port", "example.com wants", "user:pw@[2001:db8::7]:8080 wants"},
		{"IPvFuture host", "example.com wants", "[v1.fe80::a+en1] wants"},
		{"percent-encoded host", "example.com wants", "ex%41mple.com wants"},
		{"no statement", "\n\nI accept the ExampleOrg Terms of Service: https://example.com/tos\n", "\n\n"},
		{"empty statement", "I accept the ExampleOrg Terms of Service: https://example.com/tos", ""},
		{"statement with every reserved character", "I accept the ExampleOrg", ":/?#[]@!$&'()*+,;= -._~"},
		{"statement that looks like a field", "I accept the ExampleOrg Terms of Service: https://example.com/tos", "URI: https://example.com/"},
		{"URN as URI", "URI: https://example.com/login", "URI: urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"},
		{"DID as URI", "URI: https://example.com/login", "URI: did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"},
		{"URI with query and fragment", "URI: https://example.com/login", "URI: https://example.com/login?next=/a?b#top/x?y"},
		{"URI with empty authority", "URI: https://example.com/login", "URI: file:///etc/hosts"},
		{"chain id 0", "Chain ID: 1\n", "Chain ID: 0\n"},
		{"largest chain id", "Chain ID: 1\n", "Chain ID: 18446744073709551615\n"},
		{"long nonce", "Nonce: 32891756", "Nonce: aZ09aZ09aZ09aZ09aZ09aZ09aZ09aZ09"},
		{"fractional seconds and offset", "16:25:24Z", "19:25:24.123456789123+03:00"},
		{"lower-case t and z", "2021-09-30T16:25:24Z", "2021-09-30t16:25:24z"},
		{"leap second", "16:25:24Z", "23:59:60Z"},
		{"29 February in a leap year", "2021-09-30", "2024-02-29"},
		{"all optional fields", "Issued At: 2021-09-30T16:25:24Z",
			"Issued At: 2021-09-30T16:25:24Z\nExpiration Time: 2021-10-01T16:25:24Z\nNot Before: 2021-09-30T16:25:24Z\nRequest ID: a:b@c%20d"},
		{"empty request id", "Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nRequest ID: "},
		{"resources line with no item", "Resources:\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n- https://example.com/my-web2-claim.json", "Resources:"},
		{"no resources", "\nResources:\n- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n- https://example.com/my-web2-claim.json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := edit(t, tt.old, tt.new)
			m, err := siwe.Parse(text)
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, text)
			}
			if got := m.String(); got != text {
				t.Errorf("String() =\n%s\nwant\n%s", got, text)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, old, new string }{
		{"no header", " wants you to sign in with your Ethereum account:", " wants you to sign in:"},
		{"empty domain", "example.com wants", " wants"},
		{"empty scheme", "example.com wants", "://example.com wants"},
		{"bad scheme", "example.com wants", "1https://example.com wants"},
		{"space in domain", "example.com wants", "exa mple.com wants"},
		{"path in domain", "example.com wants", "example.com/login wants"},
		{"port not digits", "example.com wants", "example.com:http wants"},
		{"two @ in domain", "example.com wants", "a@b@example.com wants"},
		{"unclosed IPv6", "example.com wants", "[::1 wants"},
		{"IPv4 in brackets", "example.com wants", "[127.0.0.1] wants"},
		{"IPv6 zone", "example.com wants", "[fe80::1%25en0] wants"},
		{"bad percent-encoding", "example.com wants", "ex%4mple.com wants"},
		{"lower-case address", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"},
		{"wrong checksum", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756CC2"},
		{"upper-case 0X", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0XC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"},
		{"short address", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc"},
		{"no 0x", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "00C02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"},
		{"statement over two lines", "Terms of Service: https://example.com/tos", "Terms of Service:\nhttps://example.com/tos"},
		{"non-ASCII statement", "I accept", "Я принимаю"},
		{"quote in statement", "I accept", `I "accept"`},
		{"percent in statement", "I accept", "I accept 100%"},
		{"no blank line before URI", "example.com/tos\n\nURI:", "example.com/tos\nURI:"},
		{"relative URI", "URI: https://example.com/login", "URI: /login"},
		{"space in URI", "URI: https://example.com/login", "URI: https://example.com/log in"},
		{"bad authority in URI", "URI: https://example.com/login", "URI: https://exa mple.com/login"},
		{"version 2", "Version: 1", "Version: 2"},
		{"empty chain id", "Chain ID: 1\n", "Chain ID: \n"},
		{"chain id with a leading zero", "Chain ID: 1\n", "Chain ID: 01\n"},
		{"negative chain id", "Chain ID: 1\n", "Chain ID: -1\n"},
		{"chain id over 64 bits", "Chain ID: 1\n", "Chain ID: 18446744073709551616\n"},
		{"nonce of 7 characters", "Nonce: 32891756", "Nonce: 3289175"},
		{"nonce with a dash", "Nonce: 32891756", "Nonce: 3289-1756"},
		{"issued at with a space", "2021-09-30T16:25:24Z", "2021-09-30 16:25:24Z"},
		{"issued at without zone", "2021-09-30T16:25:24Z", "2021-09-30T16:25:24"},
		{"issued at with a short offset", "16:25:24Z", "16:25:24+03"},
		{"month 13", "2021-09-30", "2021-13-30"},
		{"30 February", "2021-09-30", "2021-02-30"},
		{"29 February in a common year", "2021-09-30", "2023-02-29"},
		{"hour 24", "16:25:24Z", "24:25:24Z"},
		{"second 61", "16:25:24Z", "16:25:61Z"},
		{"empty fraction", "16:25:24Z", "16:25:24.Z"},
		{"missing nonce", "Nonce: 32891756\n", ""},
		{"fields out of order", "Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1"},
		{"optional fields out of order", "Issued At: 2021-09-30T16:25:24Z",
			"Issued At: 2021-09-30T16:25:24Z\nNot Before: 2021-09-30T16:25:24Z\nExpiration Time: 2021-10-01T16:25:24Z"},
		{"empty expiration time", "Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nExpiration Time: "},
		{"bad request id", "Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nRequest ID: a b"},
		{"unknown field", "Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nColour: blue"},
		{"resource without dash", "- https://example.com/my-web2-claim.json", "https://example.com/my-web2-claim.json"},
		{"resource not a URI", "- https://example.com/my-web2-claim.json", "- my-web2-claim.json"},
		{"trailing line break", "my-web2-claim.json", "my-web2-claim.json\n"},
		{"CRLF", "Version: 1\n", "Version: 1\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := edit(t, tt.old, tt.new)
			m, err := siwe.Parse(text)
			if !errors.Is(err, siwe.ErrMalformed) {
				t.Fatalf("Parse = %v, %v; want ErrMalformed\n%s", m, err, text)
			}
		})
	}
	for _, text := range []string{"", "\n", strings.Repeat("\n", 20), eipExample[:40]} {
		if _, err := siwe.Parse(text); !errors.Is(err, siwe.ErrMalformed) {
			t.Errorf("Parse(%q) = %v, want ErrMalformed", text, err)
		}
	}
}

func TestParseErrorNamesTheLine(t *testing.T) {
	_, err := siwe.Parse(edit(t, "Nonce: 32891756", "Nonce: short"))
	if err == nil || !strings.Contains(err.Error(), "line 9:") {
		t.Errorf("err = %v, want it to name line 9", err)
	}
}
