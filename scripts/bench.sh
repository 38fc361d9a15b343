#!/usr/bin/env bash
# scripts/bench.sh — the write-path benchmarks whose figures are in docs/BENCHMARKS.md.
#
#   BenchmarkAllocate (portal/budget)  budget.Service.Allocate (BudgetRoundV2 round, and a v1
#                                      round as op=allocate-v1) vs one EnqueueOp transaction,
#                                      on SQLite and PostgreSQL, sequential and parallel
#   BenchmarkOutbox   (portal/outbox)  allocations mined per second through the worker vs
#                                      chain.Sender.Send alone, on the embedded dev chain
#
# Each benchmark is measured next to its baseline, in the same process, so the ratio holds on
# this shared, noisy machine. The whole set runs ROUNDS times (default 5), each round a fresh
# process with -count 1, fresh databases and a fresh chain: five samples per figure, with
# baseline and measured interleaved in time instead of five of one and then five of the other
# as `go test -count 5` would run them. About 4 minutes on 2 cores.
#
# Needs PostgreSQL as the tests do (PBNODE_TEST_POSTGRES_DSN, default in storage/storagetest).
# Environment: ROUNDS (5), BENCH_OUT (a new directory under $TMPDIR) for the raw results.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-5}
OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/pbnode-bench.XXXXXX")}
mkdir -p "$OUT"
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf

# BenchmarkAllocate runs for a fixed time (1s per figure). BenchmarkOutbox runs a fixed 40
# allocations per figure: with a time target, one lucky first operation (a receipt found at
# the first poll) makes the framework predict a hundred, and the round takes minutes.
ALLOCATE_FLAGS=(-test.run '^$' -test.bench '^BenchmarkAllocate$' -test.benchtime 1s -test.count 1 -test.timeout 10m)
OUTBOX_FLAGS=(-test.run '^$' -test.bench '^BenchmarkOutbox$' -test.benchtime 40x -test.count 1 -test.timeout 10m)

machine() {
	echo "date:       $(date -u +%Y-%m-%dT%H:%MZ)"
	echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "nproc:      $(nproc)"
	echo "cpu:        $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
	echo "go:         $(go version)"
	local dsn=${PBNODE_TEST_POSTGRES_DSN:-"host=127.0.0.1 port=5432 user=postgres dbname=postgres sslmode=disable"}
	echo "postgres:   $(psql "$dsn" -Atc 'SHOW server_version' 2>/dev/null || echo 'unknown (psql missing or refused)')"
	echo "loadavg:    $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ratios prints, for each measured benchmark, the median ns/op of it and of its baseline and
# the median of the per-round ratios (measured / baseline) with their range.
ratios() {
	awk '
	function fmt(ns) { return ns >= 1e6 ? sprintf("%.2f ms", ns / 1e6) : sprintf("%.0f us", ns / 1e3) }
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	/^Benchmark/ {
		name = $1; sub(/-[0-9]+$/, "", name)
		for (i = 3; i < NF; i++) if ($(i + 1) == "ns/op") ns[name, ++seen[name]] = $i
		if (!(name in first)) { first[name] = 1; names[++n] = name }
	}
	END {
		printf "%-52s %10s %10s %8s %15s\n", "measured (vs baseline), median of rounds", "baseline", "measured", "ratio", "ratio range"
		for (k = 1; k <= n; k++) {
			m = names[k]; base = m
			if (!sub(/op=allocate(-v1)?$/, "op=enqueue", base) && !sub(/op=outbox/, "op=send", base)) continue
			delete r; delete bv; delete mv; c = 0; lo = ""; hi = ""
			for (i = 1; i <= seen[m]; i++) {
				if (!((base, i) in ns)) continue
				c++; bv[c] = ns[base, i]; mv[c] = ns[m, i]; r[c] = mv[c] / bv[c]
				if (lo == "" || r[c] < lo) lo = r[c]; if (hi == "" || r[c] > hi) hi = r[c]
			}
			if (c == 0) continue
			printf "%-52s %10s %10s %7.2fx %7.2f–%.2f  (n=%d)\n", m, fmt(median(bv, c)), fmt(median(mv, c)), median(r, c), lo, hi, c
		}
	}' "$@"
}

benchstat_cmd() {
	local gobin
	gobin=$(go env GOPATH)/bin/benchstat
	if command -v benchstat >/dev/null 2>&1; then
		echo benchstat
	elif [ -x "$gobin" ]; then
		echo "$gobin"
	elif go run "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION" /dev/null >/dev/null 2>&1; then
		echo "go run golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
	fi
}

echo "== machine"
machine | tee "$OUT/machine.txt"
echo
echo "== building the benchmark binaries"
go test -c -o "$OUT/budget.test" ./portal/budget
go test -c -o "$OUT/outbox.test" ./portal/outbox
echo "budget.test ${ALLOCATE_FLAGS[*]}"
echo "outbox.test ${OUTBOX_FLAGS[*]}"

: >"$OUT/allocate.txt"
: >"$OUT/outbox.txt"
for round in $(seq 1 "$ROUNDS"); do
	echo
	echo "== round $round of $ROUNDS"
	(cd "$ROOT/portal/budget" && "$OUT/budget.test" "${ALLOCATE_FLAGS[@]}") | tee -a "$OUT/allocate.txt"
	(cd "$ROOT/portal/outbox" && "$OUT/outbox.test" "${OUTBOX_FLAGS[@]}") | tee -a "$OUT/outbox.txt"
done

echo
echo "== baseline ratios"
ratios "$OUT/allocate.txt" "$OUT/outbox.txt" | tee "$OUT/ratios.txt"

BENCHSTAT=$(benchstat_cmd)
if [ -n "$BENCHSTAT" ]; then
	for f in allocate outbox; do
		echo
		echo "== benchstat -col /op $f.txt"
		$BENCHSTAT -col /op "$OUT/$f.txt" | tee "$OUT/benchstat-$f.txt"
	done
else
	echo
	echo "(benchstat not installed and the Go module proxy unreachable: no benchstat summary)"
fi
echo
echo "raw results in $OUT"
