package pabulib_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/pbnode/pbnode/portal/pabulib"
)

func ExampleParse() {
	const pb = "META\r\nkey;value\r\nbudget;1000\r\nvote_type;cumulative\r\nrule;greedy\r\nmax_sum_points;10\r\n" +
		"PROJECTS\r\nproject_id;cost;name;selected\r\np1;600;\"Park; phase \"\"2\"\"\";1\r\np2;500;Lights;0\r\n" +
		"VOTES\r\nvoter_id;vote;points;age\r\n1;p1,p2;7,3;34\r\n2;p2;10;61\r\n"
	e, err := pabulib.Parse(strings.NewReader(pb))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Budget, e.VoteType, e.Rule, e.Params.MaxSumPoints)
	fmt.Println(e.Projects[0].ID, e.Projects[0].Cost, e.Projects[0].Extra["name"], e.Projects[0].Selected)
	fmt.Println(e.Votes[0].Projects, e.Votes[0].Points, e.Votes[0].Extra["age"])
	// Output:
	// 1000 cumulative greedy 10
	// p1 600 Park; phase "2" true
	// [p1 p2] [7 3] 34
}

func ExampleParse_error() {
	const pb = "META\nkey;value\nbudget;1000\nPROJECTS\nproject_id;cost\np1;600\nVOTES\nvoter_id;vote\n1;p1,p9\n"
	_, err := pabulib.Parse(strings.NewReader(pb))
	fmt.Println(err)
	fmt.Println(errors.Is(err, pabulib.ErrUnknownProject))
	// Output:
	// pabulib: line 9: unknown project: the vote names project "p9", which PROJECTS does not list
	// true
}

func ExampleWrite() {
	e := &pabulib.Election{
		Budget: 500, VoteType: pabulib.Approval, Rule: "greedy",
		Projects: []pabulib.Project{{ID: "a", Cost: 300, Extra: map[string]string{"name": "Trees; benches"}}, {ID: "b", Cost: 200}},
		Votes:    []pabulib.Vote{{VoterID: "1", Projects: []string{"a", "b"}}},
	}
	if err := pabulib.Write(os.Stdout, e); err != nil {
		fmt.Println(err)
	}
	// Output:
	// META
	// key;value
	// budget;500
	// vote_type;approval
	// rule;greedy
	// PROJECTS
	// project_id;cost;name;selected
	// a;300;"Trees; benches";0
	// b;200;;0
	// VOTES
	// voter_id;vote
	// 1;a,b
}
