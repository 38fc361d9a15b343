package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func roundBody() string {
	return fmt.Sprintf(`{"name":"Granted","budget_kopecks":1000,"deadline":%q,"initiatives":[{"title":"Park","cost_kopecks":500}]}`,
		time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
}

// TestRoleGrants: the operator appoints an admin, who makes another user treasury; that user
// may then create a round, and may not once the grant is revoked. Refused grants write nothing.
func TestRoleGrants(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testRoleGrants(t, driver) })
	}
}

func testRoleGrants(t *testing.T, driver string) {
	n := nodetest.Start(t, driver)
	admin, user := signIn(t, n, newPhone(), "bearer"), signIn(t, n, newPhone(), "cookie")
	if _, err := n.Identity.GrantRoleAsOperator(t.Context(), admin.userID, identity.RoleAdmin, ""); err != nil {
		t.Fatal(err)
	}
	if r := expect(t, n, "POST", "/api/v1/rounds", user.caller, roundBody(), http.StatusForbidden); r.code() != "forbidden" {
		t.Fatalf("before the grant: %s", r.body)
	}
	roles := "/api/v1/users/" + user.userID + "/roles"
	expect(t, n, "POST", roles, admin.caller, `{"role":"treasury"}`, http.StatusOK)
	expect(t, n, "POST", "/api/v1/rounds", user.caller, roundBody(), http.StatusAccepted)
	var list struct {
		UserID string `json:"user_id"`
		Roles  []struct{ Role, Territory string }
	}
	expect(t, n, "GET", roles, admin.caller, "", http.StatusOK).decode(t, &list)
	if list.UserID != user.userID || len(list.Roles) != 1 || list.Roles[0].Role != "treasury" {
		t.Fatalf("roles = %+v", list)
	}

	local := signIn(t, n, newPhone(), "bearer")
	if _, err := n.Identity.GrantRoleAsOperator(t.Context(), local.userID, identity.RoleAdmin, "cao"); err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		name, method, path string
		who                caller
		body               string
		status             int
		code               string
	}{
		{"unknown role", "POST", roles, admin.caller, `{"role":"mayor"}`, 400, "invalid_role"},
		{"bad territory", "POST", roles, admin.caller, `{"role":"moderator","territory":"ЦАО"}`, 400, "invalid_territory"},
		{"unknown user", "POST", "/api/v1/users/999999999999/roles", admin.caller, `{"role":"moderator"}`, 404, "user_not_found"},
		{"malformed user ID", "POST", "/api/v1/users/12/roles", admin.caller, `{"role":"moderator"}`, 400, "invalid_request"},
		{"malformed JSON", "POST", roles, admin.caller, `{"role":`, 400, "malformed_json"},
		{"not an admin", "POST", roles, user.caller, `{"role":"moderator"}`, 403, "forbidden"},
		{"anonymous", "POST", roles, caller{}, `{"role":"moderator"}`, 401, "unauthenticated"},
		{"local admin grants city-wide", "POST", roles, local.caller, `{"role":"moderator"}`, 403, "forbidden"},
		{"local admin elsewhere", "POST", roles, local.caller, `{"role":"moderator","territory":"zao"}`, 403, "forbidden"},
		{"revoke what is not held", "DELETE", roles + "/moderator", admin.caller, "", 404, "role_not_granted"},
		{"revoke an unknown role", "DELETE", roles + "/mayor", admin.caller, "", 400, "invalid_role"},
		{"local admin revokes city-wide", "DELETE", roles + "/treasury", local.caller, "", 403, "forbidden"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := identityState(t, n) + string(expect(t, n, "GET", roles, admin.caller, "", 200).body)
			r := send(t, n, tt.method, tt.path, tt.who, tt.body)
			if r.status != tt.status || r.code() != tt.code {
				t.Fatalf("got %d %s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
			if after := identityState(t, n) + string(expect(t, n, "GET", roles, admin.caller, "", 200).body); after != before {
				t.Fatalf("a refused request wrote:\n%s\n%s", before, after)
			}
		})
	}
	expect(t, n, "POST", roles, local.caller, `{"role":"moderator","territory":"cao"}`, http.StatusOK)
	expect(t, n, "DELETE", roles+"/moderator?territory=cao", local.caller, "", http.StatusNoContent)
	expect(t, n, "DELETE", roles+"/treasury", admin.caller, "", http.StatusNoContent)
	expect(t, n, "POST", "/api/v1/rounds", user.caller, roundBody(), http.StatusForbidden)
}
