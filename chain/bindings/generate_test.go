package bindings

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/pbnode/pbnode/chain/bindings/internal/gen"
)

// TestBindingsUpToDate regenerates the bindings in memory from artifacts/ and fails when a
// committed file differs (go-ethereum accounts/abi/bind/v2/generate_test.go does the same).
func TestBindingsUpToDate(t *testing.T) {
	files, err := gen.Generate("../../artifacts")
	if errors.Is(err, gen.ErrNoArtifacts) {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatalf("generate bindings: %v", err)
	}
	for _, c := range gen.Contracts {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := files[c.File]
			if !ok {
				t.Fatalf("generator produced no %s", c.File)
			}
			got, err := os.ReadFile(c.File)
			if err != nil {
				t.Fatalf("read committed %s: %v; run `scripts/contracts.sh generate`", c.File, err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s is stale: the contracts changed since it was generated; run `scripts/contracts.sh generate` and commit it", c.File)
			}
		})
	}
}
