package identity_test

import (
	"errors"
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestPrincipalHas(t *testing.T) {
	t.Parallel()
	p := identity.Principal{Roles: []identity.RoleGrant{
		{Role: identity.RoleModerator, Territory: "cao"},
		{Role: identity.RoleAuditor},
	}}
	tests := []struct {
		role      identity.Role
		territory string
		want      bool
	}{
		{identity.RoleModerator, "cao", true},
		{identity.RoleModerator, "zao", false},
		{identity.RoleModerator, "", false}, // a territorial grant does not cover the city
		{identity.RoleAuditor, "", true},
		{identity.RoleAuditor, "zao", true}, // a city-wide grant covers every territory
		{identity.RoleAdmin, "", false},
	}
	for _, tt := range tests {
		if got := p.Has(tt.role, tt.territory); got != tt.want {
			t.Errorf("Has(%s, %q) = %v, want %v", tt.role, tt.territory, got, tt.want)
		}
	}
}

func TestGrantAndRevokeRoles(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, roomy())
		adminSess, admin := h.signIn(t, newPhone(), identity.Bearer)
		localSess, local := h.signIn(t, newPhone(), identity.Bearer)
		_, mod := h.signIn(t, newPhone(), identity.Bearer)
		if g, err := h.svc.GrantRoleAsOperator(ctx, admin.UserID, identity.RoleAdmin, ""); err != nil || g.GrantedBy != 0 {
			t.Fatalf("GrantRoleAsOperator = %+v, %v", g, err)
		}
		principal := func(token string) identity.Principal {
			p, err := h.svc.Authenticate(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		city := principal(adminSess.Token)
		if g, err := h.svc.GrantRole(ctx, city, local.UserID, identity.RoleAdmin, "cao"); err != nil || g.GrantedBy != admin.ID {
			t.Fatalf("GrantRole(admin of cao) = %+v, %v", g, err)
		}
		cao := principal(localSess.Token)
		spaced := mod.UserID[:4] + " " + mod.UserID[4:8] + "-" + mod.UserID[8:]
		tests := []struct {
			name      string
			by        identity.Principal
			userID    string
			role      identity.Role
			territory string
			want      error
		}{
			{"local admin in own territory", cao, spaced, identity.RoleModerator, "cao", nil},
			{"again", cao, mod.UserID, identity.RoleModerator, "cao", nil},
			{"local admin elsewhere", cao, mod.UserID, identity.RoleModerator, "zao", identity.ErrForbidden},
			{"local admin city-wide", cao, mod.UserID, identity.RoleModerator, "", identity.ErrForbidden},
			{"city admin anywhere", city, mod.UserID, identity.RoleDepartment, "zao/arbat", nil},
			{"city admin, city-wide", city, mod.UserID, identity.RoleCitizen, "", nil},
			{"unknown role", city, mod.UserID, "mayor", "", identity.ErrInvalidRole},
			{"bad territory", city, mod.UserID, identity.RoleModerator, "ЦАО", identity.ErrInvalidTerritory},
			{"bad territory start", city, mod.UserID, identity.RoleModerator, "/cao", identity.ErrInvalidTerritory},
			{"unknown user", city, "999999999999", identity.RoleModerator, "", identity.ErrUnknownUser},
			{"malformed user ID", city, "12345", identity.RoleModerator, "", pii.ErrUserIDFormat},
		}
		for _, tt := range tests {
			if _, err := h.svc.GrantRole(ctx, tt.by, tt.userID, tt.role, tt.territory); !errors.Is(err, tt.want) {
				t.Errorf("%s: GrantRole err = %v, want %v", tt.name, err, tt.want)
			}
		}
		modP := principal(mustSession(t, h, mod).Token)
		if !modP.Has(identity.RoleModerator, "cao") || modP.Has(identity.RoleModerator, "zao") ||
			!modP.Has(identity.RoleDepartment, "zao/arbat") || !modP.Has(identity.RoleCitizen, "cao") || modP.Has(identity.RoleAdmin, "cao") {
			t.Errorf("moderator's grants = %+v", modP.Roles)
		}
		if _, err := h.svc.GrantRole(ctx, modP, admin.UserID, identity.RoleCitizen, "cao"); !errors.Is(err, identity.ErrForbidden) {
			t.Errorf("a non-admin grants: err = %v, want ErrForbidden", err)
		}
		revokes := []struct {
			name      string
			by        identity.Principal
			role      identity.Role
			territory string
			want      error
		}{
			{"local admin elsewhere", cao, identity.RoleDepartment, "zao/arbat", identity.ErrForbidden},
			{"local admin in own territory", cao, identity.RoleModerator, "cao", nil},
			{"again", cao, identity.RoleModerator, "cao", identity.ErrNotGranted},
			{"city admin", city, identity.RoleDepartment, "zao/arbat", nil},
			{"unknown role", city, "mayor", "", identity.ErrInvalidRole},
		}
		for _, tt := range revokes {
			if err := h.svc.RevokeRole(ctx, tt.by, mod.UserID, tt.role, tt.territory); !errors.Is(err, tt.want) {
				t.Errorf("%s: RevokeRole err = %v, want %v", tt.name, err, tt.want)
			}
		}
		grants, err := h.svc.Roles(ctx, mod.UserID)
		if err != nil || len(grants) != 1 || grants[0].Role != identity.RoleCitizen || grants[0].GrantedBy != admin.ID {
			t.Errorf("Roles after revokes = %+v, %v; want citizen only", grants, err)
		}
		if _, err := h.svc.Roles(ctx, "999999999999"); !errors.Is(err, identity.ErrUnknownUser) {
			t.Errorf("Roles of an unknown user: err = %v", err)
		}
	})
}

// mustSession signs u in again by SMS, reading its phone back from the vault, so that the
// session's principal shows the grants made since.
func mustSession(t *testing.T, h *harness, u identity.User) identity.Session {
	t.Helper()
	rec, err := h.db.User(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	phone, err := h.vault.Open(pii.KindPhone, rec.PhoneCipher)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := h.signIn(t, string(phone), identity.Bearer)
	return s
}
