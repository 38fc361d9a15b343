package api_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/storage"
)

// gpsMarker stands for an EXIF GPS block in test photos: it must never be served back.
var gpsMarker = []byte("GPSLatitude=56.0153N;GPSLongitude=92.8932E")

// jpegWithGPS is a real 8×8 JPEG with an APP1 Exif segment holding gpsMarker.
func jpegWithGPS(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	img.Set(1, 1, color.RGBA{10, 200, 10, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	payload := append([]byte("Exif\x00\x00"), gpsMarker...)
	seg := binary.BigEndian.AppendUint16([]byte{0xff, 0xe1}, uint16(len(payload)+2))
	return append(append(append([]byte{}, plain[:2]...), append(seg, payload...)...), plain[2:]...)
}

// submissionForm is a valid submission (seed 002) as form fields.
func submissionForm() map[string]string {
	return map[string]string{
		"title":           "Мобильный интернет в поселке Хатанга",
		"problem":         "В поселке отсутствует мобильный интернет, а спутниковый дорог.",
		"expected_result": "Высокоскоростной мобильный интернет для населения поселка",
		"category":        "communications", "subcategory": "mobile", "territory": "taimyr", "cost_kopecks": "15000000000",
	}
}

// sendForm sends a multipart form of fields and files (in "photos") as who.
func sendForm(t *testing.T, n *nodetest.Node, method, path string, who caller, fields map[string]string, files ...[]byte) response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range files {
		// The client's content type is a lie on purpose: the server looks at the bytes.
		part, err := w.CreateFormFile("photos", fmt.Sprintf("photo%d.png", i))
		if err != nil {
			t.Fatal(err)
		}
		part.Write(f)
	}
	w.Close()
	req, err := http.NewRequestWithContext(t.Context(), method, n.URL+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	if who.token != "" {
		req.Header.Set("Authorization", "Bearer "+who.token)
	}
	for _, c := range who.cookies {
		req.AddCookie(c)
	}
	if who.csrf != "" {
		req.Header.Set("X-CSRF-Token", who.csrf)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, data, resp.Header}
}

// member is a signed-in user with the internal key the initiatives area refers to.
type member struct {
	signedIn
	ref int64
}

// people hands out the citizens of one synthetic registry extract per node, to verify users.
type people struct {
	mu   sync.Mutex // guards next
	reg  registry.Registry
	list []registrytest.Citizen
	next int
}

var extracts sync.Map // *nodetest.Node → *people

func peopleOf(t *testing.T, n *nodetest.Node) *people {
	if p, ok := extracts.Load(n); ok {
		return p.(*people)
	}
	reg, list := nodetest.Extracts(t, 128, 2027)
	p, _ := extracts.LoadOrStore(n, &people{reg: reg, list: list})
	return p.(*people)
}

// newMember signs a new phone in; verified users are verified at level 1 against the node's
// extract; role, when not "", is granted in territory.
func newMember(t *testing.T, n *nodetest.Node, verified bool, role identity.Role, territory string) member {
	t.Helper()
	s := signIn(t, n, newPhone(), "bearer")
	u, err := n.DB.UserByUserID(t.Context(), s.userID)
	if err != nil {
		t.Fatal(err)
	}
	m := member{signedIn: s, ref: u.ID}
	if verified {
		p := peopleOf(t, n)
		p.mu.Lock()
		person := p.list[p.next]
		p.next++
		p.mu.Unlock()
		n.VerifyPerson(t, u.ID, p.reg, person, 1, "")
	}
	if role != "" && role != identity.RoleCitizen {
		if _, err := n.Identity.GrantRoleAsOperator(t.Context(), s.userID, role, territory); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// proposalIn stores an initiative by author straight in status (with the changes of edit),
// as the earlier steps of the workflow would have left it.
func proposalIn(t *testing.T, n *nodetest.Node, author int64, status string, edit ...func(*storage.Proposal)) int64 {
	t.Helper()
	p := storage.Proposal{AuthorRef: author, Title: "Освещение во дворе", Problem: "Темно во дворе", ExpectedResult: "Светло",
		Category: "improvement", Subcategory: "lighting", Territory: "taimyr", Cost: 500_000_00, Status: status}
	for _, e := range edit {
		e(&p)
	}
	if err := n.DB.CreateProposal(t.Context(), &p); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// forSupport makes a stored initiative collect support until deadline, with threshold 2.
func forSupport(deadline time.Time) func(*storage.Proposal) {
	return func(p *storage.Proposal) {
		p.Track, p.SupportDeadline, p.SupportThreshold = "support", &deadline, 2
	}
}

func initiativePath(id int64, suffix string) string {
	return fmt.Sprintf("/api/v1/initiatives/%d%s", id, suffix)
}
