package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/storage"
)

// initiativeMatrix are the authorization matrix's entries of the initiatives' endpoints.
// Each call that changes an initiative gets a fresh one in the state the call needs; calls
// that need a verified citizen are made by a fresh verified user holding the column's role.
func initiativeMatrix(t *testing.T, f *matrixFixture) map[string]matrixEntry {
	author := newMember(t, f.n, true, "", "")
	public := proposalIn(t, f.n, author.ref, "published", forSupport(time.Now().Add(time.Hour)))
	photo := matrixPhoto(t, f, author)
	in := func(status string, edit ...func(*storage.Proposal)) func(*testing.T) int64 {
		return func(t *testing.T) int64 { return proposalIn(t, f.n, author.ref, status, edit...) }
	}
	// on makes a call of path suffix on a fresh initiative made by mk, by the column's user,
	// or by a fresh verified user of the column's role when verified is set.
	on := func(mk func(*testing.T) int64, suffix, body string, verified bool) func(*testing.T, *matrixFixture, string) request {
		return func(t *testing.T, f *matrixFixture, role string) request {
			r := request{path: initiativePath(mk(t), suffix), body: body}
			if verified && role != "anonymous" {
				r.who = newMember(t, f.n, true, identity.Role(role), "").caller
			}
			return r
		}
	}
	open := in("published", forSupport(time.Now().Add(time.Hour)))
	return map[string]matrixEntry{
		"GET /api/v1/initiatives":            {everyone, fixed("/api/v1/initiatives", "")},
		"GET /api/v1/initiatives/categories": {everyone, fixed("/api/v1/initiatives/categories", "")},
		"POST /api/v1/initiatives": {anySession, func(t *testing.T, f *matrixFixture, role string) request {
			r := request{path: "/api/v1/initiatives", body: `{"title":"Скамейки","problem":"Негде сесть","expected_result":"Скамейки у подъезда","category":"improvement","cost_kopecks":100}`}
			if role != "anonymous" {
				r.who = newMember(t, f.n, true, identity.Role(role), "").caller
			}
			return r
		}},
		"GET /api/v1/initiatives/review":              {"moderator", fixed("/api/v1/initiatives/review", "")},
		"GET /api/v1/me/initiatives":                  {anySession, fixed("/api/v1/me/initiatives", "")},
		"GET /api/v1/initiatives/:initiative":         {everyone, fixed(initiativePath(public, ""), "")},
		"GET /api/v1/initiatives/:initiative/posts":   {everyone, fixed(initiativePath(public, "/posts"), "")},
		"GET /api/v1/photos/:sha256":                  {everyone, fixed("/api/v1/photos/"+photo, "")},
		"POST /api/v1/initiatives/:initiative/review": {"moderator", on(in("submitted"), "/review", "", false)},
		"POST /api/v1/initiatives/:initiative/accept": {"moderator", on(in("in_review"), "/accept", "", false)},
		"POST /api/v1/initiatives/:initiative/reject": {"moderator", on(in("in_review"), "/reject", `{"reason":"Дубликат инициативы"}`, false)},
		"POST /api/v1/initiatives/:initiative/publish": {"moderator|treasury",
			on(in("accepted"), "/publish", fmt.Sprintf(`{"track":"round","round_id":%d}`, f.roundID), false)},
		"POST /api/v1/initiatives/:initiative/settle": {"moderator|treasury",
			on(in("published", forSupport(time.Now().Add(-time.Hour))), "/settle", "", false)},
		"POST /api/v1/initiatives/:initiative/support": {anySession, on(open, "/support", "", true)},
		"DELETE /api/v1/initiatives/:initiative/support": {anySession, func(t *testing.T, f *matrixFixture, role string) request {
			id := open(t)
			if role == "anonymous" {
				return request{path: initiativePath(id, "/support")}
			}
			m := newMember(t, f.n, true, identity.Role(role), "")
			if _, err := f.n.Initiatives.Support(t.Context(), initiatives.Actor{User: m.ref}, id); err != nil {
				t.Fatal(err)
			}
			return request{path: initiativePath(id, "/support"), who: m.caller}
		}},
		"POST /api/v1/initiatives/:initiative/posts": {anySession, on(in("funded"), "/posts", `{"body":"Работы идут"}`, true)},
		"POST /api/v1/initiatives/:initiative/done":  {"department|moderator", on(in("implementation"), "/done", "", false)},
	}
}

// matrixPhoto submits an initiative with a photo through the service, publishes it, and
// returns the photo's hash.
func matrixPhoto(t *testing.T, f *matrixFixture, author member) string {
	t.Helper()
	in := initiatives.Submission{Title: "Фото", Problem: "Яма", ExpectedResult: "Нет ямы", Category: "roads", Cost: 100}
	got, err := f.n.Initiatives.Submit(t.Context(), initiatives.Actor{User: author.ref}, in, [][]byte{jpegWithGPS(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.n.DB.ChangeProposal(t.Context(), got.ID, "submitted", storage.ProposalChange{Status: "published"}); err != nil {
		t.Fatal(err)
	}
	return got.Photos[0].SHA256
}
