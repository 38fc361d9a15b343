package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/chain/merkle"
	"github.com/pbnode/pbnode/chain/roundv2"
)

func TestCompareLedgers(t *testing.T) {
	tests := []struct {
		name    string
		onChain func(l *ledger)
		api     func(l *ledger)
		want    []string
	}{
		{name: "agree"},
		{name: "the funded set's order does not matter", api: func(l *ledger) { l.Funded = []uint64{1, 2} }},
		{name: "budget", onChain: func(l *ledger) { l.Budget = kop(100000001) },
			want: []string{"budget: chain 100000001, API 100000000 kopecks"}},
		{name: "supply", api: func(l *ledger) { l.Supply = kop(99999999) },
			want: []string{"supply: chain 100000000, API 99999999 kopecks"}},
		{name: "an amount the API does not report", api: func(l *ledger) { l.Supply = nil },
			want: []string{"supply: chain 100000000, API (none) kopecks"}},
		{name: "distributed", api: func(l *ledger) { l.Distributed = kop(2000000) },
			want: []string{"distributed: chain 3000000, API 2000000 kopecks"}},
		{name: "allocated", onChain: func(l *ledger) { l.Allocated = kop(1400000) },
			want: []string{"allocated: chain 1400000, API 1500000 kopecks"}},
		{name: "token", api: func(l *ledger) { l.Token = common.Address{1} },
			want: []string{"token address: chain " + apiTokenAddr + ", API 0x0100000000000000000000000000000000000000"}},
		{name: "received", onChain: func(l *ledger) { l.Initiatives[2] = initiativeTotals{Cost: kop(50000000), Received: kop(900000)} },
			want: []string{"initiative 2 received: chain 900000, API 1000000 kopecks"}},
		{name: "cost", api: func(l *ledger) { l.Initiatives[1] = initiativeTotals{Cost: kop(1), Received: kop(500000)} },
			want: []string{"initiative 1 cost: chain 40000000, API 1 kopecks"}},
		{name: "initiative missing from the API", api: func(l *ledger) { delete(l.Initiatives, 1) },
			want: []string{"initiative 1: on chain, missing from the API"}},
		{name: "initiative not on chain", api: func(l *ledger) { l.Initiatives[9] = initiativeTotals{Cost: kop(1), Received: kop(0)} },
			want: []string{"initiative 9: in the API, not on chain"}},
		{name: "funded set", api: func(l *ledger) { l.Funded = []uint64{2} },
			want: []string{"funded set: chain [1 2], API [2]"}},
		{name: "empty against missing funded set", onChain: func(l *ledger) { l.Funded = []uint64{} }, api: func(l *ledger) { l.Funded = nil }},
		{name: "funded flags are not compared while open", api: func(l *ledger) { l.Initiatives[1] = fundedFlag(l.Initiatives[1], true) }},
		{name: "funded flags are compared once finalized (R-1.4)",
			onChain: func(l *ledger) { l.Finalized = true; l.Initiatives[2] = fundedFlag(l.Initiatives[2], true) },
			want:    []string{"initiative 2 funded: chain true, API false"}},
		{name: "every difference is reported, initiatives by id",
			onChain: func(l *ledger) {
				l.Budget = kop(1)
				l.Initiatives[2] = initiativeTotals{Cost: kop(2), Received: kop(3)}
			},
			api: func(l *ledger) { l.Initiatives[3] = initiativeTotals{}; l.Funded = nil },
			want: []string{
				"budget: chain 1, API 100000000 kopecks",
				"initiative 2 cost: chain 2, API 50000000 kopecks",
				"initiative 2 received: chain 3, API 1000000 kopecks",
				"initiative 3: in the API, not on chain",
				"funded set: chain [1 2], API []",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			onChain, api := apiWant(), apiWant()
			for _, edit := range []struct {
				l *ledger
				f func(*ledger)
			}{{&onChain, tt.onChain}, {&api, tt.api}} {
				if edit.f != nil {
					edit.f(edit.l)
				}
			}
			if got := compareLedgers(onChain, api); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func fundedFlag(it initiativeTotals, funded bool) initiativeTotals {
	it.Funded = funded
	return it
}

// chainReport is an audit report that agrees with the fake API (roundJSON, initiativesJSON).
func chainReport() *audit.Report {
	return &audit.Report{
		Round: common.HexToAddress(apiRoundAddr), Token: common.HexToAddress(apiTokenAddr), Name: "Demo 2027",
		Budget: kop(100000000), TotalSupply: kop(100000000), Minted: kop(100000000),
		Distributed: kop(3000000), DistributedView: kop(3000000), Allocated: kop(1500000),
		Initiatives: []audit.Initiative{
			{ID: 1, Cost: kop(40000000), Received: kop(500000), ReceivedView: kop(500000)},
			{ID: 2, Cost: kop(50000000), Received: kop(1000000), ReceivedView: kop(1000000)},
		},
		Funded: []uint64{2, 1},
	}
}

func TestChainLedger(t *testing.T) {
	open := chainReport()
	if got := chainLedger(open); !reflect.DeepEqual(got, apiWant()) {
		t.Errorf("open round:\n got %+v\nwant %+v", got, apiWant())
	}
	final := chainReport()
	final.Finalized, final.FundedOnChain = true, []uint64{2}
	final.Initiatives[1].FundedView = true
	got := chainLedger(final)
	if !reflect.DeepEqual(got.Funded, []uint64{2}) || !got.Initiatives[2].Funded || got.Initiatives[1].Funded {
		t.Errorf("finalized round: funded %v, flags %+v; want the on-chain set [2] and flags", got.Funded, got.Initiatives)
	}
}

// TestAuditComparesTheAPIWithTheChain reads the fake API through the client and compares it
// with a report that differs in one initiative: exactly that is a finding, in text and JSON.
func TestAuditComparesTheAPIWithTheChain(t *testing.T) {
	o := auditOptions{api: newFakeAPI(t), round: apiRoundAddr, wait: time.Second, poll: time.Millisecond}
	view, cmp, err := fetchAPI(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	report := chainReport()
	report.Initiatives[1].Received = kop(900000)
	if err := compareWithAPI(cmp, report, view); err != nil {
		t.Fatal(err)
	}
	want := []string{"initiative 2 received: chain 900000, API 1000000 kopecks"}
	if !reflect.DeepEqual(cmp.Findings, want) {
		t.Fatalf("findings = %q, want %q", cmp.Findings, want)
	}

	res := auditResult{Chain: report, API: cmp}
	var text bytes.Buffer
	if err := writeAudit(&text, res, false); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"API " + o.api + ", round 7:", "FINDING: " + want[0], "RESULT: 1 findings"} {
		if !strings.Contains(text.String(), line) {
			t.Errorf("text output lacks %q:\n%s", line, text.String())
		}
	}
	var js bytes.Buffer
	if err := writeAudit(&js, res, true); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Chain struct{ Round string }
		API   apiComparison
		OK    bool
	}
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, js.String())
	}
	if decoded.OK || decoded.API.RoundID != 7 || !reflect.DeepEqual(decoded.API.Findings, want) || !strings.EqualFold(decoded.Chain.Round, apiRoundAddr) {
		t.Errorf("JSON output = %+v", decoded)
	}
}

func TestAuditAgreementPrintsOK(t *testing.T) {
	var out bytes.Buffer
	res := auditResult{Chain: chainReport(), API: &apiComparison{URL: "http://node", RoundID: 7}, OK: true}
	if err := writeAudit(&out, res, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "agrees with the chain") || !strings.Contains(out.String(), "RESULT: OK") {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestAuditErrorsExitOne: bad arguments and an unreachable chain are errors (exit code 1,
// a message on stderr), never a report.
func TestAuditErrorsExitOne(t *testing.T) {
	notRPC := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notRPC.Close)
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"round not an address", []string{"--rpc", notRPC.URL, "--round", "0x12"}, `--round "0x12" is not a 0x address`},
		{"chain unreachable", []string{"--rpc", notRPC.URL, "--round", apiRoundAddr}, "pbnode: dial "},
		{"api not a URL", []string{"--rpc", notRPC.URL, "--round", apiRoundAddr, "--api", "node:8080"}, "API URL: want http(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), append([]string{"audit"}, tt.args...), &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tt.wantStderr) || stdout.Len() != 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %q", code, stdout.String(), stderr.String(), tt.wantStderr)
			}
		})
	}
}

// TestAuditV2ChecksTheEligibilityList: `pbnode audit --api` of a BudgetRoundV2 round reads the
// node's eligibility list and checks it against the round's two published roots and its claim
// on the embedded chain: a sound list passes (text and JSON), a list whose published quota
// changed fails the check "eligibility list", and a node without the list is an error.
func TestAuditV2ChecksTheEligibilityList(t *testing.T) {
	n := devchaintest.Start(t)
	c, s := devchaintest.Connect(t, n)
	ctx := t.Context()
	round, err := roundv2.Deploy(ctx, c, s, roundv2.DeployParams{Name: "Eligible", Symbol: "ELG", Budget: 1000,
		Deadline: uint64(time.Now().Add(24 * time.Hour).Unix()), Treasury: s.Address(), Rule: roundv2.RuleGreedy})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := round.RegisterInitiative(ctx, 500); err != nil {
		t.Fatal(err)
	}
	// Citizen 0 is the dev key, so that it can claim directly; two roots: 3 leaves, then 5.
	list := []audit.EligibilityLeaf{{Index: 0, Address: s.Address(), Quota: 300}}
	for i, q := range []uint64{200, 200, 150, 150} {
		list = append(list, audit.EligibilityLeaf{Index: uint64(i + 1), Address: common.BigToAddress(big.NewInt(int64(0xc1 + i))), Quota: q})
	}
	var tree *merkle.Tree
	for _, count := range []int{3, 5} {
		hashes := make([]common.Hash, count)
		for i, l := range list[:count] {
			hashes[i] = merkle.EligibilityLeaf(l.Index, l.Address, l.Quota)
		}
		if tree, err = merkle.New(hashes); err != nil {
			t.Fatal(err)
		}
		if _, err := round.SetEligibilityRoot(ctx, tree.Root(), uint64(count)); err != nil {
			t.Fatal(err)
		}
	}
	proof, _ := tree.Proof(0)
	if _, err := round.ClaimAndAllocate(ctx, 0, 300, proof, 1, 100); err != nil {
		t.Fatal(err)
	}
	report, err := audit.RecomputeV2(ctx, c, round.Address())
	if err != nil || !report.OK() {
		t.Fatalf("recount: %v %q", err, report.Findings())
	}
	api := newEligibilityAPI(t, report, list)
	args := []string{"audit", "--rpc", n.RPCURL(), "--round", round.Address().Hex(), "--api", api.URL}

	var stdout, stderr bytes.Buffer
	if code := run(ctx, args, &stdout, &stderr); code != 0 {
		t.Fatalf("audit: exit %d; stderr %s; stdout:\n%s", code, stderr.String(), stdout.String())
	}
	for _, want := range []string{"OK    eligibility list", "eligibility list: 5 leaves; 2 published roots rebuilt from them, 1 claims matched", "RESULT: OK"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("audit output lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run(ctx, append(args, "--json"), &stdout, &stderr); code != 0 {
		t.Fatalf("audit --json: exit %d; stderr %s", code, stderr.String())
	}
	var js auditV2Result
	if err := json.Unmarshal(stdout.Bytes(), &js); err != nil || js.API.Eligibility == nil || *js.API.Eligibility != (eligibilityCoverage{5, 2, 1}) ||
		js.Chain.Checks[len(js.Chain.Checks)-1].Name != audit.CheckEligibilityList {
		t.Fatalf("audit --json: %v\n%s", err, stdout.String())
	}

	api.list[1].Quota = 150 // a published quota the node shrank
	stdout.Reset()
	stderr.Reset()
	if code := run(ctx, args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), audit.CheckEligibilityList) {
		t.Fatalf("audit of a changed quota: exit %d, stderr %q; want 1 naming the eligibility list", code, stderr.String())
	}
	for _, want := range []string{"FAIL  eligibility list", "- roots: version 1: root", "- roots: version 2: root"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("audit output lacks %q:\n%s", want, stdout.String())
		}
	}

	api.list = nil // a node without the list
	stdout.Reset()
	stderr.Reset()
	if code := run(ctx, args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "read the API") || stdout.Len() != 0 {
		t.Fatalf("audit of a node without the list: exit %d, stderr %q, stdout %q", code, stderr.String(), stdout.String())
	}
}

// eligibilityAPI serves round 7 as the chain's report tells it, and its eligibility list.
type eligibilityAPI struct {
	URL  string
	list []audit.EligibilityLeaf // nil: 404
}

func newEligibilityAPI(t *testing.T, r *audit.ReportV2, list []audit.EligibilityLeaf) *eligibilityAPI {
	t.Helper()
	a := &eligibilityAPI{list: list}
	funded, _ := json.Marshal(r.Funded)
	round := fmt.Sprintf(`{"id":7,"name":%q,"status":"open","budget_kopecks":%s,"round_address":%q,"token_address":%q,
		"totals":{"supply_kopecks":%s,"distributed_kopecks":%s,"allocated_kopecks":%s},"funded":%s,"pending_operations":0}`,
		r.Name, r.Budget, r.Round.Hex(), r.Token.Hex(), r.TotalSupply, r.Distributed, r.Allocated, funded)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/rounds", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintf(w, `{"rounds":[%s]}`, round) })
	mux.HandleFunc("GET /api/v1/rounds/7", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, round) })
	mux.HandleFunc("GET /api/v1/rounds/7/initiatives", func(w http.ResponseWriter, _ *http.Request) {
		in := r.Initiatives[0]
		fmt.Fprintf(w, `{"initiatives":[{"id":1,"cost_kopecks":%s,"received_kopecks":%s,"funded":false}]}`, in.Cost, in.Received)
	})
	mux.HandleFunc("GET /api/v1/rounds/7/eligibility", func(w http.ResponseWriter, _ *http.Request) {
		if a.list == nil {
			http.Error(w, `{"error":{"code":"route_not_found","message":"no route"}}`, http.StatusNotFound)
			return
		}
		fmt.Fprintf(w, `{"round_id":7,"round_address":%q,"roots":[],"leaves":[`, strings.ToLower(r.Round.Hex()))
		for i, l := range a.list {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, `{"index":%d,"address":%q,"quota_kopecks":"%d"}`, l.Index, l.Address.Hex(), l.Quota)
		}
		fmt.Fprint(w, "]}")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a.URL = srv.URL
	return a
}
