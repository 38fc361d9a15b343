package web_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/web/webtest"
)

// gpsMarker stands for an EXIF GPS block: the photo served back must not hold it.
var gpsMarker = []byte("GPSLatitude=56.0153N;GPSLongitude=92.8932E")

// photoFile writes a real JPEG with an APP1 Exif segment holding gpsMarker and returns its path.
func photoFile(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	img.Set(3, 3, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	payload := append([]byte("Exif\x00\x00"), gpsMarker...)
	seg := binary.BigEndian.AppendUint16([]byte{0xff, 0xe1}, uint16(len(payload)+2))
	data := append(append(append([]byte{}, plain[:2]...), append(seg, payload...)...), plain[2:]...)
	path := filepath.Join(t.TempDir(), "yard.jpg")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// browserSignIn signs phone in through the login pages and returns the user's unique ID.
func browserSignIn(t *testing.T, b *webtest.Browser, site *nodeSite, phone string) string {
	t.Helper()
	b.Open(site.URL + "/login")
	b.Do("type the phone", chromedp.SendKeys(chromedp.CSS("#phone"), phone))
	b.Follow("#send-code")
	b.Do("type the code", chromedp.SendKeys(chromedp.CSS("#code"), site.Node.SMS.CodeFor(t, phone)))
	b.Follow("#submit-code")
	return strings.ReplaceAll(b.Text("#nav-user-id"), "\u00a0", "")
}

// TestInitiativeInBrowser walks R-2 in headless Chromium over a real node: a verified citizen
// submits an initiative with a photo (its location stripped), a moderator takes it into
// review, accepts it and opens it for support, and the citizen supports it.
func TestInitiativeInBrowser(t *testing.T) {
	b := webtest.New(t) // first, so that a missing Chromium fails at once
	site := startNodeSite(t, siteOptions{})
	n := site.Node

	citizenID := browserSignIn(t, b, site, "+79165550301")
	u, err := n.DB.UserByUserID(t.Context(), citizenID)
	if err != nil {
		t.Fatal(err)
	}
	verify(t, site, u.ID)
	b.Open(site.URL + "/initiatives")
	b.Follow("#new-initiative")
	b.Do("fill the initiative",
		chromedp.SendKeys(chromedp.CSS("#title"), "Освещение во дворе дома 5"),
		chromedp.SendKeys(chromedp.CSS("#problem"), "Во дворе темно, дети возвращаются из школы в темноте."),
		chromedp.SendKeys(chromedp.CSS("#expected_result"), "Фонари во дворе"),
		chromedp.SetValue(chromedp.CSS("#category"), "improvement/lighting"),
		chromedp.SendKeys(chromedp.CSS("#territory"), "krasnoyarsk"),
		chromedp.SendKeys(chromedp.CSS("#cost"), "350000"),
		chromedp.SetUploadFiles(chromedp.CSS("#photos"), []string{photoFile(t)}),
	)
	if status := b.Follow("#submit-initiative"); status != 200 {
		b.Fatalf("submit: status %d", status)
	}
	page := b.Location()
	if !strings.Contains(page, "/initiatives/") || b.Text("#done") == "" {
		b.Fatalf("after submission the browser is at %s", page)
	}
	if got := webtest.Run(b, "read the status", chromedp.AttributeValue(chromedp.CSS("#initiative-status"), "data-status")); got.Value != "submitted" {
		b.Fatalf("status %q, want submitted", got.Value)
	}
	loaded := webtest.Run(b, "load the photo", chromedp.Evaluate[bool](
		`new Promise(r => { const i = document.querySelector(".photos img"); i.complete ? r(i.naturalWidth === 16) : i.onload = () => r(i.naturalWidth === 16) })`,
		chromedp.EvalAwaitPromise))
	if !loaded {
		b.Fatalf("the photo does not show")
	}
	src := webtest.Run(b, "photo URL", chromedp.AttributeValue(chromedp.CSS(".photos img"), "src")).Value
	served := webtest.Run(b, "fetch the photo", chromedp.Evaluate[string](
		fmt.Sprintf(`fetch(%q).then(r => r.arrayBuffer()).then(b => new TextDecoder("latin1").decode(b))`, src), chromedp.EvalAwaitPromise))
	if strings.Contains(served, string(gpsMarker)) {
		b.Fatalf("the photo is served with its location")
	}

	// A moderator of the city reviews it and opens it for support.
	b.Follow("#logout")
	modID := browserSignIn(t, b, site, "+79165550302")
	if _, err := n.Identity.GrantRoleAsOperator(t.Context(), modID, identity.RoleModerator, ""); err != nil {
		t.Fatal(err)
	}
	b.Open(site.URL + "/initiatives/review")
	b.Follow("#initiative-list h2 a")
	for _, step := range []struct{ button, status string }{
		{"#take-review", "in_review"}, {"#accept", "accepted"}, {"#publish-support", "published"},
	} {
		b.Follow(step.button)
		if got := webtest.Run(b, "read the status", chromedp.AttributeValue(chromedp.CSS("#initiative-status"), "data-status")); got.Value != step.status {
			b.Fatalf("after %s the status is %q, want %q (%s)", step.button, got.Value, step.status, b.Text("main"))
		}
	}

	// The citizen supports it: the count, threshold, deadline and due date are shown.
	b.Follow("#logout")
	browserSignIn(t, b, site, "+79165550301")
	b.Open(page)
	b.Follow("#support")
	if got := b.Text("#supporters"); got != "1" {
		b.Fatalf("supporters %q, want 1", got)
	}
	if b.Text("#threshold") != "2" || b.Text("#deadline") == "" || b.Text("#measures-due") == "" {
		b.Fatalf("threshold, deadline or due date missing: %s", b.Text("main"))
	}
	if b.Text("#unsupport") == "" {
		b.Fatalf("no way to withdraw the vote")
	}
	if p := b.Problems(); len(p) > 0 {
		b.Fatalf("browser problems: %v", p)
	}
}
