package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
)

// postMultipart sends a multipart form of fields and photos with the browser c.
func postMultipart(t *testing.T, c *formClient, path string, fields map[string]string, photos ...[]byte) response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for _, p := range photos {
		part, _ := w.CreateFormFile("photos", "photo.jpg")
		part.Write(p)
	}
	w.Close()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, c.base+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location")}
}

// TestSubmissionPage: the submission form takes photos as multipart; a refused submission
// comes back with its reason and writes nothing, a valid one leads to the new initiative.
func TestSubmissionPage(t *testing.T) {
	site := startNodeSite(t, siteOptions{})
	f := &pageFixture{site: site}
	u := f.signIn(t, "citizen", newPagePhone())
	verify(t, site, f.userRef(t, u))
	photo, err := os.ReadFile(photoFile(t))
	if err != nil {
		t.Fatal(err)
	}
	valid := func() map[string]string {
		return map[string]string{"csrf_token": u.csrf, "title": "Фонари во дворе", "problem": "Темно", "expected_result": "Светло",
			"category": "improvement/lighting", "territory": "krasnoyarsk", "cost": "350000"}
	}
	with := func(k, v string) map[string]string { m := valid(); m[k] = v; return m }
	big := append([]byte{0xff, 0xd8, 0xff}, make([]byte, site.Node.Initiatives.Config().MaxPhotoBytes)...)
	tests := []struct {
		name   string
		fields map[string]string
		photos [][]byte
		status int
		text   string
	}{
		{"zero cost", with("cost", "0"), nil, http.StatusBadRequest, "Укажите стоимость"},
		{"no title", with("title", ""), nil, http.StatusBadRequest, "Проверьте поля"},
		{"unknown category", with("category", "weather"), nil, http.StatusBadRequest, "Выберите категорию"},
		{"not an image", valid(), [][]byte{[]byte("<svg onload=alert(1)>")}, http.StatusUnsupportedMediaType, "JPEG, PNG и WebP"},
		{"oversized photo", valid(), [][]byte{big}, http.StatusRequestEntityTooLarge, "слишком большая"},
		{"without the CSRF token", with("csrf_token", ""), [][]byte{photo}, http.StatusForbidden, "Форма устарела"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := postMultipart(t, u.client, "/initiatives", tt.fields, tt.photos...)
			if r.Status != tt.status || !strings.Contains(r.Body, tt.text) {
				t.Fatalf("got %d, want %d with %q:\n%s", r.Status, tt.status, tt.text, r.Body)
			}
			if list, err := site.Node.DB.Proposals(t.Context(), storage.ProposalFilter{}); err != nil || len(list) != 0 {
				t.Fatalf("a refused submission stored %d initiatives (%v)", len(list), err)
			}
		})
	}
	r := postMultipart(t, u.client, "/initiatives", valid(), photo)
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/initiatives/") {
		t.Fatalf("valid submission: %d %q\n%s", r.Status, r.Location, r.Body)
	}
	page := u.client.get(r.Location)
	if page.Status != 200 || !strings.Contains(page.Body, "Фонари во дворе") || !strings.Contains(page.Body, `<img src="/api/v1/photos/`) {
		t.Fatalf("the new initiative's page: %d\n%s", page.Status, page.Body)
	}
}
