package storage_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func newProposal(t *testing.T, db *storage.DB, author int64) storage.Proposal {
	t.Helper()
	p := storage.Proposal{AuthorRef: author, Title: "Мобильный интернет в Хатанге", Problem: "нет связи",
		ExpectedResult: "есть связь", Category: "communications", Subcategory: "mobile", Territory: "khatanga",
		Cost: 150_000_00, Status: "submitted"}
	if err := db.CreateProposal(t.Context(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProposals(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		author, moderator := newPhoneUser(t, db), newPhoneUser(t, db)
		p := newProposal(t, db, author.ID)
		if p.ID == 0 || p.CreatedAt.IsZero() || p.Supporters != 0 || p.Track != "" || p.RoundID != nil {
			t.Fatalf("created = %+v", p)
		}
		bad := []struct {
			name    string
			p       storage.Proposal
			wantErr error
		}{
			{"no title", storage.Proposal{AuthorRef: author.ID, Problem: "x", ExpectedResult: "y", Category: "c", Cost: 1, Status: "submitted"}, storage.ErrInvalid},
			{"zero cost", storage.Proposal{AuthorRef: author.ID, Title: "t", Problem: "x", ExpectedResult: "y", Category: "c", Status: "submitted"}, storage.ErrInvalid},
			{"unknown author", storage.Proposal{AuthorRef: author.ID + 1000, Title: "t", Problem: "x", ExpectedResult: "y", Category: "c", Cost: 1, Status: "submitted"}, storage.ErrNotFound},
		}
		for _, tt := range bad {
			if err := db.CreateProposal(ctx, &tt.p); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateProposal err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		got, err := db.Proposal(ctx, p.ID)
		if err != nil || got.Title != p.Title || got.Cost != p.Cost || got.Territory != "khatanga" {
			t.Fatalf("Proposal = %+v, %v", got, err)
		}
		if _, err := db.Proposal(ctx, p.ID+1000); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Proposal(unknown) err = %v, want ErrNotFound", err)
		}

		// Guarded changes: only from the expected status.
		got, err = db.ChangeProposal(ctx, p.ID, "submitted", storage.ProposalChange{Status: "in_review", ReviewerRef: &moderator.ID})
		if err != nil || got.Status != "in_review" || got.ReviewerRef == nil || *got.ReviewerRef != moderator.ID {
			t.Fatalf("ChangeProposal = %+v, %v", got, err)
		}
		if _, err := db.ChangeProposal(ctx, p.ID, "submitted", storage.ProposalChange{Status: "in_review"}); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("ChangeProposal from a stale status err = %v, want ErrConflict", err)
		}
		if _, err := db.ChangeProposal(ctx, p.ID+1000, "submitted", storage.ProposalChange{Status: "in_review"}); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("ChangeProposal(unknown) err = %v, want ErrNotFound", err)
		}
		deadline := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Microsecond)
		track, threshold := "support", 2
		if _, err := db.ChangeProposal(ctx, p.ID, "in_review", storage.ProposalChange{Status: "accepted"}); err != nil {
			t.Fatal(err)
		}
		got, err = db.ChangeProposal(ctx, p.ID, "accepted", storage.ProposalChange{Status: "published", Track: &track,
			SupportDeadline: &deadline, SupportThreshold: &threshold})
		if err != nil || got.Track != "support" || got.SupportDeadline == nil || !got.SupportDeadline.Equal(deadline) || got.SupportThreshold != 2 {
			t.Fatalf("publish = %+v, %v", got, err)
		}

		// Support: one per user, revocable, only while published.
		voters := []storage.User{newPhoneUser(t, db), newPhoneUser(t, db)}
		for i, v := range voters {
			if n, err := db.AddSupport(ctx, p.ID, v.ID, "published"); err != nil || n != i+1 {
				t.Fatalf("AddSupport %d = %d, %v", i, n, err)
			}
		}
		if _, err := db.AddSupport(ctx, p.ID, voters[0].ID, "published"); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("second AddSupport err = %v, want ErrConflict", err)
		}
		if _, err := db.AddSupport(ctx, p.ID, voters[0].ID, "submitted"); !errors.Is(err, storage.ErrConflict) {
			t.Errorf("AddSupport in another status err = %v, want ErrConflict", err)
		}
		if ok, err := db.Supports(ctx, p.ID, voters[0].ID); err != nil || !ok {
			t.Errorf("Supports = %v, %v", ok, err)
		}
		if n, err := db.RemoveSupport(ctx, p.ID, voters[0].ID, "published"); err != nil || n != 1 {
			t.Errorf("RemoveSupport = %d, %v", n, err)
		}
		if _, err := db.RemoveSupport(ctx, p.ID, voters[0].ID, "published"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("second RemoveSupport err = %v, want ErrNotFound", err)
		}
		if got, _ := db.Proposal(ctx, p.ID); got.Supporters != 1 {
			t.Errorf("supporters = %d, want 1 (the refused calls changed nothing)", got.Supporters)
		}

		// Listing by status and author.
		other := newProposal(t, db, moderator.ID)
		list, err := db.Proposals(ctx, storage.ProposalFilter{Statuses: []string{"submitted"}})
		if err != nil || len(list) != 1 || list[0].ID != other.ID {
			t.Errorf("Proposals(submitted) = %+v, %v", list, err)
		}
		list, err = db.Proposals(ctx, storage.ProposalFilter{AuthorRef: author.ID})
		if err != nil || len(list) != 1 || list[0].ID != p.ID {
			t.Errorf("Proposals(author) = %+v, %v", list, err)
		}
		if _, err := db.Proposals(ctx, storage.ProposalFilter{Limit: 501}); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("Proposals(limit 501) err = %v, want ErrInvalid", err)
		}
	})
}

func TestProposalPostsAndPhotos(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		author := newPhoneUser(t, db)
		p := newProposal(t, db, author.ID)
		hash := func(i int) string { return fmt.Sprintf("%064x", i) }
		photos := []storage.ProposalPhoto{
			{ProposalID: p.ID, SHA256: hash(1), ContentType: "image/jpeg", Size: 10},
			{ProposalID: p.ID, SHA256: hash(2), ContentType: "image/png", Size: 20},
		}
		if err := db.AddProposalPhotos(ctx, photos); err != nil || photos[0].ID == 0 {
			t.Fatalf("AddProposalPhotos = %v, %+v", err, photos)
		}
		for _, bad := range []storage.ProposalPhoto{
			{ProposalID: p.ID, SHA256: "abc", ContentType: "image/png", Size: 1},
			{ProposalID: p.ID, SHA256: hash(3), ContentType: "text/html", Size: 1},
			{ProposalID: p.ID, SHA256: hash(3), ContentType: "image/png"},
		} {
			if err := db.AddProposalPhotos(ctx, []storage.ProposalPhoto{bad}); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("AddProposalPhotos(%+v) err = %v, want ErrInvalid", bad, err)
			}
		}
		if err := db.AddProposalPhotos(ctx, []storage.ProposalPhoto{{ProposalID: p.ID + 100, SHA256: hash(4), ContentType: "image/png", Size: 1}}); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("AddProposalPhotos(unknown proposal) err = %v, want ErrNotFound", err)
		}
		post := storage.ProposalPost{ProposalID: p.ID, AuthorRef: author.ID, Official: true, Body: "Вышка установлена"}
		if err := db.CreateProposalPost(ctx, &post); err != nil || post.ID == 0 {
			t.Fatalf("CreateProposalPost = %v, %+v", err, post)
		}
		if err := db.CreateProposalPost(ctx, &storage.ProposalPost{ProposalID: p.ID, AuthorRef: author.ID}); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("empty post err = %v, want ErrInvalid", err)
		}
		if err := db.AddProposalPhotos(ctx, []storage.ProposalPhoto{{ProposalID: p.ID, PostID: &post.ID, SHA256: hash(1), ContentType: "image/jpeg", Size: 10}}); err != nil {
			t.Fatal(err)
		}
		posts, err := db.ProposalPosts(ctx, p.ID)
		if err != nil || len(posts) != 1 || posts[0].Body != post.Body || !posts[0].Official {
			t.Errorf("ProposalPosts = %+v, %v", posts, err)
		}
		all, err := db.ProposalPhotos(ctx, p.ID)
		if err != nil || len(all) != 3 || all[2].PostID == nil || *all[2].PostID != post.ID {
			t.Errorf("ProposalPhotos = %+v, %v", all, err)
		}
		if ph, err := db.PhotoByHash(ctx, hash(2)); err != nil || ph.ContentType != "image/png" {
			t.Errorf("PhotoByHash = %+v, %v", ph, err)
		}
		if _, err := db.PhotoByHash(ctx, hash(9)); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("PhotoByHash(unknown) err = %v, want ErrNotFound", err)
		}
	})
}
