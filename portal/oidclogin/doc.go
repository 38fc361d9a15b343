// Package oidclogin is the relying-party side of citizen login through an external OpenID
// Connect provider (the state identity provider in production).
//
// A login is two calls around a browser round trip. Begin makes the authorization URL and the
// per-login secrets (state, nonce, PKCE verifier) that the HTTP layer keeps until the callback,
// in a short-lived signed cookie or server-side. Finish takes those secrets back with the
// callback's query, checks the state, exchanges the code with the PKCE verifier, verifies the
// ID token and returns the citizen's Identity. The package speaks plain net/http and knows
// nothing of sessions or pages.
package oidclogin
