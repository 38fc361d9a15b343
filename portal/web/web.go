// Package web serves pbnode's HTML pages for citizens, officials and auditors: templates and
// static assets embedded in the binary (go:embed), rendered on the server from the areas'
// services. Pages work without JavaScript; the little there is (static/app.js) only adds
// conveniences. Every response carries a strict Content-Security-Policy (csp.go).
//
// Citizens sign in by SMS code (login.go) into the API's cookie session (session.go), so that
// pages and API share it; then they keep their profile (profile.go), ask for verification
// (verification.go) and see or link their wallet (citizen.go). Every POST form carries a CSRF
// token in a hidden field; a refused form is shown again with what was typed and an error at
// the field (form.go, fields.html).
//
// To add a page: write templates/<name>.html defining "title" and "content" (layout.html
// wraps them), register a route in routes, and render it with s.page; map its errors to a
// status in errors.go.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/httpx"
)

// Budget is what the pages read from the budget area.
type Budget interface {
	Rounds(ctx context.Context) ([]budget.Round, error)
	Round(ctx context.Context, id int64) (budget.Round, error)
	Initiatives(ctx context.Context, roundID int64) ([]budget.Initiative, error)
}

// Deps are what the pages show and where the rest of the node's paths go.
type Deps struct {
	Budget Budget
	// API serves /api/…, /healthz, /readyz and /metrics; nil leaves them to the pages (404).
	API http.Handler
	// RPCURL is the chain's public JSON-RPC URL, printed in the audit command of a round.
	// Empty prints a placeholder: an outside node's URL may hold an access key.
	RPCURL string
	// Location is the time zone deadlines are shown in; nil means Moscow time (UTC+3).
	Location *time.Location
	Log      *slog.Logger
	// Identity signs citizens in (/login); nil: no sign-in and no citizen pages.
	Identity Identity
	// Citizens keeps profiles and verification (/profile, /verification, /wallet); nil: none.
	Citizens Citizens
	// Wallets tells the wallet page the citizen's address; nil: the page says whether one
	// is linked only.
	Wallets Wallets
	// OIDC says the API logs in through an OpenID provider (/api/v1/auth/oidc/login): the
	// sign-in page offers it.
	OIDC bool
	// Proxies are the load balancers whose X-Forwarded-For and X-Forwarded-Proto are believed
	// (client address of rate limits, Secure cookies); nil trusts nobody.
	Proxies *httpx.Proxies

	// Initiatives are citizens' initiatives (/initiatives…, initiatives.go); nil: none.
	Initiatives Initiatives
}

// site holds the pages' dependencies and parsed templates; it is read-only once built.
type site struct {
	budget   Budget
	rpcURL   string
	loc      *time.Location
	log      *slog.Logger
	tmpl     templates
	assets   assets
	security http.Header
	ids      Identity // nil: no sign-in
	citizens Citizens // nil: no citizen pages
	wallets  Wallets  // nil: no wallet address
	oidc     bool     // the sign-in page offers the OpenID provider
	proxies  *httpx.Proxies
	allow    allowed // the methods of each route, for the 405 page's Allow header

	initiatives Initiatives // nil: no initiatives' pages
	uploadBytes int64       // the cap of a multipart form with photos; 0: none accepted
}

// New returns the node's front handler: the pages and their static assets, with the API's
// paths handed to d.API.
func New(d Deps) http.Handler {
	s := &site{budget: d.Budget, rpcURL: d.RPCURL, loc: d.Location, log: d.Log, security: securityHeaders(),
		ids: d.Identity, citizens: d.Citizens, wallets: d.Wallets, oidc: d.OIDC, proxies: d.Proxies}
	if s.loc == nil {
		s.loc = moscow
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if d.Initiatives != nil {
		s.initiatives = d.Initiatives
		cfg := d.Initiatives.Config()
		s.uploadBytes = int64(cfg.MaxPhotos+1)*(cfg.MaxPhotoBytes+1) + maxFormBytes
	}
	s.assets = loadAssets()
	s.tmpl = parseTemplates(s.funcs())
	pages := s.routes()
	s.allow = allowedOf(pages.Routes())
	return &front{pages: pages, api: d.API}
}

// front is the node's front handler: the API's paths to the API, the rest to the pages.
type front struct {
	pages *gin.Engine
	api   http.Handler // nil: the pages answer every path
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.api != nil && IsAPIPath(r.URL.Path) {
		f.api.ServeHTTP(w, r)
		return
	}
	f.pages.ServeHTTP(w, r)
}

// Routes are the pages' routes (not the API's), for tests that cover each one.
func (f *front) Routes() gin.RoutesInfo { return f.pages.Routes() }

// IsAPIPath reports whether path belongs to the JSON API rather than to the pages.
func IsAPIPath(path string) bool {
	switch path {
	case "/api", "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(path, "/api/")
}

// routes is the pages' router.
func (s *site) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// gin trusts no proxy: the client address (rate limits of sign-in) is s.proxies.ClientIP.
	if err := r.SetTrustedProxies(nil); err != nil {
		panic(err)
	}
	r.Use(s.secure, s.recover)
	r.NoRoute(func(c *gin.Context) { s.fail(c, errPageNotFound) })
	r.NoMethod(func(c *gin.Context) { s.fail(c, &methodError{allow: s.allow.of(c.Request.URL.Path)}) })

	read := []string{http.MethodGet, http.MethodHead}
	r.Match(read, "/static/*file", s.static)
	pages := r.Group("/", s.session)
	pages.Match(read, "/", s.home)
	pages.Match(read, "/rounds/:round", s.round)
	s.citizenRoutes(pages, read)
	s.initiativeRoutes(pages, read)
	s.allocationRoutes(pages, read)
	s.treasuryRoutes(pages, read)
	return r
}

// recover turns a panic into the 500 page instead of a dropped connection.
func (s *site) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("page handler panicked", "route", c.FullPath(), "panic", v)
			s.fail(c, errPanic)
		}
	}()
	c.Next()
}
