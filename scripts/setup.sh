#!/usr/bin/env bash
# Installs what NormLab needs and is missing: Debian packages, the site's npm packages,
# and the TinyShakespeare data set. Safe to run again: it skips what is already there.
# Usage: scripts/setup.sh [--from PATH]   (PATH: a local TinyShakespeare copy, passed to fetch_data.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PACKAGES=(
  cmake make g++ pkg-config curl ca-certificates         # native build
  googletest libgtest-dev libbenchmark-dev                # tests, benchmarks
  nlohmann-json3-dev libcli11-dev                         # CLI: JSON requests, argument parsing
  clang libclang-rt-14-dev                                # libFuzzer + sanitizer runtimes
  clang-format                                            # C++ format check (version 14 in bookworm)
  emscripten                                              # WASM build (3.1.6, system LLVM)
  chromium chromium-driver                                # browser tests
)

step "Debian packages"
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  info "installing: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
else
  info "all ${#PACKAGES[@]} present"
fi

step "Node.js"
command -v node >/dev/null || die "Node.js >= 20.19 is required (Vite 8); install it, then run this again"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js $(node --version) is too old: NormLab's site build (Vite 8) needs >= 20.19"
info "node $(node --version), npm $(npm --version)"

step "npm packages (web/)"
lock_sum="$(sha256sum "$REPO_ROOT/web/package-lock.json" | cut -d' ' -f1)"
stamp="$REPO_ROOT/web/node_modules/.normlab-lock-sha256"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" ]]; then
  info "up to date with package-lock.json"
else
  (cd "$REPO_ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi

bash "$REPO_ROOT/scripts/fetch_data.sh" "$@"
