package audit

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/audit/internal/cityround"
	"github.com/pbnode/pbnode/chain/internal/benchenv"
	"github.com/pbnode/pbnode/chain/roundv2"
)

// BenchmarkAuditCityRound measures `pbnode audit` of a round of N
// allocations end to end (the issue: 1,000,000 allocations in ≤ 60 s):
// the round is built once on a persistent dev chain (cityround.Build, reused
// by later runs on the same directory), the chain is reopened in this
// process serving JSON-RPC over HTTP on a free loopback port, and the real
// CLI, built with go build, runs as a process of its own:
//
//	op=pbnode-audit          pbnode audit --rpc URL --round ADDRESS --json: its wall time,
//	                         its CPU (user + sys), its peak RSS, and this process's CPU
//	                         meanwhile (the node serving it); the JSON must say OK with N
//	                         allocations
//	op=recompute-in-process  RecomputeV2 on the same node from this process (CPU counts
//	                         the node too)
//	op=recover-signers       baseline: recovering the N relayed signatures alone, on every
//	                         CPU, the floor of any audit that checks who signed
//
// Sizes and places: PBNODE_BENCH_AUDIT_N (2,000), PBNODE_BENCH_AUDIT_DIR (a
// temporary directory, so the round is built each run). scripts/bench-audit.sh
// runs it with N = 1,000,000 and a directory kept across runs.
func BenchmarkAuditCityRound(b *testing.B) {
	n := benchenv.Int(b, "PBNODE_BENCH_AUDIT_N", 2_000)
	dir := os.Getenv("PBNODE_BENCH_AUDIT_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	m, err := cityround.Build(b.Context(), cityround.Config{Dir: dir, N: n, Log: log})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("round %s: %d allocations in blocks %d-%d, %d relays, built %s in %.0f s (%.0f allocations/s)",
		m.Round.Hex(), m.N, m.FromBlock, m.ToBlock, m.Relays, m.Built.Format(time.RFC3339), m.BuildSeconds, float64(m.N)/m.BuildSeconds)
	bin := buildCLI(b)
	node, err := cityround.Start(b.Context(), dir, log)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := node.Close(); err != nil {
			b.Error(err)
		}
	})
	var st *v2State // read by op=recompute-in-process, for the baseline
	b.Run("op=pbnode-audit", func(b *testing.B) {
		for b.Loop() {
			runAuditCLI(b, bin, node.RPCURL(), m)
		}
	})
	b.Run("op=recompute-in-process", func(b *testing.B) {
		c := dialBench(b, node.RPCURL())
		for b.Loop() {
			load := loadMetric(b)
			start, cpu := time.Now(), cpuTime(b)
			var err error
			if st, err = readV2(b.Context(), c, m.Round, v2ConfigOf(nil)); err != nil {
				b.Fatal(err)
			}
			r := st.report(0)
			wall, cpuS := time.Since(start).Seconds(), float64(cpuTime(b)-cpu)/1e9
			if !r.OK() || r.Allocations != m.N {
				b.Fatalf("allocations %d, findings %q", r.Allocations, r.Findings())
			}
			b.ReportMetric(wall, "wall-s")
			b.ReportMetric(cpuS, "cpu-s")
			b.ReportMetric(wall*1e9/float64(m.N), "ns/allocation")
			b.Logf("RecomputeV2 in process: %.1f s wall, %.1f CPU-s (auditor and node), load %s → %s", wall, cpuS, load, cityround.LoadAverage())
		}
	})
	b.Run("op=recover-signers", func(b *testing.B) {
		if st == nil {
			var err error
			if st, err = readV2(b.Context(), dialBench(b, node.RPCURL()), m.Round, v2ConfigOf(nil)); err != nil {
				b.Fatal(err)
			}
		}
		dom := roundv2.Domain{ChainID: st.chainID, Round: st.round}
		for b.Loop() {
			load := loadMetric(b)
			start, cpu := time.Now(), cpuTime(b)
			recoverSigners(dom, st.logs.txs, runtime.NumCPU())
			wall, cpuS := time.Since(start).Seconds(), float64(cpuTime(b)-cpu)/1e9
			b.ReportMetric(wall, "wall-s")
			b.ReportMetric(cpuS, "cpu-s")
			b.ReportMetric(wall*1e9/float64(m.N), "ns/allocation")
			b.Logf("signature recovery alone, %d workers: %.1f s wall, %.1f CPU-s, load %s → %s", runtime.NumCPU(), wall, cpuS, load, cityround.LoadAverage())
		}
	})
}

// runAuditCLI runs `pbnode audit --json` on m's round and reports its
// figures; the audit must be OK with m.N allocations.
func runAuditCLI(b *testing.B, bin, url string, m cityround.Manifest) {
	args := []string{"audit", "--rpc", url, "--round", m.Round.Hex(), "--json"}
	cmd := exec.CommandContext(b.Context(), bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	b.Logf("command: pbnode %s", strings.Join(args, " "))
	load := loadMetric(b)
	start, nodeCPU := time.Now(), cpuTime(b)
	err := cmd.Run()
	wall, nodeCPUS := time.Since(start).Seconds(), float64(cpuTime(b)-nodeCPU)/1e9
	if err != nil {
		b.Fatalf("pbnode audit: %v\n%s", err, tail(stderr.String(), 4000))
	}
	var out struct {
		OK    bool `json:"ok"`
		Chain struct {
			Allocations    int `json:"allocations"`
			Claims         int `json:"claims"`
			RelayTxs       int `json:"relay_txs"`
			RelayedRecords int `json:"relayed_records"`
		} `json:"chain_v2"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		b.Fatalf("pbnode audit --json: %v\n%s", err, tail(stdout.String(), 4000))
	}
	if c := out.Chain; !out.OK || c.Allocations != m.N || c.Claims != m.N || c.RelayedRecords != m.N || c.RelayTxs != m.Relays {
		b.Fatalf("pbnode audit: ok %t, %d allocations, %d claims, %d relayed records in %d relays; want ok and %d in %d",
			out.OK, c.Allocations, c.Claims, c.RelayedRecords, c.RelayTxs, m.N, m.Relays)
	}
	ps := cmd.ProcessState
	cpuS := (ps.UserTime() + ps.SystemTime()).Seconds()
	rssMB := float64(ps.SysUsage().(*syscall.Rusage).Maxrss) / 1024 // Linux: KiB
	b.ReportMetric(wall, "wall-s")
	b.ReportMetric(cpuS, "auditor-cpu-s")
	b.ReportMetric(nodeCPUS, "node-cpu-s")
	b.ReportMetric(rssMB, "auditor-maxrss-MB")
	b.ReportMetric(wall*1e9/float64(m.N), "ns/allocation")
	b.Logf("pbnode audit: OK, %d allocations, %d relays; %.1f s wall, auditor %.1f CPU-s (user %.1f, sys %.1f), node %.1f CPU-s, auditor peak RSS %.0f MB, load %s → %s",
		out.Chain.Allocations, out.Chain.RelayTxs, wall, cpuS, ps.UserTime().Seconds(), ps.SystemTime().Seconds(), nodeCPUS, rssMB, load, cityround.LoadAverage())
}

// buildCLI builds cmd/pbnode into a temporary directory.
func buildCLI(b *testing.B) string {
	bin := filepath.Join(b.TempDir(), "pbnode")
	out, err := exec.CommandContext(b.Context(), "go", "build", "-o", bin, "github.com/pbnode/pbnode/cmd/pbnode").CombinedOutput()
	if err != nil {
		b.Fatalf("go build ./cmd/pbnode: %v\n%s", err, out)
	}
	return bin
}

func dialBench(b *testing.B, url string) *chain.Client {
	c, err := chain.Dial(b.Context(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.Close)
	return c
}

// loadMetric reports the 1-minute load average as the metric load1 and
// returns the three averages: the machine is shared.
func loadMetric(b *testing.B) string {
	load := cityround.LoadAverage()
	if l1, err := strconv.ParseFloat(strings.Fields(load + " 0")[0], 64); err == nil {
		b.ReportMetric(l1, "load1")
	}
	return load
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
