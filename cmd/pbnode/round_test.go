package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/pabulib"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestRoundExport: `pbnode round export --pb` refuses an open round with exit 2 unless
// --allow-open (then no selected column), refuses an unknown round with exit 2, and writes a
// finalized round with its funded set as the selected column. The recount against the chain
// is portal/export's TestExportRecountsLikeTheChain.
func TestRoundExport(t *testing.T) {
	dir := t.TempDir()
	dsn := filepath.Join(dir, "pbnode.db")
	store, err := storage.Open(t.Context(), storage.Config{Driver: storage.DriverSQLite, DSN: dsn}, storagetest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	rd := storage.Round{Name: "CLI", Symbol: "CLI", Budget: 1000, Deadline: time.Now().Add(time.Hour),
		Treasury: "0x00000000000000000000000000000000000000aa", Status: storage.RoundOpen}
	if err := store.CreateRound(t.Context(), &rd); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Park", "Lights"} {
		if err := store.CreateInitiative(t.Context(), &storage.Initiative{RoundID: rd.ID, Title: title, Cost: 600}); err != nil {
			t.Fatal(err)
		}
	}
	export := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		base := []string{"round", "export", "--storage-driver", "sqlite", "--storage-dsn", dsn}
		code := run(t.Context(), append(base, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	if code, _, stderr := export("--pb", "--round", "1"); code != exitBadInput || !strings.Contains(stderr, "not finalized") {
		t.Fatalf("open round: exit %d, stderr %q; want 2 and 'not finalized'", code, stderr)
	}
	if code, _, stderr := export("--pb", "--round", "9"); code != exitBadInput || !strings.Contains(stderr, "not found") {
		t.Fatalf("unknown round: exit %d, stderr %q; want 2 and 'not found'", code, stderr)
	}
	if code, _, stderr := export("--round", "1"); code != exitBadInput {
		t.Fatalf("without --pb: exit %d, stderr %q; want 2", code, stderr)
	}
	code, out, stderr := export("--pb", "--round", "1", "--allow-open")
	if code != 0 {
		t.Fatalf("--allow-open: exit %d: %s", code, stderr)
	}
	e, err := pabulib.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	if slices.Contains(e.ProjectColumns, pabulib.ColSelected) || len(e.Projects) != 2 || len(e.Votes) != 0 {
		t.Errorf("open export: columns %v, %d projects, %d votes", e.ProjectColumns, len(e.Projects), len(e.Votes))
	}

	if err := store.SetFunded(t.Context(), rd.ID, []int{2}); err != nil {
		t.Fatal(err)
	}
	if err := store.SetRoundStatus(t.Context(), rd.ID, storage.RoundFinalized); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "round.pb")
	if code, out, stderr := export("--pb", "--round", "1", "--out", file); code != 0 || out != "" {
		t.Fatalf("finalized: exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if e, err = pabulib.Parse(bytes.NewReader(data)); err != nil {
		t.Fatalf("parse: %v\n%s", err, data)
	}
	if e.Project("1").Selected || !e.Project("2").Selected || e.Rule != "greedy" {
		t.Errorf("finalized export:\n%s", data)
	}
	if strings.Contains(strings.ToLower(string(data)), "0x") {
		t.Errorf("the export holds an address:\n%s", data)
	}
}
