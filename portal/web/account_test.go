package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/httpx"
)

// TestMinorsAndAccountEnd: the profile lists the minors the user represents with the
// in-person rule and adds one; deactivating and erasing are confirmed first, then the
// session is gone and the home page says what happened.
func TestMinorsAndAccountEnd(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	s.signIn(c, "+7 916 000-00-71")
	token := c.csrf("/profile")
	if r := c.get("/profile"); !strings.Contains(r.Body, "только лично") || !strings.Contains(r.Body, `id="minor-none"`) {
		t.Fatalf("the profile does not explain minors:\n%s", r.Body)
	}
	if r := c.post("/profile/minors", url.Values{"csrf_token": {token}, "minor_name": {"Иванов Пётр"}, "minor_birth_date": {"01.04.1990"}, "basis": {"parent"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "младше 18 лет") {
		t.Fatalf("an adult as a minor: %d\n%s", r.Status, r.Body)
	}
	r := c.post("/profile/minors", url.Values{"csrf_token": {token}, "minor_name": {"Иванов Пётр Иванович"}, "minor_birth_date": {"01.04.2015"}, "basis": {"guardian"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("add minor: %d\n%s", r.Status, r.Body)
	}
	if r := c.get("/profile?saved=minor"); !strings.Contains(r.Body, "Иванов Пётр Иванович</span>, 1 апреля 2015") ||
		!strings.Contains(r.Body, "опекун или попечитель — голосование только лично") {
		t.Fatalf("the minor is not listed:\n%s", r.Body)
	}

	for _, tt := range []struct{ path, phone, note string }{
		{"/profile/deactivate", "+7 916 000-00-72", "Учётная запись отключена"},
		{"/profile/erase", "+7 916 000-00-73", "Личные данные удалены"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			c := newFormClient(t, s.URL)
			s.signIn(c, tt.phone)
			token := c.csrf(tt.path)
			if r := c.post(tt.path, url.Values{"csrf_token": {token}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Отметьте") {
				t.Fatalf("without confirming: %d\n%s", r.Status, r.Body)
			}
			r := c.post(tt.path, url.Values{"csrf_token": {token}, "confirm": {"yes"}})
			if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/?account=") {
				t.Fatalf("confirmed: %d %q\n%s", r.Status, r.Location, r.Body)
			}
			if home := c.get(r.Location); !strings.Contains(home.Body, tt.note) || strings.Contains(home.Body, `id="logout"`) {
				t.Fatalf("the home page after it:\n%s", home.Body)
			}
			if r := c.get("/profile"); r.Status != http.StatusSeeOther || r.Location != "/login?next=%2Fprofile" {
				t.Fatalf("the session outlived it: %d %q", r.Status, r.Location)
			}
		})
	}
}

// TestLogoutPageAndMethods: GET /logout asks to confirm; a wrong method gets a 405 with the
// route's real methods and the right words.
func TestLogoutPageAndMethods(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	if r := c.get("/logout"); r.Status != http.StatusSeeOther || r.Location != "/" {
		t.Fatalf("GET /logout without a session: %d %q", r.Status, r.Location)
	}
	s.signIn(c, "+7 916 000-00-81")
	r := c.get("/logout")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `id="confirm-logout"`) {
		t.Fatalf("GET /logout: %d\n%s", r.Status, r.Body)
	}
	if r := c.post("/logout", url.Values{"csrf_token": {csrfInput.FindStringSubmatch(r.Body)[1]}}); r.Status != http.StatusSeeOther || r.Location != "/" {
		t.Fatalf("POST /logout: %d %q", r.Status, r.Location)
	}
	for _, tt := range []struct{ method, path, allow, says string }{
		{"POST", "/", "GET, HEAD", "только для просмотра"},
		{"POST", "/profile/deactivate/x", "", ""},
		{"GET", "/profile/minors", "POST", "только отправку формы"},
		{"DELETE", "/profile", "GET, HEAD, POST", "только отправку формы"},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), tt.method, s.URL+tt.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if tt.allow == "" {
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", tt.method, tt.path, resp.StatusCode)
			}
			continue
		}
		body := c.do(tt.method, tt.path, nil).Body
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != tt.allow || !strings.Contains(body, tt.says) {
			t.Errorf("%s %s: %d Allow %q, want 405 Allow %q saying %q", tt.method, tt.path, resp.StatusCode, resp.Header.Get("Allow"), tt.allow, tt.says)
		}
	}
}

// TestPagesBehindProxy: the pages' cookies are Secure when a trusted proxy says the browser
// came over HTTPS, and not when anyone else says so.
func TestPagesBehindProxy(t *testing.T) {
	for _, tt := range []struct {
		name    string
		proxies string
		secure  bool
	}{
		{"trusted proxy", "127.0.0.0/8,::1", true},
		{"untrusted peer", "10.0.0.0/8", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := httpx.ParseProxies(httpx.SplitList(tt.proxies))
			if err != nil {
				t.Fatal(err)
			}
			s := startNodeSite(t, siteOptions{Proxies: p})
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, s.URL+"/login", nil)
			req.Header.Set("X-Forwarded-Proto", "https")
			req.Header.Set("X-Forwarded-For", "203.0.113.9")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			cookies := resp.Cookies()
			if len(cookies) != 1 || cookies[0].Name != "pbnode_login" || cookies[0].Secure != tt.secure {
				t.Fatalf("cookies %v, want the login token with Secure %v", cookies, tt.secure)
			}
		})
	}
}
