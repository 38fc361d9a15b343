#!/usr/bin/env bash
# The whole test suite, as CI runs it: contracts (Hardhat), lint (gofmt, go vet, staticcheck),
# then `go test -race ./...` against the embedded chain, SQLite and PostgreSQL (portal/replay's
# long replays without -race; see below).
# On a fresh machine it installs what is missing: Node 22 + npm packages, PostgreSQL, Chromium,
# staticcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

step() { printf '\n== %s\n' "$*"; }

ensure_postgres() {
  export PBNODE_TEST_POSTGRES_DSN=${PBNODE_TEST_POSTGRES_DSN:-"host=127.0.0.1 port=5432 user=postgres password=postgres dbname=postgres sslmode=disable"}
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    step "installing PostgreSQL"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local ver; ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start" >&2; exit 1; }
  # A fresh Debian cluster wants a password over TCP: give the superuser the one in the DSN.
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
}

# The page tests drive headless Chromium (portal/web/webtest); they fail, never skip, without it.
ensure_chromium() {
  export PBNODE_TEST_CHROMIUM=${PBNODE_TEST_CHROMIUM:-/usr/bin/chromium}
  [ -x "$PBNODE_TEST_CHROMIUM" ] && return 0
  step "installing Chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$PBNODE_TEST_CHROMIUM" ] || { echo "Chromium is not at $PBNODE_TEST_CHROMIUM" >&2; exit 1; }
}

ensure_staticcheck() {
  STATICCHECK=$(go env GOPATH)/bin/staticcheck
  [ -x "$STATICCHECK" ] || go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
}

step "PostgreSQL"; ensure_postgres
step "Chromium"; ensure_chromium
step "Node 22 and npm packages"
# Sourced, so that the Go tests find Node 22 too (one of them runs `npx hardhat node`).
source scripts/node-env.sh
step "contracts: compile and test (Hardhat)"
scripts/contracts.sh compile
scripts/contracts.sh test

step "lint: gofmt, go vet, staticcheck"
unformatted=$(gofmt -l $(git ls-files '*.go' | grep -v '^chain/bindings/') 2>/dev/null || true)
[ -z "$unformatted" ] || { echo "gofmt needed: $unformatted" >&2; exit 1; }
go vet ./...
ensure_staticcheck; "$STATICCHECK" ./...

step "go test -race ./..."
# portal/replay replays seven real elections (about 13,000 signed records) through the
# embedded chain: 45 s plain, 7 minutes under the race detector on two cores. Its full run goes
# without -race; its concurrent path (materialize) runs under -race in TestAuditorsAgreeOnReplay.
go test -race -count=1 -timeout 20m $(go list ./... | grep -v '/portal/replay$')
go test -race -count=1 -timeout 10m -run 'TestPlan|TestAuditorsAgreeOnReplay' ./portal/replay/
go test -count=1 -timeout 10m ./portal/replay/
