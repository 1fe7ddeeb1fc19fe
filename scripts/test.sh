#!/usr/bin/env bash
# README command 2: set up, build, then run every test layer:
#   C++ (GoogleTest via CTest), C++ under ASan+UBSan, a short libFuzzer run, the site's type check
#   (tsc --noEmit over its JSDoc types), ESLint and the Prettier format check,
#   JS unit tests (node --test), and browser end-to-end tests (Chromium + playwright-core).
# Ends with one line "N passed, N failed" and exits non-zero on any failure.
# Usage: scripts/test.sh [--from PATH]   (PATH: a local TinyShakespeare copy)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh "$@"
bash scripts/build.sh

passed=0; failed=0; broken=()
logdir="$REPO_ROOT/build/test-logs"; mkdir -p "$logdir"

# ctest prints "NN% tests passed, F tests failed out of T"
count_ctest() {
  local log="$1" line total fail
  line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true)"
  if [[ -z "$line" ]]; then broken+=("$2: no CTest summary"); return; fi
  fail="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
  total="$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")"
  passed=$((passed + total - fail)); failed=$((failed + fail))
}
# node --test TAP output ends with "# pass N" and "# fail N"
count_tap() {
  local tap="$1" p f
  p="$(grep -E '^# pass [0-9]+' "$tap" | tail -n1 | awk '{print $3}')"
  f="$(grep -E '^# fail [0-9]+' "$tap" | tail -n1 | awk '{print $3}')"
  if [[ -z "$p" || -z "$f" ]]; then broken+=("$2: no TAP summary"); return; fi
  passed=$((passed + p)); failed=$((failed + f))
}
run_stage() { # name, log, command...
  local name="$1" log="$2"; shift 2
  step "$name"
  if ! "$@" 2>&1 | tee "$log"; then info "($name exited non-zero)"; fi
}
# A check that passes or fails as a whole (type check, lint, format): one line of the count.
check_stage() { # name, log, command...
  local name="$1" log="$2"; shift 2
  step "$name"
  if "$@" 2>&1 | tee "$log"; then passed=$((passed + 1)); else info "($name failed)"; failed=$((failed + 1)); fi
}
node_tests() { # name dir
  local tap="$logdir/$1.tap"
  run_stage "$1" "$logdir/$1.log" node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$2"/*.test.mjs
  count_tap "$tap" "$1"
}

run_stage "C++ tests (GoogleTest via CTest)" "$logdir/ctest.log" ctest --preset native --output-on-failure -j"$(nproc)"
count_ctest "$logdir/ctest.log" "C++ tests"

if cmake --list-presets 2>/dev/null | grep -q '"asan"'; then
  step "C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)"
  # only what CTest runs (the tests and the CLI they call), not the profiler or the tracer; at
  # -O1 -g1 (CMakePresets.json), the sanitizers' usual level: a JSON-heavy file compiles in less than
  # half the time of -O2 -g (no variable tracking), and every report still has file and line
  # (measured on experiments/norm_compare.cpp: 84 s of CPU at -O2 -g, 62 s at -O2 -g1, 38 s at -O1 -g1)
  cmake --preset asan >/dev/null && cmake --build --preset asan -j"$(nproc)" --target normlab_tests
  run_stage "ASan+UBSan tests" "$logdir/ctest-asan.log" ctest --preset asan --output-on-failure -j"$(nproc)"
  count_ctest "$logdir/ctest-asan.log" "ASan tests"
fi

# C++ formatting: every tracked .cpp/.h as .clang-format says (clang-format 14, Debian's).
step "C++ format check (clang-format --dry-run --Werror)"
if git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror >"$logdir/clang-format.log" 2>&1; then
  info "clang-format: ok"; passed=$((passed + 1))
else
  head -n 40 "$logdir/clang-format.log"; info "clang-format: files differ (run: git ls-files '*.cpp' '*.h' | xargs clang-format -i)"
  failed=$((failed + 1))
fi

if [[ -x scripts/fuzz.sh ]]; then
  run_stage "short libFuzzer run of the normlab norm request handler" "$logdir/fuzz.log" bash scripts/fuzz.sh --quick
  if grep -q '^fuzz: ok' "$logdir/fuzz.log"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi

check_stage "type check of the site's JavaScript (tsc --noEmit, JSDoc types)" "$logdir/typecheck.log" \
  npm --prefix web run --silent typecheck
check_stage "ESLint: web/, tests/web, tests/e2e, tests/lib" "$logdir/lint.log" npm --prefix web run --silent lint
check_stage "Prettier format check: web/, tests/web, tests/e2e, tests/lib" "$logdir/format.log" \
  npm --prefix web run --silent format:check

node_tests "JS unit tests" tests/web
node_tests "browser end-to-end tests" tests/e2e

echo
for b in "${broken[@]+"${broken[@]}"}"; do echo "broken stage: $b"; failed=$((failed + 1)); done
info "all stages done at $(elapsed)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
