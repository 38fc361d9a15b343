#!/usr/bin/env bash
# scripts/bench-v2.sh — the budget-at-scale figures of BudgetRoundV2 driven from Go, whose
# write-up is in docs/BENCHMARKS.md ("Budget rounds at city scale").
#
#   BenchmarkV2Throughput     allocations signed, relayed, mined and confirmed per second on
#                             the embedded dev chain: v2 first uses (claim + allocate) in
#                             relays of 500, v2 later allocations in relays of 250, against
#                             one v1 allocateFor per allocation (baseline)
#   BenchmarkV2Distribution   gas of setEligibilityRoot for 10 and 1,000,000 citizens,
#                             against v1 grantQuotas of 150 citizens (baseline)
#   BenchmarkV2GasPerCitizen  gas of one citizen's claim + allocate in a relay of 500 in a
#                             1,000,000-leaf tree, against v1 grantQuotas share + allocateFor
#
# All in chain/roundv2/throughput_bench_test.go; each baseline runs in the same process just
# before its figure, on the same chain, and the set runs COUNT times (go test -count), so
# baseline and measured figure alternate in time on this shared, noisy machine. The script
# prints the median of each metric and the median ratio to the baseline with its range.
# About 8 minutes on 2 cores with the default sizes.
#
# Environment: COUNT (3), BENCH_OUT (a new directory under $TMPDIR) for the raw results;
# PBNODE_BENCH_V1_ALLOCATIONS (10000), PBNODE_BENCH_V2_ALLOCATIONS (10000) and
# PBNODE_BENCH_V2_LATER (2000) set the throughput sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-3}
OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/pbnode-bench-v2.XXXXXX")}
mkdir -p "$OUT"

echo "== machine"
{
	echo "date:       $(date -u +%Y-%m-%dT%H:%MZ)"
	echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "nproc:      $(nproc)"
	echo "cpu:        $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
	echo "go:         $(go version)"
	echo "loadavg:    $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

echo
echo "== go test -run '^\$' -bench 'V2' -benchtime 1x -count $COUNT ./chain/roundv2/"
go test -run '^$' -bench 'V2' -benchtime 1x -count "$COUNT" -timeout 60m ./chain/roundv2/ | tee "$OUT/v2.txt"
echo "loadavg after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

# summary prints the median of every metric per benchmark, then each figure against its
# baseline: the median of the per-run ratios and their range. Ratios are "times better":
# baseline / measured for gas, measured / baseline for allocations/s.
summary() {
	awk '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function fmtv(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.4g", x) }
	function med(name, unit,   i, a, c) {
		c = 0
		for (i = 1; i <= runs[name]; i++) if ((name, unit, i) in v) a[++c] = v[name, unit, i]
		return c ? median(a, c) : ""
	}
	# ratio prints measured m against baseline bl; scale multiplies the baseline value (the
	# v1 gas per citizen times the citizens), better is "up" (more is better) or "down".
	function ratio(label, m, mu, bl, bu, scale, better,   i, r, c, lo, hi, x, y) {
		c = 0; lo = ""; hi = ""
		for (i = 1; i <= runs[m] && i <= runs[bl]; i++) {
			if (!((m, mu, i) in v) || !((bl, bu, i) in v)) continue
			x = v[m, mu, i]; y = v[bl, bu, i] * scale
			c++; r[c] = better == "up" ? x / y : y / x
			if (lo == "" || r[c] < lo) lo = r[c]; if (hi == "" || r[c] > hi) hi = r[c]
		}
		if (c == 0) return
		printf "%-40s %14s %14s %10.3gx  %.3g–%.3g (n=%d)\n", label, fmtv(med(bl, bu) * scale), fmtv(med(m, mu)), median(r, c), lo, hi, c
	}
	/^Benchmark/ {
		name = $1; sub(/-[0-9]+$/, "", name)
		if (!(name in runs)) names[++n] = name
		runs[name]++
		for (i = 3; i < NF; i += 2) { v[name, $(i + 1), runs[name]] = $i; if (!((name, $(i + 1)) in seenu)) { seenu[name, $(i + 1)] = 1; units[name] = units[name] " " $(i + 1) } }
	}
	END {
		print "== medians"
		for (k = 1; k <= n; k++) {
			split(substr(units[names[k]], 2), us, " ")
			line = ""
			for (u = 1; u in us; u++) line = line sprintf("  %s %s", fmtv(med(names[k], us[u])), us[u])
			printf "%s (n=%d)\n   %s\n", names[k], runs[names[k]], line
		}
		print ""
		print "== against the baseline (ratio: times better than the baseline)"
		printf "%-40s %14s %14s %11s  %s\n", "figure", "baseline", "measured", "ratio", "range"
		t = "BenchmarkV2Throughput/contract="
		ratio("first allocations/s, v2 vs v1", t "v2/op=relay-claims", "allocations/s", t "v1/op=allocateFor", "allocations/s", 1, "up")
		ratio("later allocations/s, v2 vs v1", t "v2/op=relay-later", "allocations/s", t "v1/op=allocateFor", "allocations/s", 1, "up")
		d = "BenchmarkV2Distribution/contract="
		ratio("distribution gas, 10 citizens", d "v2/op=setEligibilityRoot/citizens=10", "gas", d "v1/op=grantQuotas/citizens=150", "gas/citizen", 10, "down")
		ratio("distribution gas, 1,000,000 citizens", d "v2/op=setEligibilityRoot/citizens=1000000", "gas", d "v1/op=grantQuotas/citizens=150", "gas/citizen", 1000000, "down")
		g = "BenchmarkV2GasPerCitizen/contract="
		ratio("gas per participating citizen", g "v2/op=relay/batch=500/tree=1000000", "gas/citizen", g "v1/op=grantQuotas+allocateFor/citizens=150", "gas/citizen", 1, "down")
	}' "$@"
}

echo
summary "$OUT/v2.txt" | tee "$OUT/summary.txt"
echo
echo "raw results in $OUT"
