package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
)

// Identity is what the pages need of sign-in and sessions; *identity.Service implements it.
type Identity interface {
	StartSMS(ctx context.Context, rawPhone, ip string) (identity.ChallengeID, error)
	VerifySMS(ctx context.Context, id identity.ChallengeID, code, ip string, kind identity.SessionKind) (identity.Session, identity.User, bool, error)
	AuthenticateCookie(ctx context.Context, token, csrf string, unsafeMethod bool) (identity.Principal, error)
	Logout(ctx context.Context, token string) error
	Config() identity.Config
}

// The cookies of a browser session are the API's (portal/api), so that pages and API share
// sessions: the token in an HttpOnly cookie, its CSRF token in a cookie the pages copy into
// every form. Before sign-in the login forms carry a token of their own (loginCookie).
const (
	sessionCookie = "pbnode_session"
	csrfCookie    = "pbnode_csrf"
	loginCookie   = "pbnode_login" // the login forms' CSRF token (double submit), HttpOnly
	csrfField     = "csrf_token"   // the hidden field of every POST form
	maxFormBytes  = 64 << 10
)

const (
	principalKey = "pbnode.web.principal"
	csrfErrKey   = "pbnode.web.csrf_refused"
)

var errCSRF = errors.New("missing or wrong CSRF token")

// session resolves the browser's session cookie. A POST must carry the session's CSRF token
// in the hidden field csrf_token (identity compares it in constant time); when it does not,
// the request stays anonymous and signedIn answers 403. A stale or unknown cookie leaves the
// visitor anonymous.
func (s *site) session(c *gin.Context) {
	token, err := c.Cookie(sessionCookie)
	if err != nil || token == "" || s.ids == nil {
		c.Next()
		return
	}
	unsafe := c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead
	csrf := ""
	if unsafe {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.formLimit(c))
		csrf = c.PostForm(csrfField)
	}
	p, err := s.ids.AuthenticateCookie(c.Request.Context(), token, csrf, unsafe)
	switch {
	case err == nil:
		c.Set(principalKey, p)
	case errors.Is(err, identity.ErrCSRF):
		c.Set(csrfErrKey, true)
	case !errors.Is(err, identity.ErrUnauthenticated) && !errors.Is(err, identity.ErrSessionExpired):
		s.fail(c, err)
		return
	}
	c.Next()
}

// formLimit caps a form's body: a multipart form may carry photos (initiatives.go).
func (s *site) formLimit(c *gin.Context) int64 {
	if s.uploadBytes > 0 && c.ContentType() == "multipart/form-data" {
		return s.uploadBytes
	}
	return maxFormBytes
}

// signedIn lets signed-in visitors through. Anyone else goes to /login (and comes back
// after), except a form sent with a session but without its CSRF token: 403, nothing done.
func (s *site) signedIn(c *gin.Context) {
	if _, ok := principal(c); ok {
		c.Next()
		return
	}
	if c.GetBool(csrfErrKey) {
		s.fail(c, errCSRF)
		return
	}
	next := c.Request.URL.Path
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		next = ""
	}
	target := "/login"
	if next != "" {
		target += "?next=" + url.QueryEscape(next)
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

func principal(c *gin.Context) (identity.Principal, bool) {
	v, ok := c.Get(principalKey)
	if !ok {
		return identity.Principal{}, false
	}
	p, ok := v.(identity.Principal)
	return p, ok
}

// csrfToken is the session's CSRF token for the forms of the page, from its cookie; "" when
// the visitor is not signed in or the cookie is not a CSRF token.
func csrfToken(c *gin.Context) string {
	if _, ok := principal(c); !ok {
		return ""
	}
	v, err := c.Cookie(csrfCookie)
	if err != nil || !strings.HasPrefix(v, "pbc_") || len(v) > 100 {
		return ""
	}
	return v
}

// setSession sets the cookies of a new cookie session as the API does: the browser keeps
// them for the longest a session can last; the server ends an idle one sooner.
func (s *site) setSession(c *gin.Context, sess identity.Session) {
	maxAge := int(s.ids.Config().CookieTTL / time.Second)
	http.SetCookie(c.Writer, s.cookie(c, sessionCookie, sess.Token, maxAge, true))
	http.SetCookie(c.Writer, s.cookie(c, csrfCookie, sess.CSRF, maxAge, false))
}

// clearSession deletes the session's cookies.
func (s *site) clearSession(c *gin.Context) {
	http.SetCookie(c.Writer, s.cookie(c, sessionCookie, "", -1, true))
	http.SetCookie(c.Writer, s.cookie(c, csrfCookie, "", -1, false))
}

// cookie is a SameSite=Lax cookie for the whole site, Secure when the browser came over TLS
// (to the node, or to a trusted proxy); maxAge < 0 deletes it.
func (s *site) cookie(c *gin.Context, name, value string, maxAge int, httpOnly bool) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: httpOnly,
		Secure: s.proxies.HTTPS(c.Request), SameSite: http.SameSiteLaxMode}
}

// loginTokenTTL is how long the login forms' token lasts in the browser.
const loginTokenTTL = time.Hour

// loginToken returns the login forms' CSRF token, setting a fresh one when the browser has
// none.
func (s *site) loginToken(c *gin.Context) string {
	if v, err := c.Cookie(loginCookie); err == nil && len(v) == loginTokenLen {
		return v
	}
	b := make([]byte, 32)
	rand.Read(b) // never fails
	v := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(c.Writer, s.cookie(c, loginCookie, v, int(loginTokenTTL/time.Second), true))
	return v
}

var loginTokenLen = base64.RawURLEncoding.EncodedLen(32)

// loginTokenOK reports whether a login form came back with the browser's login token,
// comparing in constant time.
func loginTokenOK(c *gin.Context) bool {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBytes)
	want, err := c.Cookie(loginCookie)
	got := c.PostForm(csrfField)
	return err == nil && len(want) == loginTokenLen && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// safeNext returns next when it is a path of this site, else "" (httpx.SafeNext).
func safeNext(next string) string { return httpx.SafeNext(next) }
