// Engine A benchmarks (native, Google Benchmark): the three GEMM variants on the Linear-layer
// shape M=64, N=256, K=256 (reported as GFLOP/s), and one training step of the 12-layer,
// width-256 MLP (batch 64, SGD) for norm none / layer / rms.
//   build/<dir>/normlab_bench --benchmark_filter='Gemm|MlpStep'
// Besides Google Benchmark's mean times, each reports its best single call (best_gflops,
// best_ms): on a shared machine the best call is the stable number, and it is what the WASM
// benchmark (bench/bench_engine_wasm.mjs) reports too.
#include <benchmark/benchmark.h>

#include <chrono>
#include <vector>

#include "kernels/gemm.h"
#include "runs/mlp_run.h"
#include "engine/rng.h"

namespace {

using namespace normlab;

template <int Variant>
void BM_Gemm(benchmark::State& state) {
    const std::size_t M = static_cast<std::size_t>(state.range(0)), N = static_cast<std::size_t>(state.range(1)),
                      K = static_cast<std::size_t>(state.range(2));
    Rng rng(1);
    std::vector<float> A(M * K), B(K * N), C(M * N);
    for (float& v : A) v = rng.uniform(-1.0f, 1.0f);
    for (float& v : B) v = rng.uniform(-1.0f, 1.0f);
    double best_ms = 1e300;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        if (Variant == 0) gemm_nn(C.data(), A.data(), B.data(), M, N, K, false);
        if (Variant == 1) gemm_nt(C.data(), A.data(), B.data(), M, N, K, false);
        if (Variant == 2) gemm_tn(C.data(), A.data(), B.data(), M, N, K, false);
        benchmark::DoNotOptimize(C.data());
        benchmark::ClobberMemory();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (ms < best_ms) best_ms = ms;
    }
    // best single-call wall time: robust on a shared machine, and what the WASM benchmark reports
    state.counters["best_gflops"] = 2.0 * static_cast<double>(M * N * K) / (best_ms * 1e6);
    state.counters["GFLOPS"] =
        benchmark::Counter(2.0 * static_cast<double>(M * N * K), benchmark::Counter::kIsIterationInvariantRate,
                           benchmark::Counter::kIs1000);
}
BENCHMARK_TEMPLATE(BM_Gemm, 0)->Name("Gemm_nn")->Args({64, 256, 256})->Args({256, 256, 256});
BENCHMARK_TEMPLATE(BM_Gemm, 1)->Name("Gemm_nt")->Args({64, 256, 256})->Args({256, 256, 256});
BENCHMARK_TEMPLATE(BM_Gemm, 2)->Name("Gemm_tn")->Args({64, 256, 256})->Args({256, 256, 256});

void BM_MlpStep(benchmark::State& state) {
    const NormType norm = static_cast<NormType>(state.range(0));
    MlpRun run(mlp12x256_bench_config(norm));
    for (int i = 0; i < 3; i++) run.step();  // warm-up
    double best_ms = 1e300;
    for (auto _ : state) {
        const StepMetrics& m = run.step();
        benchmark::DoNotOptimize(m.loss);
        if (m.step_ms < best_ms) best_ms = m.step_ms;
    }
    state.counters["best_ms"] = best_ms;  // fastest single step (Trainer's steady_clock)
    state.SetLabel(norm_type_name(norm));
}
BENCHMARK(BM_MlpStep)
    ->Name("MlpStep_12x256_b64")
    ->Arg(static_cast<int>(NormType::none))
    ->Arg(static_cast<int>(NormType::layer))
    ->Arg(static_cast<int>(NormType::rms))
    ->Unit(benchmark::kMillisecond);

}  // namespace
