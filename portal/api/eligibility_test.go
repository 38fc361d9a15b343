package api_test

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestEligibilityList: a v2 round distributed twice (two roots on the embedded chain, claims
// against both) publishes its eligibility list to anyone, and the list explains every root and
// claim on chain (audit.CheckEligibilityV2), on SQLite and PostgreSQL. A doctored quota does not.
func TestEligibilityList(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			testEligibilityList(t, driver)
		})
	}
}

func testEligibilityList(t *testing.T, driver string) {
	n := nodetest.Start(t, driver)
	f := &fixture{node: n, treasury: issue(t, n, access.RoleTreasury), registr: issue(t, n, access.RoleRegistrar)}
	var round struct {
		ID           int64  `json:"id"`
		RoundAddress string `json:"round_address"`
	}
	f.do(t, "POST", "/api/v1/rounds", f.treasury, fmt.Sprintf(`{"name":"Open list","budget_kopecks":300002,"deadline":%q,
		"initiatives":[{"title":"Park","cost_kopecks":100000}]}`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339)), http.StatusAccepted, &round)
	f.roundID = round.ID
	for range 5 {
		tok, addr := custodialSession(t, n)
		f.citizens, f.addrs = append(f.citizens, tok), append(f.addrs, addr)
	}
	// First root: three citizens, 100000 each (2 kopecks left); the first claims.
	f.do(t, "POST", f.round("/quotas"), f.registr, fmt.Sprintf(`{"citizens":[%q,%q,%q]}`, f.addrs[0], f.addrs[1], f.addrs[2]), http.StatusAccepted, nil)
	f.do(t, "POST", f.round("/allocations"), f.citizens[0], `{"initiative":1,"amount_kopecks":100}`, http.StatusAccepted, nil)
	n.Drain(t)
	// Second root: two newcomers share what is left (1 kopeck each); one of them claims.
	f.do(t, "POST", f.round("/quotas"), f.registr, fmt.Sprintf(`{"citizens":[%q,%q]}`, f.addrs[3], f.addrs[4]), http.StatusAccepted, nil)
	n.Drain(t)
	f.do(t, "POST", f.round("/allocations"), f.citizens[4], `{"initiative":1,"amount_kopecks":1}`, http.StatusAccepted, nil)
	n.Drain(t)
	f.do(t, "GET", f.round(""), "", "", http.StatusOK, &round)

	body := f.do(t, "GET", f.round("/eligibility"), "", "", http.StatusOK, nil) // anyone: no token
	list, err := audit.ReadEligibilityList(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("read the list: %v\n%s", err, body)
	}
	want := []audit.EligibilityLeaf{
		{Index: 0, Address: f.addrs[0], Quota: 100000}, {Index: 1, Address: f.addrs[1], Quota: 100000},
		{Index: 2, Address: f.addrs[2], Quota: 100000}, {Index: 3, Address: f.addrs[3], Quota: 1}, {Index: 4, Address: f.addrs[4], Quota: 1},
	}
	if !slices.Equal(list.Leaves, want) || list.Round != common.HexToAddress(round.RoundAddress) {
		t.Fatalf("list of %s: %+v\nwant round %s, leaves %+v", list.Round.Hex(), list.Leaves, round.RoundAddress, want)
	}
	for _, field := range []string{`"published_leaves":5`, `"leaf_count":5`, `"round_id":` + fmt.Sprint(round.ID)} {
		if !bytes.Contains(body, []byte(field)) {
			t.Errorf("the list lacks %s:\n%s", field, body)
		}
	}

	report, err := audit.RecomputeV2(t.Context(), n.Chain, list.Round)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := audit.ReadEligibilityEventsV2(t.Context(), n.Chain, report)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Roots) != 2 || ev.Roots[0].LeafCount != 3 || ev.Roots[1].LeafCount != 5 || len(ev.Claims) != 2 {
		t.Fatalf("chain: roots %+v, claims %+v; want leaf counts 3 then 5 and 2 claims", ev.Roots, ev.Claims)
	}
	if len(list.Roots) != 1 || list.Roots[0] != (audit.PublishedRoot{LeafCount: 5, Root: ev.Roots[1].Root}) {
		t.Errorf("the node names roots %+v, want the last one on chain %+v", list.Roots, ev.Roots[1])
	}
	if f := audit.CheckEligibilityV2(list, ev); len(f) > 0 {
		t.Fatalf("the node's list breaks the rules: %v", f)
	}
	report.AddEligibilityCheck(nil)
	if !report.OK() {
		t.Fatalf("audit findings: %q", report.Findings())
	}
	list.Leaves[1].Quota-- // a published quota shrinks
	if got := audit.CheckEligibilityV2(list, ev); len(got) != 2 || got[0].Rule != audit.ListRoots || got[1].Rule != audit.ListRoots {
		t.Errorf("a doctored quota: findings %v, want one per root", got)
	}
}

// TestEligibilityListRefusals: an unknown round, a bad id.
func TestEligibilityListRefusals(t *testing.T) {
	f := newFixture(t, "sqlite")
	for _, tt := range []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/rounds/999/eligibility", http.StatusNotFound, "round_not_found"},
		{"/api/v1/rounds/x/eligibility", http.StatusBadRequest, "invalid_request"},
	} {
		got, data := f.send(t, "GET", tt.path, "", "")
		if got != tt.status || !strings.Contains(string(data), tt.code) {
			t.Errorf("GET %s = %d %s, want %d %s", tt.path, got, data, tt.status, tt.code)
		}
	}
}

// BenchmarkEligibilityList measures GET /rounds/{id}/eligibility of a round of
// PBNODE_BENCH_LEAVES leaves (default 100,000) on SQLite, through the real router: bytes
// allocated per request (B/op) against the bytes of JSON served (bytes/leaf).
func BenchmarkEligibilityList(b *testing.B) {
	leaves := 100_000
	if s := os.Getenv("PBNODE_BENCH_LEAVES"); s != "" {
		var err error
		if leaves, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	n := nodetest.Start(b, "sqlite")
	ctx := b.Context()
	rd := storage.Round{Name: "Bench", Symbol: "B", Budget: int64(leaves) * 100, Deadline: time.Now().Add(time.Hour),
		Treasury: "0x00000000000000000000000000000000000000f1", Status: storage.RoundOpen, ContractVersion: 2, EligibilityLeaves: int64(leaves)}
	if err := n.DB.CreateRound(ctx, &rd); err != nil {
		b.Fatal(err)
	}
	err := n.DB.Tx(ctx, func(tx *storage.Tx) error {
		batch := make([]storage.Eligible, 0, leaves)
		for i := range leaves {
			c := storage.Citizen{Address: common.BigToAddress(big.NewInt(int64(i) + 1)).Hex()}
			if err := tx.CreateCitizen(ctx, &c); err != nil {
				return err
			}
			batch = append(batch, storage.Eligible{RoundID: rd.ID, CitizenID: c.ID, Index: int64(i), Amount: 100})
		}
		return tx.CreateEligible(ctx, batch)
	})
	if err != nil {
		b.Fatal(err)
	}
	url := fmt.Sprintf("%s/api/v1/rounds/%d/eligibility", n.URL, rd.ID)
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		resp, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		size, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("GET: %d %v", resp.StatusCode, err)
		}
	}
	b.ReportMetric(float64(size)/float64(leaves), "bytes/leaf")
}
