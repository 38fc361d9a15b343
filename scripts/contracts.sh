#!/usr/bin/env bash
# scripts/contracts.sh [compile|test|generate|all] — pbnode's Solidity contracts.
#
#   compile   Hardhat build with solc-js 0.8.30 (npm `solc`, no download):
#             artifacts/contracts/<Name>.sol/<Name>.json
#   test      Hardhat mocha tests in contracts/test/ (compiles first)
#   generate  compile, then regenerate the Go bindings: go generate ./chain/bindings/...
#   all       generate, then test (default)
#
# Sources scripts/node-env.sh, which installs Node 22 and the npm packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh

compile() { npx hardhat build --quiet; }
test_contracts() { npx hardhat test mocha; }
generate() {
	compile
	go generate ./chain/bindings/...
}

cmd="${1:-all}"
case "$cmd" in
compile) compile ;;
test) test_contracts ;;
generate) generate ;;
all)
	generate
	test_contracts
	;;
*)
	echo "usage: $0 [compile|test|generate|all]" >&2
	exit 2
	;;
esac
