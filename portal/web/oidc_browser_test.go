package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pbnode/pbnode/portal/oidclogin/oidctest"
	"github.com/pbnode/pbnode/portal/web/webtest"
)

// TestOIDCLoginInBrowser logs in through the example OpenID provider in headless Chromium: the
// sign-in page's «Войти через Госуслуги», the provider's own login form, and back on the
// profile with the unique user ID. A login declined at the provider is told on /login.
func TestOIDCLoginInBrowser(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	s := startNodeSite(t, siteOptions{OIDC: true})

	b.Open(s.URL + "/login?next=%2Fverification")
	if got := b.Text("#oidc-login"); got != "Войти через Госуслуги" {
		b.Fatalf("the sign-in page offers %q, want «Войти через Госуслуги»", got)
	}
	if status := b.Follow("#oidc-login"); status != http.StatusOK {
		b.Fatalf("the provider's login page: status %d", status)
	}
	b.Do("log in at the provider",
		chromedp.SendKeys(chromedp.CSS("#username"), oidctest.User),
		chromedp.SendKeys(chromedp.CSS("#password"), oidctest.Password))
	if status := b.Follow(`button[type="submit"]`); status != http.StatusOK {
		b.Fatalf("after the provider: status %d", status)
	}
	if loc := b.Location(); loc != s.URL+"/verification" {
		b.Fatalf("after the login the browser is at %s, want the page it came from (/verification)", loc)
	}
	b.Open(s.URL + "/profile")
	userID := b.Text("#user-id")
	if digits := strings.ReplaceAll(userID, "\u00a0", ""); len(digits) != 12 || b.Text("#nav-user-id") != userID {
		b.Fatalf("user ID shown %q, want 12 digits, also in the navigation", userID)
	}
	for _, p := range b.Problems() {
		if strings.HasSuffix(p, "/favicon.ico") && !strings.Contains(p, s.URL) {
			continue // the example provider's page has no icon
		}
		b.Fatalf("console problem: %q", p)
	}

	// Out, and in again without next: the profile.
	b.Follow("#logout")
	b.Open(s.URL + "/login")
	b.Follow("#oidc-login")
	b.Do("log in at the provider again",
		chromedp.SendKeys(chromedp.CSS("#username"), oidctest.User),
		chromedp.SendKeys(chromedp.CSS("#password"), oidctest.Password))
	b.Follow(`button[type="submit"]`)
	if loc := b.Location(); loc != s.URL+"/profile" {
		b.Fatalf("after the second login the browser is at %s, want /profile", loc)
	}
	if got := b.Text("#user-id"); got != userID {
		b.Fatalf("second login shows user %q, want the same %q", got, userID)
	}

	// A callback that is not this browser's login: told on the sign-in page.
	b.Follow("#logout")
	b.Open(s.URL + "/api/v1/auth/oidc/callback?code=x&state=y")
	if loc := b.Location(); !strings.HasPrefix(loc, s.URL+"/login?oidc_error=oidc_state_invalid") {
		b.Fatalf("a stale callback ends at %s, want /login with the error", loc)
	}
	if got := b.Text("#form-error"); !strings.Contains(got, "Вход через Госуслуги не завершён") {
		b.Fatalf("the sign-in page says %q", got)
	}
}
