#!/usr/bin/env bash
# scripts/bench-citizens.sh — a city's registration and verification, whose figures are in
# docs/BENCHMARKS.md.
#
#   BenchmarkRegisterAndVerify (portal/citizens)
#     op=register  N citizens sign in by SMS for the first time and fill in their profiles
#     op=verify    the same, then person levels L1-L3 checked against a registry extract of
#                  N people by two verification-job workers
#
# on SQLite and PostgreSQL. One iteration is the whole city. op=register is the baseline of
# op=verify, measured just before it in the same process. The set runs ROUNDS times, each a
# fresh process with fresh databases.
#
# Environment: CITIZENS (10000), ROUNDS (1), BENCH_OUT (a new directory under $TMPDIR).
# About 5 minutes a round for 10,000 citizens on 2 cores. Needs PostgreSQL as the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
CITIZENS=${CITIZENS:-10000}
ROUNDS=${ROUNDS:-1}
OUT=${BENCH_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/pbnode-bench-citizens.XXXXXX")}
mkdir -p "$OUT"

echo "== machine"
{
	echo "date:       $(date -u +%Y-%m-%dT%H:%MZ)"
	echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "nproc:      $(nproc)"
	echo "go:         $(go version)"
	echo "loadavg:    $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "citizens:   $CITIZENS"
} | tee "$OUT/machine.txt"

go test -c -o "$OUT/citizens.test" ./portal/citizens
: >"$OUT/citizens.txt"
for round in $(seq 1 "$ROUNDS"); do
	echo
	echo "== round $round of $ROUNDS"
	(cd portal/citizens && PBNODE_BENCH_CITIZENS=$CITIZENS "$OUT/citizens.test" \
		-test.run '^$' -test.bench '^BenchmarkRegisterAndVerify$' -test.benchtime 1x -test.timeout 60m) |
		tee -a "$OUT/citizens.txt"
done

echo
echo "== verify / register (same round, same database driver)"
awk '
	/^BenchmarkRegisterAndVerify/ {
		split($1, p, "/"); db = p[2]; op = p[3]; sub(/-[0-9]+$/, "", op)
		if (op == "op=register") base[db] = $3
		if (op == "op=verify" && (db in base)) printf "%-10s register %8.1f s   verify %8.1f s   ratio %.2fx\n", db, base[db] / 1e9, $3 / 1e9, $3 / base[db]
	}' "$OUT/citizens.txt" | tee "$OUT/ratios.txt"
echo
echo "raw results in $OUT"
