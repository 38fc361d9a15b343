package tally_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
)

func parse(t *testing.T, text string) *pabulib.Election {
	t.Helper()
	e, err := pabulib.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const head = "META\nkey;value\nbudget;10\n"

func TestCandidatesSupport(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []int64
	}{
		{"approval counts votes, not the votes column",
			head + "vote_type;approval\nPROJECTS\nproject_id;cost;votes\na;1;99\nb;1;99\nVOTES\nvoter_id;vote\n1;a,b\n2;a\n",
			[]int64{2, 1}},
		{"no vote_type is approval",
			head + "PROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote\n1;b\n",
			[]int64{0, 1}},
		{"choose-1 counts votes",
			head + "vote_type;choose-1\nPROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote\n1;b\n2;b\n",
			[]int64{0, 2}},
		{"cumulative sums points",
			head + "vote_type;cumulative\nPROJECTS\nproject_id;cost\na;1\nb;1\nVOTES\nvoter_id;vote;points\n1;a,b;3,7\n2;b;10\n",
			[]int64{3, 17}},
		{"ordinal takes the score column, else votes",
			head + "vote_type;ordinal\nPROJECTS\nproject_id;cost;score\na;1;40\nb;1;\nVOTES\nvoter_id;vote\n1;b,a\n2;b\n",
			[]int64{40, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, c := range tally.Candidates(parse(t, tt.text)) {
				got = append(got, c.Support)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("support %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	text := head + "rule;greedy\nmin_project_score_threshold;2\nPROJECTS\nproject_id;cost\na;6\nb;5\nc;4\nVOTES\nvoter_id;vote\n1;a,b,c\n2;a,b\n3;a\n"
	tests := []struct {
		rule    tally.Rule
		want    []string
		wantErr error
	}{
		{"", []string{"a", "c"}, nil}, // the file's own rule
		{tally.RuleGreedy, []string{"a", "c"}, nil},
		{tally.RuleGreedyNoSkip, []string{"a"}, nil},
		{tally.RuleGreedyThreshold, []string{"a"}, nil},
		{tally.RuleEqualSharesAdd1, []string{"a"}, nil},
		{"phragmen", nil, tally.ErrUnknownRule},
	}
	for _, tt := range tests {
		t.Run(string(tt.rule), func(t *testing.T) {
			res, err := tally.Run(parse(t, text), tt.rule)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(res.Selected, tt.want) {
				t.Errorf("selected %v, want %v", res.Selected, tt.want)
			}
		})
	}
	t.Run("no rule anywhere", func(t *testing.T) {
		_, err := tally.Run(parse(t, head+"PROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n"), "")
		if !errors.Is(err, tally.ErrUnknownRule) {
			t.Errorf("err %v, want ErrUnknownRule", err)
		}
	})
}

// TestEqualSharesCumulative runs the method on a real cumulative election: points are the
// weights, the outcome stays within the budget and the run is repeatable.
func TestEqualSharesCumulative(t *testing.T) {
	e := parseFile(t, "Poland_Czestochowa_2024_Bleszno.pb")
	a, err := tally.Run(e, tally.RuleEqualSharesAdd1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := tally.Run(e, tally.RuleEqualSharesAdd1)
	if a.Cost > e.Budget || len(a.Selected) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("outcome %+v then %+v, budget %d", a, b, e.Budget)
	}
}
