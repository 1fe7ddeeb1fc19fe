// Engine B benchmarks (native, Google Benchmark): one training step of the char transformer
// "charlm_2x256" (2 Pre-LN blocks, d 256, 4 heads, context 64, batch 16, AdamW; see
// runs/charlm_run.h) and, for scale, one step of the small CNN on 16×16 shape images.
//   build/<dir>/normlab_bench --benchmark_filter='CharLmStep|CnnStep'
// As in bench_engine.cpp, each reports its best single step (best_ms, the Trainer's steady_clock
// time): on a shared machine the best step is the stable number, and the WASM benchmark
// (bench/bench_models_wasm.mjs) reports the same. scripts/bench.sh stores it as charlm_2x256_step_ms.
#include <benchmark/benchmark.h>

#include "runs/charlm_run.h"
#include "models/cnn.h"
#include "data/image_data.h"
#include "engine/trainer.h"

namespace {

using namespace normlab;

void BM_CharLmStep(benchmark::State& state) {
    CharLmRun run(charlm_2x256_bench_config(), synthetic_text(200000, 1));
    for (int i = 0; i < 2; i++) run.step();  // warm-up
    double best_ms = 1e300;
    for (auto _ : state) {
        const StepMetrics& m = run.step();
        benchmark::DoNotOptimize(m.loss);
        if (m.step_ms < best_ms) best_ms = m.step_ms;
    }
    state.counters["best_ms"] = best_ms;
}
BENCHMARK(BM_CharLmStep)->Name("CharLmStep_2x256")->Unit(benchmark::kMillisecond);

void BM_CnnStep(benchmark::State& state) {
    ShapeImagesConfig dc;
    dc.count = 512;
    const ShapeImages data = make_shape_images(dc);
    CnnConfig cfg;  // 16×16×1 -> 16 (s1) -> 32 (s2) -> 32 (s2), BatchNorm
    cfg.max_batch = 64;
    Cnn<float> model(cfg);
    TrainConfig tc;
    tc.optimizer.kind = OptimizerKind::adamw;
    tc.optimizer.lr = 1e-3f;
    Trainer trainer(model, tc);
    ShapeBatchSource source(data, 64, 1);
    for (int i = 0; i < 2; i++) trainer.step(source.next());
    double best_ms = 1e300;
    for (auto _ : state) {
        const StepMetrics& m = trainer.step(source.next());
        benchmark::DoNotOptimize(m.loss);
        if (m.step_ms < best_ms) best_ms = m.step_ms;
    }
    state.counters["best_ms"] = best_ms;
}
BENCHMARK(BM_CnnStep)->Name("CnnStep_16x16_b64")->Unit(benchmark::kMillisecond);

}  // namespace
