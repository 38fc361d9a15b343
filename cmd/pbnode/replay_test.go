package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/portal/replay"
)

// TestRoundReplay: `pbnode round replay` replays a real greedy-threshold election on a
// throwaway chain, funds the official set and reports the gas per citizen; bad input exits 2.
func TestRoundReplay(t *testing.T) {
	lodz := filepath.Join(pabulibDir, "Poland_Lodz_2024_Wzniesien_Lodzkich.pb")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"round", "replay", "--pb", lodz, "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, stderr.String())
	}
	var got replayResult
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
	}
	want := []string{"B091WL", "B090WL", "B028WL"}
	if !got.Match || strings.Join(got.Funded, ",") != strings.Join(want, ",") || got.Voters != 601 || got.Rule != "greedy-threshold" {
		t.Fatalf("replay = %+v; want match, funded %v, 601 voters", got, want)
	}
	if got.GasPerVoter == 0 || got.Gas.Claims == 0 || got.Gas.Total < got.Gas.Claims+got.Gas.Materialize+got.Gas.Allocations {
		t.Errorf("gas figures %+v, per citizen %d", got.Gas, got.GasPerVoter)
	}

	stdout.Reset()
	stderr.Reset()
	if code := run(t.Context(), []string{"round", "replay", "--pb", lodz}, &stdout, &stderr); code != 0 {
		t.Fatalf("text: exit code %d; stderr: %s", code, stderr.String())
	}
	for _, line := range []string{"Funded on-chain: [B091WL B090WL B028WL]", "MATCH", "Gas per participating citizen: "} {
		if !strings.Contains(stdout.String(), line) {
			t.Errorf("text output lacks %q:\n%s", line, stdout.String())
		}
	}
}

func TestRoundReplayBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.pb")
	if err := os.WriteFile(bad, []byte("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;ten\nVOTES\nvoter_id;vote\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, wantStderr string
		args             []string
	}{
		{"no --pb", "--pb FILE.pb is required", []string{"round", "replay"}},
		{"missing file", "no such file", []string{"round", "replay", "--pb", filepath.Join(t.TempDir(), "none.pb")}},
		{"malformed file", "line 6: not a whole number", []string{"round", "replay", "--pb", bad}},
		{"off-chain rule", `rule "equalshares/add1" is not an on-chain rule`,
			[]string{"round", "replay", "--pb", filepath.Join(pabulibDir, "Netherlands_Assen_2024.pb")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(t.Context(), tt.args, &stdout, &stderr); code != exitBadInput {
				t.Fatalf("exit code %d, want %d; stderr: %s", code, exitBadInput, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) || stdout.Len() != 0 {
				t.Errorf("stderr %q (want %q), stdout %q", stderr.String(), tt.wantStderr, stdout.String())
			}
		})
	}
}

// TestAuditV2Round: `pbnode audit` tells a BudgetRoundV2 round by its views and recounts it
// from the chain alone; --api, which compares v1 rounds with a node, is refused.
func TestAuditV2Round(t *testing.T) {
	n := devchaintest.Start(t)
	c, s := devchaintest.Connect(t, n)
	e, err := readElection(filepath.Join(pabulibDir, "Poland_Gdynia_2024_Leszczynki__small.pb"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := replay.NewPlan(e)
	if err != nil {
		t.Fatal(err)
	}
	res, err := replay.Run(t.Context(), c, s, n, p, replay.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"audit", "--rpc", n.RPCURL(), "--round", res.Round.Hex()}
	if code := run(t.Context(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("audit: exit code %d; stderr %s; stdout:\n%s", code, stderr.String(), stdout.String())
	}
	for _, want := range []string{"RESULT: OK, everything agrees", "Signatures: 594 relayed records"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("audit output lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	stderr.Reset()
	// --api compares v2 rounds too: a node that cannot be read is an error, not a pass.
	if code := run(t.Context(), append(args, "--api", "http://127.0.0.1:1"), &stdout, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), "read the API") {
		t.Errorf("audit --api of a v2 round with no API: exit %d, stderr %q; want a failure reading the API", code, stderr.String())
	}
}
