package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/chain/devchain/devchaintest"
	"github.com/pbnode/pbnode/portal/tallies"
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

// TestTallyVerify: `pbnode tally verify` recounts a published file and finds its anchor in an
// AnchorRegistry on a real chain; another file, or the same file under another rule, is not
// anchored (exit 1); bad input exits 2.
func TestTallyVerify(t *testing.T) {
	n := devchaintest.Start(t)
	_, s := devchaintest.Connect(t, n)
	registryABI := bindings.NewAnchorRegistry()
	rc, err := s.Send(t.Context(), nil, append(common.FromHex(bindings.AnchorRegistryMetaData.Bin), registryABI.PackConstructor(s.Address())...))
	if err != nil {
		t.Fatal(err)
	}
	registry := rc.ContractAddress
	assen := filepath.Join(pabulibDir, "Netherlands_Assen_2024.pb")
	input, err := os.ReadFile(assen)
	if err != nil {
		t.Fatal(err)
	}
	res, sum, err := tallies.Count(input, "")
	if err != nil {
		t.Fatal(err)
	}
	sha := common.BytesToHash(sum[:])
	if _, err := s.Send(t.Context(), &registry, registryABI.PackAnchor(tallies.Kind, sha, tallies.Root(res), uint64(len(res.Selected)), sha)); err != nil {
		t.Fatal(err)
	}
	verify := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), append([]string{"tally", "verify", "--rpc", n.RPCURL(), "--registry", registry.Hex()}, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, errOut := verify("--in", assen)
	if code != 0 || !strings.Contains(out, `"selected":["3","9","2","11","13","14","5","6","12"]`) || !strings.Contains(out, "ANCHORED: root "+tallies.Root(res).Hex()) {
		t.Fatalf("verify Assen: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := verify("--in", assen, "--rule", "greedy"); code != 1 || !strings.Contains(out, "NOT ANCHORED") {
		t.Errorf("verify under greedy: exit %d\n%s", code, out)
	}
	other := filepath.Join(pabulibDir, "Poland_Lodz_2024_Wzniesien_Lodzkich.pb")
	if code, out, _ := verify("--in", other); code != 1 || !strings.Contains(out, "NOT ANCHORED") {
		t.Errorf("verify an unanchored file: exit %d\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.pb")
	if err := os.WriteFile(bad, []byte("META\nkey;value\nbudget;ten\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := verify("--in", bad); code != exitBadInput || !strings.Contains(errOut, "invalid election file") {
		t.Errorf("verify a malformed file: exit %d, %s", code, errOut)
	}
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"tally", "verify", "--in", assen}, &stdout, &stderr); code != exitBadInput {
		t.Errorf("verify without --rpc: exit %d, %s", code, stderr.String())
	}
}
