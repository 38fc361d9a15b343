package storage_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// userID returns a fresh twelve-digit unique user ID.
func userID() string { return fmt.Sprintf("%d", 100_000_000_000+seq.Add(1)) }

// newPhoneUser creates an active user with a phone.
func newPhoneUser(t *testing.T, db *storage.DB) storage.User {
	t.Helper()
	u := storage.User{UserID: userID(), PhoneIndex: tokenHash(), PhoneCipher: []byte("sealed phone")}
	if err := db.CreateUser(t.Context(), &u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestUsers(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		idx := tokenHash()
		u := storage.User{UserID: userID(), PhoneIndex: strings.ToUpper(idx), PhoneCipher: []byte{1, 2, 3}}
		if err := db.CreateUser(ctx, &u); err != nil || u.ID == 0 || u.Status != storage.UserActive || u.PhoneIndex != idx || u.CreatedAt.IsZero() {
			t.Fatalf("CreateUser = %+v, %v", u, err)
		}
		oidc := storage.User{UserID: userID(), OIDCIssuer: "https://esia.gosuslugi.ru", OIDCSubject: "1000299353"}
		if err := db.CreateUser(ctx, &oidc); err != nil {
			t.Fatalf("CreateUser(oidc) = %v", err)
		}
		tests := []struct {
			name    string
			u       storage.User
			wantErr error
		}{
			{"taken user ID", storage.User{UserID: u.UserID, PhoneIndex: tokenHash(), PhoneCipher: []byte{1}}, storage.ErrConflict},
			{"taken phone", storage.User{UserID: userID(), PhoneIndex: idx, PhoneCipher: []byte{1}}, storage.ErrConflict},
			{"taken OIDC identity", storage.User{UserID: userID(), OIDCIssuer: oidc.OIDCIssuer, OIDCSubject: oidc.OIDCSubject}, storage.ErrConflict},
			{"same subject, other issuer", storage.User{UserID: userID(), OIDCIssuer: "https://other.example", OIDCSubject: oidc.OIDCSubject}, nil},
			{"raw phone as index", storage.User{UserID: userID(), PhoneIndex: "+79161234567", PhoneCipher: []byte{1}}, storage.ErrInvalid},
			{"index without cipher", storage.User{UserID: userID(), PhoneIndex: tokenHash()}, storage.ErrInvalid},
			{"issuer without subject", storage.User{UserID: userID(), OIDCIssuer: "https://x.example"}, storage.ErrInvalid},
			{"no login", storage.User{UserID: userID()}, storage.ErrInvalid},
			{"short user ID", storage.User{UserID: "12345", PhoneIndex: tokenHash(), PhoneCipher: []byte{1}}, storage.ErrInvalid},
			{"leading zero", storage.User{UserID: "012345678901", PhoneIndex: tokenHash(), PhoneCipher: []byte{1}}, storage.ErrInvalid},
			{"unknown status", storage.User{UserID: userID(), PhoneIndex: tokenHash(), PhoneCipher: []byte{1}, Status: "banned"}, storage.ErrInvalid},
		}
		for _, tt := range tests {
			if err := db.CreateUser(ctx, &tt.u); !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: CreateUser err = %v, want %v", tt.name, err, tt.wantErr)
			}
		}
		lookups := []struct {
			name string
			get  func() (storage.User, error)
			want storage.User
		}{
			{"User", func() (storage.User, error) { return db.User(ctx, u.ID) }, u},
			{"UserByUserID", func() (storage.User, error) { return db.UserByUserID(ctx, u.UserID) }, u},
			{"UserByPhoneIndex", func() (storage.User, error) { return db.UserByPhoneIndex(ctx, strings.ToUpper(idx)) }, u},
			{"UserByOIDC", func() (storage.User, error) { return db.UserByOIDC(ctx, oidc.OIDCIssuer, oidc.OIDCSubject) }, oidc},
		}
		for _, l := range lookups {
			got, err := l.get()
			if err != nil || got.ID != l.want.ID || got.UserID != l.want.UserID || got.PhoneIndex != l.want.PhoneIndex ||
				string(got.PhoneCipher) != string(l.want.PhoneCipher) || got.OIDCSubject != l.want.OIDCSubject || !got.CreatedAt.Equal(l.want.CreatedAt) {
				t.Errorf("%s = %+v, %v; want %+v", l.name, got, err, l.want)
			}
		}
		if _, err := db.UserByPhoneIndex(ctx, tokenHash()); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("UserByPhoneIndex of an unknown phone: err = %v", err)
		}
		if _, err := db.UserByUserID(ctx, "not a user id"); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("UserByUserID of a malformed ID: err = %v", err)
		}
		if _, err := db.UserByOIDC(ctx, oidc.OIDCIssuer, "someone else"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("UserByOIDC of an unknown subject: err = %v", err)
		}
	})
}

func TestUserStatusAndCitizen(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		c := newCitizen(t, db)
		if err := db.SetUserStatus(ctx, u.ID, storage.UserDeactivated); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserCitizen(ctx, u.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.User(ctx, u.ID)
		if err != nil || got.Status != storage.UserDeactivated || got.CitizenID == nil || *got.CitizenID != c.ID {
			t.Errorf("User after changes = %+v, %v", got, err)
		}
		tests := []struct {
			name    string
			err     error
			wantErr error
		}{
			{"status of unknown user", db.SetUserStatus(ctx, u.ID+100, storage.UserActive), storage.ErrNotFound},
			{"unknown status", db.SetUserStatus(ctx, u.ID, "banned"), storage.ErrInvalid},
			{"unknown citizen", db.SetUserCitizen(ctx, u.ID, c.ID+100), storage.ErrNotFound},
			{"citizen of unknown user", db.SetUserCitizen(ctx, u.ID+100, c.ID), storage.ErrNotFound},
		}
		for _, tt := range tests {
			if !errors.Is(tt.err, tt.wantErr) {
				t.Errorf("%s: err = %v, want %v", tt.name, tt.err, tt.wantErr)
			}
		}
	})
}

// A taken key inside a transaction leaves it usable: the caller looks the user up instead.
func TestCreateUserConflictInTx(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		u := newPhoneUser(t, db)
		err := db.Tx(ctx, func(tx *storage.Tx) error {
			dup := storage.User{UserID: userID(), PhoneIndex: u.PhoneIndex, PhoneCipher: []byte{1}}
			if err := tx.CreateUser(ctx, &dup); !errors.Is(err, storage.ErrConflict) {
				t.Errorf("CreateUser of a taken phone in tx: err = %v", err)
			}
			got, err := tx.UserByPhoneIndex(ctx, u.PhoneIndex)
			if err != nil || got.ID != u.ID {
				t.Errorf("UserByPhoneIndex after the conflict = %+v, %v", got, err)
			}
			other := storage.User{UserID: userID(), PhoneIndex: tokenHash(), PhoneCipher: []byte{1}}
			return tx.CreateUser(ctx, &other)
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.IdentityCounts(ctx); err != nil || n.Users != 2 {
			t.Errorf("IdentityCounts = %+v, %v; want 2 users", n, err)
		}
	})
}
