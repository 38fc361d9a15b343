#!/usr/bin/env bash
# scripts/bench-audit.sh — `pbnode audit` of a BudgetRoundV2 round of N allocations, end to
# end (the issue: 1,000,000 allocations in ≤ 60 s), whose write-up is in docs/BENCHMARKS.md
# ("Recount of a BudgetRoundV2 round", "End to end").
#
# BenchmarkAuditCityRound (chain/audit/cityround_bench_test.go) builds the round once on a
# persistent embedded dev chain (N citizens, one eligibility root, N first uses relayed 500
# a transaction; about 10 minutes for 1,000,000 on 2 cores under load), reopens the chain
# serving JSON-RPC on a free loopback port, and runs the real CLI as a process of its own:
#
#   pbnode audit --rpc URL --round ADDRESS --json
#
# It reports the audit's wall time, the auditor's CPU and peak RSS, the node's CPU meanwhile,
# and in the same run the baselines: RecomputeV2 in process, and the signature recovery alone.
# A second run with the same N reuses the round (the directory holds a manifest.json).
#
# Environment: N (1000000); PBNODE_CACHE ($HOME/.cache/pbnode): the round lives in
# $PBNODE_CACHE/bench-audit-$N; COUNT (1) samples of each figure (go test -count: each
# sub-benchmark is taken COUNT times in a row on the same node); BENCH_OUT (a new directory
# under $TMPDIR) for the raw results.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
COUNT=${COUNT:-1}
DIR=${PBNODE_CACHE:-$HOME/.cache/pbnode}/bench-audit-$N
OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/pbnode-bench-audit.XXXXXX")}
mkdir -p "$DIR" "$OUT"

echo "== machine"
{
	echo "date:       $(date -u +%Y-%m-%dT%H:%MZ)"
	echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
	echo "nproc:      $(nproc)"
	echo "cpu:        $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
	echo "go:         $(go version)"
	echo "uptime:     $(uptime)"
	echo "round dir:  $DIR$([ -f "$DIR/manifest.json" ] && echo ' (built: reused)' || echo ' (not built: building)')"
} | tee "$OUT/machine.txt"

cmd=(go test -run '^$' -bench '^BenchmarkAuditCityRound$' -benchtime 1x -count "$COUNT" -timeout 6h ./chain/audit/)
echo
echo "== PBNODE_BENCH_AUDIT_N=$N PBNODE_BENCH_AUDIT_DIR=$DIR ${cmd[*]}"
PBNODE_BENCH_AUDIT_N=$N PBNODE_BENCH_AUDIT_DIR=$DIR "${cmd[@]}" 2>&1 | tee "$OUT/bench.txt"
echo "uptime after: $(uptime)" | tee -a "$OUT/machine.txt"

echo
echo "== round"
cat "$DIR/manifest.json"
echo
echo "== figures"
grep -E '^Benchmark|command: |pbnode audit: OK|in process: |recovery alone' "$OUT/bench.txt" | sed 's/^ *//'
echo
echo "raw results in $OUT"
