package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pabulibDir holds the real pabulib elections of the tally tests.
const pabulibDir = "../../portal/tally/testdata/pabulib"

func TestTallyPB(t *testing.T) {
	assen := filepath.Join(pabulibDir, "Netherlands_Assen_2024.pb")
	warszawa := filepath.Join(pabulibDir, "Poland_Warszawa_2017_Stare_Bielany.pb")
	bad := filepath.Join(t.TempDir(), "bad.pb")
	if err := os.WriteFile(bad, []byte("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;ten\nVOTES\nvoter_id;vote\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantStderr string
	}{
		{"the file's own rule, as JSON", []string{"tally", "pb", "--in", assen, "--json"}, 0,
			`{"rule":"equalshares/add1","selected":["3","9","2","11","13","14","5","6","12"],"cost":"76700"}` + "\n", ""},
		{"ids one a line", []string{"tally", "pb", "--in", warszawa}, 0,
			"745\n940\n1511\n1343\n1093\n1119\n", ""},
		{"another rule", []string{"tally", "pb", "--in", assen, "--rule", "greedy", "--json"}, 0,
			`{"rule":"greedy","selected":["3","9","8","2","11","13","14"],"cost":"99200"}` + "\n", ""},
		{"unknown rule", []string{"tally", "pb", "--in", assen, "--rule", "borda"}, 2, "", `unknown rule "borda"`},
		{"missing file", []string{"tally", "pb", "--in", filepath.Join(t.TempDir(), "none.pb")}, 2, "", "no such file"},
		{"bad file names the line", []string{"tally", "pb", "--in", bad}, 2, "", "line 6: not a whole number"},
		{"no --in", []string{"tally", "pb"}, 2, "", "--in FILE.pb is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			if stdout.String() != tt.wantOut {
				t.Errorf("stdout\n%s\nwant\n%s", stdout.String(), tt.wantOut)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}
