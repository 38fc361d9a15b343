package tally_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
)

// parseFile parses a .pb file of testdata/pabulib.
func parseFile(tb testing.TB, name string) *pabulib.Election {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "pabulib", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	e, err := pabulib.Parse(f)
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return e
}

// TestRealElections replays every pabulib file under its own rule: the rule must select
// exactly the projects whose selected column is 1.
func TestRealElections(t *testing.T) {
	tests := []struct {
		file     string
		rule     tally.Rule
		voteType pabulib.VoteType
	}{
		{"Poland_Warszawa_2017_Stare_Bielany.pb", tally.RuleGreedy, pabulib.Approval},
		{"Poland_Lodz_2024_Wzniesien_Lodzkich.pb", tally.RuleGreedyThreshold, pabulib.Approval},
		{"Poland_Gdynia_2024_Leszczynki__small.pb", tally.RuleGreedyNoSkip, pabulib.Approval},
		{"Poland_Czestochowa_2024_Bleszno.pb", tally.RuleGreedy, pabulib.Cumulative},
		{"Poland_Katowice_2025_Zawodzie.pb", tally.RuleGreedyThreshold, pabulib.Cumulative},
		{"Poland_Krakow_2020_Pradnik_Czerwony.pb", tally.RuleGreedy, pabulib.Ordinal},
		{"Poland_Wroclaw_2018_Rejon_nr_2_250.pb", tally.RuleGreedyNoSkip, pabulib.Choose1},
		{"Netherlands_Assen_2024.pb", tally.RuleEqualSharesAdd1, pabulib.Approval},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "pabulib", "*.pb"))
	if len(files) != len(tests) {
		t.Fatalf("testdata has %d files, the table %d", len(files), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e := parseFile(t, tt.file)
			if tally.Rule(e.Rule) != tt.rule || e.VoteType != tt.voteType {
				t.Fatalf("file has rule %q and vote type %q, want %q and %q", e.Rule, e.VoteType, tt.rule, tt.voteType)
			}
			res, err := tally.Run(e, "")
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			var wantCost int64
			for _, p := range e.Projects {
				if p.Selected {
					want = append(want, p.ID)
					wantCost += p.Cost
				}
			}
			got := slices.Sorted(slices.Values(res.Selected))
			slices.Sort(want)
			if !slices.Equal(got, want) || res.Cost != wantCost {
				t.Errorf("selected %v (cost %d), the file's selected column %v (cost %d)", got, res.Cost, want, wantCost)
			}
			if res.Cost > e.Budget {
				t.Errorf("cost %d exceeds the budget %d", res.Cost, e.Budget)
			}
		})
	}
}
