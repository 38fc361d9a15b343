package oidclogin

import (
	"crypto/subtle"
	"fmt"
	"net/url"
)

// Parameters of the authorization response (RFC 6749, section 4.1.2, and RFC 9207).
const (
	paramState       = "state"
	paramCode        = "code"
	paramIssuer      = "iss"
	paramError       = "error"
	paramDescription = "error_description"
)

// Bounds on callback values: longer ones are malformed; a longer description is cut.
const (
	maxParamLen       = 4096
	maxDescriptionLen = 256
)

// callbackParams are the parameters read from the callback; each may appear at most once.
var callbackParams = []string{paramState, paramCode, paramIssuer, paramError, paramDescription}

// callback is the authorization response as read from the redirect's query.
type callback struct {
	state, code, issuer string
	errCode, errDesc    string
}

// checkCallback matches the callback query to the login in progress and returns the
// authorization code. issuer is the provider's issuer identifier. It does no I/O.
func checkCallback(start Start, issuer string, query url.Values) (string, error) {
	if start.State == "" || start.Nonce == "" || start.CodeVerifier == "" {
		return "", fmt.Errorf("%w: no login was begun", ErrStateMismatch)
	}
	cb, err := parseCallback(query)
	if err != nil {
		return "", err
	}
	if subtle.ConstantTimeCompare([]byte(cb.state), []byte(start.State)) != 1 {
		return "", ErrStateMismatch
	}
	if cb.issuer != "" && cb.issuer != issuer {
		return "", fmt.Errorf("%w: callback from another issuer", ErrStateMismatch)
	}
	if cb.errCode != "" {
		return "", &ProviderError{Code: cb.errCode, Description: cb.errDesc}
	}
	if cb.code == "" {
		return "", fmt.Errorf("%w: neither code nor error", ErrMalformedCallback)
	}
	return cb.code, nil
}

// parseCallback reads the callback parameters. Every value but error_description must be
// printable ASCII; an error_description that is not is dropped, a long one is cut.
func parseCallback(query url.Values) (callback, error) {
	for _, name := range callbackParams {
		vs := query[name]
		if len(vs) > 1 {
			return callback{}, fmt.Errorf("%w: parameter %s repeated", ErrMalformedCallback, name)
		}
		if len(vs) == 1 && len(vs[0]) > maxParamLen {
			return callback{}, fmt.Errorf("%w: parameter %s too long", ErrMalformedCallback, name)
		}
	}
	cb := callback{
		state:   query.Get(paramState),
		code:    query.Get(paramCode),
		issuer:  query.Get(paramIssuer),
		errCode: query.Get(paramError),
		errDesc: query.Get(paramDescription),
	}
	for _, name := range []string{paramState, paramCode, paramIssuer} {
		if !printable(query.Get(name), true) {
			return callback{}, fmt.Errorf("%w: parameter %s is not printable", ErrMalformedCallback, name)
		}
	}
	// error is 1*( %x20-21 / %x23-5B / %x5D-7E ): no quote, no backslash.
	if !printable(cb.errCode, false) {
		return callback{}, fmt.Errorf("%w: parameter %s is not an error code", ErrMalformedCallback, paramError)
	}
	if !printable(cb.errDesc, false) {
		cb.errDesc = ""
	}
	cb.errDesc = cb.errDesc[:min(len(cb.errDesc), maxDescriptionLen)]
	return cb, nil
}

// printable reports whether s is VSCHAR (%x20-7E) only; without quotes, '"' and '\' are out too.
func printable(s string, quotes bool) bool {
	for i := range len(s) {
		b := s[i]
		if b < 0x20 || b > 0x7E || (!quotes && (b == '"' || b == '\\')) {
			return false
		}
	}
	return true
}
