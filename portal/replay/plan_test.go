package replay

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
)

// testdata holds the real elections of portal/tally's tests (copies of pabulib files).
const testdata = "../tally/testdata/pabulib"

func parseFile(t *testing.T, name string) *pabulib.Election {
	t.Helper()
	f, err := os.Open(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := pabulib.Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return e
}

// TestPlanTokensEqualSupport: on every real election with an on-chain rule, the tokens the
// plan puts into each piggy bank equal the support the official greedy rule ranks by
// (votes, points, or the ordinal score column), so the contract's ranking is the official
// one.
func TestPlanTokensEqualSupport(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdata, "*.pb"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .pb files in %s: %v", testdata, err)
	}
	replayed := 0
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".pb"), func(t *testing.T) {
			e := parseFile(t, name)
			p, err := NewPlan(e)
			if tally.Rule(e.Rule) == tally.RuleEqualSharesAdd1 {
				if !errors.Is(err, ErrUnsupported) {
					t.Fatalf("NewPlan(%s rule %s) = %v, want ErrUnsupported", name, e.Rule, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewPlan: %v", err)
			}
			replayed++
			got := p.Received()
			for i, c := range tally.Candidates(e) {
				if got[i] != uint64(c.Support) {
					t.Errorf("project %s: plan gives %d tokens, official support %d", c.ID, got[i], c.Support)
				}
			}
			var sum uint64
			for _, v := range p.Voters {
				var q uint64
				for _, tk := range v.Tokens {
					q += tk.Amount
				}
				if q != v.Quota || q == 0 {
					t.Errorf("voter %s: quota %d, tokens %d", v.ID, v.Quota, q)
				}
				sum += q
			}
			if sum > p.Budget {
				t.Errorf("ballots spend %d > budget %d", sum, p.Budget)
			}
		})
	}
	if replayed < 6 {
		t.Errorf("replayed %d files, want the 7 with greedy rules", replayed)
	}
}

// TestPlanRefuses: what the contract cannot replay is refused with ErrUnsupported.
func TestPlanRefuses(t *testing.T) {
	base := func() *pabulib.Election {
		return &pabulib.Election{
			Budget: 100, VoteType: pabulib.Approval, Rule: "greedy",
			Projects: []pabulib.Project{{ID: "a", Cost: 10}},
			Votes:    []pabulib.Vote{{VoterID: "1", Projects: []string{"a"}}},
		}
	}
	tests := []struct {
		name   string
		change func(e *pabulib.Election)
	}{
		{"equal shares", func(e *pabulib.Election) { e.Rule = "equalshares/add1" }},
		{"no rule", func(e *pabulib.Election) { e.Rule = "" }},
		{"threshold rule without a threshold", func(e *pabulib.Election) { e.Rule = "greedy-threshold" }},
		{"no projects", func(e *pabulib.Election) { e.Projects = nil; e.Votes = nil }},
		{"too many projects", func(e *pabulib.Election) {
			e.Projects = make([]pabulib.Project, MaxProjects+1)
			for i := range e.Projects {
				e.Projects[i] = pabulib.Project{ID: string(rune('A' + i)), Cost: 1}
			}
		}},
		{"zero cost", func(e *pabulib.Election) { e.Projects[0].Cost = 0 }},
		{"unknown project", func(e *pabulib.Election) { e.Votes[0].Projects = []string{"zz"} }},
		{"more tokens than budget", func(e *pabulib.Election) {
			e.VoteType = pabulib.Cumulative
			e.Votes[0].Points = []int64{101}
		}},
		{"negative points", func(e *pabulib.Election) {
			e.VoteType = pabulib.Cumulative
			e.Votes[0].Points = []int64{-1}
		}},
	}
	if _, err := NewPlan(base()); err != nil {
		t.Fatalf("NewPlan(valid) = %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := base()
			tt.change(e)
			if _, err := NewPlan(e); !errors.Is(err, ErrUnsupported) {
				t.Fatalf("NewPlan = %v, want ErrUnsupported", err)
			}
		})
	}
}
