package siwe

import (
	"crypto/subtle"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Expect is what the server requires of a message.
type Expect struct {
	Domain  string    // authority the message must name, byte for byte, e.g. "vote.example.org"
	ChainID uint64    // chain the session is bound to
	Now     time.Time // instant the time window is checked at; the zero time means time.Now()
	Nonce   string    // nonce the server issued for this sign-in and has not seen used
}

// Verify checks that sig is an EIP-191 personal_sign signature of msg.String() by msg.Address,
// and that the message names want's domain, chain and nonce and is valid at want.Now:
// NotBefore <= Now < ExpirationTime, where either bound is present. It returns the signer.
//
// The signature is 65 bytes r || s || v with v = 27/28 or 0/1, and s in the lower half of the
// curve order (as every wallet writes it). It is checked before the fields: the fields of a
// message whose signature does not hold mean nothing.
//
// Error texts name no address, so that logging them logs no one's identity. Verify does not
// remember nonces: the caller must accept each nonce once (see the package documentation).
func Verify(msg *Message, sig []byte, want Expect) (common.Address, error) {
	if msg == nil {
		return common.Address{}, fmt.Errorf("%w: no message", ErrMalformed)
	}
	text := msg.String()
	if _, err := Parse(text); err != nil {
		return common.Address{}, err
	}
	signer, err := recoverSigner(text, sig)
	if err != nil {
		return common.Address{}, err
	}
	if signer != msg.Address {
		return common.Address{}, ErrAddressMismatch // no addresses in the text: errors get logged
	}
	if err := checkFields(msg, want); err != nil {
		return common.Address{}, err
	}
	if err := checkWindow(msg, want.Now); err != nil {
		return common.Address{}, err
	}
	return signer, nil
}

// recoverSigner returns the address whose key made the personal_sign signature sig of text.
func recoverSigner(text string, sig []byte) (common.Address, error) {
	if len(sig) != crypto.SignatureLength {
		return common.Address{}, fmt.Errorf("%w: %d bytes, want %d", ErrSignature, len(sig), crypto.SignatureLength)
	}
	rsv := make([]byte, crypto.SignatureLength)
	copy(rsv, sig)
	if rsv[64] >= 27 {
		rsv[64] -= 27
	}
	r, s := new(big.Int).SetBytes(rsv[:32]), new(big.Int).SetBytes(rsv[32:64])
	if !crypto.ValidateSignatureValues(rsv[64], r, s, true) {
		return common.Address{}, fmt.Errorf("%w: v, r or s out of range (v = %d)", ErrSignature, sig[64])
	}
	pub, err := crypto.SigToPub(accounts.TextHash([]byte(text)), rsv)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w", ErrSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

func checkFields(msg *Message, want Expect) error {
	switch {
	case msg.Domain != want.Domain:
		return fmt.Errorf("%w: message names %q, want %q", ErrDomain, msg.Domain, want.Domain)
	case msg.ChainID != want.ChainID:
		return fmt.Errorf("%w: message names %d, want %d", ErrChainID, msg.ChainID, want.ChainID)
	case subtle.ConstantTimeCompare([]byte(msg.Nonce), []byte(want.Nonce)) != 1:
		return ErrNonce
	}
	return nil
}

// checkWindow requires NotBefore <= now < ExpirationTime. The times were checked by Parse.
func checkWindow(msg *Message, now time.Time) error {
	if now.IsZero() {
		now = time.Now()
	}
	if msg.NotBefore != "" {
		if nb, _ := parseDateTime(msg.NotBefore); now.Before(nb) {
			return fmt.Errorf("%w: not before %s", ErrNotYetValid, msg.NotBefore)
		}
	}
	if msg.ExpirationTime != "" {
		if exp, _ := parseDateTime(msg.ExpirationTime); !now.Before(exp) {
			return fmt.Errorf("%w: expired at %s", ErrExpired, msg.ExpirationTime)
		}
	}
	return nil
}
