package audit

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
)

// TestParseLogs: parseLogs reads what json.Unmarshal reads, on a node's
// usual answer and on shapes that take the fallback.
func TestParseLogs(t *testing.T) {
	s := newSynth(t, 20)
	raw, err := json.Marshal(s.logs)
	if err != nil {
		t.Fatal(err)
	}
	one, err := json.Marshal(s.logs[:1])
	if err != nil {
		t.Fatal(err)
	}
	escaped := strings.Replace(string(one), `"data"`, `"d\u0061ta"`, 1)
	for name, in := range map[string]string{
		"answer": string(raw), "empty": "[]", "spaced": " [ \n] ", "escaped key": escaped,
		"unknown key":    strings.Replace(string(one), `"removed"`, `"extra":1,"other":"x","removed"`, 1),
		"unknown object": strings.Replace(string(one), `"removed"`, `"extra":{},"removed"`, 1),
		"another case":   strings.Replace(string(one), `"removed"`, `"Address":"0x00000000000000000000000000000000000000a2","removed"`, 1),
	} {
		got, err := parseLogs([]byte(in))
		var want []types.Log
		wantErr := json.Unmarshal([]byte(in), &want)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%s: parseLogs err %v, json.Unmarshal err %v", name, err, wantErr)
		}
		if err == nil && !equalLogs(got, want) {
			t.Fatalf("%s: parseLogs differs from json.Unmarshal", name)
		}
	}
	if logs, ok := (&logScanner{b: raw}).logs(); !ok || len(logs) != len(s.logs) {
		t.Fatalf("the fast path refused a node's answer (%t, %d logs)", ok, len(logs))
	}
	for _, bad := range []string{"", "[", "[{}]", `[{"address":"0x01"}]`, "null"} {
		if logs, err := parseLogs([]byte(bad)); err == nil && len(logs) > 0 {
			t.Errorf("parseLogs(%q) = %d logs, want an error or none", bad, len(logs))
		}
	}
}

func equalLogs(a, b []types.Log) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if len(x.Data) == 0 && len(y.Data) == 0 {
			x.Data, y.Data = nil, nil
		}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// FuzzParseLogs: a node's answer never panics parseLogs, and what the fast
// path accepts json.Unmarshal reads the same.
func FuzzParseLogs(f *testing.F) {
	s := newSynth(f, 4)
	raw, err := json.Marshal(s.logs[:3])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte("[]"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, ok := (&logScanner{b: raw}).logs()
		if !ok {
			_, _ = parseLogs(raw)
			return
		}
		var want []types.Log
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("fast path accepted what json.Unmarshal refuses: %v", err)
		}
		if !equalLogs(got, want) {
			t.Fatalf("fast path differs from json.Unmarshal")
		}
	})
}

// TestNextWindow: the eth_getLogs window aims at logsPerQuery logs, at most
// doubles, and stays within [1, max].
func TestNextWindow(t *testing.T) {
	tests := []struct {
		window uint64
		got    int
		max    uint64
		want   uint64
	}{
		{1000, 0, 50_000, 2000},
		{40_000, 0, 50_000, 50_000},
		{1000, logsPerQuery, 50_000, 1000},
		{1000, 4 * logsPerQuery, 50_000, 250},
		{1000, logsPerQuery / 4, 50_000, 2000},
		{1, 1_000_000, 50_000, 1},
		{10, 5, 7, 7},
	}
	for _, tt := range tests {
		if got := nextWindow(tt.window, tt.got, tt.max); got != tt.want {
			t.Errorf("nextWindow(%d, %d, %d) = %d, want %d", tt.window, tt.got, tt.max, got, tt.want)
		}
	}
}
