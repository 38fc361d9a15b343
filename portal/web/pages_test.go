package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/web"
)

// TestPages checks each page's status, content type and security headers over HTTP, and that
// the API's paths still answer JSON beside the pages.
func TestPages(t *testing.T) {
	n := nodetest.Start(t, "sqlite")
	r, err := n.Budget.CreateRound(t.Context(), budget.NewRound{
		Name: "Дворы 2027", Budget: 100_000_000, Deadline: time.Now().Add(time.Hour),
		Initiatives: []budget.NewInitiative{{Title: "Площадка <для> детей", Cost: 40_000_000}},
	})
	if err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	srv := startSite(t, n)
	const html, css, js, jsonType = "text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript; charset=utf-8", "application/json; charset=utf-8"

	tests := []struct {
		method, path string
		want         int
		ctype        string
		contains     []string
		page         bool // a page response: the security headers apply
	}{
		{"GET", "/", 200, html, []string{`<html lang="ru">`, "Дворы 2027", "1\u00a0000\u00a0000,00\u00a0₽", `href="/rounds/1"`}, true},
		{"HEAD", "/", 200, html, nil, true},
		{"GET", "/rounds/1", 200, html, []string{"Площадка &lt;для&gt; детей", "400\u00a0000,00\u00a0₽", r.Name,
			"pbnode audit --rpc " + testRPC + " --round ", `id="rule" data-rule="greedy"`, "Правило отбора."}, true},
		{"GET", "/rounds/999", 404, html, []string{"Голосование не найдено", `href="/"`}, true},
		{"GET", "/rounds/abc", 404, html, []string{"Страница не найдена"}, true},
		{"GET", "/rounds/0", 404, html, []string{"Страница не найдена"}, true},
		{"GET", "/no/such/page", 404, html, []string{"Страница не найдена"}, true},
		{"POST", "/", 405, html, []string{"Действие недоступно"}, true},
		{"GET", "/static/style.css", 200, css, []string{"--text"}, true},
		{"GET", "/static/app.js", 200, js, []string{"addCopyButtons"}, true},
		{"GET", "/static/nope.css", 404, html, []string{"Страница не найдена"}, true},
		{"GET", "/api/v1/rounds/1", 200, jsonType, []string{`"name":"Дворы 2027"`}, false},
		{"GET", "/api/v1/rounds/999", 404, jsonType, []string{`"code":"round_not_found"`}, false},
		{"GET", "/api/nope", 404, jsonType, []string{`"code":"not_found"`}, false},
		{"GET", "/api", 404, jsonType, []string{`"code":"not_found"`}, false},
		{"GET", "/healthz", 200, jsonType, nil, false},
		{"GET", "/readyz", 200, jsonType, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), tt.method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.want {
				t.Errorf("status = %d, want %d\n%s", resp.StatusCode, tt.want, body)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tt.ctype)
			}
			for _, s := range tt.contains {
				if !strings.Contains(string(body), s) {
					t.Errorf("body lacks %q", s)
				}
			}
			csp := resp.Header.Get("Content-Security-Policy")
			switch {
			case tt.page && csp != web.ContentSecurityPolicy:
				t.Errorf("Content-Security-Policy = %q, want %q", csp, web.ContentSecurityPolicy)
			case tt.page && resp.Header.Get("X-Content-Type-Options") != "nosniff":
				t.Error("X-Content-Type-Options is not nosniff")
			case !tt.page && csp != "":
				t.Errorf("the API got the pages' CSP %q", csp)
			}
		})
	}
}

// TestCSPAllowsOnlyOwnScripts keeps the policy strict: scripts only from the node itself.
func TestCSPAllowsOnlyOwnScripts(t *testing.T) {
	for _, want := range []string{"script-src 'self';", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(web.ContentSecurityPolicy, want) {
			t.Errorf("policy lacks %q: %s", want, web.ContentSecurityPolicy)
		}
	}
	if strings.Contains(web.ContentSecurityPolicy, "unsafe-") {
		t.Errorf("policy allows unsafe sources: %s", web.ContentSecurityPolicy)
	}
}

func TestIsAPIPath(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/api", true}, {"/api/", true}, {"/api/v1/rounds", true}, {"/healthz", true}, {"/readyz", true},
		{"/metrics", true}, {"/", false}, {"/apiary", false}, {"/rounds/1", false}, {"/static/style.css", false},
		{"/healthz/x", false},
	}
	for _, tt := range tests {
		if got := web.IsAPIPath(tt.path); got != tt.want {
			t.Errorf("IsAPIPath(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
