package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
)

// identityRoutes are sign-in, sessions and role grants.
func (s *server) identityRoutes(v1 *gin.RouterGroup) {
	v1.POST("/auth/sms", public, s.startSMS)
	v1.POST("/auth/sms/verify", public, s.verifySMS)
	v1.POST("/auth/logout", s.signedIn(), s.logout)
	v1.GET("/auth/oidc/login", public, s.oidcLogin)
	v1.GET("/auth/oidc/callback", public, s.oidcCallback)
	v1.GET("/me", s.signedIn(), s.me)
	admin := s.requireAnywhere(access.RoleAdmin)
	v1.GET("/users/:user_id/roles", admin, s.listRoles)
	v1.POST("/users/:user_id/roles", admin, s.grantRole)
	v1.DELETE("/users/:user_id/roles/:role", admin, s.revokeRole)
}

func (s *server) startSMS(c *gin.Context) {
	var req smsRequest
	if !s.bind(c, &req) {
		return
	}
	id, err := s.ids.StartSMS(c.Request.Context(), req.Phone, s.proxies.ClientIP(c.Request))
	expires := time.Now().Add(s.ids.Config().CodeTTL).UTC()
	s.render(c, http.StatusAccepted, challengeJSON{ChallengeID: string(id), ExpiresAt: expires}, err)
}

func (s *server) verifySMS(c *gin.Context) {
	var req verifyRequest
	if !s.bind(c, &req) {
		return
	}
	kind, err := sessionKind(req.Session)
	if err != nil {
		s.fail(c, err)
		return
	}
	sess, u, created, err := s.ids.VerifySMS(c.Request.Context(), identity.ChallengeID(req.ChallengeID), req.Code, s.proxies.ClientIP(c.Request), kind)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.signedInAs(c, sess, u, created)
}

// sessionKind reads the "session" field: "bearer" (the default) or "cookie".
func sessionKind(v string) (identity.SessionKind, error) {
	switch v {
	case "", string(identity.Bearer):
		return identity.Bearer, nil
	case string(identity.Cookie):
		return identity.Cookie, nil
	}
	return "", fmt.Errorf("%w: session must be \"bearer\" or \"cookie\"", budget.ErrInvalid)
}

// signedInAs renders a new session: the bearer token in the body, or the cookie session in
// cookies with its CSRF token in the body.
func (s *server) signedInAs(c *gin.Context, sess identity.Session, u identity.User, created bool) {
	out := signInJSON{ExpiresAt: sess.ExpiresAt, User: userOf(u), Registered: created}
	if sess.Kind == identity.Cookie {
		s.setSessionCookies(c, sess)
		out.CSRFToken = sess.CSRF
	} else {
		out.Token = sess.Token
	}
	c.JSON(http.StatusOK, out)
}

// setSessionCookies sets the session cookie (HttpOnly) and the CSRF cookie (for the page's
// script to echo in X-CSRF-Token). The browser keeps them for the longest a cookie session
// can last; the server ends an idle one sooner.
func (s *server) setSessionCookies(c *gin.Context, sess identity.Session) {
	maxAge := int(s.ids.Config().CookieTTL / time.Second)
	http.SetCookie(c.Writer, s.cookie(c, sessionCookie, sess.Token, "/", maxAge, true))
	http.SetCookie(c.Writer, s.cookie(c, csrfCookie, sess.CSRF, "/", maxAge, false))
}

// cookie is a SameSite=Lax cookie, Secure when the browser came over TLS (to the node, or to
// a trusted proxy); maxAge < 0 deletes it.
func (s *server) cookie(c *gin.Context, name, value, path string, maxAge int, httpOnly bool) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge, HttpOnly: httpOnly,
		Secure: s.proxies.HTTPS(c.Request), SameSite: http.SameSiteLaxMode}
}

func (s *server) logout(c *gin.Context) {
	if p, _ := principal(c); !p.IsUser() {
		s.fail(c, fmt.Errorf("%w: a service token cannot log out", errForbidden))
		return
	}
	if err := s.ids.Logout(c.Request.Context(), sessionToken(c)); err != nil {
		s.fail(c, err)
		return
	}
	if _, err := c.Cookie(sessionCookie); err == nil {
		http.SetCookie(c.Writer, s.cookie(c, sessionCookie, "", "/", -1, true))
		http.SetCookie(c.Writer, s.cookie(c, csrfCookie, "", "/", -1, false))
	}
	c.Status(http.StatusNoContent)
}

func (s *server) me(c *gin.Context) {
	p, _ := principal(c)
	out := meJSON{UserID: p.UserID, Roles: grantsOf(p.Roles), CreatedAt: p.CreatedAt, Label: p.Label}
	if p.CitizenID != 0 {
		out.CitizenID = &p.CitizenID
	}
	c.JSON(http.StatusOK, out)
}

func (s *server) listRoles(c *gin.Context) {
	userID := c.Param("user_id")
	grants, err := s.ids.Roles(c.Request.Context(), userID)
	s.render(c, http.StatusOK, rolesJSON{UserID: userID, Roles: grantsOf(grants)}, err)
}

func (s *server) grantRole(c *gin.Context) {
	var req grantRequest
	if !s.bind(c, &req) {
		return
	}
	p, _ := principal(c)
	g, err := s.ids.GrantRole(c.Request.Context(), p.Identity(), c.Param("user_id"), identity.Role(req.Role), req.Territory)
	s.render(c, http.StatusOK, grantOf(g), err)
}

func (s *server) revokeRole(c *gin.Context) {
	p, _ := principal(c)
	err := s.ids.RevokeRole(c.Request.Context(), p.Identity(), c.Param("user_id"), identity.Role(c.Param("role")), c.Query("territory"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
