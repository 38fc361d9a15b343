package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAuditTallyAnchors: on a real `pbnode dev`, the treasury publishes the Assen 2024 election
// (equalshares/add1); once its anchor is mined, `pbnode audit --registry --api` recounts it from
// the file the API serves and finds the anchor.
func TestAuditTallyAnchors(t *testing.T) {
	dir := t.TempDir()
	p := startPbnode(t, dir, devEnv(dir), "dev")
	creds := readCredentials(t, dir)
	input, err := os.ReadFile(filepath.Join(pabulibDir, "Netherlands_Assen_2024.pb"))
	if err != nil {
		t.Fatal(err)
	}
	status, body, err := post(p.URL+"/api/v1/tallies", creds.Treasury, string(input))
	if err != nil || status != http.StatusAccepted {
		t.Fatalf("POST /api/v1/tallies = %d %s, %v", status, body, err)
	}
	var published struct{ ID int64 }
	if err := json.Unmarshal(body, &published); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var got struct{ Operation struct{ Status string } }
		getJSON(t, fmt.Sprintf("%s/api/v1/tallies/%d", p.URL, published.ID), &got)
		if got.Operation.Status == "mined" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the anchor is %q after a minute", got.Operation.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var contracts struct {
		AnchorRegistry string `json:"anchor_registry"`
	}
	getJSON(t, p.URL+"/api/v1/contracts", &contracts)

	var stdout, stderr bytes.Buffer
	args := []string{"audit", "--rpc", p.RPC, "--registry", contracts.AnchorRegistry, "--api", p.URL}
	if code := run(t.Context(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("audit --registry: exit %d; stderr %s; stdout:\n%s", code, stderr.String(), stdout.String())
	}
	for _, want := range []string{"Tally anchors in AnchorRegistry", ": 1\n", "matched with an anchor: 1", "RESULT: OK, everything agrees"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	stderr.Reset()
	if code := run(t.Context(), []string{"audit", "--rpc", p.RPC, "--registry", contracts.AnchorRegistry}, &stdout, &stderr); code != exitBadInput {
		t.Errorf("audit --registry without --api: exit %d, stderr %s", code, stderr.String())
	}
}
