// Benchmark entry points for the WASM build (bench/bench_engine_wasm.mjs). Timing happens here in
// C++ with steady_clock, so JS call overhead is not measured.
#include <emscripten/bind.h>

#include <chrono>
#include <string>
#include <vector>

#include "bench_timing.h"
#include "convert.h"
#include "kernels/gemm.h"
#include "runs/mlp_run.h"
#include "engine/rng.h"

namespace normlab::bindings {

// benchGemm(variant: "nn" | "nt" | "tn", M, N, K, reps) -> {gflops, ms} | {error}
// gflops is from the best of `reps` timed calls (after one warm-up call).
val bench_gemm_js(std::string variant, int M, int N, int K, int reps) {
    return guarded([&] {
        if (M < 1 || N < 1 || K < 1 || reps < 1 || M > 4096 || N > 4096 || K > 4096)
            throw std::invalid_argument("benchGemm: sizes in [1, 4096] and reps >= 1");
        if (variant != "nn" && variant != "nt" && variant != "tn")
            throw std::invalid_argument("benchGemm: variant must be nn, nt or tn");
        const std::size_t m = static_cast<std::size_t>(M), n = static_cast<std::size_t>(N),
                          k = static_cast<std::size_t>(K);
        Rng rng(1);
        std::vector<float> A(m * k), B(k * n), C(m * n);
        for (float& v : A) v = rng.uniform(-1.0f, 1.0f);
        for (float& v : B) v = rng.uniform(-1.0f, 1.0f);
        auto call = [&] {
            if (variant == "nn") gemm_nn(C.data(), A.data(), B.data(), m, n, k, false);
            if (variant == "nt") gemm_nt(C.data(), A.data(), B.data(), m, n, k, false);
            if (variant == "tn") gemm_tn(C.data(), A.data(), B.data(), m, n, k, false);
        };
        call();
        double best = 1e300;
        for (int r = 0; r < reps; r++) {
            const auto t0 = BenchClock::now();
            call();
            const double ms = ms_since(t0);
            if (ms < best) best = ms;
        }
        val result = val::object();
        result.set("ms", best);
        result.set("gflops", 2.0 * static_cast<double>(m * n * k) / (best * 1e6));
        return result;
    });
}

// benchMlpStep(norm: "none" | "layer" | "rms" | ..., steps) -> {ms, best_ms} | {error}
// Mean and best wall time of one Trainer step of the mlp12x256 configuration (after 3 warm-up steps).
val bench_mlp_step_js(std::string norm, int steps) {
    return guarded([&] {
        if (steps < 1 || steps > 100000) throw std::invalid_argument("benchMlpStep: steps in [1, 100000]");
        MlpRun run(mlp12x256_bench_config(parse_norm_type(norm)));
        return time_training_steps(run, 3, steps);
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_engine_bench) {
    emscripten::function("benchGemm", &normlab::bindings::bench_gemm_js);
    emscripten::function("benchMlpStep", &normlab::bindings::bench_mlp_step_js);
}
