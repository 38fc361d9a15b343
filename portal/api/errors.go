package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/wallets"
)

// Errors of the HTTP layer itself.
var (
	errMalformedJSON = errors.New("malformed JSON")
	errBodyTooLarge  = errors.New("request body too large")
	errForbidden     = errors.New("forbidden")
	errRouteNotFound = errors.New("no such endpoint")
	errMethod        = errors.New("method not allowed")
)

// errorCode maps an error to its HTTP status and stable code. Codes are append-only: clients
// match on them.
type errorCode struct {
	err    error
	status int
	code   string
}

var errorCodes = []errorCode{
	{errMalformedJSON, http.StatusBadRequest, "malformed_json"},
	{errBodyTooLarge, http.StatusRequestEntityTooLarge, "body_too_large"},
	{budget.ErrInvalid, http.StatusBadRequest, "invalid_request"},
	{access.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated"},
	{errForbidden, http.StatusForbidden, "forbidden"},
	{errRouteNotFound, http.StatusNotFound, "not_found"},
	{errMethod, http.StatusMethodNotAllowed, "method_not_allowed"},
	{budget.ErrRoundNotFound, http.StatusNotFound, "round_not_found"},
	{budget.ErrInitiativeNotFound, http.StatusNotFound, "initiative_not_found"},
	{budget.ErrCitizenNotFound, http.StatusNotFound, "citizen_not_found"},
	{budget.ErrOperationNotFound, http.StatusNotFound, "operation_not_found"},
	{budget.ErrInsufficientBalance, http.StatusUnprocessableEntity, "insufficient_balance"},
	{budget.ErrInsufficientAllocation, http.StatusUnprocessableEntity, "insufficient_allocation"},
	{budget.ErrDeadlinePassed, http.StatusConflict, "deadline_passed"},
	{budget.ErrDeadlineNotReached, http.StatusConflict, "deadline_not_reached"},
	{budget.ErrAlreadyFinalized, http.StatusConflict, "already_finalized"},
	{budget.ErrAlreadyDistributed, http.StatusConflict, "already_distributed"},
	{budget.ErrRoundFailed, http.StatusConflict, "round_failed"},
	{budget.ErrOwnWallet, http.StatusUnprocessableEntity, "own_wallet_must_sign"},
	// Sign-in, sessions and roles. A wrong code that locks the phone out is locked_out.
	{identity.ErrInvalidPhone, http.StatusBadRequest, "invalid_phone"},
	{identity.ErrLockedOut, http.StatusTooManyRequests, "locked_out"},
	{identity.ErrRateLimited, http.StatusTooManyRequests, "rate_limited"},
	{identity.ErrCodeExpired, http.StatusBadRequest, "code_expired"},
	{identity.ErrCodeUsed, http.StatusConflict, "code_used"},
	{identity.ErrTooManyAttempts, http.StatusTooManyRequests, "too_many_attempts"},
	{identity.ErrInvalidCode, http.StatusBadRequest, "code_invalid"},
	{identity.ErrCodeWrong, http.StatusBadRequest, "code_invalid"},
	{identity.ErrSessionExpired, http.StatusUnauthorized, "session_expired"},
	{identity.ErrCSRF, http.StatusForbidden, "csrf_failed"},
	{identity.ErrInvalidRole, http.StatusBadRequest, "invalid_role"},
	{identity.ErrInvalidTerritory, http.StatusBadRequest, "invalid_territory"},
	{identity.ErrUnknownUser, http.StatusNotFound, "user_not_found"},
	{identity.ErrNotGranted, http.StatusNotFound, "role_not_granted"},
	{identity.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated"},
	{identity.ErrDeactivated, http.StatusForbidden, "user_deactivated"},
	{identity.ErrForbidden, http.StatusForbidden, "forbidden"},
	{identity.ErrInvalidIP, http.StatusBadRequest, "invalid_request"},
	{identity.ErrInvalidKind, http.StatusBadRequest, "invalid_request"},
	{pii.ErrUserIDFormat, http.StatusBadRequest, "invalid_request"},
	{errOIDCOff, http.StatusNotFound, "oidc_not_configured"},
	{errOIDCState, http.StatusBadRequest, "oidc_state_invalid"},
	{oidclogin.ErrStateMismatch, http.StatusBadRequest, "oidc_state_invalid"},
	{oidclogin.ErrMalformedCallback, http.StatusBadRequest, "oidc_state_invalid"},
	{oidclogin.ErrProviderError, http.StatusUnauthorized, "oidc_denied"},
	{oidclogin.ErrExchange, http.StatusBadGateway, "oidc_failed"},
	{oidclogin.ErrTokenInvalid, http.StatusBadGateway, "oidc_failed"},
	{identity.ErrInvalidIdentity, http.StatusBadGateway, "oidc_failed"},
	// Profiles, addresses and verification. No message repeats the input.
	{citizens.ErrInvalidName, http.StatusBadRequest, "invalid_profile"},
	{citizens.ErrInvalidSex, http.StatusBadRequest, "invalid_profile"},
	{citizens.ErrInvalidEmail, http.StatusBadRequest, "invalid_profile"},
	{citizens.ErrInvalidChildren, http.StatusBadRequest, "invalid_profile"},
	{citizens.ErrInvalidBirthDate, http.StatusBadRequest, "invalid_birth_date"},
	{citizens.ErrInvalidAddress, http.StatusBadRequest, "invalid_address"},
	{citizens.ErrInvalidAddressKind, http.StatusNotFound, "invalid_address_kind"},
	{citizens.ErrInvalidTerritory, http.StatusBadRequest, "invalid_territory"},
	{citizens.ErrAddressTooSoon, http.StatusConflict, "address_too_soon"},
	{citizens.ErrInvalidLevel, http.StatusBadRequest, "invalid_level"},
	{citizens.ErrInvalidPassport, http.StatusBadRequest, "invalid_passport"},
	{citizens.ErrInvalidSNILS, http.StatusBadRequest, "invalid_snils"},
	{citizens.ErrInvalidFLS, http.StatusBadRequest, "invalid_fls"},
	{citizens.ErrInvalidPropertyCert, http.StatusBadRequest, "invalid_property_cert"},
	{citizens.ErrInvalidFlat, http.StatusBadRequest, "invalid_flat"},
	{citizens.ErrInvalidMinor, http.StatusBadRequest, "invalid_minor"},
	{citizens.ErrProfileIncomplete, http.StatusConflict, "profile_incomplete"},
	{citizens.ErrIdentityLocked, http.StatusConflict, "identity_locked"},
	{citizens.ErrLevelOrder, http.StatusConflict, "level_order"},
	{citizens.ErrAlreadyVerified, http.StatusConflict, "already_verified"},
	{citizens.ErrVerificationPending, http.StatusConflict, "verification_pending"},
	{citizens.ErrDocumentTaken, http.StatusConflict, "document_taken"},
	{citizens.ErrTooManyFlats, http.StatusConflict, "too_many_flats"},
	{citizens.ErrUnknownUser, http.StatusNotFound, "user_not_found"},
	{citizens.ErrDeactivated, http.StatusForbidden, "user_deactivated"},
	// Wallets: linking one's own wallet with Sign-In with Ethereum (EIP-4361).
	{wallets.ErrNonceUnknown, http.StatusBadRequest, "siwe_nonce_unknown"},
	{wallets.ErrNonceUsed, http.StatusConflict, "siwe_replayed"},
	{wallets.ErrNonceExpired, http.StatusBadRequest, "siwe_expired"},
	{wallets.ErrWrongDomain, http.StatusBadRequest, "siwe_wrong_domain"},
	{wallets.ErrWrongChain, http.StatusBadRequest, "siwe_wrong_chain"},
	{wallets.ErrBadSignature, http.StatusBadRequest, "siwe_bad_signature"},
	{wallets.ErrAddressTaken, http.StatusConflict, "wallet_address_taken"},
	{wallets.ErrWalletInUse, http.StatusConflict, "wallet_in_use"},
	{wallets.ErrInvalidMessage, http.StatusBadRequest, "invalid_request"},
	{wallets.ErrNoWallet, http.StatusNotFound, "citizen_not_found"},
	{wallets.ErrUnknownUser, http.StatusNotFound, "user_not_found"},
	{wallets.ErrDeactivated, http.StatusForbidden, "user_deactivated"},
	// Citizens' initiatives: submission, photos, review, support, progress.
	{initiatives.ErrInvalid, http.StatusBadRequest, "invalid_initiative"},
	{initiatives.ErrUnknownCategory, http.StatusBadRequest, "unknown_category"},
	{initiatives.ErrInvalidPhoto, http.StatusUnsupportedMediaType, "invalid_photo"},
	{initiatives.ErrPhotoTooLarge, http.StatusRequestEntityTooLarge, "photo_too_large"},
	{initiatives.ErrTooManyPhotos, http.StatusBadRequest, "too_many_photos"},
	{initiatives.ErrNotFound, http.StatusNotFound, "initiative_not_found"},
	{initiatives.ErrForbidden, http.StatusForbidden, "forbidden"},
	{initiatives.ErrNotVerified, http.StatusForbidden, "not_verified"},
	{initiatives.ErrTransition, http.StatusConflict, "invalid_transition"},
	{initiatives.ErrReasonRequired, http.StatusBadRequest, "reason_required"},
	{initiatives.ErrAlreadySupported, http.StatusConflict, "already_supported"},
	{initiatives.ErrNotSupported, http.StatusNotFound, "not_supported"},
	{initiatives.ErrSupportClosed, http.StatusConflict, "support_closed"},
	{initiatives.ErrSupportOpen, http.StatusConflict, "support_open"},
	{initiatives.ErrRoundNotFinalized, http.StatusConflict, "round_not_finalized"},
	// Published tallies.
	{tallies.ErrInvalid, http.StatusBadRequest, "invalid_pb"},
	{tallies.ErrTooLarge, http.StatusRequestEntityTooLarge, "body_too_large"},
	{tallies.ErrAlreadyTallied, http.StatusConflict, "already_tallied"},
	{tallies.ErrNotFound, http.StatusNotFound, "tally_not_found"},
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail renders err as the one JSON error shape. Unknown errors are logged once here and
// answered with a generic 500, so internals never reach the client.
func (s *server) fail(c *gin.Context, err error) {
	for _, ec := range errorCodes {
		if errors.Is(err, ec.err) {
			if limit, ok := errors.AsType[*identity.LimitError](err); ok {
				c.Header("Retry-After", strconv.Itoa(int(limit.RetryAfter/time.Second)))
			}
			if soon, ok := errors.AsType[*citizens.AddressTooSoonError](err); ok {
				c.AbortWithStatusJSON(ec.status, tooSoonBody{tooSoonDetail{ec.code, err.Error(), soon.NextAllowed}})
				return
			}
			c.AbortWithStatusJSON(ec.status, errorBody{errorDetail{ec.code, err.Error()}})
			return
		}
	}
	s.log.Error("request failed", "method", c.Request.Method, "route", c.FullPath(), "err", err)
	c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{errorDetail{"internal", "internal error"}})
}
