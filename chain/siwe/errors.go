package siwe

import "errors"

// Each failure of Parse or Verify wraps exactly one of these, so that the API can map it to a
// stable error code with errors.Is.
var (
	ErrMalformed       = errors.New("siwe: malformed message")
	ErrSignature       = errors.New("siwe: invalid signature")
	ErrAddressMismatch = errors.New("siwe: signer is not the message's address")
	ErrDomain          = errors.New("siwe: domain mismatch")
	ErrChainID         = errors.New("siwe: chain id mismatch")
	ErrNonce           = errors.New("siwe: nonce mismatch")
	ErrExpired         = errors.New("siwe: message expired")
	ErrNotYetValid     = errors.New("siwe: message not yet valid")
)
