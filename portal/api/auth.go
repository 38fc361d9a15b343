package api

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
)

const principalKey = "pbnode.principal"

// authenticate resolves the bearer token, if any. A bad token is refused even on public
// endpoints, so a client learns at once that its credentials are wrong.
func (s *server) authenticate(c *gin.Context) {
	h := c.GetHeader("Authorization")
	if h == "" {
		c.Next()
		return
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
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

// public marks an endpoint anyone may call: the round ledger is open data.
func public(c *gin.Context) { c.Next() }

// require lets through callers holding one of roles.
func (s *server) require(roles ...access.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ok := principal(c)
		if !ok {
			s.fail(c, fmt.Errorf("%w: this endpoint needs a bearer token", access.ErrUnauthenticated))
			return
		}
		if !slices.Contains(roles, p.Role) {
			s.fail(c, fmt.Errorf("%w: role %s may not do this", errForbidden, p.Role))
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
