package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/pii"
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
			c.AbortWithStatusJSON(ec.status, errorBody{errorDetail{ec.code, err.Error()}})
			return
		}
	}
	s.log.Error("request failed", "method", c.Request.Method, "route", c.FullPath(), "err", err)
	c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{errorDetail{"internal", "internal error"}})
}
