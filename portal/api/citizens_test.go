package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestCitizensRefusals: every bad input or refused step gets its status and error code, and
// leaves every row count and the caller's profile, addresses and verification as they were.
func TestCitizensRefusals(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testCitizensRefusals(t, driver) })
	}
}

func testCitizensRefusals(t *testing.T, driver string) {
	n := nodetest.Start(t, driver)
	u := freshCitizen(t, n, false)
	expect(t, n, "PUT", "/api/v1/me/profile", u.caller, profileBody, http.StatusOK)
	expect(t, n, "PUT", "/api/v1/me/addresses/registration", u.caller, addressBody, http.StatusOK)
	noProfile := freshCitizen(t, n, false)
	pending := freshCitizen(t, n, true)
	expect(t, n, "POST", "/api/v1/me/verification/person", pending.caller, `{"level":1}`, http.StatusAccepted)
	flats := freshCitizen(t, n, false)
	for i := range 2 {
		expect(t, n, "POST", "/api/v1/me/verification/flat", flats.caller,
			fmt.Sprintf(`{"fls":"123456789%d","building":"г. Москва, ул. Тверская, д. 7","flat":"%d"}`, i, i+1), http.StatusAccepted)
	}

	tests := []struct {
		name         string
		who          citizen
		method, path string
		body         string
		status       int
		code         string
	}{
		{"malformed JSON", u, "PUT", "/api/v1/me/profile", `{"full_name":`, 400, "malformed_json"},
		{"unknown field", u, "PUT", "/api/v1/me/profile", `{"fullname":"Иванов Иван"}`, 400, "malformed_json"},
		{"one-word name", u, "PUT", "/api/v1/me/profile", `{"full_name":"Иванов","birth_date":"1980-05-12"}`, 400, "invalid_profile"},
		{"bad sex", u, "PUT", "/api/v1/me/profile", `{"full_name":"Иванов Иван Иванович","sex":"x","birth_date":"1980-05-12"}`, 400, "invalid_profile"},
		{"bad e-mail", u, "PUT", "/api/v1/me/profile", `{"full_name":"Иванов Иван Иванович","birth_date":"1980-05-12","email":"nope"}`, 400, "invalid_profile"},
		{"child born in the future", u, "PUT", "/api/v1/me/profile", `{"full_name":"Иванов Иван Иванович","birth_date":"1980-05-12","children":[2999]}`, 400, "invalid_profile"},
		{"no such date", u, "PUT", "/api/v1/me/profile", `{"full_name":"Иванов Иван Иванович","birth_date":"31.02.1980"}`, 400, "invalid_birth_date"},
		{"born in the future", u, "PUT", "/api/v1/me/profile", `{"full_name":"Иванов Иван Иванович","birth_date":"2999-01-01"}`, 400, "invalid_birth_date"},
		{"unknown address kind", u, "PUT", "/api/v1/me/addresses/home", addressBody, 404, "invalid_address_kind"},
		{"empty address", u, "PUT", "/api/v1/me/addresses/work", `{"text":"  "}`, 400, "invalid_address"},
		{"bad territory", u, "PUT", "/api/v1/me/addresses/work", `{"text":"г. Москва, ул. Арбат, д. 1","territory":"!cao"}`, 400, "invalid_territory"},
		{"address changed again too soon", u, "PUT", "/api/v1/me/addresses/registration", `{"text":"г. Москва, ул. Арбат, д. 1"}`, 409, "address_too_soon"},
		{"level 0", u, "POST", "/api/v1/me/verification/person", `{"level":0}`, 400, "invalid_level"},
		{"level 4", u, "POST", "/api/v1/me/verification/person", `{"level":4}`, 400, "invalid_level"},
		{"short passport series", u, "POST", "/api/v1/me/verification/person", `{"level":2,"passport":{"series":"45","number":"123456"}}`, 400, "invalid_passport"},
		{"no passport", u, "POST", "/api/v1/me/verification/person", `{"level":2}`, 400, "invalid_passport"},
		{"SNILS check digits", u, "POST", "/api/v1/me/verification/person", `{"level":3,"snils":"112-233-445 96"}`, 400, "invalid_snils"},
		{"SNILS too short", u, "POST", "/api/v1/me/verification/person", `{"level":3,"snils":"112-233"}`, 400, "invalid_snils"},
		{"level 2 before 1", u, "POST", "/api/v1/me/verification/person", `{"level":2,"passport":{"series":"4509","number":"123456"}}`, 409, "level_order"},
		{"level 3 before 1", u, "POST", "/api/v1/me/verification/person", `{"level":3,"snils":"112-233-445 95"}`, 409, "level_order"},
		{"no profile", noProfile, "POST", "/api/v1/me/verification/person", `{"level":1}`, 409, "profile_incomplete"},
		{"person check pending", pending, "POST", "/api/v1/me/verification/person", `{"level":1}`, 409, "verification_pending"},
		{"name locked while checked", pending, "PUT", "/api/v1/me/profile", `{"full_name":"Петров Пётр Петрович","birth_date":"1980-05-12"}`, 409, "identity_locked"},
		{"bad FLS", u, "POST", "/api/v1/me/verification/flat", `{"fls":"12345","building":"г. Москва, ул. Тверская, д. 7","flat":"12"}`, 400, "invalid_fls"},
		{"no building", u, "POST", "/api/v1/me/verification/flat", `{"fls":"1234567890","flat":"12"}`, 400, "invalid_flat"},
		{"bad certificate", u, "POST", "/api/v1/me/verification/flat", `{"fls":"1234567890","property_cert":"AB"}`, 400, "invalid_property_cert"},
		{"certificate and social tenancy", u, "POST", "/api/v1/me/verification/flat", `{"fls":"1234567890","property_cert":"77-АБ 123456","social_tenant":true}`, 400, "invalid_property_cert"},
		{"flat level 2 before 1", u, "POST", "/api/v1/me/verification/flat", `{"fls":"1234567890","property_cert":"77-АБ 123456"}`, 409, "level_order"},
		{"flat level 3", u, "POST", "/api/v1/me/verification/flat", `{"level":3,"fls":"1234567890"}`, 400, "invalid_level"},
		{"third flat", flats, "POST", "/api/v1/me/verification/flat", `{"fls":"1234567899","building":"г. Москва, ул. Тверская, д. 7","flat":"9"}`, 409, "too_many_flats"},
		{"flat check pending", flats, "POST", "/api/v1/me/verification/flat", `{"fls":"1234567890","building":"г. Москва, ул. Тверская, д. 7","flat":"1"}`, 409, "verification_pending"},
		{"adult as a minor", u, "POST", "/api/v1/me/minors", `{"full_name":"Иванов Пётр Иванович","birth_date":"1990-01-01","basis":"parent"}`, 400, "invalid_minor"},
		{"unknown basis", u, "POST", "/api/v1/me/minors", `{"full_name":"Иванов Пётр Иванович","birth_date":"2015-01-01","basis":"uncle"}`, 400, "invalid_minor"},
		{"minor's birth date", u, "POST", "/api/v1/me/minors", `{"full_name":"Иванов Пётр Иванович","birth_date":"2015-13-01","basis":"parent"}`, 400, "invalid_birth_date"},
		{"overdue limit", u, "GET", "/api/v1/verification/overdue?limit=0", "", 403, "forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := citizenState(t, n, tt.who)
			r := expect(t, n, tt.method, tt.path, tt.who.caller, tt.body, tt.status)
			if r.code() != tt.code {
				t.Fatalf("code = %q, want %q: %s", r.code(), tt.code, r.body)
			}
			if after := citizenState(t, n, tt.who); after != before {
				t.Fatalf("a refused request changed the state:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestAddressTooSoonSaysWhen: the refusal of an early address change carries the first
// instant it may change, 3 months after the last change.
func TestAddressTooSoonSaysWhen(t *testing.T) {
	n := nodetest.Start(t, "sqlite")
	u := freshCitizen(t, n, false)
	set := expect(t, n, "PUT", "/api/v1/me/addresses/residence", u.caller, addressBody, http.StatusOK)
	var a struct {
		ChangedAt  time.Time `json:"changed_at"`
		NextChange time.Time `json:"next_change"`
	}
	set.decode(t, &a)
	r := expect(t, n, "PUT", "/api/v1/me/addresses/residence", u.caller, `{"text":"г. Москва, ул. Арбат, д. 1"}`, http.StatusConflict)
	var e struct {
		Error struct {
			Code        string    `json:"code"`
			NextAllowed time.Time `json:"next_allowed"`
		} `json:"error"`
	}
	r.decode(t, &e)
	if e.Error.Code != "address_too_soon" || !e.Error.NextAllowed.Equal(a.NextChange) ||
		e.Error.NextAllowed.Sub(a.ChangedAt) < 89*24*time.Hour {
		t.Fatalf("too soon = %s, want next_allowed %v (changed %v)", r.body, a.NextChange, a.ChangedAt)
	}
	// The same address again is no change, and so allowed.
	expect(t, n, "PUT", "/api/v1/me/addresses/residence", u.caller, addressBody, http.StatusOK)
}

// TestServiceTokenHasNoProfile: a service token is no user, so it has no profile.
func TestServiceTokenHasNoProfile(t *testing.T) {
	n := nodetest.Start(t, "sqlite")
	token, err := n.Tokens.Issue(t.Context(), "treasury", "test")
	if err != nil {
		t.Fatal(err)
	}
	if r := expect(t, n, "GET", "/api/v1/me/profile", bearer(token), "", http.StatusForbidden); r.code() != "forbidden" {
		t.Fatalf("service token: %s", r.body)
	}
}

// TestEraseEndsTheSession: after erasing, the session is gone and the profile with it.
func TestEraseEndsTheSession(t *testing.T) {
	n := nodetest.Start(t, "sqlite")
	u := freshCitizen(t, n, true)
	cookie := signIn(t, n, u.phone, "cookie")
	r := expect(t, n, "POST", "/api/v1/me/erase", cookie.caller, "", http.StatusNoContent)
	if len(cookiesOf(r, "pbnode_session")) != 1 {
		t.Fatalf("erase did not delete the session cookie: %v", r.header)
	}
	for _, who := range []caller{u.caller, cookie.caller} {
		if got := send(t, n, "GET", "/api/v1/me/profile", who, ""); got.status != http.StatusUnauthorized {
			t.Fatalf("after erase: %d %s, want 401", got.status, got.body)
		}
	}
	p, err := n.Citizens.Profile(t.Context(), u.ref)
	if err != nil || p.FullName != "" {
		t.Fatalf("profile after erase = %+v, %v", p, err)
	}
}

// citizenState is every identity and citizens row count and what who sees of themselves.
func citizenState(t *testing.T, n *nodetest.Node, who citizen) string {
	t.Helper()
	c, err := n.DB.CitizenCounts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%+v %s", c, identityState(t, n))
	for _, path := range []string{"/api/v1/me/profile", "/api/v1/me/addresses", "/api/v1/me/verification", "/api/v1/me/minors"} {
		b.Write(expect(t, n, "GET", path, who.caller, "", http.StatusOK).body)
	}
	return b.String()
}
