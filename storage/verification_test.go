package storage_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// queue queues a request of user for subject and level with a fresh document.
func queue(t *testing.T, db *storage.DB, userRef int64, subject storage.VerificationSubject, level int, doc, fls string) storage.VerificationRequest {
	t.Helper()
	req := storage.VerificationRequest{UserRef: userRef, Subject: subject, Level: level, DueAt: time.Now().Add(time.Hour),
		Building: "ул. Тверская, д. 7", FlatNumber: "12"}
	if doc != "" {
		req.DocIndex, req.DocCipher = doc, []byte("sealed doc")
	}
	if fls != "" {
		req.FLSIndex, req.FLSCipher = fls, []byte("sealed fls")
	}
	if err := db.CreateVerificationRequest(t.Context(), &req); err != nil {
		t.Fatal(err)
	}
	return req
}

// claimOne claims the oldest request and fails unless it is want.
func claimOne(t *testing.T, db *storage.DB, want int64) storage.VerificationRequest {
	t.Helper()
	got, err := db.ClaimVerificationRequests(t.Context(), time.Now(), time.Now().Add(-time.Hour), 1)
	if err != nil || len(got) != 1 || got[0].ID != want || got[0].Status != storage.VerificationChecking {
		t.Fatalf("claim = %+v, %v; want request %d", got, err, want)
	}
	return got[0]
}

func decide(t *testing.T, db *storage.DB, req storage.VerificationRequest, verified bool, reason, role string) (storage.VerificationRequest, error) {
	t.Helper()
	return db.DecideVerification(t.Context(), storage.VerificationDecision{RequestID: req.ID, Attempt: req.Attempts, Verified: verified, Reason: reason, Role: role})
}

func TestPersonVerificationLevels(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u, other := newPhoneUser(t, db), newPhoneUser(t, db)
		passport := tokenHash()
		levels := []struct {
			level int
			doc   string
		}{{1, ""}, {2, passport}, {3, tokenHash()}}
		for _, l := range levels {
			req := queue(t, db, u.ID, storage.SubjectPerson, l.level, l.doc, "")
			if _, err := db.OpenVerification(ctx, u.ID, storage.SubjectPerson, ""); err != nil {
				t.Fatal(err)
			}
			dup := storage.VerificationRequest{UserRef: u.ID, Subject: storage.SubjectPerson, Level: l.level, DueAt: time.Now()}
			if err := db.CreateVerificationRequest(ctx, &dup); !errors.Is(err, storage.ErrConflict) {
				t.Fatalf("second open person request: err = %v", err)
			}
			got, err := decide(t, db, claimOne(t, db, req.ID), true, "matched", "")
			if err != nil || got.Status != storage.VerificationVerified || got.DocIndex != "" || got.DecidedAt.IsZero() {
				t.Fatalf("decide level %d = %+v, %v", l.level, got, err)
			}
			pv, err := db.PersonVerification(ctx, u.ID)
			if err != nil || pv.Level != l.level {
				t.Fatalf("PersonVerification = %+v, %v; want level %d", pv, err, l.level)
			}
		}
		if holder, err := db.DocumentHolder(ctx, storage.DocPassport, passport); err != nil || holder != u.ID {
			t.Fatalf("DocumentHolder = %d, %v", holder, err)
		}
		// The other user reaches level 1, then claims the same passport: refused at decision.
		req := queue(t, db, other.ID, storage.SubjectPerson, 1, "", "")
		if _, err := decide(t, db, claimOne(t, db, req.ID), true, "matched", ""); err != nil {
			t.Fatal(err)
		}
		req = queue(t, db, other.ID, storage.SubjectPerson, 2, passport, "")
		claimed := claimOne(t, db, req.ID)
		if _, err := decide(t, db, claimed, true, "matched", ""); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("verify a passport verified for another user: err = %v", err)
		}
		got, err := decide(t, db, claimed, false, "document_taken", "")
		if err != nil || got.Status != storage.VerificationRejected {
			t.Fatalf("reject = %+v, %v", got, err)
		}
		if _, err := decide(t, db, claimed, false, "document_taken", ""); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("decide twice: err = %v", err)
		}
		pv, err := db.PersonVerification(ctx, other.ID)
		if err != nil || pv.Level != 1 || pv.Status != storage.VerificationRejected || pv.Reason != "document_taken" {
			t.Fatalf("PersonVerification after rejection = %+v, %v", pv, err)
		}
		// Notification bookkeeping.
		pending, err := db.UnnotifiedVerifications(ctx, 100)
		if err != nil || len(pending) != 5 {
			t.Fatalf("UnnotifiedVerifications = %d, %v", len(pending), err)
		}
		if err := db.MarkVerificationNotified(ctx, pending[0].ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkVerificationNotified(ctx, pending[0].ID, time.Now()); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("notify twice: err = %v", err)
		}
	})
}

func TestFlatVerification(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		fls, cert := tokenHash(), tokenHash()
		req := queue(t, db, u.ID, storage.SubjectFlat, 1, "", fls)
		if _, err := decide(t, db, claimOne(t, db, req.ID), true, "matched", ""); err != nil {
			t.Fatal(err)
		}
		req = queue(t, db, u.ID, storage.SubjectFlat, 2, cert, fls)
		if _, err := decide(t, db, claimOne(t, db, req.ID), true, "matched", "owner"); err != nil {
			t.Fatal(err)
		}
		links, err := db.FlatLinks(ctx, u.ID)
		if err != nil || len(links) != 1 || links[0].Level != 2 || links[0].Role != "owner" || links[0].CertIndex != cert || links[0].Building == "" {
			t.Fatalf("FlatLinks = %+v, %v", links, err)
		}
		if holder, err := db.DocumentHolder(ctx, storage.DocPropertyCert, cert); err != nil || holder != u.ID {
			t.Fatalf("DocumentHolder = %d, %v", holder, err)
		}
		bad := storage.VerificationRequest{UserRef: u.ID, Subject: storage.SubjectFlat, Level: 3, FLSIndex: fls, FLSCipher: []byte{1}, DueAt: time.Now()}
		if err := db.CreateVerificationRequest(ctx, &bad); !errors.Is(err, storage.ErrInvalid) {
			t.Fatalf("flat level 3: err = %v", err)
		}
	})
}

// Several workers claim at once: every request is claimed by exactly one of them.
func TestClaimConcurrent(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		const n = 40
		for range n {
			queue(t, db, newPhoneUser(t, db).ID, storage.SubjectPerson, 1, "", "")
		}
		var mu sync.Mutex // guards seen
		seen := map[int64]int{}
		hammer(t, 4, 30, nil, func(_, _ int) error {
			got, err := db.ClaimVerificationRequests(t.Context(), time.Now(), time.Now().Add(-time.Hour), 5)
			mu.Lock()
			defer mu.Unlock()
			for _, r := range got {
				seen[r.ID]++
			}
			return err
		})
		if len(seen) != n {
			t.Errorf("%d requests claimed, want %d", len(seen), n)
		}
		for id, c := range seen {
			if c != 1 {
				t.Errorf("request %d claimed %d times", id, c)
			}
		}
		// A stale claim is claimed again; the first worker's decision then loses.
		again, err := db.ClaimVerificationRequests(t.Context(), time.Now(), time.Now().Add(time.Hour), 1)
		if err != nil || len(again) != 1 || again[0].Attempts != 2 {
			t.Fatalf("reclaim = %+v, %v", again, err)
		}
		if err := db.ReleaseVerificationRequest(t.Context(), again[0].ID, 1); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("release by the stale worker: err = %v", err)
		}
		if err := db.ReleaseVerificationRequest(t.Context(), again[0].ID, 2); err != nil {
			t.Fatal(err)
		}
		n2, overdue, err := db.OverdueVerifications(t.Context(), time.Now().Add(2*time.Hour), 3)
		if err != nil || n2 != n || len(overdue) != 3 {
			t.Fatalf("OverdueVerifications = %d, %d, %v", n2, len(overdue), err)
		}
	})
}

func TestEligibleUsers(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		in, sub, out, low := newPhoneUser(t, db), newPhoneUser(t, db), newPhoneUser(t, db), newPhoneUser(t, db)
		for u, terr := range map[int64]string{in.ID: "msk_cao", sub.ID: "msk_cao/arbat", out.ID: "msk_caox", low.ID: "msk_cao"} {
			a := storage.Address{UserRef: u, Kind: storage.AddressRegistration, Text: "x", Territory: terr}
			if err := db.SetAddress(ctx, &a, 0); err != nil {
				t.Fatal(err)
			}
		}
		for _, u := range []int64{in.ID, sub.ID, out.ID} {
			req := queue(t, db, u, storage.SubjectPerson, 1, "", "")
			if _, err := decide(t, db, claimOne(t, db, req.ID), true, "matched", ""); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.EligibleUsers(ctx, 1, "msk_cao", 0, 10)
		if err != nil || len(got) != 2 || got[0].ID != in.ID || got[1].ID != sub.ID || got[0].UserID != in.UserID {
			t.Fatalf("EligibleUsers = %+v, %v", got, err)
		}
		page, err := db.EligibleUsers(ctx, 1, "msk_cao", in.ID, 10)
		if err != nil || len(page) != 1 || page[0].ID != sub.ID {
			t.Fatalf("second page = %+v, %v", page, err)
		}
		all, err := db.EligibleUsers(ctx, 0, "", 0, 10)
		if err != nil || len(all) != 4 {
			t.Fatalf("EligibleUsers(level 0, city) = %+v, %v", all, err)
		}
	})
}
