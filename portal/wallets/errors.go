package wallets

import "errors"

// Sentinel errors, stable for the API to map to error codes; match them with errors.Is. No
// message names an address or a key.
var (
	// ErrNonceUnknown: the message's nonce was not issued to this user (or never issued).
	ErrNonceUnknown = errors.New("sign-in nonce unknown")
	// ErrNonceUsed: the nonce was used already: the message is a replay.
	ErrNonceUsed = errors.New("sign-in nonce already used")
	// ErrNonceExpired: the nonce or the message expired.
	ErrNonceExpired = errors.New("sign-in nonce expired")
	// ErrWrongDomain: the message names another site.
	ErrWrongDomain = errors.New("sign-in message for another domain")
	// ErrWrongChain: the message names another chain.
	ErrWrongChain = errors.New("sign-in message for another chain")
	// ErrBadSignature: the signature is malformed or not by the message's address.
	ErrBadSignature = errors.New("signature does not match the message's address")
	// ErrInvalidMessage: the text is not an EIP-4361 message, or it is not valid yet.
	ErrInvalidMessage = errors.New("malformed sign-in message")
	// ErrAddressTaken: another user is or was linked to the address.
	ErrAddressTaken = errors.New("address linked to another user")
	// ErrWalletInUse: the user's current address holds a quota in a round still running.
	ErrWalletInUse = errors.New("wallet holds tokens of a running round")
	// ErrNoWallet: the user has no wallet yet.
	ErrNoWallet = errors.New("no wallet linked")
	// ErrNotCustodial: the user's wallet is their own; the node holds no key for it.
	ErrNotCustodial = errors.New("wallet is not custodial")
	// ErrUnknownUser: no such user.
	ErrUnknownUser = errors.New("unknown user")
	// ErrDeactivated: the user is deactivated.
	ErrDeactivated = errors.New("user deactivated")
	// ErrConfig: the service's configuration is unusable.
	ErrConfig = errors.New("invalid wallets config")
)
