package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/tally"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// smallPB is a tiny approval election under equalshares/add1; note makes each one a distinct
// file (and so a distinct SHA-256).
func smallPB(note string) string {
	return "META\nkey;value\ndescription;" + note + "\nbudget;100\nvote_type;approval\nrule;equalshares/add1\n" +
		"PROJECTS\nproject_id;cost\na;60\nb;50\nc;40\nVOTES\nvoter_id;vote\n1;a\n2;a,b\n3;b,c\n4;c\n"
}

// tallyMatrix are the authorization matrix's entries of the tallies' endpoints.
func tallyMatrix(t *testing.T, f *matrixFixture) map[string]matrixEntry {
	published, err := f.n.Tallies.Publish(t.Context(), []byte(smallPB("matrix fixture")), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/tallies/%d", published.ID)
	return map[string]matrixEntry{
		"POST /api/v1/tallies": {"treasury", func(_ *testing.T, _ *matrixFixture, role string) request {
			return request{path: "/api/v1/tallies", body: smallPB("matrix " + role)}
		}},
		"GET /api/v1/tallies":              {everyone, fixed("/api/v1/tallies", "")},
		"GET /api/v1/tallies/:tally":       {everyone, fixed(path, "")},
		"GET /api/v1/tallies/:tally/input": {everyone, fixed(path+"/input", "")},
	}
}

type tallyBody struct {
	ID        int64
	SHA256    string
	Rule      string
	Selected  []string
	Cost      string
	Root      string
	Kind      string
	Operation struct {
		ID     int64
		Status string
		TxHash string `json:"tx_hash"`
	}
}

// TestPublishTally: the treasury publishes a real election (Assen 2024, equalshares/add1); the
// node tallies it off-chain, serves the file byte for byte and anchors the result with the
// file's SHA-256 in the AnchorRegistry, where tallies.Verify finds it from the file alone
//
func TestPublishTally(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			f := newFixture(t, driver)
			input, err := os.ReadFile("../tally/testdata/pabulib/Netherlands_Assen_2024.pb")
			if err != nil {
				t.Fatal(err)
			}
			var got tallyBody
			expect(t, f.node, "POST", "/api/v1/tallies", bearer(f.treasury), string(input), http.StatusAccepted).decode(t, &got)
			want := []string{"3", "9", "2", "11", "13", "14", "5", "6", "12"}
			if got.Rule != "equalshares/add1" || strings.Join(got.Selected, ",") != strings.Join(want, ",") || got.Cost != "76700" {
				t.Fatalf("published %+v; want equalshares/add1 selecting %v for 76700", got, want)
			}
			f.node.Drain(t)

			var after tallyBody
			expect(t, f.node, "GET", fmt.Sprintf("/api/v1/tallies/%d", got.ID), caller{}, "", http.StatusOK).decode(t, &after)
			if after.Operation.Status != string(storage.OpMined) || after.Operation.TxHash == "" {
				t.Fatalf("anchor operation %+v, want mined with a tx hash", after.Operation)
			}
			file := expect(t, f.node, "GET", fmt.Sprintf("/api/v1/tallies/%d/input", got.ID), caller{}, "", http.StatusOK)
			if !bytes.Equal(file.body, input) {
				t.Fatalf("the published file differs from the input (%d bytes, want %d)", len(file.body), len(input))
			}

			registry, ok, err := f.node.Anchors.Registry(t.Context())
			if err != nil || !ok {
				t.Fatalf("registry: %v %v", ok, err)
			}
			res, anchor, err := tallies.Verify(t.Context(), f.node.Chain, registry, file.body, "")
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if anchor.Root.Hex() != got.Root || anchor.LeafCount != uint64(len(want)) || anchor.TxHash.Hex() != common.HexToHash(after.Operation.TxHash).Hex() {
				t.Fatalf("anchor %+v, published root %s, tx %s", anchor, got.Root, after.Operation.TxHash)
			}
			if res.Rule != tally.RuleEqualSharesAdd1 || got.Kind != tallies.Kind.Hex() {
				t.Errorf("verified rule %s, kind %s", res.Rule, got.Kind)
			}
			// The same file with another result is not anchored.
			if _, _, err := tallies.Verify(t.Context(), f.node.Chain, registry, file.body, tally.RuleGreedy); err == nil {
				t.Error("Verify under greedy found an anchor; only equal shares was anchored")
			}
		})
	}
}

// TestPublishTallyRefusals: each bad request answers its stable code and writes nothing.
func TestPublishTallyRefusals(t *testing.T) {
	f := newFixture(t, storage.DriverSQLite)
	if _, err := f.node.Tallies.Publish(t.Context(), []byte(smallPB("first")), "", 0); err != nil {
		t.Fatal(err)
	}
	f.node.Drain(t)
	citizen := f.citizens[0]
	tests := []struct {
		name, path, body string
		who              caller
		status           int
		code             string
	}{
		{"malformed file", "/api/v1/tallies", "META\nkey;value\nbudget;ten\n", bearer(f.treasury), http.StatusBadRequest, "invalid_pb"},
		{"empty body", "/api/v1/tallies", "", bearer(f.treasury), http.StatusBadRequest, "invalid_pb"},
		{"unknown rule", "/api/v1/tallies?rule=borda", smallPB("borda"), bearer(f.treasury), http.StatusBadRequest, "invalid_pb"},
		{"the same file again", "/api/v1/tallies", smallPB("first"), bearer(f.treasury), http.StatusConflict, "already_tallied"},
		{"too large", "/api/v1/tallies", strings.Repeat("x", tallies.MaxInput+1), bearer(f.treasury), http.StatusRequestEntityTooLarge, "body_too_large"},
		{"a citizen", "/api/v1/tallies", smallPB("citizen"), bearer(citizen), http.StatusForbidden, "forbidden"},
		{"anonymous", "/api/v1/tallies", smallPB("anonymous"), caller{}, http.StatusUnauthorized, "unauthenticated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := countTallies(t, f)
			r := send(t, f.node, "POST", tt.path, tt.who, tt.body)
			if r.status != tt.status || r.code() != tt.code {
				t.Fatalf("status %d code %q, want %d %q: %s", r.status, r.code(), tt.status, tt.code, r.body)
			}
			if after := countTallies(t, f); after != before {
				t.Fatalf("tallies and operations %v, were %v", after, before)
			}
		})
	}
	for _, path := range []string{"/api/v1/tallies/999", "/api/v1/tallies/999/input", "/api/v1/tallies/x"} {
		if r := send(t, f.node, "GET", path, caller{}, ""); r.status != http.StatusNotFound || r.code() != "tally_not_found" {
			t.Errorf("GET %s = %d %q, want 404 tally_not_found", path, r.status, r.code())
		}
	}
}

func countTallies(t *testing.T, f *fixture) [2]int {
	t.Helper()
	ctx := context.Background()
	list, err := f.node.DB.Tallies(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := f.node.DB.CountOps(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	return [2]int{len(list), int(ops)}
}
