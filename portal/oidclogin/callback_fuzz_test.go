package oidclogin

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzCheckCallback feeds arbitrary callback queries to the checks that run before any request
// to the provider.
func FuzzCheckCallback(f *testing.F) {
	start := Start{AuthURL: "https://idp.example/auth", State: "st", Nonce: "n", CodeVerifier: "v"}
	const issuer = "https://idp.example"
	for _, seed := range []string{
		"state=st&code=abc",
		"state=st&code=abc&iss=https%3A%2F%2Fidp.example",
		"state=st&code=abc&iss=https%3A%2F%2Fevil.example",
		"state=st&error=access_denied&error_description=user+cancelled",
		"state=st&error=server_error&error_description=%00%0Abad",
		"state=st&error=%22quoted%22",
		"state=st&code=a&code=b",
		"state=st&state=st&code=a",
		"state=xx&code=abc",
		"code=abc",
		"state=st",
		"state=st&code=%7F",
		"state=st&code=" + strings.Repeat("a", maxParamLen+1),
		"",
		"%zz=1&state=st&code=c",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		query, _ := url.ParseQuery(raw) // a bad pair is dropped; the rest still reaches Finish
		code, err := checkCallback(start, issuer, query)
		if err == nil {
			if code == "" || code != query.Get("code") || len(query["code"]) != 1 {
				t.Fatalf("accepted code %q from %q", code, raw)
			}
			if query.Get("state") != start.State || len(query["state"]) != 1 || query.Has("error") {
				t.Fatalf("accepted %q", raw)
			}
			if iss := query.Get("iss"); iss != "" && iss != issuer {
				t.Fatalf("accepted issuer %q", iss)
			}
			if !printable(code, true) || len(code) > maxParamLen {
				t.Fatalf("accepted code %q", code)
			}
			return
		}
		if code != "" {
			t.Fatalf("code %q with error %v", code, err)
		}
		if pe, ok := errors.AsType[*ProviderError](err); ok {
			if pe.Code == "" || !printable(pe.Code, false) || !printable(pe.Description, false) ||
				len(pe.Description) > maxDescriptionLen || query.Get("state") != start.State {
				t.Fatalf("provider error %#v from %q", pe, raw)
			}
			for _, r := range pe.Error() {
				if r < 0x20 || r > 0x7E {
					t.Fatalf("provider error text %q", pe.Error())
				}
			}
			return
		}
		if !errors.Is(err, ErrStateMismatch) && !errors.Is(err, ErrMalformedCallback) {
			t.Fatalf("error %v from %q wraps no sentinel", err, raw)
		}
	})
}

// FuzzConfigValidate checks that Validate never panics and accepts only https or loopback URLs.
func FuzzConfigValidate(f *testing.F) {
	f.Add("https://esia.gosuslugi.ru", "https://pb.example.ru/cb", "openid profile", int64(time.Second))
	f.Add("http://127.0.0.1:8080", "http://localhost/cb", "openid", int64(time.Minute))
	f.Add("http://evil.example", "https://pb.example.ru/cb", "openid", int64(time.Second))
	f.Add("https://[::1", "https://pb.example.ru/cb", "openid", int64(-1))
	f.Fuzz(func(t *testing.T, issuer, redirect, scopes string, timeout int64) {
		cfg := Config{IssuerURL: issuer, ClientID: "c", ClientSecret: "s", RedirectURL: redirect,
			Scopes: strings.Split(scopes, " "), HTTPTimeout: time.Duration(timeout)}
		err := cfg.Validate()
		if err != nil {
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("error %v does not wrap ErrInvalidConfig", err)
			}
			return
		}
		for _, raw := range []string{issuer, redirect} {
			u, perr := url.Parse(raw)
			if perr != nil || !(u.Scheme == "https" || u.Scheme == "http" && isLoopback(u.Hostname())) {
				t.Fatalf("accepted url %q", raw)
			}
		}
	})
}
