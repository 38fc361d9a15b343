package api_test

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/siwe"
	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// verifyMatrixCitizen gives the matrix node one citizen verified at level 1, with a
// custodial wallet, so that a round's eligibility finds somebody.
func verifyMatrixCitizen(t *testing.T, n *nodetest.Node) {
	t.Helper()
	reg, people := nodetest.Extracts(t, 3, 7)
	s := signIn(t, n, newPhone(), "bearer")
	u, err := n.DB.UserByUserID(t.Context(), s.userID)
	if err != nil {
		t.Fatal(err)
	}
	n.VerifyPerson(t, u.ID, reg, people[0], 1, "")
}

// matrixLink makes a valid wallet link: a fresh user (its wallet holds no quota) signs the
// challenge it was issued. Anonymous callers send the same body without a session.
func matrixLink(t *testing.T, f *matrixFixture, role string) request {
	s := signIn(t, f.n, newPhone(), "bearer")
	body := signedChallenge(t, f.n, s.caller, nil)
	if role == "anonymous" {
		return request{path: "/api/v1/me/wallet/siwe", body: body}
	}
	return request{path: "/api/v1/me/wallet/siwe", body: body, who: s.caller}
}

type challengeJSON struct {
	Nonce          string    `json:"nonce"`
	Domain         string    `json:"domain"`
	URI            string    `json:"uri"`
	ChainID        uint64    `json:"chain_id"`
	IssuedAt       time.Time `json:"issued_at"`
	ExpirationTime time.Time `json:"expiration_time"`
	Statement      string    `json:"statement"`
}

// signedChallenge asks for a nonce as who and returns the link request body: the message a
// wallet composes from the challenge (changed by edit), signed with a fresh key.
func signedChallenge(t *testing.T, n *nodetest.Node, who caller, edit func(*siwe.Message)) string {
	t.Helper()
	body, _ := signedChallengeKey(t, n, who, edit)
	return body
}

// signedChallengeKey is signedChallenge that also returns the wallet's key.
func signedChallengeKey(t *testing.T, n *nodetest.Node, who caller, edit func(*siwe.Message)) (string, *ecdsa.PrivateKey) {
	t.Helper()
	var c challengeJSON
	expect(t, n, "POST", "/api/v1/me/wallet/siwe/nonce", who, "", http.StatusOK).decode(t, &c)
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	m := siwe.Message{Domain: c.Domain, Address: crypto.PubkeyToAddress(key.PublicKey), Statement: &c.Statement, URI: c.URI,
		ChainID: c.ChainID, Nonce: c.Nonce, IssuedAt: c.IssuedAt.Format(time.RFC3339), ExpirationTime: c.ExpirationTime.Format(time.RFC3339)}
	if edit != nil {
		edit(&m)
	}
	sig, err := crypto.Sign(accounts.TextHash([]byte(m.String())), key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	body, _ := json.Marshal(map[string]string{"message": m.String(), "signature": hexutil.Encode(sig)})
	return string(body), key
}

// TestWalletAPI walks the wallet endpoints: a new user has no wallet, links one, and the
// refusals answer their codes and write nothing.
func TestWalletAPI(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	s := signIn(t, n, newPhone(), "bearer")
	expectCode(t, send(t, n, "GET", "/api/v1/me/wallet", s.caller, ""), http.StatusNotFound, "citizen_not_found")

	var c challengeJSON
	expect(t, n, "POST", "/api/v1/me/wallet/siwe/nonce", s.caller, "", http.StatusOK).decode(t, &c)
	if c.Domain != strings.TrimPrefix(n.URL, "http://") || c.URI != n.URL || c.ChainID == 0 || len(c.Nonce) < 8 ||
		c.ExpirationTime.Sub(c.IssuedAt) != 10*time.Minute {
		t.Errorf("challenge = %+v", c)
	}

	refusals := []struct {
		name   string
		edit   func(*siwe.Message)
		status int
		code   string
	}{
		{"another domain", func(m *siwe.Message) { m.Domain = "evil.example" }, http.StatusBadRequest, "siwe_wrong_domain"},
		{"another chain", func(m *siwe.Message) { m.ChainID++ }, http.StatusBadRequest, "siwe_wrong_chain"},
		{"unknown nonce", func(m *siwe.Message) { m.Nonce = "unknownNonce1" }, http.StatusBadRequest, "siwe_nonce_unknown"},
		{"signed by another key", func(m *siwe.Message) { m.Address = common.HexToAddress("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23") },
			http.StatusBadRequest, "siwe_bad_signature"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			body := signedChallenge(t, n, s.caller, tt.edit)
			before := storagetest.DumpText(t, n.Storage)
			expectCode(t, send(t, n, "POST", "/api/v1/me/wallet/siwe", s.caller, body), tt.status, tt.code)
			if storagetest.DumpText(t, n.Storage) != before {
				t.Error("a refused link wrote to the database")
			}
		})
	}

	body := signedChallenge(t, n, s.caller, nil)
	var linked struct {
		Address  string    `json:"address"`
		Kind     string    `json:"kind"`
		LinkedAt time.Time `json:"linked_at"`
	}
	expect(t, n, "POST", "/api/v1/me/wallet/siwe", s.caller, body, http.StatusOK).decode(t, &linked)
	if !common.IsHexAddress(linked.Address) || linked.Kind != "siwe" || linked.LinkedAt.IsZero() {
		t.Errorf("link = %+v", linked)
	}
	expectCode(t, send(t, n, "POST", "/api/v1/me/wallet/siwe", s.caller, body), http.StatusConflict, "siwe_replayed")
	var mine struct{ Address string }
	expect(t, n, "GET", "/api/v1/me/wallet", s.caller, "", http.StatusOK).decode(t, &mine)
	if mine.Address != linked.Address {
		t.Errorf("GET /me/wallet = %s, want %s", mine.Address, linked.Address)
	}
}

// TestQuotasFromEligibility: a round's quotas go to the wallets of the citizens its rules
// admit (level and territory); an explicit list is the registrar's service tokens' only.
func TestQuotasFromEligibility(t *testing.T) {
	n := nodetest.Start(t, storage.DriverSQLite)
	reg, people := nodetest.Extracts(t, 4, 11)
	users := make([]int64, 4)
	for i, tt := range []struct {
		level     int
		territory string
	}{{3, "msk/cao/arbat"}, {1, "msk/cao"}, {3, "msk/zao"}, {0, "msk/cao"}} {
		s := signIn(t, n, newPhone(), "bearer")
		u, err := n.DB.UserByUserID(t.Context(), s.userID)
		if err != nil {
			t.Fatal(err)
		}
		users[i] = u.ID
		if tt.level > 0 {
			n.VerifyPerson(t, u.ID, reg, people[i], tt.level, tt.territory)
		}
	}
	treasury, err := n.Tokens.Issue(t.Context(), access.RoleTreasury, "test")
	if err != nil {
		t.Fatal(err)
	}
	registrar, err := n.Tokens.Issue(t.Context(), access.RoleRegistrar, "test")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	var round struct {
		ID          int64
		Eligibility struct {
			MinPersonLevel int    `json:"min_person_level"`
			Territory      string `json:"territory"`
		}
	}
	expect(t, n, "POST", "/api/v1/rounds", bearer(treasury), fmt.Sprintf(`{"name":"CAO","budget_kopecks":1001,"deadline":%q,
		"eligibility":{"min_person_level":3,"territory":"msk/cao"}}`, deadline), http.StatusAccepted).decode(t, &round)
	if round.Eligibility.MinPersonLevel != 3 || round.Eligibility.Territory != "msk/cao" {
		t.Errorf("round eligibility = %+v", round.Eligibility)
	}
	var d struct {
		Citizens         int   `json:"citizens"`
		EachKopecks      int64 `json:"each_kopecks"`
		RemainderKopecks int64 `json:"remainder_kopecks"`
	}
	expect(t, n, "POST", fmt.Sprintf("/api/v1/rounds/%d/quotas", round.ID), bearer(registrar), "", http.StatusAccepted).decode(t, &d)
	if d.Citizens != 1 || d.EachKopecks != 1001 {
		t.Errorf("distribution = %+v; want the one level-3 citizen of msk/cao", d)
	}
	w, err := n.Wallets.Wallet(t.Context(), users[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.DB.Quota(t.Context(), round.ID, w.CitizenID); err != nil {
		t.Errorf("the eligible citizen's wallet has no quota: %v", err)
	}

	// A round with the default rules (level 1, the whole city) reaches the three verified.
	var city struct{ ID int64 }
	expect(t, n, "POST", "/api/v1/rounds", bearer(treasury), fmt.Sprintf(`{"name":"City","budget_kopecks":1000,"deadline":%q}`, deadline),
		http.StatusAccepted).decode(t, &city)
	expect(t, n, "POST", fmt.Sprintf("/api/v1/rounds/%d/quotas", city.ID), bearer(registrar), "{}", http.StatusAccepted).decode(t, &d)
	if d.Citizens != 3 || d.EachKopecks != 333 || d.RemainderKopecks != 1 {
		t.Errorf("city distribution = %+v", d)
	}

	// Refusals: bad rules, nobody eligible, an explicit list from a signed-in registrar.
	expectCode(t, send(t, n, "POST", "/api/v1/rounds", bearer(treasury), fmt.Sprintf(`{"name":"X","budget_kopecks":1000,"deadline":%q,
		"eligibility":{"min_person_level":4}}`, deadline)), http.StatusBadRequest, "invalid_request")
	var empty struct{ ID int64 }
	expect(t, n, "POST", "/api/v1/rounds", bearer(treasury), fmt.Sprintf(`{"name":"Nobody","budget_kopecks":1000,"deadline":%q,
		"eligibility":{"territory":"spb"}}`, deadline), http.StatusAccepted).decode(t, &empty)
	expectCode(t, send(t, n, "POST", fmt.Sprintf("/api/v1/rounds/%d/quotas", empty.ID), bearer(registrar), "{}"), http.StatusBadRequest, "invalid_request")
	official := signIn(t, n, newPhone(), "bearer")
	if _, err := n.Identity.GrantRoleAsOperator(t.Context(), official.userID, "registrar", ""); err != nil {
		t.Fatal(err)
	}
	n.Drain(t) // the rounds' deployments are mined first, so only the request could change the dump
	before := storagetest.DumpText(t, n.Storage)
	expectCode(t, send(t, n, "POST", fmt.Sprintf("/api/v1/rounds/%d/quotas", empty.ID), official.caller,
		`{"citizens":["0x00000000000000000000000000000000000000d1"]}`), http.StatusForbidden, "forbidden")
	if storagetest.DumpText(t, n.Storage) != before {
		t.Error("a refused distribution wrote to the database")
	}
}

// expectCode fails unless r has status and error code.
func expectCode(t *testing.T, r response, status int, code string) {
	t.Helper()
	if r.status != status || r.code() != code {
		t.Fatalf("got %d %q, want %d %q: %s", r.status, r.code(), status, code, r.body)
	}
}
