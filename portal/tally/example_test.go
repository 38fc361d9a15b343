package tally_test

import (
	"fmt"
	"strings"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/portal/tally"
)

func ExampleGreedy() {
	out := tally.Greedy(100, []tally.Candidate{
		{ID: "park", Cost: 70, Support: 120},
		{ID: "library", Cost: 40, Support: 90}, // does not fit after the park: skipped
		{ID: "bench", Cost: 20, Support: 30},
	})
	fmt.Println(out.Selected, out.Cost)
	// Output: [park bench] 90
}

func ExampleEqualShares() {
	// Four voters want the a-projects, two the b-projects; the budget buys three.
	a := tally.Ballot{Projects: []string{"a1", "a2", "a3"}}
	b := tally.Ballot{Projects: []string{"b1", "b2", "b3"}}
	var cs []tally.Candidate
	for _, id := range []string{"a1", "a2", "a3", "b1", "b2", "b3"} {
		cs = append(cs, tally.Candidate{ID: id, Cost: 100})
	}
	out := tally.EqualShares(300, cs, []tally.Ballot{a, a, a, a, b, b})
	fmt.Println(out.Selected, out.Cost)
	fmt.Println("greedy:", tally.Greedy(300, []tally.Candidate{
		{ID: "a1", Cost: 100, Support: 4}, {ID: "a2", Cost: 100, Support: 4}, {ID: "a3", Cost: 100, Support: 4},
		{ID: "b1", Cost: 100, Support: 2}, {ID: "b2", Cost: 100, Support: 2}, {ID: "b3", Cost: 100, Support: 2},
	}).Selected)
	// Output:
	// [a1 a2 b1] 300
	// greedy: [a1 a2 a3]
}

func ExampleRun() {
	const pb = `META
key;value
budget;100
vote_type;approval
rule;greedy-no-skip
PROJECTS
project_id;cost;name
p1;60;"Trees; benches"
p2;50;Lights
p3;30;Paint
VOTES
voter_id;vote
1;p1,p2
2;p1
3;p2,p1
4;p3
`
	e, err := pabulib.Parse(strings.NewReader(pb))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := tally.Run(e, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Rule, res.Selected, res.Cost, "(p2 does not fit, so p3 is not considered)")
	// Output: greedy-no-skip [p1] 60 (p2 does not fit, so p3 is not considered)
}
