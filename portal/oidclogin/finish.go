package oidclogin

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/zitadel/oidc/v3/pkg/client/rp"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"golang.org/x/oauth2"
)

// Finish completes the login that start began, from the query of the provider's redirect to
// the callback. It checks the state, exchanges the code with the PKCE verifier, verifies the ID
// token (signature, issuer, audience, nonce, expiry) and, where the provider has a userinfo
// endpoint, fills claims that the ID token lacks from it. Errors wrap ErrStateMismatch,
// ErrProviderError (as a *ProviderError), ErrMalformedCallback, ErrExchange or ErrTokenInvalid.
func (p *Provider) Finish(ctx context.Context, start Start, callbackQuery url.Values) (Identity, error) {
	code, err := checkCallback(start, p.issuer, callbackQuery)
	if err != nil {
		return Identity{}, err
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, p.rp.HttpClient())
	token, err := p.rp.OAuthConfig().Exchange(ctx, code, oauth2.VerifierOption(start.CodeVerifier))
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %w", ErrExchange, err)
	}
	claims, err := p.verify(ctx, token, start.Nonce)
	if err != nil {
		return Identity{}, err
	}
	id := identityFromClaims(claims)
	if p.rp.UserinfoEndpoint() == "" {
		return id, nil
	}
	info, err := rp.Userinfo[*oidc.UserInfo](ctx, token.AccessToken, token.Type(), claims.Subject, p.rp)
	switch {
	case errors.Is(err, rp.ErrUserInfoSubNotMatching):
		return Identity{}, fmt.Errorf("%w: userinfo names another subject", ErrTokenInvalid)
	case err != nil:
		return Identity{}, fmt.Errorf("%w: userinfo: %w", ErrExchange, err)
	}
	id.fillFrom(info)
	return id, nil
}

// verify checks the ID token of the token response against this login's nonce.
func (p *Provider) verify(ctx context.Context, token *oauth2.Token, nonce string) (*oidc.IDTokenClaims, error) {
	raw, _ := token.Extra("id_token").(string)
	if raw == "" {
		return nil, fmt.Errorf("%w: token response has no id_token", ErrTokenInvalid)
	}
	v := *p.rp.IDTokenVerifier()
	v.Nonce = func(context.Context) string { return nonce }
	claims, err := rp.VerifyTokens[*oidc.IDTokenClaims](ctx, token.AccessToken, raw, &v)
	switch {
	case errors.Is(err, oidc.ErrNonceInvalid):
		// The library's text quotes both nonces; keep them out of error strings and logs.
		return nil, fmt.Errorf("%w: %w", ErrTokenInvalid, oidc.ErrNonceInvalid)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrTokenInvalid, err)
	}
	return claims, nil
}
