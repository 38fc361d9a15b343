package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/portal/web"
	"github.com/pbnode/pbnode/portal/web/webtest"
)

// TestRegisterAndVerifyInBrowser registers a citizen in headless Chromium on a real node (dev
// chain, contracts, SQLite) as a developer does with `pbnode dev`: the sign-in code is read
// from the node's log, where the development SMS gateway writes it. The citizen fills the
// profile with a person of a generated registry extract and passes person levels 1, 2 and 3,
// each checked by the verification job, which the test runs.
func TestRegisterAndVerifyInBrowser(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	logs, log := captureLog()
	n := nodetest.StartWith(t, "sqlite", nodetest.Options{Log: log})
	ids, err := identity.New(n.DB, n.Vault, identity.NewLogGateway(log), n.Identity.Config(), log)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	people, err := registrytest.Generate(dir, 20, 5)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(t.Context(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	startJob(t, n.Citizens, reg, log)
	person := people[3]

	apiURL, err := url.Parse(n.URL)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Deps{Budget: n.Budget, API: httputil.NewSingleHostReverseProxy(apiURL), RPCURL: testRPC,
		Identity: ids, Citizens: n.Citizens, Log: log}))
	t.Cleanup(srv.Close)

	// Sign in: the phone, then the code from the node's log.
	b.Open(srv.URL + "/")
	if got := b.Text("#login-link"); got != "Войти" {
		b.Fatalf("navigation shows %q, want «Войти»", got)
	}
	b.Follow("#login-link")
	b.Do("type the phone", chromedp.SendKeys(chromedp.CSS("#phone"), "+7 916 555-01-02"))
	offset := logs.Len()
	if status := b.Follow("#send-code"); status != 200 {
		b.Fatalf("send code: status %d", status)
	}
	code := codeAfter(t, logs, offset)
	b.Do("type the code", chromedp.SendKeys(chromedp.CSS("#code"), code))
	b.Follow("#submit-code")
	if loc := b.Location(); loc != srv.URL+"/profile?welcome=1" {
		b.Fatalf("after sign-in the browser is at %s, want the profile", loc)
	}
	userID := b.Text("#user-id")
	if digits := strings.ReplaceAll(userID, "\u00a0", ""); len(digits) != 12 {
		b.Fatalf("user ID shown %q, want 12 digits", userID)
	}
	if got := b.Text("#nav-user-id"); got != userID {
		b.Fatalf("navigation shows the ID %q, the profile %q", got, userID)
	}
	if got := b.Text("#logout"); got != "Выйти" {
		b.Fatalf("logout button %q", got)
	}
	// Pages and API share the session.
	me := webtest.Run(b, "ask the API who this is", chromedp.Evaluate[string](
		`fetch("/api/v1/me").then(r => r.json()).then(j => j.user_id)`, chromedp.EvalAwaitPromise))
	if me != strings.ReplaceAll(userID, "\u00a0", "") {
		b.Fatalf("the API says the session is %q, the page %q", me, userID)
	}

	// The profile, with the person of the extract and their registration address.
	b.Do("fill the profile",
		chromedp.SendKeys(chromedp.CSS("#full_name"), person.Person.FullName),
		chromedp.SendKeys(chromedp.CSS("#birth_date"), person.Person.BirthDate.Format("02.01.2006")),
		chromedp.SendKeys(chromedp.CSS("#email"), "citizen@example.ru"),
	)
	b.Follow("#save-profile")
	if got := b.Text("#shown-name"); got != person.Person.FullName {
		b.Fatalf("profile shows the name %q, want %q", got, person.Person.FullName)
	}
	b.Do("type the registration address", chromedp.SendKeys(chromedp.CSS("#address-registration-text"), person.Person.Address))
	b.Follow("#address-registration button[type=submit]")
	if got := b.Text("#address-registration .address-text"); got != person.Person.Address {
		b.Fatalf("registration address shown %q, want %q", got, person.Person.Address)
	}
	if got := b.Text("#address-registration .next-change"); !strings.HasPrefix(got, "Изменить можно с ") {
		b.Fatalf("the page does not say when the address may change: %q", got)
	}

	// Levels 1, 2 and 3, each checked by the job.
	b.Open(srv.URL + "/verification")
	b.Follow("#submit-person")
	waitVerified(t, b, 1)
	b.Do("type the passport",
		chromedp.SendKeys(chromedp.CSS("#passport_series"), person.Passport.Reveal()[:4]),
		chromedp.SendKeys(chromedp.CSS("#passport_number"), person.Passport.Reveal()[4:]))
	b.Follow("#submit-person")
	waitVerified(t, b, 2)
	b.Do("type the SNILS", chromedp.SendKeys(chromedp.CSS("#snils"), person.SNILS.Reveal()))
	b.Follow("#submit-person")
	waitVerified(t, b, 3)

	if got := b.Text("#person-level"); got != "уровень 3 из 3" {
		b.Fatalf("person level shown %q, want level 3", got)
	}
	if got, want := b.Text("#doc-snils"), person.SNILS.String(); got != want {
		b.Fatalf("SNILS shown %q, want the mask %q", got, want)
	}
	statuses := b.Texts("tr[data-request] .status")
	if len(statuses) != 3 || statuses[0] != "Подтверждено" || statuses[1] != "Подтверждено" || statuses[2] != "Подтверждено" {
		b.Fatalf("request statuses %q, want three «Подтверждено»", statuses)
	}
	html := webtest.Run(b, "read the page", chromedp.OuterHTML(chromedp.CSS("html")))
	if strings.Contains(html, person.SNILS.Reveal()) || strings.Contains(html, person.Passport.Reveal()[4:]) {
		b.Fatalf("the page shows a document in clear")
	}
	if p := b.Problems(); len(p) > 0 {
		b.Fatalf("the browser reported problems: %q", p)
	}
	checkFitsPhone(t, b)

	b.Follow("#logout")
	if got := b.Text("#login-link"); got != "Войти" {
		b.Fatalf("after logout the navigation shows %q", got)
	}
}

// waitVerified reloads the verification page until the person is verified at level, and
// fails at a rejection or after 30 seconds.
func waitVerified(t *testing.T, b *webtest.Browser, level int) {
	t.Helper()
	sel := fmt.Sprintf(`tr[data-subject="person"][data-level="%d"]`, level)
	var seen []string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		b.Open(b.Location())
		status := webtest.Run(b, "read the status", chromedp.Evaluate[string](
			fmt.Sprintf(`(e => e ? e.dataset.status + " " + e.querySelector(".status").innerText : "")(document.querySelector('%s'))`, sel)))
		if len(seen) == 0 || seen[len(seen)-1] != status {
			seen = append(seen, status)
		}
		switch {
		case strings.HasPrefix(status, "verified"):
			if got := b.Text("#person-level"); got != "уровень "+strconv.Itoa(level)+" из 3" {
				b.Fatalf("level %d verified, but the page shows %q", level, got)
			}
			return
		case strings.HasPrefix(status, "rejected"):
			b.Fatalf("level %d rejected: %s", level, b.Text(sel+" .reason"))
		}
	}
	b.Fatalf("level %d not verified in 30 s; statuses seen: %q", level, seen)
}

// startJob runs the verification job against reg until the test ends, telling citizens
// through the development notifier.
func startJob(t *testing.T, svc *citizens.Service, reg registry.Registry, log *slog.Logger) {
	t.Helper()
	cfg := citizens.DefaultJobConfig()
	cfg.Interval = 100 * time.Millisecond
	job, err := svc.NewJob(reg, citizens.LogNotifier{Log: log}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := job.Run(ctx); err != nil {
			t.Errorf("verification job: %v", err)
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
}
