package tally_test

import (
	"reflect"
	"testing"

	"github.com/pbnode/pbnode/portal/tally"
)

func TestGreedyRules(t *testing.T) {
	cs := []tally.Candidate{
		{ID: "a", Cost: 60, Support: 10},
		{ID: "b", Cost: 50, Support: 8},
		{ID: "c", Cost: 30, Support: 8}, // ties with b on support: cheaper first
		{ID: "d", Cost: 10, Support: 3},
		{ID: "e", Cost: 5, Support: 0},
	}
	tests := []struct {
		name string
		run  func() tally.Outcome
		want tally.Outcome
	}{
		{"greedy skips what does not fit", func() tally.Outcome { return tally.Greedy(100, cs) },
			tally.Outcome{Selected: []string{"a", "c", "d"}, Cost: 100}},
		{"greedy with room for all", func() tally.Outcome { return tally.Greedy(1000, cs) },
			tally.Outcome{Selected: []string{"a", "c", "b", "d", "e"}, Cost: 155}},
		{"greedy-no-skip stops at the first misfit", func() tally.Outcome { return tally.GreedyNoSkip(95, cs) },
			tally.Outcome{Selected: []string{"a", "c"}, Cost: 90}},
		{"greedy-threshold drops support below the threshold", func() tally.Outcome { return tally.GreedyThreshold(1000, 8, cs) },
			tally.Outcome{Selected: []string{"a", "c", "b"}, Cost: 140}},
		{"greedy-threshold keeps support equal to the threshold", func() tally.Outcome { return tally.GreedyThreshold(1000, 3, cs) },
			tally.Outcome{Selected: []string{"a", "c", "b", "d"}, Cost: 150}},
		{"zero budget", func() tally.Outcome { return tally.Greedy(0, cs) }, tally.Outcome{Selected: []string{}}},
		{"no candidates", func() tally.Outcome { return tally.Greedy(10, nil) }, tally.Outcome{Selected: []string{}}},
		{"equal support and cost keep input order", func() tally.Outcome {
			return tally.Greedy(10, []tally.Candidate{{ID: "y", Cost: 5, Support: 1}, {ID: "x", Cost: 5, Support: 1}, {ID: "z", Cost: 5, Support: 1}})
		}, tally.Outcome{Selected: []string{"y", "x"}, Cost: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.run(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEqualShares(t *testing.T) {
	approve := func(ids ...string) tally.Ballot { return tally.Ballot{Projects: ids} }
	unit := func(ids ...string) []tally.Candidate {
		cs := make([]tally.Candidate, len(ids))
		for i, id := range ids {
			cs[i] = tally.Candidate{ID: id, Cost: 1}
		}
		return cs
	}
	tests := []struct {
		name    string
		budget  int64
		cs      []tally.Candidate
		ballots []tally.Ballot
		want    tally.Outcome
	}{
		{
			name:   "proportional: a third of the voters get a third of the budget",
			budget: 3, cs: unit("a1", "a2", "a3", "b1", "b2", "b3"),
			ballots: []tally.Ballot{
				approve("a1", "a2", "a3"), approve("a1", "a2", "a3"), approve("a1", "a2", "a3"), approve("a1", "a2", "a3"),
				approve("b1", "b2", "b3"), approve("b1", "b2", "b3"),
			},
			want: tally.Outcome{Selected: []string{"a1", "a2", "b1"}, Cost: 3},
		},
		{
			name:   "lowest price per unit of cost first",
			budget: 4, cs: []tally.Candidate{{ID: "B", Cost: 1}, {ID: "A", Cost: 3}},
			ballots: []tally.Ballot{approve("A"), approve("A"), approve("A"), approve("B")},
			want:    tally.Outcome{Selected: []string{"A", "B"}, Cost: 4},
		},
		{
			name:   "equal price: more supporters first, even when dearer",
			budget: 6, cs: []tally.Candidate{{ID: "A", Cost: 2}, {ID: "B", Cost: 4}},
			ballots: []tally.Ballot{{Projects: []string{"A"}, Weights: []int64{2}}, {Projects: []string{"B"}, Weights: []int64{1}}, {Projects: []string{"B"}, Weights: []int64{1}}},
			want:    tally.Outcome{Selected: []string{"B", "A"}, Cost: 6},
		},
		{
			name:   "equal price and supporters: cheaper first",
			budget: 4, cs: []tally.Candidate{{ID: "X", Cost: 2}, {ID: "Y", Cost: 1}},
			ballots: []tally.Ballot{approve("X"), approve("Y")},
			want:    tally.Outcome{Selected: []string{"Y", "X"}, Cost: 3},
		},
		{
			name:   "add-one completion funds what the equal split could not",
			budget: 3, cs: []tally.Candidate{{ID: "X", Cost: 2}, {ID: "Y", Cost: 1}},
			ballots: []tally.Ballot{approve("X"), approve("Y")},
			want:    tally.Outcome{Selected: []string{"Y", "X"}, Cost: 3},
		},
		{
			name:   "add-one completion stops before overspending",
			budget: 4, cs: []tally.Candidate{{ID: "X", Cost: 2}, {ID: "Y", Cost: 2}, {ID: "Z", Cost: 1}},
			ballots: []tally.Ballot{approve("X"), approve("Y", "Z"), approve("Y")},
			want:    tally.Outcome{Selected: []string{"Y"}, Cost: 2},
		},
		{
			name:   "a supporter out of money pays what is left, the others share the rest",
			budget: 15, cs: []tally.Candidate{{ID: "S", Cost: 8}, {ID: "T", Cost: 4}},
			ballots: []tally.Ballot{approve("S", "T"), approve("S"), approve("S"), approve("S"), approve("T")},
			want:    tally.Outcome{Selected: []string{"S", "T"}, Cost: 12}, // T: 1 + 3
		},
		{
			name:   "unsupported and zero-weight projects are never funded",
			budget: 10, cs: []tally.Candidate{{ID: "A", Cost: 1}, {ID: "N", Cost: 1}, {ID: "W", Cost: 1}},
			ballots: []tally.Ballot{{Projects: []string{"A", "W"}, Weights: []int64{3, 0}}},
			want:    tally.Outcome{Selected: []string{"A"}, Cost: 1},
		},
		{
			name:   "a free project is funded first",
			budget: 2, cs: []tally.Candidate{{ID: "A", Cost: 2}, {ID: "F", Cost: 0}},
			ballots: []tally.Ballot{approve("A", "F"), approve("A")},
			want:    tally.Outcome{Selected: []string{"F", "A"}, Cost: 2},
		},
		{
			name:   "no voters",
			budget: 10, cs: unit("a"),
			want: tally.Outcome{Selected: []string{}},
		},
		{
			name:   "unknown project on a ballot is ignored",
			budget: 1, cs: unit("a"),
			ballots: []tally.Ballot{approve("zz", "a")},
			want:    tally.Outcome{Selected: []string{"a"}, Cost: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tally.EqualShares(tt.budget, tt.cs, tt.ballots); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
