#!/usr/bin/env bash
# Normalization kernel benchmark, native (Google Benchmark) and WASM under Node.
#
#   scripts/bench.sh [--quick] [--no-wasm]
#
# Builds what it needs (the native preset's normlab_bench; the wasm preset's Node build when
# Emscripten is available), measures LayerNorm, RMSNorm, BatchNorm and GroupNorm forward and
# forward+backward on (32768, 768) and on d in {64, 256, 1024, 4096} at 4M elements, next to
# the machine's copy / stream-triad bandwidth from the same run, writes bench/results.json and
# prints a table. Then the GEMM / MLP, transformer / CNN step sections, and the per-op step profile
# of every model family natively and in WASM with each step's share of its GEMM floor (and the
# single-threaded PyTorch MLP step for comparison; see the sections below). The WASM benchmarks
# also run in a worker of headless Chromium beside Node (bench/bench_browser.mjs).
# A benchmark, not a test: it never fails on a missed target, it reports it.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
wasm=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-wasm) wasm=0 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

native_json=build/native/bench_native.json
wasm_json=build/wasm/bench_wasm.json
results=bench/results.json

# Other processes on the machine slow every number here: the load average goes into the
# results so a run on a busy machine is recognisable as one.
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
export NORMLAB_BENCH_LOAD_BEFORE="$load_before"

# ---- native -------------------------------------------------------------------
echo "== native: building normlab_bench (preset native)"
cmake --preset native > /dev/null
if ! cmake --build --preset native --target normlab_bench -j2; then
  echo "bench.sh: could not build normlab_bench (is libbenchmark-dev installed?)" >&2
  exit 1
fi
min_time=0.5
[[ $quick == 1 ]] && min_time=0.1
echo "== native: running (min time ${min_time}s per benchmark)"
# only the norm benchmarks here: normlab_bench also holds the engine's and the models' (their own
# sections below run them)
build/native/normlab_bench --benchmark_min_time="$min_time" \
  --benchmark_filter='^(copy|triad|(layer|rms|batch|group)norm_)' \
  --benchmark_out="$native_json" --benchmark_out_format=json

# ---- WASM under Node -----------------------------------------------------------
rm -f "$wasm_json"
if [[ $wasm == 0 ]]; then
  echo "== wasm: skipped (--no-wasm)"
elif ! command -v emcc > /dev/null || ! command -v node > /dev/null; then
  echo "== wasm: skipped: emcc and node are needed (apt-get install emscripten nodejs)"
else
  export NODE_PATH=/usr/share/nodejs
  echo "== wasm: building the Node build (preset wasm)"
  if cmake --preset wasm > /dev/null && cmake --build --preset wasm --target normlab_node -j2; then
    echo "== wasm: running under node $(node --version)"
    node_args=()
    [[ $quick == 1 ]] && node_args+=(--quick)
    if ! node bench/bench_norms_wasm.mjs "${node_args[@]}" > "$wasm_json"; then
      echo "== wasm: the Node benchmark failed; results have no wasm section" >&2
      rm -f "$wasm_json"
    fi
  else
    echo "== wasm: skipped: the wasm build failed (see above)" >&2
  fi
fi

# ---- results.json and the table --------------------------------------------------
python3 - "$native_json" "$wasm_json" "$results" <<'PY'
import json, os, platform, sys

native_path, wasm_path, out_path = sys.argv[1:4]
NAMES = ["layernorm", "rmsnorm", "batchnorm", "groupnorm"]

def native_section(path):
    raw = json.load(open(path))
    sec = {"norms": {}}
    for b in raw["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b["name"].split("/")[0]
        gbps = b["bytes_per_second"] / 1e9
        ms = b["real_time"] if b.get("time_unit") == "ms" else b["real_time"] / 1e6
        if name in ("copy", "triad"):
            sec[f"{name}_gbps"] = gbps
            continue
        kind, mode = name.rsplit("_", 1)
        parts = dict(p.split(":") for p in b["name"].split("/")[1:] if ":" in p)
        shape = f"{parts['rows']}x{parts['d']}"
        entry = sec["norms"].setdefault(kind, {}).setdefault(shape, {})
        entry[f"{mode}_ms"] = ms
        entry[f"{mode}_gbps"] = gbps
    sec["layernorm_fwd_gbps"] = sec["norms"]["layernorm"]["32768x768"]["fwd_gbps"]
    sec["rmsnorm_fwd_gbps"] = sec["norms"]["rmsnorm"]["32768x768"]["fwd_gbps"]
    return sec

def summarise(sec):
    """RMS vs LayerNorm forward+backward, and forward vs triad."""
    sec["rms_vs_layer_fwdbwd"] = {}
    for shape, ln in sec["norms"]["layernorm"].items():
        rms = sec["norms"]["rmsnorm"][shape]
        sec["rms_vs_layer_fwdbwd"][shape] = {
            "speedup": ln["fwdbwd_ms"] / rms["fwdbwd_ms"],
            "time_saved_percent": 100 * (1 - rms["fwdbwd_ms"] / ln["fwdbwd_ms"]),
        }
    triad = sec.get("triad_gbps")
    if triad:
        sec["layernorm_fwd_vs_triad"] = sec["layernorm_fwd_gbps"] / triad
        sec["rmsnorm_fwd_vs_triad"] = sec["rmsnorm_fwd_gbps"] / triad
    return sec

def load_average():
    try:
        return open("/proc/loadavg").read().split()[:3]
    except OSError:
        return None

results = {
    "machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                "load_average_before": os.environ.get("NORMLAB_BENCH_LOAD_BEFORE", "").split(),
                "load_average_after": load_average()},
    "bytes_counted": {"fwd": "8 per element (read x, write y)",
                      "fwdbwd": "24 per element (fwd + read dy, read x, read+write dx)",
                      "copy": "8 per element", "triad": "12 per element (a = b + s*c)"},
    "native": summarise(native_section(native_path)),
    "wasm": None,
}
try:
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                results["machine"]["cpu"] = line.split(":", 1)[1].strip()
                break
except OSError:
    pass
if os.path.exists(wasm_path) and os.path.getsize(wasm_path) > 0:
    results["wasm"] = summarise(json.load(open(wasm_path)))
with open(out_path, "w") as f:
    json.dump(results, f, indent=1)
    f.write("\n")

def fmt(v):
    return f"{v:7.2f}" if isinstance(v, (int, float)) else f"{'-':>7}"

nat, wa = results["native"], results["wasm"] or {"norms": {}}
print()
print(f"effective GB/s (fwd: 8 B/elem, fwd+bwd: 24 B/elem)      native           wasm")
print(f"{'kernel':<12}{'shape':<14}{'':>14}{'fwd':>8}{'fwd+bwd':>9}   {'fwd':>7}{'fwd+bwd':>9}")
for name in NAMES:
    for shape, e in nat["norms"][name].items():
        w = wa["norms"].get(name, {}).get(shape, {})
        print(f"{name:<12}{shape:<14}{'':>14}{fmt(e['fwd_gbps']):>8}{fmt(e['fwdbwd_gbps']):>9}   "
              f"{fmt(w.get('fwd_gbps'))}{fmt(w.get('fwdbwd_gbps')):>9}")
print()
print(f"native copy {nat['copy_gbps']:.2f} GB/s, triad {nat['triad_gbps']:.2f} GB/s;"
      f" LayerNorm fwd = {100*nat['layernorm_fwd_vs_triad']:.0f}% of triad,"
      f" RMSNorm fwd = {100*nat['rmsnorm_fwd_vs_triad']:.0f}%")
if results["wasm"]:
    print(f"wasm triad {wa['triad_gbps']:.2f} GB/s; LayerNorm fwd {wa['layernorm_fwd_gbps']:.2f} GB/s"
          f" ({100*wa['layernorm_fwd_vs_triad']:.0f}% of triad), RMSNorm fwd {wa['rmsnorm_fwd_gbps']:.2f} GB/s"
          f" ({100*wa['rmsnorm_fwd_vs_triad']:.0f}%)   [target: >= 14 GB/s and >= 70% of triad]")
else:
    print("wasm: not measured")
print("RMSNorm vs LayerNorm, forward+backward time (target: >= 1.25x at d >= 256):")
for label, sec in (("native", nat), ("wasm", results["wasm"])):
    if not sec:
        continue
    cells = ", ".join(f"{s} {v['speedup']:.2f}x" for s, v in sec["rms_vs_layer_fwdbwd"].items())
    print(f"  {label:<7}{cells}")
loads = results["machine"]["load_average_before"] or []
if loads and float(loads[0]) > 0.5 * (os.cpu_count() or 1):
    print(f"note: load average {' '.join(loads)} on {os.cpu_count()} cores before the run: other processes"
          " shared the CPUs and memory bus, so these numbers understate the kernels")
print(f"\nwrote {out_path}")
PY

# ==== WASM in the browser: the same benchmarks in a worker of headless Chromium ===================
# bench/bench_browser.mjs runs bench/wasm_suite.mjs (GEMM 64x256x256, the mlp12x256 and charlm_2x256
# steps, LayerNorm/RMSNorm forward on (32768, 768), the triad) in a worker of Debian's headless
# Chromium (the normlab_bench_web build) and, in the same run, under Node; and times the home page
# until its demo is usable (web/dist, built by scripts/build.sh). Adds "chromium" to results.json:
#   {chromium: {..suite..}, node: {..suite..}, home_demo_ms: {first_visit_median, repeat_visit_median, ..}}
browser_json=build/wasm/bench_browser.json
rm -f "$browser_json"
if [[ $wasm == 1 ]] && command -v emcc > /dev/null && [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  echo "== wasm in Chromium: building normlab_bench_web (preset wasm)"
  if cmake --build --preset wasm --target normlab_bench_web normlab_node -j2 > /dev/null; then
    [[ -f web/dist/index.html ]] || echo "== wasm in Chromium: no web/dist (scripts/build.sh); the home page timing will fail" >&2
    browser_args=(--out "$browser_json")
    [[ $quick == 1 ]] && browser_args+=(--quick)
    echo "== wasm in Chromium and under Node, one run (load $(cut -d' ' -f1-3 /proc/loadavg))"
    if ! node bench/bench_browser.mjs "${browser_args[@]}"; then
      echo "== wasm in Chromium: the browser benchmark failed" >&2
      rm -f "$browser_json"
    fi
  else
    echo "== wasm in Chromium: skipped: the normlab_bench_web build failed" >&2
  fi
else
  echo "== wasm in Chromium: skipped (needs --no-wasm off, emcc and ${CHROMIUM_PATH:-/usr/bin/chromium})"
fi
if [[ -s "$browser_json" ]]; then
  python3 - "$browser_json" "$results" <<'PY'
import json, sys
browser_path, out_path = sys.argv[1:3]
results = json.load(open(out_path))
results["chromium"] = json.load(open(browser_path))
with open(out_path, "w") as f:
    json.dump(results, f, indent=1)
    f.write("\n")
print(f"wrote {out_path} (chromium)")
PY
fi
# ==== end WASM in the browser ==================================================================

# ==== GEMM and the MLP: GEMM and the mlp12x256 training step ===========================================
# Adds to bench/results.json, in both "native" and "wasm":
#   gemm_64x256x256_gflops         Linear forward product (gemm_nt), best single call, GFLOP/s
#   gemm_64x256x256_gflops_by_variant  {nn, nt, tn}
#   mlp12x256_step_ms              {none, layer, rms}: mean wall time of one Trainer step
#                                  (12 hidden layers of 256, batch 64, SGD; bench/bench_engine.cpp)
engine_native_json=build/native/bench_engine_native.json
engine_wasm_json=build/wasm/bench_engine_wasm.json
echo "== GEMM and MLP, native: GEMM 64x256x256 and the mlp12x256 step"
build/native/normlab_bench --benchmark_min_time="$min_time" \
  --benchmark_filter='^(Gemm_(nn|nt|tn)/64/256/256|MlpStep_)' \
  --benchmark_out="$engine_native_json" --benchmark_out_format=json > /dev/null
rm -f "$engine_wasm_json"
if [[ $wasm == 1 && -f build/wasm/node/normlab_node.js ]]; then
  echo "== GEMM and MLP, wasm: GEMM 64x256x256 and the mlp12x256 step under node"
  if ! node bench/bench_engine_wasm.mjs build/wasm/node --json > "$engine_wasm_json"; then
    echo "== GEMM and MLP, wasm: the Node benchmark failed" >&2
    rm -f "$engine_wasm_json"
  fi
fi
python3 - "$engine_native_json" "$engine_wasm_json" "$results" <<'PY'
import json, os, sys

native_path, wasm_path, out_path = sys.argv[1:4]
results = json.load(open(out_path)) if os.path.exists(out_path) else {}

native = {"gemm_64x256x256_gflops_by_variant": {}, "mlp12x256_step_ms": {}, "mlp12x256_step_best_ms": {}}
for b in json.load(open(native_path))["benchmarks"]:
    if b.get("run_type") == "aggregate":
        continue
    name = b["name"]
    if name.startswith("Gemm_"):
        native["gemm_64x256x256_gflops_by_variant"][name.split("/")[0][5:]] = b["best_gflops"]
    elif name.startswith("MlpStep_"):
        norm = b.get("label", "?")
        ms = b["real_time"] if b.get("time_unit") == "ms" else b["real_time"] / 1e6
        native["mlp12x256_step_ms"][norm] = ms
        native["mlp12x256_step_best_ms"][norm] = b["best_ms"]
native["gemm_64x256x256_gflops"] = native["gemm_64x256x256_gflops_by_variant"].get("nt")
results["native"] = {**(results.get("native") or {}), **native}
if os.path.exists(wasm_path) and os.path.getsize(wasm_path) > 0:
    results["wasm"] = {**(results.get("wasm") or {}), **json.load(open(wasm_path))}
with open(out_path, "w") as f:
    json.dump(results, f, indent=1)
    f.write("\n")

print("\nGEMM + MLP                       native        wasm     [targets: wasm >= 16 GFLOP/s, <= 20 ms]")
w = results.get("wasm") or {}
def cell(v, unit):
    return f"{v:8.2f} {unit}" if isinstance(v, (int, float)) else f"{'-':>8} {unit}"
for v in ("nn", "nt", "tn"):
    print(f"gemm_{v} 64x256x256            {cell(native['gemm_64x256x256_gflops_by_variant'].get(v), 'GF/s')}"
          f"  {cell((w.get('gemm_64x256x256_gflops_by_variant') or {}).get(v), 'GF/s')}")
for n in ("none", "layer", "rms"):
    print(f"mlp12x256 step, norm {n:<6}     {cell(native['mlp12x256_step_ms'].get(n), 'ms  ')}"
          f"  {cell((w.get('mlp12x256_step_ms') or {}).get(n), 'ms')}")
print(f"wrote {out_path} (GEMM and MLP keys)")
PY
# ==== end GEMM and MLP ==============================================================================

# ==== transformer and CNN: the training steps ==============================================
# Adds to bench/results.json, in both "native" and "wasm":
#   charlm_2x256_step_ms       best wall time of one Trainer step of the char transformer
#                              (2 Pre-LN blocks, d 256, 4 heads, context 64, batch 16, AdamW;
#                              charlm_2x256_bench_config in wasm/core/runs/charlm_run.h)
#   charlm_2x256_mean_step_ms  mean wall time of the same step
#   cnn_16x16_b64_step_ms      (native only) best step of the small CNN, BatchNorm, batch 64
models_native_json=build/native/bench_models_native.json
models_wasm_json=build/wasm/bench_models_wasm.json
echo "== transformer and CNN, native: the charlm_2x256 and CNN training steps"
build/native/normlab_bench --benchmark_min_time="$min_time" \
  --benchmark_filter='^(CharLmStep_2x256|CnnStep_16x16_b64)$' \
  --benchmark_out="$models_native_json" --benchmark_out_format=json > /dev/null
rm -f "$models_wasm_json"
if [[ $wasm == 1 && -f build/wasm/node/normlab_node.js ]]; then
  echo "== transformer, wasm: the charlm_2x256 training step under node"
  models_args=(build/wasm/node --json)
  [[ $quick == 1 ]] && models_args+=(--quick)
  if ! node bench/bench_models_wasm.mjs "${models_args[@]}" > "$models_wasm_json"; then
    echo "== transformer, wasm: the Node benchmark failed" >&2
    rm -f "$models_wasm_json"
  fi
fi
python3 - "$models_native_json" "$models_wasm_json" "$results" <<'PY'
import json, os, sys

native_path, wasm_path, out_path = sys.argv[1:4]
results = json.load(open(out_path)) if os.path.exists(out_path) else {}

native = {}
for b in json.load(open(native_path))["benchmarks"]:
    if b.get("run_type") == "aggregate":
        continue
    ms = b["real_time"] if b.get("time_unit") == "ms" else b["real_time"] / 1e6
    if b["name"].startswith("CharLmStep_2x256"):
        native["charlm_2x256_step_ms"] = b["best_ms"]
        native["charlm_2x256_mean_step_ms"] = ms
    elif b["name"].startswith("CnnStep_16x16_b64"):
        native["cnn_16x16_b64_step_ms"] = b["best_ms"]
results["native"] = {**(results.get("native") or {}), **native}
if os.path.exists(wasm_path) and os.path.getsize(wasm_path) > 0:
    results["wasm"] = {**(results.get("wasm") or {}), **json.load(open(wasm_path))}
with open(out_path, "w") as f:
    json.dump(results, f, indent=1)
    f.write("\n")

w = results.get("wasm") or {}
def cell(v):
    return f"{v:8.1f} ms" if isinstance(v, (int, float)) else f"{'-':>8} ms"
print("\nmodels                         native        wasm")
print(f"charlm_2x256 step (best)       {cell(native.get('charlm_2x256_step_ms'))}  {cell(w.get('charlm_2x256_step_ms'))}")
print(f"charlm_2x256 step (mean)       {cell(native.get('charlm_2x256_mean_step_ms'))}  {cell(w.get('charlm_2x256_mean_step_ms'))}")
print(f"cnn 16x16 b64 step (best)      {cell(native.get('cnn_16x16_b64_step_ms'))}")
print(f"wrote {out_path} (model keys)")
PY
# ==== end transformer and CNN ==============================================================================

# ==== per-op step profile (issue 19) ==========================================================
# One training step per model family (mlp12x256, charlm_4x64, charlm_2x256, cnn16), time and share
# per op and per matrix-product shape, and each step's share of its GEMM floor (its matmul FLOPs /
# the 64x256x256 gemm_nt rate measured in the same run): natively (normlab_profile) and in WASM
# under Node (bench/profile_wasm.mjs); both print the same table (bench/profile/step_profile.h).
# Adds "profile" to results.json's "native" and "wasm" sections.
profile_steps=20
[[ $quick == 1 ]] && profile_steps=5
profile_native_json=build/native/profile_native.json
profile_wasm_json=build/wasm/profile_wasm.json
echo "== per-op profile, native (load $(cut -d' ' -f1-3 /proc/loadavg))"
cmake --build --preset native --target normlab_profile -j2 > /dev/null
build/native/normlab_profile --steps "$profile_steps" --json "$profile_native_json"
rm -f "$profile_wasm_json"
if [[ $wasm == 1 && -f build/wasm/node/normlab_node.js ]]; then
  echo "== per-op profile, wasm under node (load $(cut -d' ' -f1-3 /proc/loadavg))"
  if ! node bench/profile_wasm.mjs build/wasm/node --steps "$profile_steps" --json "$profile_wasm_json"; then
    echo "== per-op profile, wasm: the Node run failed" >&2
    rm -f "$profile_wasm_json"
  fi
fi
# single-threaded PyTorch on the same machine, for the native MLP step (issue 17)
torch_json=build/native/torch_mlp_step.json
rm -f "$torch_json"
if /usr/bin/python3 -c 'import torch' 2> /dev/null; then
  echo "== PyTorch (1 thread) mlp12x256 step (load $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/python3 bench/torch_mlp_step.py --steps $((profile_steps * 5)) --json > "$torch_json" || rm -f "$torch_json"
fi
python3 - "$profile_native_json" "$profile_wasm_json" "$torch_json" "$results" <<'PY'
import json, os, sys

native_path, wasm_path, torch_path, out_path = sys.argv[1:5]
results = json.load(open(out_path)) if os.path.exists(out_path) else {}
load = open("/proc/loadavg").read().split()[:3]
for key, path in (("native", native_path), ("wasm", wasm_path)):
    if os.path.exists(path) and os.path.getsize(path) > 0:
        prof = json.load(open(path))
        prof["load_average_after"] = load
        results[key] = {**(results.get(key) or {}), "profile": prof}
if os.path.exists(torch_path) and os.path.getsize(torch_path) > 0:
    t = json.load(open(torch_path))
    t["load_average_after"] = load
    results["pytorch_1thread"] = t
with open(out_path, "w") as f:
    json.dump(results, f, indent=1)
    f.write("\n")

targets = {"mlp12x256": 0.85, "charlm_2x256": 0.90, "charlm_4x64": 0.75}
print("\nshare of the GEMM floor (floor = matmul FLOPs / 64x256x256 rate of the same run; best step)")
print(f"{'model':<14}{'native':>16}{'wasm':>16}   target (wasm)")
nat = ((results.get("native") or {}).get("profile") or {}).get("models", {})
was = ((results.get("wasm") or {}).get("profile") or {}).get("models", {})
for m in sorted(set(nat) | set(was)):
    def cell(sec):
        p = sec.get(m)
        return f"{p['step_ms_best']:7.2f} ms {100*p['share_of_floor_best']:3.0f}%" if p else f"{'-':>14}"
    tgt = targets.get(m)
    met = ""
    if tgt and m in was:
        met = "met" if was[m]["share_of_floor_best"] >= tgt else "not met"
    print(f"{m:<14}{cell(nat):>16}{cell(was):>16}   {'' if tgt is None else f'>= {100*tgt:.0f}% {met}'}")
t = results.get("pytorch_1thread")
if t and "mlp12x256" in nat:
    ratio = nat["mlp12x256"]["step_ms_best"] / t["mlp12x256_step_best_ms"]
    print(f"native mlp12x256 step / PyTorch 1-thread step: {ratio:.2f}x (best {nat['mlp12x256']['step_ms_best']:.2f} ms"
          f" vs {t['mlp12x256_step_best_ms']:.2f} ms; target <= 1.5x)")
print(f"load average after: {' '.join(load)}")
PY
# ==== end per-op step profile ==================================================================
