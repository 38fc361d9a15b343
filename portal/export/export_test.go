package export_test

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/export"
	"github.com/pbnode/pbnode/portal/internal/nodetest"
	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
)

// testClock is the budget service's clock, shifted by offset nanoseconds.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// TestExportRecountsLikeTheChain runs a round on a real node (dev chain, contracts, SQLite)
// to finalization, exports it as a .pb file, and recounts the file with the file's own rule:
// the selected set must be the funded set on chain and the scores the piggy banks' totals.
func TestExportRecountsLikeTheChain(t *testing.T) {
	clock := &testClock{}
	// The service's clock runs 290 s behind, so a round may close 25 s from now.
	clock.offset.Store(int64(-290 * time.Second))
	n := nodetest.Start(t, "sqlite", budget.WithClock(clock.Now))
	ctx := t.Context()
	deadline := time.Now().Add(25 * time.Second).Truncate(time.Second)
	r, err := n.Budget.CreateRound(ctx, budget.NewRound{
		Name: "Export; \"test\"", Budget: 400000, Deadline: deadline,
		Initiatives: []budget.NewInitiative{
			{Title: "Park", Cost: 150000}, {Title: "Lights", Cost: 200000},
			{Title: "Benches; new", Cost: 120000}, {Title: "Bins", Cost: 50000},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	addrs, ids := make([]common.Address, 5), make([]int64, 5)
	for i := range addrs { // custodial wallets: the node signs their records
		_, addrs[i], ids[i] = n.CustodialCitizen(t)
	}
	dist, err := n.Budget.Distribute(ctx, r.ID, addrs)
	if err != nil || dist.Each != 80000 {
		t.Fatalf("distribute: %+v, %v", dist, err)
	}
	moves := []struct {
		citizen, initiative int
		amount              int64
	}{
		{0, 1, 60000}, {0, 3, 20000}, {1, 1, 50000}, {1, 2, 30000}, {2, 2, 70000}, {2, 4, 10000},
		{3, 3, 45000}, {3, 4, 10000}, {3, 2, 5000}, {0, 3, -5000}, // citizen 4 allocates nothing
	}
	for _, m := range moves {
		mv := budget.Move{RoundID: r.ID, CitizenID: ids[m.citizen], Initiative: m.initiative, Amount: m.amount}
		if m.amount < 0 {
			mv.Amount = -m.amount
			_, err = n.Budget.Withdraw(ctx, mv)
		} else {
			_, err = n.Budget.Allocate(ctx, mv)
		}
		if err != nil {
			t.Fatalf("move %+v: %v", m, err)
		}
	}
	n.Drain(t)

	// An open round is refused, unless asked for; then there is no selected column.
	if _, err := export.Round(ctx, n.Budget, r.ID, export.Options{}); !errors.Is(err, export.ErrNotFinalized) {
		t.Fatalf("open round exported: err %v, want ErrNotFinalized", err)
	}
	open, err := export.Round(ctx, n.Budget, r.ID, export.Options{AllowOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	openFile := writeParse(t, open)
	if slices.Contains(openFile.ProjectColumns, pabulib.ColSelected) {
		t.Errorf("open round's columns %v have selected", openFile.ProjectColumns)
	}
	if st, _ := openFile.Get("status"); !strings.Contains(st, "not finalized") {
		t.Errorf("open round's META status %q does not say it is not finalized", st)
	}

	clock.offset.Store(0)
	time.Sleep(time.Until(deadline.Add(1500 * time.Millisecond)))
	if _, err := n.Budget.Finalize(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	n.Drain(t)
	rd, err := n.Budget.Round(ctx, r.ID)
	if err != nil || rd.Status != "finalized" {
		t.Fatalf("round %+v, %v: want finalized", rd, err)
	}

	e, err := export.Round(ctx, n.Budget, r.ID, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pabulib.Write(&buf, e); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	file, err := pabulib.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("parse the export: %v\n%s", err, text)
	}
	res, err := tally.Run(file, "") // the file's own rule
	if err != nil {
		t.Fatal(err)
	}
	rep, err := audit.RecomputeV2(ctx, n.Chain, rd.Address)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || !rep.Finalized {
		t.Fatalf("audit: finalized %v findings %v", rep.Finalized, rep.Findings())
	}
	var onChain, recount, marked []string
	for _, id := range rep.FundedOnChain {
		onChain = append(onChain, strconv.FormatUint(id, 10))
	}
	recount = slices.Sorted(slices.Values(res.Selected))
	for _, p := range file.Projects {
		if p.Selected {
			marked = append(marked, p.ID)
		}
	}
	slices.Sort(onChain)
	if want := []string{"1", "2", "4"}; !slices.Equal(onChain, want) {
		t.Fatalf("funded on chain %v, want %v (the test's own arithmetic)", onChain, want)
	}
	if !slices.Equal(recount, onChain) || !slices.Equal(marked, onChain) {
		t.Errorf("recount %v, selected column %v, on chain %v", recount, marked, onChain)
	}
	if file.Rule != "greedy" || file.VoteType != pabulib.Cumulative || file.Budget != 400000 {
		t.Errorf("META rule %q vote_type %q budget %d", file.Rule, file.VoteType, file.Budget)
	}
	wantVotes := map[string]int64{"1": 2, "2": 3, "3": 2, "4": 2}
	for _, ini := range rep.Initiatives {
		p := file.Project(strconv.FormatUint(ini.ID, 10))
		if p == nil || p.Score == nil || p.Votes == nil {
			t.Fatalf("initiative %d: project %+v", ini.ID, p)
		}
		if *p.Score != ini.ReceivedView.Int64() || *p.Score != ini.Received.Int64() {
			t.Errorf("initiative %d: score %d, piggy bank received %s (events %s)", ini.ID, *p.Score, ini.ReceivedView, ini.Received)
		}
		if *p.Votes != wantVotes[p.ID] || p.Cost != ini.Cost.Int64() {
			t.Errorf("initiative %d: votes %d cost %d, want %d and %s", ini.ID, *p.Votes, p.Cost, wantVotes[p.ID], ini.Cost)
		}
	}
	if len(file.Votes) != 4 {
		t.Errorf("%d votes, want 4 (citizen 4 allocated nothing)", len(file.Votes))
	}
	for i, v := range file.Votes {
		if v.VoterID != strconv.Itoa(i+1) {
			t.Errorf("vote %d has voter_id %q, want %d", i, v.VoterID, i+1)
		}
	}
	if p := file.Project("3"); p == nil || p.Extra["name"] != "Benches; new" {
		t.Errorf("project 3 = %+v, want name %q", p, "Benches; new")
	}

	// Nothing that identifies anyone: no address (citizens', treasury's, contracts'), no
	// twelve-digit user ID; voter ids are 1..N in ballot order (checked above).
	lower := strings.ToLower(text)
	for _, a := range append(slices.Clone(addrs), rd.Treasury, rd.Address, rd.Token, n.Worker.Address()) {
		if strings.Contains(lower, strings.ToLower(a.Hex()[2:])) {
			t.Errorf("the file holds address %s", a.Hex())
		}
	}
	if m := regexp.MustCompile(`0x|[0-9a-f]{40}|\d{12}`).FindString(lower); m != "" {
		t.Errorf("the file holds %q, an address or a user ID", m)
	}
	t.Logf("export:\n%s", text)
}

func writeParse(t *testing.T, e *pabulib.Election) *pabulib.Election {
	t.Helper()
	var buf bytes.Buffer
	if err := pabulib.Write(&buf, e); err != nil {
		t.Fatal(err)
	}
	out, err := pabulib.Parse(&buf)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, buf.String())
	}
	return out
}

// the file names the round's funded-set rule, and greedy-threshold carries its
// threshold, so that the file's own rule recounts the chain's funded set.
func TestElectionRule(t *testing.T) {
	inis := []budget.Initiative{{Number: 1, Title: "Park", Cost: 100, Received: 40, Funded: true},
		{Number: 2, Title: "Lights", Cost: 50, Received: 4}}
	ballots := [][]budget.Allocation{{{Initiative: 1, Amount: 40}}, {{Initiative: 2, Amount: 4}}}
	tests := []struct {
		rule      roundv2.Rule
		threshold int64
		want      string
		selected  []string // the file's own rule's recount: both fit the budget of 200
	}{
		{roundv2.RuleGreedy, 0, "greedy", []string{"1", "2"}},
		{roundv2.RuleGreedyNoSkip, 0, "greedy-no-skip", []string{"1", "2"}},
		{roundv2.RuleGreedyThreshold, 5, "greedy-threshold", []string{"1"}}, // Lights got 4 < 5
		{roundv2.RulePiggyBank, 0, "piggy-bank", nil},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			r := budget.Round{ID: 7, Name: "Rules", Status: "finalized", Budget: 200, Rule: tt.rule, Threshold: tt.threshold,
				Created: time.Now(), Deadline: time.Now()}
			e, err := export.Election(r, inis, ballots, export.Options{})
			if err != nil {
				t.Fatal(err)
			}
			file := writeParse(t, e)
			if file.Rule != tt.want || file.Params.MinProjectScoreThreshold != tt.threshold {
				t.Fatalf("rule %q threshold %d, want %q %d", file.Rule, file.Params.MinProjectScoreThreshold, tt.want, tt.threshold)
			}
			if tt.rule == roundv2.RulePiggyBank {
				return // no pabulib rule to recount with
			}
			res, err := tally.Run(file, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Sorted(slices.Values(res.Selected)); !slices.Equal(got, tt.selected) {
				t.Errorf("recount under %s selects %v, want %v", tt.want, got, tt.selected)
			}
		})
	}
}
