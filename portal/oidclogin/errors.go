package oidclogin

import (
	"errors"
	"fmt"
)

// Errors of Finish, matched with errors.Is. Their texts are part of no contract; the values are.
var (
	// ErrStateMismatch: the callback does not belong to the login in progress (state differs or
	// is missing, no login was begun, or the callback names another issuer).
	ErrStateMismatch = errors.New("oidclogin: state mismatch")
	// ErrProviderError: the provider answered error=...; a *ProviderError says which.
	ErrProviderError = errors.New("oidclogin: provider returned an error")
	// ErrMalformedCallback: the callback repeats a parameter, carries unprintable or oversized
	// values, or has neither a code nor an error.
	ErrMalformedCallback = errors.New("oidclogin: malformed callback")
	// ErrExchange: the token or userinfo request failed, e.g. an unknown, used or expired code,
	// a wrong PKCE verifier, a rejected client secret or an unreachable provider.
	ErrExchange = errors.New("oidclogin: code exchange failed")
	// ErrTokenInvalid: the ID token is missing or fails verification (signature, issuer,
	// audience, nonce, expiry, access-token hash), or userinfo names another subject.
	ErrTokenInvalid = errors.New("oidclogin: invalid id token")
)

// ProviderError is the error response of RFC 6749, section 4.1.2.1, sent to the callback. It
// wraps ErrProviderError. Code is e.g. "access_denied" when the citizen declined; both fields
// hold printable ASCII only.
type ProviderError struct {
	Code        string
	Description string
}

func (e *ProviderError) Error() string {
	if e.Description == "" {
		return fmt.Sprintf("%v: %s", ErrProviderError, e.Code)
	}
	return fmt.Sprintf("%v: %s: %q", ErrProviderError, e.Code, e.Description)
}

// Unwrap makes errors.Is(err, ErrProviderError) hold.
func (e *ProviderError) Unwrap() error { return ErrProviderError }
