// Package api is pbnode's JSON API under /api/v1, with /healthz, /readyz and /metrics.
// Handlers bind the request, call one service method and render; every error goes through
// one mapping to a stable code (errors.go).
package api

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/wallets"
)

// Registries finds the node's singleton contracts.
type Registries interface {
	Registry(ctx context.Context) (common.Address, bool, error)
}

// Check is one readiness probe (database, chain); it returns nil when healthy.
type Check func(ctx context.Context) error

// Deps are what the API serves.
type Deps struct {
	Budget   *budget.Service
	Anchors  Registries
	Auth     Authenticator
	Identity *identity.Service   // sign-in, sessions and role grants; nil: service tokens only
	OIDC     *oidclogin.Provider // login through an OpenID provider; nil when not configured
	Citizens *citizens.Service   // profiles and verification (/me/…); nil: not served
	Wallets  *wallets.Service    // wallets (/me/wallet) and round lists from eligibility; nil: not served
	Ready    map[string]Check
	Registry *prometheus.Registry // /metrics serves it; the API adds its own collectors
	Log      *slog.Logger
	// Proxies are the load balancers whose X-Forwarded-For and X-Forwarded-Proto are believed
	// (client address of rate limits, Secure cookies); nil trusts nobody.
	Proxies *httpx.Proxies

	// Initiatives are the citizens' initiatives (/initiatives, /photos); nil: not served.
	Initiatives *initiatives.Service
	// Tallies are published off-chain tallies anchored on-chain (/tallies); nil: not served.
	Tallies *tallies.Service
}

type server struct {
	budget  *budget.Service
	anchors Registries
	auth    Authenticator
	ids     *identity.Service
	people  *citizens.Service
	wallets *wallets.Service
	oidc    *oidclogin.Provider
	logins  *pendingLogins
	proxies *httpx.Proxies // nil: trust nobody
	ready   map[string]Check
	log     *slog.Logger

	initiatives *initiatives.Service // the citizens' initiatives; nil: not served
	tallies     *tallies.Service     // published off-chain tallies; nil: not served
}

// New returns the HTTP handler of the whole API.
func New(d Deps) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	s := &server{budget: d.Budget, anchors: d.Anchors, auth: d.Auth, ids: d.Identity, oidc: d.OIDC,
		logins: newPendingLogins(), ready: d.Ready, log: d.Log, people: d.Citizens}
	s.wallets, s.proxies, s.initiatives, s.tallies = d.Wallets, d.Proxies, d.Initiatives, d.Tallies
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// gin trusts no proxy: the client address (rate limits of sign-in) is s.proxies.ClientIP.
	if err := r.SetTrustedProxies(nil); err != nil {
		panic(err)
	}
	r.Use(s.recover, newMetrics(d.Registry).middleware, s.authenticate)
	r.NoRoute(func(c *gin.Context) { s.fail(c, errRouteNotFound) })
	r.NoMethod(func(c *gin.Context) { s.fail(c, errMethod) })

	r.GET("/healthz", public, s.healthz)
	r.GET("/readyz", public, s.readyz)
	r.GET("/metrics", public, gin.WrapH(promhttp.HandlerFor(d.Registry, promhttp.HandlerOpts{})))

	v1 := r.Group("/api/v1")
	v1.GET("/contracts", public, s.contracts)
	v1.GET("/rounds", public, s.listRounds)
	v1.POST("/rounds", s.require(access.RoleTreasury), s.createRound)
	v1.GET("/rounds/:round", public, s.getRound)
	v1.GET("/rounds/:round/initiatives", public, s.listInitiatives)
	v1.GET("/rounds/:round/eligibility", public, s.eligibilityList)
	v1.POST("/rounds/:round/initiatives", s.require(access.RoleTreasury), s.addInitiative)
	v1.POST("/rounds/:round/quotas", s.require(access.RoleRegistrar), s.distribute)
	anyone := s.require(access.RoleCitizen, access.RoleTreasury, access.RoleRegistrar, access.RoleAuditor)
	v1.GET("/rounds/:round/citizens/:citizen/balance", anyone, s.balance)
	v1.POST("/rounds/:round/allocations", s.require(access.RoleCitizen), s.allocate)
	v1.POST("/rounds/:round/withdrawals", s.require(access.RoleCitizen), s.withdraw)
	v1.POST("/rounds/:round/allocations/unsigned", s.require(access.RoleCitizen), s.unsignedAllocation)
	v1.POST("/rounds/:round/withdrawals/unsigned", s.require(access.RoleCitizen), s.unsignedWithdrawal)
	v1.POST("/rounds/:round/finalize", s.require(access.RoleTreasury), s.finalize)
	v1.GET("/operations/:op", anyone, s.operation)
	if s.ids != nil {
		s.identityRoutes(v1)
	}
	if s.ids != nil && s.people != nil {
		s.citizenRoutes(v1)
	}
	if s.ids != nil && s.wallets != nil {
		s.walletRoutes(v1)
	}
	if s.ids != nil && s.initiatives != nil {
		s.initiativeRoutes(v1)
	}
	if s.tallies != nil {
		s.tallyRoutes(v1)
	}
	return r
}

// recover turns a panic into the JSON 500 instead of a dropped connection.
func (s *server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("handler panicked", "route", c.FullPath(), "panic", v)
			c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{errorDetail{"internal", "internal error"}})
		}
	}()
	c.Next()
}
