package api_test

import (
	"testing"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
)

// Valid bodies of the citizens' endpoints.
const (
	profileBody = `{"full_name":"Иванов Иван Иванович","sex":"m","birth_date":"1980-05-12","email":"ivanov@example.org","children":[2015]}`
	addressBody = `{"text":"г. Москва, ул. Тверская, д. 7, кв. 12","territory":"cao/tverskoy"}`
	flatBody    = `{"fls":"1234567890","building":"г. Москва, ул. Тверская, д. 7","flat":"12"}`
	minorBody   = `{"full_name":"Иванов Пётр Иванович","birth_date":"2015-04-01","basis":"parent"}`
)

// citizenMatrix are the authorization matrix's entries of the citizens' endpoints. Calls that
// change the caller for good (a verification queued, the account deactivated or erased) are
// made by a fresh user, so that the column's user stays as it was.
func citizenMatrix() map[string]matrixEntry {
	fresh := func(path, body string, profile bool) func(*testing.T, *matrixFixture, string) request {
		return func(t *testing.T, f *matrixFixture, role string) request {
			if role == "anonymous" {
				return request{path: path, body: body}
			}
			return request{path: path, body: body, who: freshCitizen(t, f.n, profile).caller}
		}
	}
	return map[string]matrixEntry{
		"GET /api/v1/me/profile":              {anySession, fixed("/api/v1/me/profile", "")},
		"PUT /api/v1/me/profile":              {anySession, fixed("/api/v1/me/profile", profileBody)},
		"GET /api/v1/me/addresses":            {anySession, fixed("/api/v1/me/addresses", "")},
		"PUT /api/v1/me/addresses/:kind":      {anySession, fixed("/api/v1/me/addresses/residence", addressBody)},
		"GET /api/v1/me/verification":         {anySession, fixed("/api/v1/me/verification", "")},
		"POST /api/v1/me/verification/person": {anySession, fresh("/api/v1/me/verification/person", `{"level":1}`, true)},
		"POST /api/v1/me/verification/flat":   {anySession, fresh("/api/v1/me/verification/flat", flatBody, false)},
		"GET /api/v1/me/minors":               {anySession, fixed("/api/v1/me/minors", "")},
		"POST /api/v1/me/minors":              {anySession, fixed("/api/v1/me/minors", minorBody)},
		"POST /api/v1/me/deactivate":          {anySession, fresh("/api/v1/me/deactivate", "", false)},
		"POST /api/v1/me/erase":               {anySession, fresh("/api/v1/me/erase", "", true)},
		"GET /api/v1/verification/overdue":    {"moderator|admin", fixed("/api/v1/verification/overdue", "")},
	}
}

// citizen is a user signed in through the API, with its internal key.
type citizen struct {
	signedIn
	ref   int64
	phone string
}

// freshCitizen signs a new phone in, with the profile of profileBody when profile is set.
func freshCitizen(t *testing.T, n *nodetest.Node, profile bool) citizen {
	t.Helper()
	phone := newPhone()
	c := citizen{signedIn: signIn(t, n, phone, "bearer"), phone: phone}
	rec, err := n.DB.UserByUserID(t.Context(), c.userID)
	if err != nil {
		t.Fatal(err)
	}
	c.ref = rec.ID
	if profile {
		in := citizens.ProfileInput{FullName: "Иванов Иван Иванович", Sex: "m", BirthDate: "1980-05-12"}
		if _, err := n.Citizens.UpdateProfile(t.Context(), c.ref, in); err != nil {
			t.Fatal(err)
		}
	}
	return c
}
