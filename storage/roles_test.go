package storage_test

import (
	"errors"
	"testing"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestUserRoles(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		admin, u := newPhoneUser(t, db), newPhoneUser(t, db)
		grants := []struct {
			name        string
			g           storage.UserRole
			wantCreated bool
			wantErr     error
		}{
			{"city-wide", storage.UserRole{UserRef: u.ID, Role: "moderator", GrantedBy: &admin.ID}, true, nil},
			{"territorial", storage.UserRole{UserRef: u.ID, Role: "moderator", Territory: "cao"}, true, nil},
			{"again", storage.UserRole{UserRef: u.ID, Role: "moderator", Territory: "cao", GrantedBy: &admin.ID}, false, nil},
			{"another role", storage.UserRole{UserRef: u.ID, Role: "auditor"}, true, nil},
			{"no role", storage.UserRole{UserRef: u.ID}, false, storage.ErrInvalid},
			{"unknown user", storage.UserRole{UserRef: u.ID + 100, Role: "admin"}, false, storage.ErrNotFound},
			{"unknown granter", storage.UserRole{UserRef: u.ID, Role: "admin", GrantedBy: new(int64(u.ID + 100))}, false, storage.ErrNotFound},
		}
		for _, tt := range grants {
			created, err := db.GrantUserRole(ctx, &tt.g)
			if created != tt.wantCreated || !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: GrantUserRole = %v, %v; want %v, %v", tt.name, created, err, tt.wantCreated, tt.wantErr)
			}
			if err == nil && (tt.g.CreatedAt.IsZero() || tt.g.UserRef != u.ID) {
				t.Errorf("%s: grant = %+v", tt.name, tt.g)
			}
		}
		roles, err := db.UserRoles(ctx, u.ID)
		if err != nil || len(roles) != 3 {
			t.Fatalf("UserRoles = %+v, %v; want 3 grants", roles, err)
		}
		want := []struct{ role, territory string }{{"auditor", ""}, {"moderator", ""}, {"moderator", "cao"}}
		for i, w := range want {
			if roles[i].Role != w.role || roles[i].Territory != w.territory {
				t.Errorf("grant %d = %+v, want %v", i, roles[i], w)
			}
		}
		if roles[1].GrantedBy == nil || *roles[1].GrantedBy != admin.ID || roles[2].GrantedBy != nil {
			t.Errorf("granted_by = %v, %v; want admin, then nil (the first grant is kept)", roles[1].GrantedBy, roles[2].GrantedBy)
		}
		if err := db.RevokeUserRole(ctx, u.ID, "moderator", "cao"); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeUserRole(ctx, u.ID, "moderator", "cao"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("RevokeUserRole again: err = %v, want ErrNotFound", err)
		}
		if roles, err := db.UserRoles(ctx, u.ID); err != nil || len(roles) != 2 {
			t.Errorf("UserRoles after revoke = %+v, %v", roles, err)
		}
		if roles, err := db.UserRoles(ctx, admin.ID); err != nil || len(roles) != 0 {
			t.Errorf("UserRoles of a user without grants = %+v, %v", roles, err)
		}
	})
}
