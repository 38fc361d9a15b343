package api_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/logtest"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestPersonalDataScan is the identity issue's acceptance "the personal-data scan finds
// nothing": citizens register by SMS, fill their profiles and verify their person (L1 to L3)
// and a flat (L1, L2) against registry extracts with the job running; then no phone, passport,
// SNILS, FLS or property certificate, in any common spelling, appears in the node's JSON logs,
// in what other users and officials can read (the overdue list, role listings, rounds,
// /readyz, /metrics), or in clear in a dump of the database. There are no open-data exports
// yet; when there are, they belong to this scan.
func TestPersonalDataScan(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testPersonalDataScan(t, driver) })
	}
}

func testPersonalDataScan(t *testing.T, driver string) {
	logs := &logtest.Buffer{}
	n := nodetest.StartWith(t, driver, nodetest.Options{
		Log: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	reg, people := nodetest.Extracts(t, 30, 11)
	n.StartVerification(t, reg)

	var needles []string
	var users []citizen
	for _, p := range []registrytest.Citizen{firstWith(t, people, registry.Owner), firstWith(t, people, registry.SocialTenant), people[2]} {
		u := verifyThroughAPI(t, n, p)
		users = append(users, u)
		needles = append(needles, spellings(u.phone, p)...)
	}
	// A refused document is not echoed either.
	bad := expect(t, n, "POST", "/api/v1/me/verification/person", users[2].caller, `{"level":3,"snils":"987-654-321 00"}`, http.StatusBadRequest)
	if strings.Contains(string(bad.body), "987") {
		t.Fatalf("the refusal repeats the SNILS: %s", bad.body)
	}

	admin := freshCitizen(t, n, false)
	moderator := freshCitizen(t, n, false)
	for who, role := range map[string]identity.Role{admin.userID: identity.RoleAdmin, moderator.userID: identity.RoleModerator} {
		if _, err := n.Identity.GrantRoleAsOperator(t.Context(), who, role, ""); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string][]byte{}
	for _, who := range []citizen{admin, moderator} {
		for _, path := range []string{"/api/v1/verification/overdue", "/api/v1/rounds", "/api/v1/me", "/readyz", "/metrics"} {
			seen[who.userID+path] = expect(t, n, "GET", path, who.caller, "", http.StatusOK).body
		}
	}
	for _, u := range users {
		path := "/api/v1/users/" + u.userID + "/roles"
		seen["admin "+path] = expect(t, n, "GET", path, admin.caller, "", http.StatusOK).body
	}
	seen["anonymous /metrics"] = expect(t, n, "GET", "/metrics", caller{}, "", http.StatusOK).body
	// Initiatives refer to their author by user key only.
	var ini struct{ ID int64 }
	expect(t, n, "POST", "/api/v1/initiatives", users[0].caller, `{"title":"Скамейки","problem":"Негде сесть",
		"expected_result":"Скамейки у подъезда","category":"improvement","cost_kopecks":100}`, http.StatusCreated).decode(t, &ini)
	for _, path := range []string{"/api/v1/initiatives/review", fmt.Sprintf("/api/v1/initiatives/%d", ini.ID)} {
		seen["moderator "+path] = expect(t, n, "GET", path, moderator.caller, "", http.StatusOK).body
	}

	places := map[string]string{"logs": logs.String(), "database dump": storagetest.DumpText(t, n.Storage)}
	for name, body := range seen {
		places["response "+name] = string(body)
	}
	if !strings.Contains(places["logs"], `"msg":"verification decided"`) {
		t.Fatal("the JSON log buffer holds no verification: the scan would prove nothing")
	}
	for place, text := range places {
		for _, needle := range needles {
			if strings.Contains(text, needle) {
				t.Errorf("%s holds %q", place, needle)
			}
		}
	}
}

// firstWith is the first generated person with the given right to their flat.
func firstWith(t *testing.T, people []registrytest.Citizen, role registry.Role) registrytest.Citizen {
	t.Helper()
	for _, p := range people {
		if p.Role == role {
			return p
		}
	}
	t.Fatalf("no %v in the extract", role)
	return registrytest.Citizen{}
}

// verifyThroughAPI registers p by SMS, fills the profile and the registration address, and
// verifies the person to level 3 and the flat to level 2, waiting for each decision.
func verifyThroughAPI(t *testing.T, n *nodetest.Node, p registrytest.Citizen) citizen {
	t.Helper()
	u := freshCitizen(t, n, false)
	expect(t, n, "PUT", "/api/v1/me/profile", u.caller, fmt.Sprintf(`{"full_name":%q,"birth_date":%q,"email":"c%s@example.org"}`,
		p.Person.FullName, p.Person.BirthDate.Format(time.DateOnly), u.userID), http.StatusOK)
	expect(t, n, "PUT", "/api/v1/me/addresses/registration", u.caller, fmt.Sprintf(`{"text":%q}`, p.Person.Address), http.StatusOK)
	pass := p.Passport.Reveal()
	flat := fmt.Sprintf(`{"level":2,"fls":%q,"social_tenant":true}`, p.FLS.Reveal())
	if p.Role == registry.Owner {
		flat = fmt.Sprintf(`{"fls":%q,"property_cert":%q}`, p.FLS.Reveal(), p.Cert.Reveal())
	}
	steps := []struct{ path, body string }{
		{"person", `{"level":1}`},
		{"person", fmt.Sprintf(`{"level":2,"passport":{"series":%q,"number":%q}}`, pass[:4], pass[4:])},
		{"person", fmt.Sprintf(`{"level":3,"snils":%q}`, p.SNILS.Reveal())},
		{"flat", fmt.Sprintf(`{"fls":%q,"building":%q,"flat":%q}`, p.FLS.Reveal(), p.Flat.Building, p.Flat.Number)},
		{"flat", flat},
	}
	for _, s := range steps {
		var req struct{ ID int64 }
		expect(t, n, "POST", "/api/v1/me/verification/"+s.path, u.caller, s.body, http.StatusAccepted).decode(t, &req)
		waitVerified(t, n, u, req.ID)
	}
	var v struct {
		PersonLevel int    `json:"person_level"`
		Passport    string `json:"passport"`
		SNILS       string `json:"snils"`
		Flats       []struct {
			Level int
			FLS   string `json:"fls"`
		}
	}
	r := expect(t, n, "GET", "/api/v1/me/verification", u.caller, "", http.StatusOK)
	r.decode(t, &v)
	if v.PersonLevel != 3 || len(v.Flats) != 1 || v.Flats[0].Level != 2 || v.SNILS != p.SNILS.String() ||
		v.Passport != p.Passport.String() || v.Flats[0].FLS != p.FLS.String() {
		t.Fatalf("verification = %s, want person 3 and a flat at 2, documents masked", r.body)
	}
	for _, needle := range spellings(u.phone, p) {
		if strings.Contains(string(r.body), needle) {
			t.Fatalf("the citizen's own verification shows %q in clear", needle)
		}
	}
	return u
}

// waitVerified waits until the request id of u is verified.
func waitVerified(t *testing.T, n *nodetest.Node, u citizen, id int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var v struct {
			Requests []struct {
				ID             int64
				Status, Reason string
			}
		}
		expect(t, n, "GET", "/api/v1/me/verification", u.caller, "", http.StatusOK).decode(t, &v)
		for _, r := range v.Requests {
			switch {
			case r.ID != id:
			case r.Status == "verified":
				return
			case r.Status == "rejected":
				t.Fatalf("request %d rejected: %s", id, r.Reason)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("request %d not decided in 30s", id)
}

// spellings are the ways a citizen's phone and documents may be written.
func spellings(phone string, p registrytest.Citizen) []string {
	d := strings.TrimPrefix(phone, "+7") // 10 digits: a substring of +7…, 8… and 7… spellings
	snils, pass, fls := p.SNILS.Reveal(), p.Passport.Reveal(), p.FLS.Reveal()
	out := []string{
		d,
		fmt.Sprintf("%s %s-%s-%s", d[:3], d[3:6], d[6:8], d[8:]),
		fmt.Sprintf("(%s) %s-%s-%s", d[:3], d[3:6], d[6:8], d[8:]),
		fmt.Sprintf("%s %s %s %s", d[:3], d[3:6], d[6:8], d[8:]),
		fmt.Sprintf("%s-%s-%s-%s", d[:3], d[3:6], d[6:8], d[8:]),
		snils,
		fmt.Sprintf("%s-%s-%s %s", snils[:3], snils[3:6], snils[6:9], snils[9:]),
		fmt.Sprintf("%s-%s-%s-%s", snils[:3], snils[3:6], snils[6:9], snils[9:]),
		pass,
		pass[:4] + " " + pass[4:],
		pass[:2] + " " + pass[2:4] + " " + pass[4:],
		fls,
	}
	if !p.Cert.IsZero() {
		cert := p.Cert.Reveal()
		out = append(out, cert, strings.ReplaceAll(cert, " ", ""), strings.ReplaceAll(cert, "-", " "))
	}
	return out
}
