// Package benchenv reads the sizes that benchmarks take from the environment
// (PBNODE_BENCH_* variables), so that scripts/bench*.sh can scale them.
package benchenv

import (
	"os"
	"strconv"
	"testing"
)

// Int is the environment variable name as a positive int, or def when it is
// unset; anything else fails b.
func Int(b testing.TB, name string, def int) int {
	b.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}
