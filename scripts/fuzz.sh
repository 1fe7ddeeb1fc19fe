#!/usr/bin/env bash
# Fuzzes the `normlab norm` request handler (tests/fuzz/fuzz_norm_request.cpp) with libFuzzer
# under AddressSanitizer + UndefinedBehaviorSanitizer: arbitrary bytes must never crash, leak or
# trip UB; a bad request is only ever a clean error.
# Usage: scripts/fuzz.sh [--quick | --seconds N]   (--quick: 30 s, as scripts/test.sh runs it;
#        default: 10 minutes, for a by-hand run). Crashes are written to build/fuzz/crash-*.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

seconds=600
case "${1:-}" in
  --quick) seconds=30 ;;
  --seconds) seconds="${2:?--seconds needs a number}" ;;
  "") ;;
  *) die "usage: scripts/fuzz.sh [--quick | --seconds N]" ;;
esac

step "fuzz build (build/fuzz: clang, libFuzzer, ASan+UBSan)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target fuzz_norm_request

step "fuzzing normlab norm requests for ${seconds} s"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work/"
log="$work/fuzz.log"
if ! build/fuzz/fuzz_norm_request -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 -artifact_prefix=build/fuzz/ "$work" >"$log" 2>&1; then
  tail -n 40 "$log"
  echo "fuzz: FAILED (see the crash input under build/fuzz/)"
  exit 1
fi
runs="$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')"
echo "fuzz: ok (${runs:-?} inputs in ${seconds} s, no crash, no leak)"
