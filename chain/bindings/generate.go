// Package bindings holds the Go bindings (abigen v2) of pbnode's contracts: BudgetToken,
// BudgetRound, BudgetRoundV2 and AnchorRegistry. The files are generated from the Hardhat artifacts; do not edit
// them. Regenerate with `scripts/contracts.sh generate` (Hardhat compile, then go generate);
// TestBindingsUpToDate fails when they are stale.
package bindings

//go:generate go run ./internal/gen/cmd -artifacts ../../artifacts -out .
