#!/usr/bin/env bash
# README command 1: set up, build, then serve the built static site on localhost.
# Usage: scripts/serve.sh [--from PATH] [--port N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
port="${PORT:-8080}"
setup_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    *) setup_args+=("$1"); shift ;;
  esac
done
bash "$REPO_ROOT/scripts/setup.sh" "${setup_args[@]+"${setup_args[@]}"}"
bash "$REPO_ROOT/scripts/build.sh"
step "serving web/dist at http://127.0.0.1:$port/  (Ctrl-C stops)"
cd "$REPO_ROOT/web"
exec npx vite preview --port "$port" --strictPort --host 127.0.0.1
