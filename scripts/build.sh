#!/usr/bin/env bash
# Builds everything: the native core, CLI and tests; the WASM module (browser + Node variants);
# and the static site in web/dist. Incremental: build trees are cached under build/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
jobs="$(nproc)"

step "native build (build/native): core, normlab CLI, GoogleTest"
cmake --preset native >/dev/null
cmake --build --preset native -j"$jobs"

step "WASM build (build/wasm): Emscripten + Embind, -O3 -msimd128"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j"$jobs"

step "static site (web/dist)"
(cd web && npx vite build --logLevel warn)
info "built site: web/dist (serve it with any static file server, from any sub-path)"
