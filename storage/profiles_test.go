package storage_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestProfiles(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		if _, err := db.Profile(ctx, u.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("Profile before any save: err = %v", err)
		}
		born := time.Date(1985, 3, 17, 0, 0, 0, 0, time.UTC)
		p := storage.Profile{UserRef: u.ID, FullName: "Иванов Иван Иванович", Sex: "m", BirthDate: born, Email: "i@example.org", Children: []int{2015, 2012}}
		if err := db.SaveProfile(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if !p.BirthDate.Equal(born) || !slices.Equal(p.Children, []int{2012, 2015}) || p.CreatedAt.IsZero() {
			t.Fatalf("SaveProfile = %+v", p)
		}
		p.Children, p.Email = []int{2020}, ""
		if err := db.SaveProfile(ctx, &p); err != nil {
			t.Fatal(err)
		}
		got, err := db.Profile(ctx, u.ID)
		if err != nil || got.FullName != p.FullName || got.Email != "" || !slices.Equal(got.Children, []int{2020}) {
			t.Fatalf("Profile = %+v, %v", got, err)
		}
		bad := []storage.Profile{
			{UserRef: u.ID, Sex: "x"},
			{UserRef: u.ID, BirthDate: born.Add(time.Hour)},
			{UserRef: u.ID, Children: []int{1800}},
		}
		for _, b := range bad {
			if err := db.SaveProfile(ctx, &b); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("SaveProfile(%+v) err = %v, want ErrInvalid", b, err)
			}
		}
		if err := db.SaveProfile(ctx, &storage.Profile{UserRef: u.ID + 1000}); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("SaveProfile of an unknown user: err = %v", err)
		}
	})
}

func TestAddressCompareAndSwap(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		a := storage.Address{UserRef: u.ID, Kind: storage.AddressRegistration, Text: "ул. Тверская, д. 7", Territory: "msk/cao"}
		if err := db.SetAddress(ctx, &a, 0); err != nil || a.Changes != 1 {
			t.Fatalf("first SetAddress = %+v, %v", a, err)
		}
		again := a
		if err := db.SetAddress(ctx, &again, 0); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("SetAddress with a stale count: err = %v", err)
		}
		// Of concurrent changes from the same read, exactly one passes.
		ok := hammer(t, 4, 1, storage.ErrConflict, func(w, _ int) error {
			b := storage.Address{UserRef: u.ID, Kind: storage.AddressRegistration, Text: "ул. Арбат", Territory: "msk/cao"}
			return db.SetAddress(ctx, &b, 1)
		})
		if ok != 1 {
			t.Fatalf("%d concurrent changes passed, want 1", ok)
		}
		list, err := db.Addresses(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].Changes != 2 || list[0].Text != "ул. Арбат" {
			t.Fatalf("Addresses = %+v, %v", list, err)
		}
		for _, b := range []storage.Address{{UserRef: u.ID, Kind: "home", Text: "x"}, {UserRef: u.ID, Kind: storage.AddressWork}} {
			if err := db.SetAddress(ctx, &b, 0); !errors.Is(err, storage.ErrInvalid) {
				t.Errorf("SetAddress(%+v) err = %v, want ErrInvalid", b, err)
			}
		}
	})
}

func TestRepresentations(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		rep := storage.Representation{UserRef: u.ID, MinorName: "Иванова Мария Ивановна", MinorBirthDate: time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC), Basis: "parent"}
		if err := db.CreateRepresentation(ctx, &rep); err != nil || !rep.InPersonOnly || rep.ID == 0 {
			t.Fatalf("CreateRepresentation = %+v, %v", rep, err)
		}
		dup := rep
		if err := db.CreateRepresentation(ctx, &dup); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("duplicate representation: err = %v", err)
		}
		list, err := db.Representations(ctx, u.ID)
		if err != nil || len(list) != 1 || !list[0].MinorBirthDate.Equal(rep.MinorBirthDate) || !list[0].InPersonOnly {
			t.Fatalf("Representations = %+v, %v", list, err)
		}
	})
}

func TestEraseUser(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		other := newPhoneUser(t, db)
		for _, user := range []storage.User{u, other} {
			p := storage.Profile{UserRef: user.ID, FullName: "Петров Пётр", Children: []int{2010}}
			if err := db.SaveProfile(ctx, &p); err != nil {
				t.Fatal(err)
			}
			a := storage.Address{UserRef: user.ID, Kind: storage.AddressResidence, Text: "ул. Арбат"}
			if err := db.SetAddress(ctx, &a, 0); err != nil {
				t.Fatal(err)
			}
		}
		req := storage.VerificationRequest{UserRef: u.ID, Subject: storage.SubjectPerson, Level: 1, DueAt: time.Now().Add(time.Hour)}
		if err := db.CreateVerificationRequest(ctx, &req); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSession(ctx, &storage.Session{TokenHash: tokenHash(), UserRef: u.ID, Kind: storage.SessionBearer, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // idempotent
			if err := db.EraseUser(ctx, u.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.User(ctx, u.ID)
		if err != nil || got.PhoneIndex != "" || got.PhoneCipher != nil || got.OIDCIssuer != storage.ErasedIssuer ||
			got.OIDCSubject != u.UserID || got.Status != storage.UserDeactivated || got.UserID != u.UserID {
			t.Fatalf("erased user = %+v, %v", got, err)
		}
		if _, err := db.Profile(ctx, u.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("profile after erase: err = %v", err)
		}
		if _, err := db.Profile(ctx, other.ID); err != nil {
			t.Errorf("other user's profile after erase: err = %v", err)
		}
		r, err := db.VerificationRequest(ctx, req.ID)
		if err != nil || r.Status != storage.VerificationRejected || r.Reason != storage.ErasedReason || r.NotifiedAt.IsZero() {
			t.Errorf("open request after erase = %+v, %v", r, err)
		}
		c, err := db.CitizenCounts(ctx)
		if err != nil || c.Profiles != 1 || c.Children != 1 || c.Addresses != 1 || c.VerificationRequests != 1 {
			t.Errorf("CitizenCounts = %+v, %v", c, err)
		}
		if err := db.EraseUser(ctx, u.ID+1000, time.Now()); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("EraseUser of an unknown user: err = %v", err)
		}
	})
}
