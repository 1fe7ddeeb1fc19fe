#!/usr/bin/env bash
# The science check: runs each experiment at its default settings natively with 3 seeds and prints
# every claim's verdict in one Markdown table (the README's "What the experiments show" table comes
# from its last output). Long: minutes per experiment; not a CI stage.
# Usage: scripts/science.sh [--seeds N] [--quick] [--set key=value ...] [id ...]
#   (no ids: every experiment in SCIENCE_IDS; --set applies to every id given, and the table labels
#   those rows with the settings, e.g. `--set hidden=16 norm-ablation` for the norm-heavy network;
#   --report prints the table from the results of an earlier run without running anything)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

# The experiments whose claims are empirical (exact, maths-only experiments are tested by ctest).
SCIENCE_IDS=(lr-sweep norm-compare pre-post bn-cnn bn-vs-gn norm-ablation norm-speed signal bn-eval)

seeds=3; quick=(); sets=(); ids=(); report_only=0
while (($#)); do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --quick) quick=(--quick); shift ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    --report) report_only=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) ids+=("$1"); shift ;;
  esac
done
((${#ids[@]})) || ids=("${SCIENCE_IDS[@]}")

[[ -x build/native/normlab ]] || { cmake --preset native >/dev/null && cmake --build --preset native -j"$(nproc)" --target normlab; }
out="$REPO_ROOT/build/science"; mkdir -p "$out"
# a run with --set keeps its own result folder: <id>@key=value,...
label=""; for ((i = 1; i < ${#sets[@]}; i += 2)); do label+="${label:+,}${sets[i]}"; done

for id in "${ids[@]}"; do
  ((report_only)) && break
  name="$id${label:+@$label}"
  step "$name: ${seeds} seeds${quick:+ (quick)}"
  start=$(date +%s)
  build/native/normlab run "$id" --seeds "$seeds" "${quick[@]}" "${sets[@]}" --out "$out/$name" >"$out/$name.log" 2>&1 \
    || { tail -n 5 "$out/$name.log"; die "$name failed (log: $out/$name.log)"; }
  info "done in $(( $(date +%s) - start )) s"
done

names=(); for id in "${ids[@]}"; do names+=("$id${label:+@$label}"); done
python3 - "$out" "$seeds" "${names[@]}" <<'PY'
import json, math, sys
out, seeds, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
def num(v):
    if v is None: return "–"
    if isinstance(v, float) and not math.isfinite(v): return str(v)
    return f"{v:.3g}"
print(f"\n| experiment | claim | verdict | effect (mean) | seeds' range | seeds |")
print("|---|---|---|---|---|---|")
for i in ids:
    s = json.load(open(f"{out}/{i}/summary.json"))
    for c in (s if isinstance(s, list) else s.get("claims", [])):
        spread = c.get("spread")
        rng = f"[{num(spread[0])}, {num(spread[1])}]" if spread else "exact"
        print(f"| {i} | {c['claim']} | {c.get('verdict', c.get('holds'))} | {num(c.get('effect'))} | {rng} | {c.get('seeds', seeds)} |")
PY
