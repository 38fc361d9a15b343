// Package gen generates the Go bindings in chain/bindings from Hardhat artifacts with abigen v2.
// Both the generator command (go generate) and the staleness test use Generate, so the committed
// files are exactly what the generator writes.
package gen

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// Package is the Go package name of the generated bindings.
const Package = "bindings"

// Contract names one contract to bind and the file its binding goes to.
type Contract struct {
	Name    string // Solidity contract name, also the Go type name
	File    string // generated file path relative to chain/bindings
	Package string // Go package name of the file; "" means Package
}

// Contracts are the contracts bound in chain/bindings, in generation order.
var Contracts = []Contract{
	{Name: "BudgetToken", File: "budgettoken.go"},
	{Name: "BudgetRound", File: "budgetround.go"},
	// v2 lives in its own package: abigen's output types (InitiativeOutput, …) clash with v1's.
	{Name: "BudgetRoundV2", File: "budgetroundv2/budgetroundv2.go", Package: "budgetroundv2"},
	{Name: "AnchorRegistry", File: "anchorregistry.go"},
}

// ErrNoArtifacts reports that the Hardhat artifacts have not been built.
var ErrNoArtifacts = errors.New("hardhat artifacts missing: run `scripts/contracts.sh compile` (npx hardhat build) first")

// artifact holds the fields of a Hardhat artifact that bindings need.
type artifact struct {
	ContractName string          `json:"contractName"`
	ABI          json.RawMessage `json:"abi"`
	Bytecode     string          `json:"bytecode"`
}

// ArtifactPath is where Hardhat writes the artifact of contract name under artifactsDir.
func ArtifactPath(artifactsDir, name string) string {
	return filepath.Join(artifactsDir, "contracts", name+".sol", name+".json")
}

// Generate returns the binding source of every contract in Contracts, keyed by file name,
// read from the Hardhat artifacts under artifactsDir.
func Generate(artifactsDir string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(Contracts))
	for _, c := range Contracts {
		pkg := c.Package
		if pkg == "" {
			pkg = Package
		}
		code, err := bind(ArtifactPath(artifactsDir, c.Name), c.Name, pkg)
		if err != nil {
			return nil, fmt.Errorf("bind %s: %w", c.Name, err)
		}
		out[c.File] = code
	}
	return out, nil
}

func bind(path, name, pkg string) ([]byte, error) {
	a, err := readArtifact(path)
	if err != nil {
		return nil, err
	}
	if a.ContractName != name {
		return nil, fmt.Errorf("%s holds contract %q, want %q", path, a.ContractName, name)
	}
	code, err := abigen.BindV2([]string{name}, []string{string(a.ABI)},
		[]string{strings.TrimPrefix(a.Bytecode, "0x")}, pkg, map[string]string{}, map[string]string{})
	if err != nil {
		return nil, err
	}
	return []byte(code), nil
}

func readArtifact(path string) (*artifact, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w (%s not found)", ErrNoArtifacts, path)
	}
	if err != nil {
		return nil, err
	}
	var a artifact
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	if len(a.ABI) == 0 || a.Bytecode == "" || a.Bytecode == "0x" {
		return nil, fmt.Errorf("%s has no abi or bytecode", path)
	}
	return &a, nil
}
