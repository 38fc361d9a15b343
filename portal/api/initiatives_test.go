package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

type proposalView struct {
	ID               int64      `json:"id"`
	Title            string     `json:"title"`
	Status           string     `json:"status"`
	Track            string     `json:"track"`
	RejectReason     string     `json:"reject_reason"`
	RoundID          int64      `json:"round_id"`
	RoundNumber      int        `json:"round_number"`
	Supporters       int        `json:"supporters"`
	SupportThreshold int        `json:"support_threshold"`
	SupportDeadline  *time.Time `json:"support_deadline"`
	MeasuresDue      *time.Time `json:"measures_due"`
	Photos           []struct {
		SHA256      string `json:"sha256"`
		ContentType string `json:"content_type"`
		URL         string `json:"url"`
	} `json:"photos"`
	Mine      bool `json:"mine"`
	Supported bool `json:"supported"`
}

// TestInitiativeLifecycle walks through the API: a verified citizen submits with a
// photo, a moderator reviews and accepts, the initiative is published into a budget round
// (registered on-chain) or for support, citizens support it, it is settled, and
// progress posts lead to done.
func TestInitiativeLifecycle(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testInitiativeLifecycle(t, driver) })
	}
}

func testInitiativeLifecycle(t *testing.T, driver string) {
	f := newFixture(t, driver)
	n := f.node
	author := newMember(t, n, true, "", "")
	other := newMember(t, n, true, "", "")
	mod := newMember(t, n, false, identity.RoleModerator, "taimyr")
	dept := newMember(t, n, false, identity.RoleDepartment, "")

	// Submission with a photo whose EXIF holds a location.
	var in proposalView
	r := sendForm(t, n, "POST", "/api/v1/initiatives", author.caller, submissionForm(), jpegWithGPS(t))
	if r.status != http.StatusCreated {
		t.Fatalf("submit = %d %s", r.status, r.body)
	}
	r.decode(t, &in)
	if in.Status != "submitted" || !in.Mine || len(in.Photos) != 1 || in.Photos[0].ContentType != "image/jpeg" {
		t.Fatalf("submitted = %+v", in)
	}
	photo := send(t, n, "GET", in.Photos[0].URL, author.caller, "")
	if photo.status != 200 || photo.header.Get("Content-Type") != "image/jpeg" || photo.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("photo = %d %v", photo.status, photo.header)
	}
	if bytes.Contains(photo.body, gpsMarker) || !bytes.HasPrefix(photo.body, []byte{0xff, 0xd8}) {
		t.Error("the photo is served with its location, or is not the JPEG")
	}
	stored, err := os.ReadFile(filepath.Join(n.Initiatives.Config().PhotosDir, in.Photos[0].SHA256[:2], in.Photos[0].SHA256))
	if err != nil || !bytes.Equal(stored, photo.body) {
		t.Errorf("stored photo: %v", err)
	}

	// Unpublished: the author and moderators see it, nobody else.
	expect(t, n, "GET", initiativePath(in.ID, ""), caller{}, "", 404)
	expect(t, n, "GET", initiativePath(in.ID, ""), other.caller, "", 404)
	expect(t, n, "GET", in.Photos[0].URL, caller{}, "", 404)
	expect(t, n, "GET", initiativePath(in.ID, ""), mod.caller, "", 200)
	var queue struct{ Initiatives []proposalView }
	expect(t, n, "GET", "/api/v1/initiatives/review", mod.caller, "", 200).decode(t, &queue)
	if len(queue.Initiatives) != 1 || queue.Initiatives[0].ID != in.ID {
		t.Fatalf("review queue = %+v", queue)
	}
	expect(t, n, "POST", initiativePath(in.ID, "/review"), mod.caller, "", 200)
	expect(t, n, "POST", initiativePath(in.ID, "/accept"), mod.caller, "", 200).decode(t, &in)
	if in.Status != "accepted" {
		t.Fatalf("accepted = %+v", in)
	}

	// Published into the open round: registered there, with its on-chain number.
	expect(t, n, "POST", initiativePath(in.ID, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, f.roundID), 200).decode(t, &in)
	if in.Status != "published" || in.Track != "round" || in.RoundID != f.roundID || in.RoundNumber != 3 {
		t.Fatalf("published = %+v", in)
	}
	n.Drain(t)
	var inis struct {
		Initiatives []struct {
			Number int    `json:"number"`
			Title  string `json:"title"`
		}
	}
	f.do(t, "GET", f.round("/initiatives"), "", "", 200, &inis)
	if len(inis.Initiatives) != 3 || inis.Initiatives[2].Title != submissionForm()["title"] {
		t.Fatalf("round initiatives = %+v", inis)
	}
	expect(t, n, "GET", in.Photos[0].URL, caller{}, "", 200)
	if r := send(t, n, "POST", initiativePath(in.ID, "/settle"), mod.caller, ""); r.code() != "round_not_finalized" {
		t.Errorf("settle before finalization = %d %s", r.status, r.body)
	}

	// Krasnoyarsk style: support until the deadline, one vote each, revocable.
	var sup proposalView
	id := proposalIn(t, n, author.ref, "accepted")
	expect(t, n, "POST", initiativePath(id, "/publish"), mod.caller, `{"track":"support"}`, 200).decode(t, &sup)
	if sup.Track != "support" || sup.SupportThreshold != 2 || sup.SupportDeadline == nil || sup.MeasuresDue == nil || !sup.MeasuresDue.After(*sup.SupportDeadline) {
		t.Fatalf("published for support = %+v", sup)
	}
	expect(t, n, "POST", initiativePath(id, "/support"), author.caller, "", 200)
	expect(t, n, "DELETE", initiativePath(id, "/support"), author.caller, "", 200)
	expect(t, n, "POST", initiativePath(id, "/support"), author.caller, "", 200)
	expect(t, n, "POST", initiativePath(id, "/support"), other.caller, "", 200).decode(t, &sup)
	if sup.Supporters != 2 {
		t.Fatalf("supporters = %d, want 2", sup.Supporters)
	}
	expect(t, n, "GET", initiativePath(id, ""), other.caller, "", 200).decode(t, &sup)
	if !sup.Supported || sup.Mine {
		t.Errorf("other's view = %+v", sup)
	}
	if r := send(t, n, "POST", initiativePath(id, "/settle"), mod.caller, ""); r.code() != "support_open" {
		t.Errorf("settle before the deadline = %d %s", r.status, r.body)
	}
	past := time.Now().Add(-time.Minute)
	if _, err := n.DB.ChangeProposal(t.Context(), id, "published", storage.ProposalChange{Status: "published", SupportDeadline: &past}); err != nil {
		t.Fatal(err)
	}
	expect(t, n, "POST", initiativePath(id, "/settle"), mod.caller, "", 200).decode(t, &sup)
	if sup.Status != "funded" || sup.MeasuresDue == nil || !sup.MeasuresDue.After(past.Add(30*24*time.Hour)) {
		t.Fatalf("settled = %+v", sup)
	}

	// Implementation: a citizen's post with a photo, an official's, then done.
	var post struct {
		ID       int64 `json:"id"`
		Official bool  `json:"official"`
		Photos   []struct {
			URL string `json:"url"`
		}
	}
	r = sendForm(t, n, "POST", initiativePath(id, "/posts"), other.caller, map[string]string{"body": "Начали ставить вышку"}, jpegWithGPS(t))
	if r.status != 201 {
		t.Fatalf("citizen post = %d %s", r.status, r.body)
	}
	r.decode(t, &post)
	if post.Official || len(post.Photos) != 1 {
		t.Errorf("citizen post = %+v", post)
	}
	expect(t, n, "POST", initiativePath(id, "/posts"), dept.caller, `{"body":"Вышка установлена"}`, 201).decode(t, &post)
	if !post.Official {
		t.Errorf("official post = %+v", post)
	}
	var posts struct{ Posts []json.RawMessage }
	expect(t, n, "GET", initiativePath(id, "/posts"), caller{}, "", 200).decode(t, &posts)
	if len(posts.Posts) != 2 {
		t.Errorf("posts = %s", posts.Posts)
	}
	expect(t, n, "POST", initiativePath(id, "/done"), dept.caller, "", 200).decode(t, &sup)
	if sup.Status != "done" {
		t.Errorf("done = %+v", sup)
	}
	var list struct{ Initiatives []proposalView }
	expect(t, n, "GET", "/api/v1/initiatives?status=done", caller{}, "", 200).decode(t, &list)
	if len(list.Initiatives) != 1 || list.Initiatives[0].ID != id {
		t.Errorf("done list = %+v", list)
	}
	var mine struct{ Initiatives []proposalView }
	expect(t, n, "GET", "/api/v1/me/initiatives", author.caller, "", 200).decode(t, &mine)
	if len(mine.Initiatives) != 2 {
		t.Errorf("mine = %+v", mine)
	}
}

// TestInitiativeErrors: every refused request gets its stable code and message and writes
// nothing: no initiative, support, post or photo row, no photo file, no chain operation.
func TestInitiativeErrors(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testInitiativeErrors(t, driver) })
	}
}

func testInitiativeErrors(t *testing.T, driver string) {
	f := newFixture(t, driver)
	n := f.node
	cit := newMember(t, n, true, "", "")
	unverified := newMember(t, n, false, "", "")
	mod := newMember(t, n, false, identity.RoleModerator, "taimyr")
	elsewhere := newMember(t, n, false, identity.RoleModerator, "evenkia")
	dept := newMember(t, n, false, identity.RoleDepartment, "")

	submitted := proposalIn(t, n, cit.ref, "submitted")
	inReview := proposalIn(t, n, cit.ref, "in_review")
	accepted := proposalIn(t, n, cit.ref, "accepted")
	open := proposalIn(t, n, cit.ref, "published", forSupport(time.Now().Add(time.Hour)))
	expect(t, n, "POST", initiativePath(open, "/support"), cit.caller, "", 200)
	closed := proposalIn(t, n, cit.ref, "published", forSupport(time.Now().Add(-time.Hour)))
	finalized := storage.Round{Name: "Final", Symbol: "FIN", Budget: 100, Deadline: time.Now().Add(-time.Hour).UTC(),
		Treasury: "0x0000000000000000000000000000000000000001", Status: storage.RoundFinalized}
	if err := n.DB.CreateRound(t.Context(), &finalized); err != nil {
		t.Fatal(err)
	}
	pastRound := newRoundClosingAt(t, f, time.Now().Add(-time.Hour))

	form := func(edit func(map[string]string)) map[string]string {
		v := submissionForm()
		edit(v)
		return v
	}
	big := append([]byte{0xff, 0xd8, 0xff}, make([]byte, n.Initiatives.Config().MaxPhotoBytes)...)
	tests := []struct {
		name   string
		send   func() response
		status int
		code   string
	}{
		{"missing title", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { delete(v, "title") }))
		}, 400, "invalid_initiative"},
		{"oversized problem", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { v["problem"] = strings.Repeat("я", 5001) }))
		}, 400, "invalid_initiative"},
		{"zero cost", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { v["cost_kopecks"] = "0" }))
		}, 400, "invalid_initiative"},
		{"negative cost", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { v["cost_kopecks"] = "-100" }))
		}, 400, "invalid_initiative"},
		{"cost not a number", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { v["cost_kopecks"] = "12 руб" }))
		}, 400, "invalid_initiative"},
		{"unknown field", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { v["author"] = "1" }))
		}, 400, "invalid_initiative"},
		{"unknown category", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, form(func(v map[string]string) { v["category"] = "weather" }))
		}, 400, "unknown_category"},
		{"JSON with zero cost", func() response {
			return send(t, n, "POST", "/api/v1/initiatives", cit.caller, `{"title":"a","problem":"b","expected_result":"c","category":"roads","cost_kopecks":0}`)
		}, 400, "invalid_initiative"},
		{"non-image photo", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, submissionForm(), []byte("<html><script>alert(1)</script>"))
		}, 415, "invalid_photo"},
		{"oversized photo", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, submissionForm(), big)
		}, 413, "photo_too_large"},
		{"too many photos", func() response {
			p := jpegWithGPS(t)
			return sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, submissionForm(), p, p, p, p, p, p)
		}, 400, "too_many_photos"},
		{"anonymous submission", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", caller{}, submissionForm())
		}, 401, "unauthenticated"},
		{"unverified citizen submits", func() response {
			return sendForm(t, n, "POST", "/api/v1/initiatives", unverified.caller, submissionForm(), jpegWithGPS(t))
		}, 403, "not_verified"},
		{"review by a citizen", func() response { return send(t, n, "POST", initiativePath(submitted, "/review"), cit.caller, "") }, 403, "forbidden"},
		{"accept by a citizen", func() response { return send(t, n, "POST", initiativePath(inReview, "/accept"), cit.caller, "") }, 403, "forbidden"},
		// An unpublished initiative outside the moderator's territory is not even shown.
		{"review by a moderator of another territory", func() response {
			return send(t, n, "POST", initiativePath(submitted, "/review"), elsewhere.caller, "")
		}, 404, "initiative_not_found"},
		{"settle by a moderator of another territory", func() response {
			return send(t, n, "POST", initiativePath(closed, "/settle"), elsewhere.caller, "")
		}, 403, "forbidden"},
		{"accept before the review", func() response { return send(t, n, "POST", initiativePath(submitted, "/accept"), mod.caller, "") }, 409, "invalid_transition"},
		{"reject without a reason", func() response {
			return send(t, n, "POST", initiativePath(inReview, "/reject"), mod.caller, `{"reason":"  "}`)
		}, 400, "reason_required"},
		{"reject with no body", func() response { return send(t, n, "POST", initiativePath(inReview, "/reject"), mod.caller, "") }, 400, "malformed_json"},
		{"publish before acceptance", func() response {
			return send(t, n, "POST", initiativePath(inReview, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, f.roundID))
		}, 409, "invalid_transition"},
		{"publish into a finalized round", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, finalized.ID))
		}, 409, "already_finalized"},
		{"publish into a closed round", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, pastRound))
		}, 409, "deadline_passed"},
		{"publish into an unknown round", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/publish"), mod.caller, `{"track":"round","round_id":9999}`)
		}, 404, "round_not_found"},
		{"publish on an unknown track", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/publish"), mod.caller, `{"track":"lottery"}`)
		}, 400, "invalid_initiative"},
		{"publish by a citizen", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/publish"), cit.caller, `{"track":"support"}`)
		}, 403, "forbidden"},
		{"a second support vote", func() response { return send(t, n, "POST", initiativePath(open, "/support"), cit.caller, "") }, 409, "already_supported"},
		{"support after the deadline", func() response { return send(t, n, "POST", initiativePath(closed, "/support"), cit.caller, "") }, 409, "support_closed"},
		{"withdraw after the deadline", func() response { return send(t, n, "DELETE", initiativePath(closed, "/support"), cit.caller, "") }, 409, "support_closed"},
		{"support by an unverified citizen", func() response {
			return send(t, n, "POST", initiativePath(open, "/support"), unverified.caller, "")
		}, 403, "not_verified"},
		{"withdraw a vote never cast", func() response {
			return send(t, n, "DELETE", initiativePath(open, "/support"), newMember(t, n, true, "", "").caller, "")
		}, 404, "not_supported"},
		{"support an unpublished initiative", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/support"), cit.caller, "")
		}, 409, "invalid_transition"},
		{"support an unpublished initiative by a stranger", func() response {
			return send(t, n, "POST", initiativePath(accepted, "/support"), unverified.caller, "")
		}, 404, "initiative_not_found"},
		{"settle while support is open", func() response { return send(t, n, "POST", initiativePath(open, "/settle"), mod.caller, "") }, 409, "support_open"},
		{"progress on an unfunded initiative", func() response {
			return send(t, n, "POST", initiativePath(open, "/posts"), dept.caller, `{"body":"Работы начаты"}`)
		}, 409, "invalid_transition"},
		{"empty post", func() response {
			return send(t, n, "POST", initiativePath(open, "/posts"), dept.caller, `{"body":""}`)
		}, 400, "invalid_initiative"},
		{"done before implementation", func() response { return send(t, n, "POST", initiativePath(open, "/done"), dept.caller, "") }, 409, "invalid_transition"},
		{"done by a citizen", func() response { return send(t, n, "POST", initiativePath(open, "/done"), cit.caller, "") }, 403, "forbidden"},
		{"bad initiative id", func() response { return send(t, n, "GET", "/api/v1/initiatives/abc", caller{}, "") }, 400, "invalid_initiative"},
		{"unknown initiative", func() response { return send(t, n, "GET", "/api/v1/initiatives/99999", caller{}, "") }, 404, "initiative_not_found"},
		{"unpublished initiative to a stranger", func() response {
			return send(t, n, "GET", initiativePath(submitted, ""), unverified.caller, "")
		}, 404, "initiative_not_found"},
		{"bad list status", func() response { return send(t, n, "GET", "/api/v1/initiatives?status=submitted", caller{}, "") }, 400, "invalid_initiative"},
		{"bad list limit", func() response { return send(t, n, "GET", "/api/v1/initiatives?limit=9999", caller{}, "") }, 400, "invalid_initiative"},
		{"unknown photo", func() response { return send(t, n, "GET", "/api/v1/photos/"+strings.Repeat("a", 64), caller{}, "") }, 404, "initiative_not_found"},
		{"photo path traversal", func() response { return send(t, n, "GET", "/api/v1/photos/..%2f..%2fetc", caller{}, "") }, 404, "not_found"},
		{"photo name not a hash", func() response { return send(t, n, "GET", "/api/v1/photos/"+strings.Repeat("Z", 64), caller{}, "") }, 404, "initiative_not_found"},
		{"review queue as a citizen", func() response { return send(t, n, "GET", "/api/v1/initiatives/review", cit.caller, "") }, 403, "forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := initiativeState(t, n)
			r := tt.send()
			var got struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatalf("body %q is not the JSON error shape: %v", r.body, err)
			}
			if r.status != tt.status || got.Error.Code != tt.code || got.Error.Message == "" {
				t.Fatalf("got %d %q (%q), want %d %q", r.status, got.Error.Code, got.Error.Message, tt.status, tt.code)
			}
			if after := initiativeState(t, n); after != before {
				t.Fatalf("a refused request changed state:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestInitiativePhotoRowsFail: when the database refuses a submission's rows after its photo
// file was written (here a trigger refuses photo rows under the running node), the request
// fails and takes the file back, so it leaves nothing behind; once the trigger is gone the
// same photo is taken.
func TestInitiativePhotoRowsFail(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			f := newFixture(t, driver)
			n := f.node
			cit := newMember(t, n, true, "", "")
			before := initiativeState(t, n)
			refusePhotoRows(t, n, true)
			r := sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, submissionForm(), jpegWithGPS(t))
			refusePhotoRows(t, n, false)
			if r.status != http.StatusInternalServerError {
				t.Fatalf("submission whose photo row is refused = %d %s, want 500", r.status, r.body)
			}
			if after := initiativeState(t, n); after != before {
				t.Fatalf("the failed submission left something behind:\nbefore %s\nafter  %s", before, after)
			}
			r = sendForm(t, n, "POST", "/api/v1/initiatives", cit.caller, submissionForm(), jpegWithGPS(t))
			var in proposalView
			if r.status != http.StatusCreated {
				t.Fatalf("submission with the table back = %d %s", r.status, r.body)
			}
			r.decode(t, &in)
			if len(in.Photos) != 1 {
				t.Fatalf("photos %+v", in.Photos)
			}
			if _, err := os.Stat(filepath.Join(n.Initiatives.Config().PhotosDir, in.Photos[0].SHA256[:2], in.Photos[0].SHA256)); err != nil {
				t.Fatalf("the photo's file: %v", err)
			}
		})
	}
}

// refusePhotoRows makes the database refuse (on) or take again (off) every new photo row.
func refusePhotoRows(t *testing.T, n *nodetest.Node, on bool) {
	t.Helper()
	pg := n.Storage.Driver == storage.DriverPostgres
	switch {
	case on && pg:
		storagetest.Exec(t, n.Storage, `CREATE FUNCTION refuse_photo_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'photo rows refused by the test'; END $$`)
		storagetest.Exec(t, n.Storage, `CREATE TRIGGER refuse_photo_rows BEFORE INSERT ON proposal_photos FOR EACH ROW EXECUTE FUNCTION refuse_photo_rows()`)
	case on:
		storagetest.Exec(t, n.Storage, `CREATE TRIGGER refuse_photo_rows BEFORE INSERT ON proposal_photos BEGIN SELECT RAISE(ABORT, 'photo rows refused by the test'); END`)
	case pg:
		storagetest.Exec(t, n.Storage, `DROP TRIGGER refuse_photo_rows ON proposal_photos`)
		storagetest.Exec(t, n.Storage, `DROP FUNCTION refuse_photo_rows()`)
	default:
		storagetest.Exec(t, n.Storage, `DROP TRIGGER refuse_photo_rows`)
	}
}

// initiativeState is what a refused request must leave as it was: every initiative's status,
// link and count, the posts and photos, the photo files and the chain operations.
func initiativeState(t *testing.T, n *nodetest.Node) string {
	t.Helper()
	ctx := t.Context()
	list, err := n.DB.Proposals(ctx, storage.ProposalFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range list {
		posts, _ := n.DB.ProposalPosts(ctx, p.ID)
		photos, _ := n.DB.ProposalPhotos(ctx, p.ID)
		fmt.Fprintf(&b, "%d %s %q %v %v %d posts=%d photos=%d\n", p.ID, p.Status, p.Track, p.RoundID, p.RoundNumber, p.Supporters, len(posts), len(photos))
	}
	files := 0
	filepath.WalkDir(n.Initiatives.Config().PhotosDir, func(_ string, d os.DirEntry, _ error) error {
		if d != nil && !d.IsDir() {
			files++
		}
		return nil
	})
	ops, err := n.DB.CountOps(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "files=%d ops=%d", files, ops)
	return b.String()
}
