package pabulib_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
)

func ptr(n int64) *int64 { return &n }

func TestParse(t *testing.T) {
	text := "\uFEFFMETA\r\nkey;value\r\nbudget;1000\r\nvote_type;cumulative\r\nrule; greedy \r\n" +
		"max_length;3\r\nmin_sum_points;1\r\nmax_sum_points;10\r\nmin_project_score_threshold;5\r\n" +
		"description;\"A; quoted \"\"text\"\"\"\r\nnum_votes;2\r\n" +
		"PROJECTS\r\nproject_id;cost;votes;score;name;selected\r\n" +
		"p1;600.0;2;9;\"Park; \"\"green\"\"\";1\r\np/2;400;1;;Łąka;0\r\n" +
		"VOTES\r\nvoter_id;vote;points;sex\r\nv1;p1,p/2;5,4;F\r\nv2; p1 ;3;\r\n"
	got, err := pabulib.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := &pabulib.Election{
		Meta: []pabulib.MetaField{
			{"budget", "1000"}, {"vote_type", "cumulative"}, {"rule", "greedy"},
			{"max_length", "3"}, {"min_sum_points", "1"}, {"max_sum_points", "10"}, {"min_project_score_threshold", "5"},
			{"description", `A; quoted "text"`}, {"num_votes", "2"},
		},
		Budget: 1000, VoteType: pabulib.Cumulative, Rule: "greedy",
		Params:         pabulib.Params{MaxLength: 3, MinSumPoints: 1, MaxSumPoints: 10, MinProjectScoreThreshold: 5},
		ProjectColumns: []string{"project_id", "cost", "votes", "score", "name", "selected"},
		Projects: []pabulib.Project{
			{ID: "p1", Cost: 600, Votes: ptr(2), Score: ptr(9), Selected: true, Extra: map[string]string{"name": `Park; "green"`}},
			{ID: "p/2", Cost: 400, Votes: ptr(1), Extra: map[string]string{"name": "Łąka"}},
		},
		VoteColumns: []string{"voter_id", "vote", "points", "sex"},
		Votes: []pabulib.Vote{
			{VoterID: "v1", Projects: []string{"p1", "p/2"}, Points: []int64{5, 4}, Extra: map[string]string{"sex": "F"}},
			{VoterID: "v2", Projects: []string{"p1"}, Points: []int64{3}, Extra: map[string]string{"sex": ""}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%#v\nwant\n%#v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	const meta = "META\nkey;value\nbudget;100\n"
	const projects = "PROJECTS\nproject_id;cost\na;10\nb;20\n"
	const votes = "VOTES\nvoter_id;vote\n"
	tests := []struct {
		name     string
		text     string
		wantErr  error
		wantLine int
	}{
		{"empty input", "", pabulib.ErrSection, 0},
		{"row before META", "budget;1\n" + meta, pabulib.ErrSection, 1},
		{"no VOTES section", meta + projects, pabulib.ErrSection, 0},
		{"no PROJECTS section", meta + votes, pabulib.ErrSection, 4},
		{"sections out of order", meta + votes + projects, pabulib.ErrSection, 4},
		{"a second META", meta + projects + votes + "META\n", pabulib.ErrSection, 10},
		{"section without a column line", meta + "PROJECTS\n" + votes, pabulib.ErrSection, 5},
		{"budget missing", "META\nkey;value\nrule;greedy\n" + projects + votes, pabulib.ErrMissing, 0},
		{"budget not a number", "META\nkey;value\nbudget;lots\n" + projects + votes, pabulib.ErrNumber, 3},
		{"budget negative", "META\nkey;value\nbudget;-5\n" + projects + votes, pabulib.ErrNumber, 3},
		{"duplicate META key", meta + "budget;7\n" + projects + votes, pabulib.ErrDuplicate, 4},
		{"META row with three fields", meta + "a;b;c\n" + projects + votes, pabulib.ErrSyntax, 4},
		{"unsupported vote type", meta + "vote_type;scoring\n" + projects + votes, pabulib.ErrVoteType, 4},
		{"parameter not a number", meta + "max_length;three\n" + projects + votes, pabulib.ErrNumber, 4},
		{"cost not a number", meta + "PROJECTS\nproject_id;cost\na;ten\n" + votes, pabulib.ErrNumber, 6},
		{"cost with a fraction", meta + "PROJECTS\nproject_id;cost\na;10.5\n" + votes, pabulib.ErrNumber, 6},
		{"votes not a number", meta + "PROJECTS\nproject_id;cost;votes\na;1;x\n" + votes, pabulib.ErrNumber, 6},
		{"selected not 0 or 1", meta + "PROJECTS\nproject_id;cost;selected\na;1;yes\n" + votes, pabulib.ErrNumber, 6},
		{"no cost column", meta + "PROJECTS\nproject_id;name\na;x\n" + votes, pabulib.ErrColumn, 5},
		{"repeated column", meta + "PROJECTS\nproject_id;cost;cost\n" + votes, pabulib.ErrColumn, 5},
		{"no vote column", meta + projects + "VOTES\nvoter_id;points\n", pabulib.ErrColumn, 9},
		{"duplicate project", meta + projects + "a;5\n" + votes, pabulib.ErrDuplicate, 8},
		{"project without id", meta + projects + ";5\n" + votes, pabulib.ErrMissing, 8},
		{"project id with a comma", meta + "PROJECTS\nproject_id;cost\n\"a,b\";5\n" + votes, pabulib.ErrSyntax, 6},
		{"project row too short", meta + "PROJECTS\nproject_id;cost;name\na;5\n" + votes, pabulib.ErrSyntax, 6},
		{"unknown project in a vote", meta + projects + votes + "v1;a,zz\n", pabulib.ErrUnknownProject, 10},
		{"project twice in a vote", meta + projects + votes + "v1;a,b,a\n", pabulib.ErrDuplicate, 10},
		{"duplicate voter", meta + projects + votes + "v1;a\nv2;b\nv1;b\n", pabulib.ErrDuplicate, 12},
		{"voter without id", meta + projects + votes + ";a\n", pabulib.ErrMissing, 10},
		{"points and vote differ in length", meta + projects + "VOTES\nvoter_id;vote;points\nv1;a,b;3\n", pabulib.ErrMismatch, 10},
		{"points not numbers", meta + projects + "VOTES\nvoter_id;vote;points\nv1;a,b;3,x\n", pabulib.ErrNumber, 10},
		{"negative points", meta + projects + "VOTES\nvoter_id;vote;points\nv1;a;-3\n", pabulib.ErrNumber, 10},
		{"cumulative without points", meta + "vote_type;cumulative\n" + projects + votes, pabulib.ErrColumn, 0},
		{"num_votes disagrees", meta + "num_votes;2\n" + projects + votes + "v1;a\n", pabulib.ErrMismatch, 4},
		{"num_projects disagrees", meta + "num_projects;3\n" + projects + votes, pabulib.ErrMismatch, 4},
		{"unterminated quote", meta + "PROJECTS\nproject_id;cost\n\"a;5\n" + votes, pabulib.ErrSyntax, 6},
		{"bare quote", meta + "PROJECTS\nproject_id;cost;name\na;5;x\"y\n" + votes, pabulib.ErrSyntax, 6},
		{"invalid UTF-8", meta + "PROJECTS\nproject_id;cost;name\na;5;\xff\n" + votes, pabulib.ErrSyntax, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := pabulib.Parse(strings.NewReader(tt.text))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v (election %v)", err, tt.wantErr, e)
			}
			pe, ok := errors.AsType[*pabulib.Error](err)
			if !ok {
				t.Fatalf("err %T is not a *pabulib.Error", err)
			}
			if pe.Line != tt.wantLine {
				t.Errorf("line %d, want %d (%v)", pe.Line, tt.wantLine, err)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		check func(*pabulib.Election) bool
	}{
		{"blank lines and LF", "META\nkey;value\n\nbudget;5\nPROJECTS\nproject_id;cost\n\na;5\nVOTES\nvoter_id;vote\nv;a\n\n",
			func(e *pabulib.Election) bool { return e.Budget == 5 && len(e.Votes) == 1 }},
		{"an empty vote", "META\nkey;value\nbudget;5\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote;points\nv;;\n",
			func(e *pabulib.Election) bool { return e.Votes[0].Projects == nil && len(e.Votes[0].Points) == 0 }},
		{"a quoted field across lines", "META\nkey;value\nbudget;5\ncomment;\"two\nlines\"\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\nv;a\n",
			func(e *pabulib.Election) bool { v, _ := e.Get("comment"); return v == "two\nlines" }},
		{"no vote_type and no rule", "META\nkey;value\nbudget;5\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n",
			func(e *pabulib.Election) bool { return e.VoteType == "" && e.Rule == "" && e.Projects == nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := pabulib.Parse(strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(e) {
				t.Errorf("unexpected election %+v", e)
			}
		})
	}
}
