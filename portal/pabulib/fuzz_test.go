package pabulib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
)

// realFiles are the pabulib elections kept beside the tally tests.
const realFiles = "../tally/testdata/pabulib"

// FuzzParse checks that Parse never panics and that, for any input it accepts, writing the
// election and parsing it again gives the same election. Run it with a bounded
// minimization, or each new input is minimized for a minute on the real-file seeds:
//
//	go test ./portal/pabulib -run '^$' -fuzz FuzzParse -fuzztime 60s -fuzzminimizetime 200x
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(realFiles, "*.pb"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil && len(data) < 20000 {
			f.Add(data)
		}
	}
	f.Add([]byte("META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost;name\na;5;\"x;\"\"y\"\"\"\nVOTES\nvoter_id;vote;points\n1;a;3\n"))
	f.Add([]byte("META\r\nkey;value\r\nbudget;1.0\r\nPROJECTS\r\nproject_id;cost;votes;score;selected\r\n a ;0;;-1;\r\nVOTES\r\nvoter_id;vote\r\nv;\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := pabulib.Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := pabulib.Write(&buf, e); err != nil {
			t.Fatalf("Write of a parsed election: %v", err)
		}
		written := buf.String()
		again, err := pabulib.Parse(&buf)
		if err != nil {
			t.Fatalf("Parse(Write(Parse(x))): %v\n%s", err, written)
		}
		if !reflect.DeepEqual(again, e) {
			t.Fatalf("Parse(Write(Parse(x))) != Parse(x)\nfirst:  %#v\nsecond: %#v\nwritten:\n%s", e, again, written)
		}
	})
}
