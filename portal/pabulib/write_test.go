package pabulib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
)

func TestWriteBuiltElection(t *testing.T) {
	e := &pabulib.Election{
		Budget: 100, VoteType: pabulib.Approval, Rule: "greedy",
		Meta: []pabulib.MetaField{{"description", "Park; phase 2"}, {"budget", "1"}},
		Projects: []pabulib.Project{
			{ID: "a", Cost: 60, Votes: ptr(2), Selected: true, Extra: map[string]string{"name": `The "big" one`}},
			{ID: "b", Cost: 50},
		},
		Votes: []pabulib.Vote{{VoterID: "1", Projects: []string{"a", "b"}}, {VoterID: "2", Projects: []string{"a"}}},
	}
	var buf bytes.Buffer
	if err := pabulib.Write(&buf, e); err != nil {
		t.Fatal(err)
	}
	want := `META
key;value
description;"Park; phase 2"
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes;name;selected
a;60;2;"The ""big"" one";1
b;50;;;0
VOTES
voter_id;vote
1;a,b
2;a
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := pabulib.Parse(&buf); err != nil {
		t.Errorf("Parse(Write(e)): %v", err)
	}
}

func TestWriteNeedsRequiredColumns(t *testing.T) {
	e := &pabulib.Election{Budget: 1, ProjectColumns: []string{"project_id", "name"}}
	if err := pabulib.Write(&bytes.Buffer{}, e); err == nil || !strings.Contains(err.Error(), "cost") {
		t.Errorf("err %v, want one naming the cost column", err)
	}
}

// TestRealFilesRoundTrip parses each pabulib file, writes it and parses it again.
func TestRealFilesRoundTrip(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(realFiles, "*.pb"))
	if err != nil || len(paths) != 8 {
		t.Fatalf("want the 8 pabulib files in %s, got %d (%v)", realFiles, len(paths), err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			e, err := pabulib.Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(e.Projects) == 0 || len(e.Votes) == 0 || e.Budget <= 0 || e.Rule == "" {
				t.Fatalf("parsed too little: %d projects, %d votes, budget %d, rule %q", len(e.Projects), len(e.Votes), e.Budget, e.Rule)
			}
			var buf bytes.Buffer
			if err := pabulib.Write(&buf, e); err != nil {
				t.Fatalf("Write: %v", err)
			}
			again, err := pabulib.Parse(&buf)
			if err != nil {
				t.Fatalf("Parse(Write(e)): %v", err)
			}
			if !reflect.DeepEqual(again, e) {
				t.Error("Parse(Write(e)) differs from e")
			}
		})
	}
}
