package identity

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors, stable for the API to map to error codes. Errors are wrapped with what was
// being done; match them with errors.Is.
var (
	// ErrInvalidPhone: the phone is not a Russian mobile number. The pii error (pii.ErrPhoneFormat,
	// pii.ErrForeignPhone, pii.ErrPhoneNotMobile) is wrapped too.
	ErrInvalidPhone = errors.New("invalid phone number")
	// ErrInvalidIP: the client address is not an IP address.
	ErrInvalidIP = errors.New("invalid client IP address")
	// ErrInvalidCode: the code or the challenge ID is malformed; no attempt is counted.
	ErrInvalidCode = errors.New("malformed code or challenge")
	// ErrInvalidKind: the session kind is neither Bearer nor Cookie.
	ErrInvalidKind = errors.New("unknown session kind")
	// ErrInvalidIdentity: the OIDC issuer or subject is empty, too long or not printable ASCII.
	ErrInvalidIdentity = errors.New("invalid external identity")
	// ErrRateLimited: too many codes for the phone or requests from the IP address in the
	// window; a *LimitError says when to retry.
	ErrRateLimited = errors.New("too many requests")
	// ErrLockedOut: the phone is locked after too many wrong codes; a *LimitError says until when.
	ErrLockedOut = errors.New("locked out after too many wrong codes")
	// ErrCodeExpired: the code's time is up, or the challenge is unknown (expired ones are swept).
	ErrCodeExpired = errors.New("code expired")
	// ErrCodeUsed: the code was already used to sign in.
	ErrCodeUsed = errors.New("code already used")
	// ErrCodeWrong: the code does not match.
	ErrCodeWrong = errors.New("wrong code")
	// ErrTooManyAttempts: the code was tried Config.MaxAttempts times; request a new one.
	ErrTooManyAttempts = errors.New("too many attempts for this code")
	// ErrUnauthenticated: the session token is missing, malformed, unknown, revoked, of the other
	// kind, or its user is deactivated.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrSessionExpired: the session has ended; sign in again.
	ErrSessionExpired = errors.New("session expired")
	// ErrCSRF: an unsafe request with a cookie session lacks the session's CSRF token.
	ErrCSRF = errors.New("missing or wrong CSRF token")
	// ErrDeactivated: the user is deactivated and may not sign in.
	ErrDeactivated = errors.New("user deactivated")
	// ErrForbidden: the caller may not grant or revoke that role in that territory.
	ErrForbidden = errors.New("forbidden")
	// ErrInvalidRole: the role is not one of AllRoles.
	ErrInvalidRole = errors.New("unknown role")
	// ErrInvalidTerritory: a territory is 1 to 64 lowercase letters, digits, '-', '_', '.' or '/'
	// beginning with a letter or digit, or "" for the whole city.
	ErrInvalidTerritory = errors.New("invalid territory")
	// ErrUnknownUser: no user has that unique user ID.
	ErrUnknownUser = errors.New("unknown user")
	// ErrNotGranted: the user does not hold that role in that territory.
	ErrNotGranted = errors.New("role not granted")
	// ErrConfig: the Config is unusable.
	ErrConfig = errors.New("invalid identity config")
)

// LimitError is a refusal that ends by itself: Err is ErrRateLimited or ErrLockedOut.
type LimitError struct {
	Err        error
	Scope      string        // what was limited: "phone" or "ip"
	RetryAfter time.Duration // when to try again, rounded up to a second
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%v (%s), retry after %s", e.Err, e.Scope, e.RetryAfter)
}

func (e *LimitError) Unwrap() error { return e.Err }

func newLimitError(err error, scope string, wait time.Duration) *LimitError {
	wait = max(wait, 0)
	return &LimitError{Err: err, Scope: scope, RetryAfter: (wait + time.Second - 1).Truncate(time.Second)}
}
