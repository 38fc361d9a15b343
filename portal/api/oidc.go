package api

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/oidclogin"
)

// OIDC login: /auth/oidc/login keeps the login's secrets (oidclogin.Start) server-side under
// a random ID set in a short-lived HttpOnly cookie, and redirects to the provider; the
// callback takes them back once, finishes the login and opens a cookie session.
//
// A login begun from the sign-in page ends on a page: the callback redirects (303) to the
// path the login remembered (?next=, a path of this site only), else to the profile, and a
// refusal goes back to /login?oidc_error=<code>, where the page says it in Russian. An API
// client gets JSON instead when it began the login with ?response=json or sends
// Accept: application/json to the callback.

const (
	loginCookie = "pbnode_oidc"
	loginPath   = "/api/v1/auth/oidc/"
	loginTTL    = 10 * time.Minute // how long a login may stay at the provider
	maxLogins   = 10000            // logins in progress at once
)

var (
	errOIDCOff      = errors.New("login through an identity provider is not configured")
	errOIDCState    = errors.New("no login in progress for this browser")
	errTooManyLogin = fmt.Errorf("%w: too many logins in progress", identity.ErrRateLimited)
)

// pendingLogins are the logins between redirect and callback, each taken at most once.
type pendingLogins struct {
	mu     sync.Mutex // guards logins
	logins map[string]pendingLogin
}

type pendingLogin struct {
	start   oidclogin.Start
	next    string // the page to end on, already checked by httpx.SafeNext; "" for the profile
	json    bool   // the client asked for JSON (?response=json)
	expires time.Time
}

func newPendingLogins() *pendingLogins {
	return &pendingLogins{logins: map[string]pendingLogin{}}
}

// put keeps the login and returns its ID; expired logins are dropped first.
func (p *pendingLogins) put(l pendingLogin, now time.Time) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for id, l := range p.logins {
		if !now.Before(l.expires) {
			delete(p.logins, id)
		}
	}
	if len(p.logins) >= maxLogins {
		return "", errTooManyLogin
	}
	id := rand.Text()
	l.expires = now.Add(loginTTL)
	p.logins[id] = l
	return id, nil
}

// take removes and returns the login id names, if it has not expired.
func (p *pendingLogins) take(id string, now time.Time) (pendingLogin, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	l, ok := p.logins[id]
	delete(p.logins, id)
	if !ok || !now.Before(l.expires) {
		return pendingLogin{}, false
	}
	return l, true
}

func (s *server) oidcLogin(c *gin.Context) {
	if s.oidc == nil {
		s.fail(c, errOIDCOff)
		return
	}
	start, err := s.oidc.Begin(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	l := pendingLogin{start: start, next: httpx.SafeNext(c.Query("next")), json: c.Query("response") == "json"}
	id, err := s.logins.put(l, time.Now())
	if err != nil {
		s.fail(c, err)
		return
	}
	http.SetCookie(c.Writer, s.cookie(c, loginCookie, id, loginPath, int(loginTTL/time.Second), true))
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusFound, start.AuthURL)
}

func (s *server) oidcCallback(c *gin.Context) {
	if s.oidc == nil {
		s.fail(c, errOIDCOff)
		return
	}
	id, _ := c.Cookie(loginCookie)
	http.SetCookie(c.Writer, s.cookie(c, loginCookie, "", loginPath, -1, true))
	c.Header("Cache-Control", "no-store")
	l, ok := s.logins.take(id, time.Now())
	if !ok {
		s.oidcFail(c, l, errOIDCState)
		return
	}
	who, err := s.oidc.Finish(c.Request.Context(), l.start, c.Request.URL.Query())
	if err != nil {
		s.oidcFail(c, l, err)
		return
	}
	sess, u, created, err := s.ids.LoginOIDC(c.Request.Context(), who.Issuer, who.Subject, identity.Cookie)
	if err != nil {
		s.oidcFail(c, l, err)
		return
	}
	if wantsJSON(c, l) {
		s.signedInAs(c, sess, u, created)
		return
	}
	s.setSessionCookies(c, sess)
	c.Redirect(http.StatusSeeOther, s.afterOIDC(l.next, created))
}

// oidcFail answers a refused callback: JSON to an API client, else back to the sign-in page
// with the error's code, which the page explains.
func (s *server) oidcFail(c *gin.Context, l pendingLogin, err error) {
	if wantsJSON(c, l) {
		s.fail(c, err)
		return
	}
	code := s.errorCode(c, err)
	q := url.Values{"oidc_error": {code}}
	if l.next != "" {
		q.Set("next", l.next)
	}
	c.Redirect(http.StatusSeeOther, "/login?"+q.Encode())
	c.Abort()
}

// wantsJSON reports whether the client of a callback asked for JSON rather than a page.
func wantsJSON(c *gin.Context, l pendingLogin) bool {
	return l.json || strings.Contains(c.GetHeader("Accept"), "application/json")
}

// afterOIDC is the page a browser ends on after signing in: the remembered one, else the
// profile (a new user to complete it).
func (s *server) afterOIDC(next string, created bool) string {
	switch {
	case next != "":
		return next
	case s.people == nil:
		return "/"
	case created:
		return "/profile?welcome=1"
	}
	return "/profile"
}

// errorCode is the API's code of err, as fail would answer it; an unknown error is logged
// here, once, and is "internal".
func (s *server) errorCode(c *gin.Context, err error) string {
	for _, ec := range errorCodes {
		if errors.Is(err, ec.err) {
			return ec.code
		}
	}
	s.log.Error("request failed", "method", c.Request.Method, "route", c.FullPath(), "err", err)
	return "internal"
}
