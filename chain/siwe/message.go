// Package siwe parses and verifies Sign-In with Ethereum messages (EIP-4361): a wallet signs,
// with EIP-191 personal_sign, a plain-text message that names the site, the chain and a nonce
// the server issued, and the server recovers the signer from the signature.
//
// The signature covers the text, not the fields, so [Parse] accepts only what the EIP's ABNF
// accepts and [Message.String] gives the same text back byte for byte. Parse is stricter than the
// ABNF in a few forms that no wallet writes and that would not round-trip:
//
//   - the address must carry its EIP-55 checksum and a lower-case "0x" (the ABNF says
//     "where applicable");
//   - the chain id has no leading zeros and fits a uint64;
//   - the domain has a non-empty host.
//
// [Verify] checks the signature and the fields against what the server expects. Replay
// protection is the caller's: issue each nonce once, keep it server-side, and delete it when a
// sign-in uses it or when it ages out, so that a signed message cannot be presented twice.
// Only externally owned accounts are supported; EIP-1271 contract wallets are not.
package siwe

import (
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// headerSuffix ends the first line, after "[scheme://]domain".
const headerSuffix = " wants you to sign in with your Ethereum account:"

// Message is an EIP-4361 message. Fields hold their text as written, so that String
// reproduces exactly what was signed; the version is always 1 and has no field.
type Message struct {
	Scheme    string         // URI scheme of the requesting origin ("https"); "" when absent
	Domain    string         // RFC 3986 authority that requests the signing: host[:port]
	Address   common.Address // the signer, written with its EIP-55 checksum
	Statement *string        // line shown to the user; nil when absent (it may be empty)
	URI       string         // RFC 3986 URI, the subject of the signing
	ChainID   uint64         // EIP-155 chain id the session is bound to
	Nonce     string         // at least 8 ASCII letters and digits, issued by the server

	IssuedAt       string  // RFC 3339 date-time
	ExpirationTime string  // RFC 3339 date-time; "" when absent
	NotBefore      string  // RFC 3339 date-time; "" when absent
	RequestID      *string // nil when absent (it may be empty)

	// Resources are RFC 3986 URIs. nil means no "Resources:" line; an empty, non-nil
	// slice is a "Resources:" line followed by no item.
	Resources []string
}

// String returns the message text, the bytes a wallet signs.
func (m *Message) String() string {
	var b strings.Builder
	if m.Scheme != "" {
		b.WriteString(m.Scheme + "://")
	}
	b.WriteString(m.Domain + headerSuffix + "\n")
	b.WriteString(m.Address.Hex() + "\n\n")
	if m.Statement != nil {
		b.WriteString(*m.Statement + "\n")
	}
	b.WriteString("\nURI: " + m.URI)
	b.WriteString("\nVersion: 1")
	b.WriteString("\nChain ID: " + strconv.FormatUint(m.ChainID, 10))
	b.WriteString("\nNonce: " + m.Nonce)
	b.WriteString("\nIssued At: " + m.IssuedAt)
	if m.ExpirationTime != "" {
		b.WriteString("\nExpiration Time: " + m.ExpirationTime)
	}
	if m.NotBefore != "" {
		b.WriteString("\nNot Before: " + m.NotBefore)
	}
	if m.RequestID != nil {
		b.WriteString("\nRequest ID: " + *m.RequestID)
	}
	if m.Resources != nil {
		b.WriteString("\nResources:")
		for _, r := range m.Resources {
			b.WriteString("\n- " + r)
		}
	}
	return b.String()
}
