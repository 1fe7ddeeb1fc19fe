// Engine A benchmarks (native, Google Benchmark): the three GEMM variants on the Linear-layer
// shape M=64, N=256, K=256 (reported as GFLOP/s), and one training step of the 12-layer,
// width-256 MLP (batch 64, SGD) for norm none / layer / rms.
//   build/<dir>/normlab_bench --benchmark_filter='Gemm|MlpStep'
#include <benchmark/benchmark.h>

#include <vector>

#include "gemm.h"
#include "mlp_experiment.h"
#include "rng.h"

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
    for (auto _ : state) {
        if (Variant == 0) gemm_nn(C.data(), A.data(), B.data(), M, N, K, false);
        if (Variant == 1) gemm_nt(C.data(), A.data(), B.data(), M, N, K, false);
        if (Variant == 2) gemm_tn(C.data(), A.data(), B.data(), M, N, K, false);
        benchmark::DoNotOptimize(C.data());
        benchmark::ClobberMemory();
    }
    state.counters["GFLOPS"] = benchmark::Counter(2.0 * static_cast<double>(M * N * K),
                                                  benchmark::Counter::kIsIterationInvariantRate,
                                                  benchmark::Counter::kIs1000);
}
BENCHMARK_TEMPLATE(BM_Gemm, 0)->Name("Gemm_nn")->Args({64, 256, 256})->Args({256, 256, 256});
BENCHMARK_TEMPLATE(BM_Gemm, 1)->Name("Gemm_nt")->Args({64, 256, 256})->Args({256, 256, 256});
BENCHMARK_TEMPLATE(BM_Gemm, 2)->Name("Gemm_tn")->Args({64, 256, 256})->Args({256, 256, 256});

void BM_MlpStep(benchmark::State& state) {
    const NormType norm = static_cast<NormType>(state.range(0));
    MlpExperiment run(mlp12x256_bench_config(norm));
    for (int i = 0; i < 3; i++) run.step();  // warm-up
    for (auto _ : state) benchmark::DoNotOptimize(run.step().loss);
    state.SetLabel(norm_type_name(norm));
}
BENCHMARK(BM_MlpStep)
    ->Name("MlpStep_12x256_b64")
    ->Arg(static_cast<int>(NormType::none))
    ->Arg(static_cast<int>(NormType::layer))
    ->Arg(static_cast<int>(NormType::rms))
    ->Unit(benchmark::kMillisecond);

}  // namespace
