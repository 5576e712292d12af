#!/usr/bin/env bash
# Makes this clone ready to run: npm packages always; with --npm-only, nothing else.
# Otherwise also the Debian packages the tests use and the offline VS Code (code-server).
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm packages, when missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
[ "${1:-}" = "--npm-only" ] && exit 0

# Debian packages: Chromium drives the VS Code UI in tests; ripgrep and libkrb5-dev are
# needed to install code-server offline; openssh-server is a real SSH peer for tests;
# python3-netmiko is the reference client outputs are compared with, and python3-textfsm the
# reference parser that parsed records are compared with.
packages=(chromium ripgrep libkrb5-dev openssh-server python3-netmiko python3-textfsm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "setup: the tests need these Debian packages: ${missing[*]}" >&2
    echo "setup: install them as root, then run the tests again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

bash scripts/install-code-server.sh
