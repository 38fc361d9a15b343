package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/logtest"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/portal/web"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// captureLog returns a logger writing text into a logtest.Buffer, and also to stderr when
// PBNODE_TEST_LOG is set.
func captureLog() (*logtest.Buffer, *slog.Logger) {
	buf := &logtest.Buffer{}
	var w io.Writer = buf
	if os.Getenv("PBNODE_TEST_LOG") != "" {
		w = io.MultiWriter(buf, os.Stderr)
	}
	return buf, slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// smsCode finds the code of the development gateway's log line, as a developer reads it.
var smsCode = regexp.MustCompile(`msg="sms \(development gateway, not sent\)".* text="Код для входа: (\d+)\.`)

// codeAfter returns the sign-in code logged into l after offset, waiting for it a little.
func codeAfter(t testing.TB, l *logtest.Buffer, offset int) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := smsCode.FindAllStringSubmatch(l.String()[offset:], -1); len(m) > 0 {
			return m[len(m)-1][1]
		}
	}
	t.Fatalf("no SMS code in the node's log after offset %d:\n%s", offset, l.String()[offset:])
	return ""
}

// testChainID is the chain the wallets of the test site sign in on.
const testChainID = 1337

// citizenSite is the pages with sign-in and the citizens area over SQLite, without a chain:
// enough for the forms.
type citizenSite struct {
	URL      string
	Storage  storage.Config
	Log      *logtest.Buffer
	Citizens *citizens.Service
}

func startCitizenSite(t *testing.T, edit func(*identity.Config)) *citizenSite {
	t.Helper()
	cfg := storagetest.Config(t, storage.DriverSQLite)
	db, err := storage.Open(t.Context(), cfg, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	vault := testVault(t)
	buf, log := captureLog()
	icfg := identity.DefaultConfig()
	icfg.RequestsPerIP = 10000
	if edit != nil {
		edit(&icfg)
	}
	ids, err := identity.New(db, vault, identity.NewLogGateway(log), icfg, log)
	if err != nil {
		t.Fatal(err)
	}
	cits, err := citizens.New(db, vault, citizens.DefaultConfig(), log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	wcfg := wallets.DefaultConfig()
	wcfg.PublicURL, wcfg.ChainID = "http://"+srv.Listener.Addr().String(), testChainID
	wals, err := wallets.New(db, testVault(t), wcfg, log)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = web.New(web.Deps{Identity: ids, Citizens: cits, Wallets: wals, Log: log})
	srv.Start()
	t.Cleanup(srv.Close)
	return &citizenSite{URL: srv.URL, Storage: cfg, Log: buf, Citizens: cits}
}

func testVault(t testing.TB) *pii.Vault {
	t.Helper()
	v, err := pii.NewEphemeralVault("k1")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// formClient is a browser without JavaScript: it keeps cookies and does not follow
// redirects, so that a test sees each one.
type formClient struct {
	t    testing.TB
	base string
	http *http.Client
}

func newFormClient(t testing.TB, base string) *formClient {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &formClient{t: t, base: base, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is what a request got.
type response struct {
	Status   int
	Body     string
	Location string
}

func (c *formClient) do(method, path string, form url.Values) response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(c.t.Context(), method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location")}
}

func (c *formClient) get(path string) response { c.t.Helper(); return c.do(http.MethodGet, path, nil) }

func (c *formClient) post(path string, form url.Values) response {
	c.t.Helper()
	return c.do(http.MethodPost, path, form)
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

// csrf is the token of the first form of a page.
func (c *formClient) csrf(path string) string {
	c.t.Helper()
	r := c.get(path)
	m := csrfInput.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil || m[1] == "" {
		c.t.Fatalf("GET %s: %d, no CSRF token in the page:\n%s", path, r.Status, r.Body)
	}
	return m[1]
}

// signIn registers or signs in phone through the login pages, reading the code from the log,
// and returns where it was sent.
func (s *citizenSite) signIn(c *formClient, phone string) string {
	c.t.Helper()
	token := c.csrf("/login")
	offset := s.Log.Len()
	r := c.post("/login", url.Values{"csrf_token": {token}, "phone": {phone}})
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login/code?") {
		c.t.Fatalf("send code: %d %q\n%s", r.Status, r.Location, r.Body)
	}
	u, err := url.Parse(r.Location)
	if err != nil {
		c.t.Fatal(err)
	}
	code := codeAfter(c.t, s.Log, offset)
	r = c.post("/login/code", url.Values{"csrf_token": {token}, "challenge": {u.Query().Get("challenge")}, "code": {code}})
	if r.Status != http.StatusSeeOther {
		c.t.Fatalf("verify code: %d\n%s", r.Status, r.Body)
	}
	return r.Location
}
