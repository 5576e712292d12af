#!/usr/bin/env bash
# Install code-server (a real VS Code server + workbench) from the npm registry into
# .vscode-test/code-server, once. Offline apart from npm: see DESIGN.md section 4.
# Usage: bash scripts/install-code-server.sh   (idempotent; a stamp file makes reruns instant)
set -euo pipefail

CS_VERSION=4.100.3
# @vscode/ripgrep as pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json) and the
# release its postinstall fetches from GitHub (lib/postinstall.js VERSION). Update with CS_VERSION.
RG_PKG_VERSION=1.15.11
RG_RELEASE=v13.0.0-10

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$ROOT/.vscode-test"
DEST="$BASE/code-server"
STAMP="$DEST/.installed-$CS_VERSION"
LOG="$BASE/install-code-server.log"

if [[ -f "$STAMP" ]]; then
  echo "code-server $CS_VERSION already installed: $DEST/out/node/entry.js"
  exit 0
fi

mkdir -p "$BASE"
# Keep the whole folder out of git without touching the project's .gitignore.
[[ -f "$BASE/.gitignore" ]] || echo '*' > "$BASE/.gitignore"

# One installer at a time (parallel test runs); re-check the stamp once we hold the lock.
exec 9>"$BASE/.install.lock"
flock 9
if [[ -f "$STAMP" ]]; then
  echo "code-server $CS_VERSION already installed: $DEST/out/node/entry.js"
  exit 0
fi

fail() {
  echo "ERROR: code-server install failed: $1" >&2
  echo "       full log: $LOG" >&2
  tail -n 15 "$LOG" 2>/dev/null | sed 's/^/       | /' >&2
  exit 1
}

[[ "$(node -p 'process.versions.node.split(".")[0]')" == 20 ]] || fail "code-server $CS_VERSION needs Node 20 (found $(node -v))"
command -v rg >/dev/null || fail "ripgrep not found (apt-get install ripgrep)"
[[ -e /usr/include/krb5.h || -e /usr/include/gssapi/gssapi.h ]] || fail "kerberos headers missing (apt-get install libkrb5-dev)"

STAGE="$BASE/code-server.partial"
TMP="$BASE/tmp"
rm -rf "$STAGE" "$TMP"
mkdir -p "$STAGE" "$TMP"
: > "$LOG"
echo "Installing code-server $CS_VERSION into $DEST (log: $LOG) ..."
start=$SECONDS

# @vscode/ripgrep's postinstall looks for $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<release>-<target>.tar.gz
# before asking GitHub. Seed that cache with Debian's rg so nothing is downloaded.
export TMPDIR="$TMP"
case "$(node -p process.arch)" in
  x64) RG_TARGET=x86_64-unknown-linux-musl ;;
  arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) fail "no ripgrep cache mapping for arch $(node -p process.arch)" ;;
esac
RG_CACHE="$TMP/vscode-ripgrep-cache-$RG_PKG_VERSION"
mkdir -p "$RG_CACHE/x"
cp "$(command -v rg)" "$RG_CACHE/x/rg"
tar -czf "$RG_CACHE/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz" -C "$RG_CACHE/x" rg

# npm config for every nested npm install (code-server's postinstall runs npm in lib/vscode too).
export npm_config_yes=true          # node-pty's postinstall; ~/.npmrc may say yes=false
export npm_config_unsafe_perm=true  # code-server's postinstall refuses to run as root without it
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_foreground_scripts=true  # native build output goes to the log, not /dev/null
# argon2 (node-pre-gyp) and kerberos (prebuild-install) first try prebuilt binaries from GitHub.
# Point those at a closed loopback port so they fail at once and build from source instead.
export npm_config_argon2_binary_host_mirror=http://127.0.0.1:9/
export npm_config_kerberos_binary_host=http://127.0.0.1:9
# node-gyp would download Node headers from nodejs.org; use the installed ones when present.
if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/common.gypi ]]; then
  export npm_config_nodedir=/usr
fi

# Unpack the published package and install it in place, so DEST is code-server's own root
# (out/node/entry.js, lib/vscode/...). npm runs the root package's postinstall.
# (set -e does not apply inside a `|| fail` list, hence the && chain.)
(
  cd "$TMP" &&
  npm pack "code-server@$CS_VERSION" --loglevel=warn >>"$LOG" 2>&1 &&
  tar -xzf "code-server-$CS_VERSION.tgz" -C "$STAGE" --strip-components=1 >>"$LOG" 2>&1
) || fail "could not fetch code-server@$CS_VERSION from the npm registry"

(cd "$STAGE" && npm install --omit=dev --no-save >>"$LOG" 2>&1) || fail "npm install (native builds / postinstall)"

RG_BIN="$STAGE/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
"$RG_BIN" --version >>"$LOG" 2>&1 || fail "ripgrep binary missing at $RG_BIN"
node "$STAGE/out/node/entry.js" --version >>"$LOG" 2>&1 || fail "installed code-server does not start"

# All links created by the install are relative, so the finished tree can be moved into place.
rm -rf "$DEST"
mv "$STAGE" "$DEST"
rm -rf "$TMP"
date -u +%FT%TZ > "$STAMP"
echo "code-server $CS_VERSION installed in $((SECONDS - start)) s"
echo "entry point: $DEST/out/node/entry.js"
