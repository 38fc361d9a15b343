package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// budgetPageMatrix are the page route matrix's entries of the allocation page and the
// treasury dashboard. The columns' users hold no quota, so a form is sent back with its
// refusal (303), and the .../unsigned and .../direct endpoints answer it as JSON (422); the dashboard is the treasury's, auditors' and admins' (see officialPages).
func budgetPageMatrix(_ *testing.T, f *pageFixture) map[string]pageEntry {
	round := func(suffix string) string { return fmt.Sprintf("/rounds/%d/%s", f.roundID, suffix) }
	form := func(*pageFixture, string) url.Values { return url.Values{"initiative": {"1"}, "amount": {"1"}} }
	officialPages[round("treasury")] = map[string]int{"citizen": http.StatusForbidden, "moderator": http.StatusForbidden}
	return map[string]pageEntry{
		"GET /rounds/:round/allocate":  {true, page(round("allocate")), 0, 0},
		"POST /rounds/:round/allocate": {true, post(round("allocate"), form), 0, 0},
		"POST /rounds/:round/withdraw": {true, post(round("withdraw"), form), 0, 0},
		"GET /rounds/:round/treasury":  {true, page(round("treasury")), 0, 0}, // admin: 200
		// The record a wallet of the user's own signs, for static/allocate.js: without a
		// quota, the refusal as JSON.
		"POST /rounds/:round/allocate/unsigned": {true, post(round("allocate/unsigned"), form), 0, http.StatusUnprocessableEntity},
		"POST /rounds/:round/withdraw/unsigned": {true, post(round("withdraw/unsigned"), form), 0, http.StatusUnprocessableEntity},
		// The call a wallet of the user's own sends itself: refused as JSON alike.
		"POST /rounds/:round/allocate/direct": {true, post(round("allocate/direct"), form), 0, http.StatusUnprocessableEntity},
		"POST /rounds/:round/withdraw/direct": {true, post(round("withdraw/direct"), form), 0, http.StatusUnprocessableEntity},
	}
}
