package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
)

// Authenticator checks service tokens and identity sessions; *access.Auth implements it.
type Authenticator interface {
	// Authenticate checks a bearer token: a service token or a bearer session.
	Authenticate(ctx context.Context, token string) (access.Principal, error)
	// AuthenticateCookie checks a cookie session; unsafe methods need its CSRF token.
	AuthenticateCookie(ctx context.Context, token, csrf string, unsafeMethod bool) (access.Principal, error)
}

// Where credentials travel.
const (
	sessionCookie = "pbnode_session" // the cookie session's token: HttpOnly
	csrfCookie    = "pbnode_csrf"    // its CSRF token, readable by the page's script
	csrfHeader    = "X-CSRF-Token"   // where the CSRF token comes back on unsafe methods
)

const (
	principalKey = "pbnode.principal"
	authErrKey   = "pbnode.auth_error" // why a session cookie was refused
)

// authenticate resolves the caller. A bad Authorization header is refused even on public
// endpoints, so a client learns at once that its credentials are wrong. A session cookie that
// fails (expired, or an unsafe method without its CSRF token) leaves the caller anonymous on
// public endpoints, so that a stale cookie does not break them; require reports why.
func (s *server) authenticate(c *gin.Context) {
	if h := c.GetHeader("Authorization"); h != "" {
		s.authenticateBearer(c, h)
		return
	}
	if token, err := c.Cookie(sessionCookie); err == nil && token != "" {
		p, err := s.auth.AuthenticateCookie(c.Request.Context(), token, c.GetHeader(csrfHeader), unsafeMethod(c.Request.Method))
		if err != nil {
			c.Set(authErrKey, err)
		} else {
			c.Set(principalKey, p)
		}
	}
	c.Next()
}

func (s *server) authenticateBearer(c *gin.Context, header string) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		s.fail(c, fmt.Errorf("%w: Authorization must be \"Bearer <token>\"", access.ErrUnauthenticated))
		return
	}
	p, err := s.auth.Authenticate(c.Request.Context(), strings.TrimSpace(token))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Set(principalKey, p)
	c.Next()
}

// unsafeMethod reports whether method may change state (RFC 9110, section 9.2.1).
func unsafeMethod(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	return true
}

// public marks an endpoint anyone may call: the round ledger is open data.
func public(c *gin.Context) { c.Next() }

// require lets through callers holding one of roles city-wide. Every signed-in user holds
// the citizen role.
func (s *server) require(roles ...access.Role) gin.HandlerFunc {
	return s.gate(func(p access.Principal) bool {
		return slices.ContainsFunc(roles, func(r access.Role) bool { return p.Has(r, "") })
	}, roles)
}

// requireAnywhere lets through callers holding role in some territory or city-wide; the
// handler checks the territory itself.
func (s *server) requireAnywhere(role access.Role) gin.HandlerFunc {
	return s.gate(func(p access.Principal) bool { return p.HasAnywhere(role) }, []access.Role{role})
}

// signedIn lets through any authenticated caller.
func (s *server) signedIn() gin.HandlerFunc {
	return s.gate(func(access.Principal) bool { return true }, nil)
}

func (s *server) gate(allowed func(access.Principal) bool, roles []access.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ok := principal(c)
		if !ok {
			if err, ok := c.Get(authErrKey); ok {
				s.fail(c, err.(error))
				return
			}
			s.fail(c, fmt.Errorf("%w: this endpoint needs a bearer token or a session", access.ErrUnauthenticated))
			return
		}
		if !allowed(p) {
			s.fail(c, fmt.Errorf("%w: this needs the role %v", errForbidden, roles))
			return
		}
		c.Next()
	}
}

func principal(c *gin.Context) (access.Principal, bool) {
	v, ok := c.Get(principalKey)
	if !ok {
		return access.Principal{}, false
	}
	p, ok := v.(access.Principal)
	return p, ok
}

// sessionToken is the identity session the request carries: the bearer token, or the cookie.
func sessionToken(c *gin.Context) string {
	if token, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(token)
	}
	token, _ := c.Cookie(sessionCookie)
	return token
}
