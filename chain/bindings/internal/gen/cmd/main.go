// Command cmd writes the chain/bindings Go files from the Hardhat artifacts (see gen.Generate).
// It runs through `go generate ./chain/bindings/...` (chain/bindings/generate.go).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/pbnode/pbnode/chain/bindings/internal/gen"
)

func main() {
	artifacts := flag.String("artifacts", "../../artifacts", "Hardhat artifacts directory")
	out := flag.String("out", ".", "directory to write the bindings to")
	flag.Parse()
	if err := run(*artifacts, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bindings:", err)
		os.Exit(1)
	}
}

func run(artifacts, out string) error {
	files, err := gen.Generate(artifacts)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}
