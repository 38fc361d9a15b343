package api

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/oidclogin"
)

// OIDC login: /auth/oidc/login keeps the login's secrets (oidclogin.Start) server-side under
// a random ID set in a short-lived HttpOnly cookie, and redirects to the provider; the
// callback takes them back once, finishes the login and opens a cookie session.

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
	expires time.Time
}

func newPendingLogins() *pendingLogins {
	return &pendingLogins{logins: map[string]pendingLogin{}}
}

// put keeps start and returns its ID; expired logins are dropped first.
func (p *pendingLogins) put(start oidclogin.Start, now time.Time) (string, error) {
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
	p.logins[id] = pendingLogin{start: start, expires: now.Add(loginTTL)}
	return id, nil
}

// take removes and returns the login id names, if it has not expired.
func (p *pendingLogins) take(id string, now time.Time) (oidclogin.Start, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	l, ok := p.logins[id]
	delete(p.logins, id)
	if !ok || !now.Before(l.expires) {
		return oidclogin.Start{}, false
	}
	return l.start, true
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
	id, err := s.logins.put(start, time.Now())
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
	start, ok := s.logins.take(id, time.Now())
	if !ok {
		s.fail(c, errOIDCState)
		return
	}
	who, err := s.oidc.Finish(c.Request.Context(), start, c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	sess, u, created, err := s.ids.LoginOIDC(c.Request.Context(), who.Issuer, who.Subject, identity.Cookie)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.signedInAs(c, sess, u, created)
}
