package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// fixture is a node with one open round, three citizens holding quotas, service tokens of the
// officials, and bearer sessions of the three citizens (signed in by SMS).
type fixture struct {
	node     *nodetest.Node
	roundID  int64
	treasury string
	registr  string
	auditor  string
	citizens []string // bearer sessions of citizens 0..2
	addrs    []common.Address
}

func newFixture(t *testing.T, driver string) *fixture {
	t.Helper()
	n := nodetest.Start(t, driver)
	f := &fixture{node: n}
	f.treasury = issue(t, n, access.RoleTreasury)
	f.registr = issue(t, n, access.RoleRegistrar)
	f.auditor = issue(t, n, access.RoleAuditor)

	var round struct{ ID int64 }
	body := fmt.Sprintf(`{"name":"Test round","budget_kopecks":300000,"deadline":%q,
		"initiatives":[{"title":"Park","cost_kopecks":100000},{"title":"Lights","cost_kopecks":250000}]}`,
		time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	f.do(t, "POST", "/api/v1/rounds", f.treasury, body, http.StatusAccepted, &round)
	f.roundID = round.ID

	// The citizens have custodial wallets: the node signs their BudgetRoundV2 records.
	for range 3 {
		tok, addr := custodialSession(t, n)
		f.citizens, f.addrs = append(f.citizens, tok), append(f.addrs, addr)
	}
	f.do(t, "POST", f.round("/quotas"), f.registr,
		fmt.Sprintf(`{"citizens":[%q,%q,%q]}`, f.addrs[0], f.addrs[1], f.addrs[2]), http.StatusAccepted, nil)
	n.Drain(t)
	return f
}

// custodialSession signs a new user in by SMS, gives them a custodial wallet (as their
// verification does) and returns their bearer session and wallet address.
func custodialSession(t *testing.T, n *nodetest.Node) (string, common.Address) {
	t.Helper()
	s := signIn(t, n, newPhone(), "bearer")
	u, err := n.DB.UserByUserID(t.Context(), s.userID)
	if err != nil {
		t.Fatal(err)
	}
	w, err := n.Wallets.EnsureCustodial(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s.token, w.Address
}

func issue(t *testing.T, n *nodetest.Node, role access.Role) string {
	t.Helper()
	tok, err := n.Tokens.Issue(t.Context(), role, "test")
	if err != nil {
		t.Fatalf("issue %s token: %v", role, err)
	}
	return tok
}

func (f *fixture) round(path string) string {
	return fmt.Sprintf("/api/v1/rounds/%d%s", f.roundID, path)
}

// do sends a request and checks its status; out, if set, receives the decoded body.
func (f *fixture) do(t *testing.T, method, path, token, body string, want int, out any) []byte {
	t.Helper()
	got, data := f.send(t, method, path, token, body)
	if got != want {
		t.Fatalf("%s %s = %d, want %d: %s", method, path, got, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("decode %s: %v", data, err)
		}
	}
	return data
}

func (f *fixture) send(t *testing.T, method, path, token, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.node.URL+path, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

// snapshot is everything a failed request could have changed: rounds with totals, the
// initiatives' piggy banks, each citizen's balance, and the number of chain operations.
func (f *fixture) snapshot(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.Write(f.do(t, "GET", "/api/v1/rounds", "", "", 200, nil))
	b.Write(f.do(t, "GET", f.round("/initiatives"), "", "", 200, nil))
	for _, a := range f.addrs {
		b.Write(f.do(t, "GET", f.round("/citizens/"+a.Hex()+"/balance"), f.auditor, "", 200, nil))
	}
	ops, err := f.node.DB.CountOps(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "ops=%d", ops)
	return b.String()
}

// TestAPIErrors: every refused request gets its stable code and leaves nothing behind.
func TestAPIErrors(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testAPIErrors(t, driver) })
	}
}

func testAPIErrors(t *testing.T, driver string) {
	f := newFixture(t, driver)
	closed := newRoundClosingAt(t, f, time.Now().Add(-time.Hour))
	closing := newRoundClosingAt(t, f, time.Now().Add(time.Minute))
	cit := f.citizens[0]
	oldCitizenToken := storedCitizenToken(t, f)
	tests := []struct {
		name, method, path, token, body string
		status                          int
		code                            string
	}{
		{"malformed JSON", "POST", f.round("/allocations"), cit, `{"initiative":1,`, 400, "malformed_json"},
		{"unknown field", "POST", f.round("/allocations"), cit, `{"initiative":1,"amount_kopecks":5,"x":1}`, 400, "malformed_json"},
		{"trailing data", "POST", f.round("/allocations"), cit, `{"initiative":1,"amount_kopecks":5}{}`, 400, "malformed_json"},
		{"amount not a number", "POST", f.round("/allocations"), cit, `{"initiative":1,"amount_kopecks":"5"}`, 400, "malformed_json"},
		{"zero amount", "POST", f.round("/allocations"), cit, `{"initiative":1,"amount_kopecks":0}`, 400, "invalid_request"},
		{"negative amount", "POST", f.round("/allocations"), cit, `{"initiative":1,"amount_kopecks":-5}`, 400, "invalid_request"},
		{"unknown round", "POST", "/api/v1/rounds/999/allocations", cit, `{"initiative":1,"amount_kopecks":5}`, 404, "round_not_found"},
		{"unknown round read", "GET", "/api/v1/rounds/999", "", "", 404, "round_not_found"},
		{"bad round id", "GET", "/api/v1/rounds/abc", "", "", 400, "invalid_request"},
		{"unknown initiative", "POST", f.round("/allocations"), cit, `{"initiative":7,"amount_kopecks":5}`, 404, "initiative_not_found"},
		{"over balance R-1.3", "POST", f.round("/allocations"), cit, `{"initiative":1,"amount_kopecks":100001}`, 422, "insufficient_balance"},
		{"withdraw more than allocated R-1.3", "POST", f.round("/withdrawals"), cit, `{"initiative":1,"amount_kopecks":1}`, 422, "insufficient_allocation"},
		{"after the deadline R-1.3", "POST", fmt.Sprintf("/api/v1/rounds/%d/allocations", closed), cit, `{"initiative":1,"amount_kopecks":5}`, 409, "deadline_passed"},
		{"within the close margin before the deadline", "POST", fmt.Sprintf("/api/v1/rounds/%d/allocations", closing), cit, `{"initiative":1,"amount_kopecks":5}`, 409, "deadline_passed"},
		{"finalize before the deadline R-1.4", "POST", f.round("/finalize"), f.treasury, "", 409, "deadline_not_reached"},
		{"no token", "POST", f.round("/allocations"), "", `{"initiative":1,"amount_kopecks":5}`, 401, "unauthenticated"},
		{"unknown token", "POST", f.round("/allocations"), "pbt_" + strings.Repeat("A", 43), `{"initiative":1,"amount_kopecks":5}`, 401, "unauthenticated"},
		{"garbage token", "GET", "/api/v1/rounds", "not-a-token", "", 401, "unauthenticated"},
		{"a citizen's stored service token", "POST", f.round("/allocations"), oldCitizenToken, `{"initiative":1,"amount_kopecks":5}`, 401, "unauthenticated"},
		{"wrong role: citizen creates a round", "POST", "/api/v1/rounds", cit, `{"name":"x","budget_kopecks":1,"deadline":"2030-01-01T00:00:00Z"}`, 403, "forbidden"},
		{"wrong role: treasury allocates", "POST", f.round("/allocations"), f.treasury, `{"initiative":1,"amount_kopecks":5}`, 403, "forbidden"},
		{"wrong role: auditor finalizes", "POST", f.round("/finalize"), f.auditor, "", 403, "forbidden"},
		{"wrong role: citizen distributes", "POST", f.round("/quotas"), cit, `{"citizens":["0x0000000000000000000000000000000000000009"]}`, 403, "forbidden"},
		{"citizen reads another's balance", "GET", f.round("/citizens/" + f.addrs[1].Hex() + "/balance"), cit, "", 403, "forbidden"},
		{"distribute twice R-1.2", "POST", f.round("/quotas"), f.registr, `{"citizens":["0x0000000000000000000000000000000000000009"]}`, 409, "already_distributed"},
		{"bad deadline", "POST", "/api/v1/rounds", f.treasury, `{"name":"x","budget_kopecks":100,"deadline":"2001-01-01T00:00:00Z"}`, 400, "invalid_request"},
		{"no such endpoint", "GET", "/api/v1/nothing", "", "", 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.snapshot(t)
			status, data := f.send(t, tt.method, tt.path, tt.token, tt.body)
			var got struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatalf("body %q is not the JSON error shape: %v", data, err)
			}
			if status != tt.status || got.Error.Code != tt.code || got.Error.Message == "" {
				t.Fatalf("got %d %q (%q), want %d %q", status, got.Error.Code, got.Error.Message, tt.status, tt.code)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused request changed state:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// storedCitizenToken stores a citizen service token for citizen 0 straight in the database,
// as the foundation issued them: it must no longer authenticate.
func storedCitizenToken(t *testing.T, f *fixture) string {
	t.Helper()
	c, err := f.node.DB.CitizenByAddress(t.Context(), strings.ToLower(f.addrs[0].Hex()))
	if err != nil {
		t.Fatal(err)
	}
	token := "pbt_" + base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{0xc0}, 32))
	sum := sha256.Sum256([]byte(token))
	if err := f.node.DB.CreateAPIToken(t.Context(), &storage.APIToken{Hash: hex.EncodeToString(sum[:]), Role: "citizen", CitizenID: &c.ID}); err != nil {
		t.Fatal(err)
	}
	return token
}

// newRoundClosingAt creates a round with that deadline through the database directly: the API
// refuses to create one so close to (or past) its deadline.
func newRoundClosingAt(t *testing.T, f *fixture, deadline time.Time) int64 {
	t.Helper()
	r := storage.Round{Name: "Closed", Symbol: "CLOSED", Budget: 100, Deadline: deadline.UTC(),
		Treasury: "0x0000000000000000000000000000000000000001", Status: storage.RoundOpen}
	if err := f.node.DB.CreateRound(t.Context(), &r); err != nil {
		t.Fatal(err)
	}
	ini := storage.Initiative{RoundID: r.ID, Title: "x", Cost: 10}
	if err := f.node.DB.CreateInitiative(t.Context(), &ini); err != nil {
		t.Fatal(err)
	}
	return r.ID
}
