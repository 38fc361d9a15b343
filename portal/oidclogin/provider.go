package oidclogin

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/client/rp"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"golang.org/x/oauth2"
)

// Provider is one discovered OpenID provider with this node's client registration. It is safe
// for concurrent use and keeps no per-login state: that lives in Start.
type Provider struct {
	rp     rp.RelyingParty
	issuer string
}

// Start is what one login needs kept between Begin and Finish. The caller redirects the browser
// to AuthURL and keeps the rest, secret and bound to this browser, until the callback: State,
// Nonce and CodeVerifier are single-use secrets. Finish checks neither age nor reuse: the caller
// bounds the lifetime (minutes) and drops the Start after one Finish. fmt and slog show a Start
// only as redacted; encoding/json sees every field, so that the caller can store it.
type Start struct {
	// AuthURL is the provider's authorization endpoint with this login's parameters.
	AuthURL string
	// State is echoed by the provider to the callback; Finish compares it.
	State string
	// Nonce is bound into the ID token; Finish compares it.
	Nonce string
	// CodeVerifier is the PKCE secret (RFC 7636) that the code exchange proves.
	CodeVerifier string
}

// String implements fmt.Stringer; a Start holds secrets.
func (Start) String() string { return "oidclogin.Start{" + redacted + "}" }

// Format implements fmt.Formatter, so that every verb prints String.
func (s Start) Format(f fmt.State, _ rune) { io.WriteString(f, s.String()) }

// LogValue implements slog.LogValuer; a Start holds secrets.
func (Start) LogValue() slog.Value { return slog.StringValue(redacted) }

// New validates cfg and discovers the provider at cfg.IssuerURL. logger may be nil.
func New(ctx context.Context, cfg Config, logger *slog.Logger) (*Provider, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	client := &http.Client{Timeout: cfg.HTTPTimeout}
	party, err := rp.NewRelyingPartyOIDC(ctx, cfg.IssuerURL, cfg.ClientID, string(cfg.ClientSecret),
		cfg.RedirectURL, cfg.Scopes, rp.WithHTTPClient(client))
	if err != nil {
		return nil, fmt.Errorf("discover oidc issuer %s: %w", cfg.IssuerURL, err)
	}
	logger.Info("oidc provider discovered", "issuer", cfg.IssuerURL, "client_id", cfg.ClientID,
		"userinfo", party.UserinfoEndpoint() != "")
	return &Provider{rp: party, issuer: cfg.IssuerURL}, nil
}

// Issuer is the provider's issuer identifier, the namespace of Identity.Subject.
func (p *Provider) Issuer() string { return p.issuer }

// Begin starts a login: fresh state, nonce and PKCE verifier, and the authorization URL that
// carries the state, the nonce and the verifier's S256 challenge. It does no I/O.
func (p *Provider) Begin(_ context.Context) (Start, error) {
	s := Start{
		State:        rand.Text(),
		Nonce:        rand.Text(),
		CodeVerifier: oauth2.GenerateVerifier(),
	}
	s.AuthURL = rp.AuthURL(s.State, p.rp,
		rp.WithCodeChallenge(oidc.NewSHACodeChallenge(s.CodeVerifier)),
		rp.AuthURLOpt(rp.WithURLParam("nonce", s.Nonce)))
	return s, nil
}
