// Benchmark entry points for the WASM build (used by bench/bench_norms_wasm.mjs under Node).
// Timing happens here, in C++ with std::chrono::steady_clock, so no JS <-> WASM copies are
// measured: the buffers are allocated and filled once, then only the kernels run.
//
//   benchNorm(kind, rows, d, iters, withBackward) -> seconds per iteration
//       kind: "layer" | "rms" | "batch" | "group" (batch/group read (rows, d) as (N, C, 1);
//       group uses 32 groups, so d % 32 == 0); withBackward adds the backward to each iteration.
//   benchTriad(n, iters) -> seconds per iteration of a[i] = b[i] + s * c[i] over n floats
// Both return NaN for arguments they cannot run (unknown kind, sizes < 1, too large).
#include <emscripten/bind.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/norms.h"

namespace {

constexpr std::size_t kBenchGroups = 32;
constexpr double kMaxBenchElements = double(1 << 26);

using Clock = std::chrono::steady_clock;

// The kernels' results go here once per call, so the compiler cannot drop the work.
volatile float g_sink = 0.0f;

std::vector<float> pseudo_random(std::size_t n, std::uint32_t seed) {
    std::vector<float> v(n);
    std::uint32_t s = seed * 2654435761u + 1;
    for (float& e : v) {
        s = s * 1664525u + 1013904223u;
        e = static_cast<float>(s >> 8) * (1.0f / 16777216.0f) * 4.0f - 2.0f;
    }
    return v;
}

double bench_norm(const std::string& kind, int rows_i, int d_i, int iters, bool with_backward) {
    const bool known = kind == "layer" || kind == "rms" || kind == "batch" || kind == "group";
    if (!known || rows_i < 1 || d_i < 1 || iters < 1 || double(rows_i) * d_i > kMaxBenchElements) return NAN;
    if (kind == "group" && d_i % static_cast<int>(kBenchGroups) != 0) return NAN;
    const std::size_t rows = static_cast<std::size_t>(rows_i), d = static_cast<std::size_t>(d_i), n = rows * d;
    const std::vector<float> x = pseudo_random(n, 1), dy = pseudo_random(n, 2);
    const std::vector<float> gamma = pseudo_random(d, 3), beta = pseudo_random(d, 4);
    std::vector<float> y(n), dx(n, 0.0f), dgamma(d, 0.0f), dbeta(d, 0.0f);
    const std::size_t stats = (rows > d ? rows : d) * kBenchGroups;
    std::vector<float> mean(stats), rstd(stats), running_mean(d, 0.0f), running_var(d, 1.0f);

    auto step = [&] {
        if (kind == "layer") {
            normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), rows, d,
                                       1e-5f);
            if (with_backward)
                normlab::layernorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), x.data(), gamma.data(),
                                            mean.data(), rstd.data(), rows, d);
        } else if (kind == "rms") {
            normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), gamma.data(), rows, d, 1e-5f);
            if (with_backward)
                normlab::rmsnorm_backward(dx.data(), dgamma.data(), dy.data(), x.data(), gamma.data(), rstd.data(),
                                          rows, d);
        } else if (kind == "batch") {
            normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), running_mean.data(), running_var.data(),
                                       x.data(), gamma.data(), beta.data(), rows, d, std::size_t{1}, 1e-5f, 0.1f, true);
            if (with_backward)
                normlab::batchnorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), x.data(), gamma.data(),
                                            mean.data(), rstd.data(), rows, d, std::size_t{1}, true);
        } else {
            normlab::groupnorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), rows, d,
                                       std::size_t{1}, kBenchGroups, 1e-5f);
            if (with_backward)
                normlab::groupnorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), x.data(), gamma.data(),
                                            mean.data(), rstd.data(), rows, d, std::size_t{1}, kBenchGroups);
        }
    };
    step();  // warm up: every page touched, memory grown
    const Clock::time_point start = Clock::now();
    for (int i = 0; i < iters; i++) step();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    g_sink = y[n / 2] + dx[n / 3];
    return seconds / iters;
}

void triad(float* __restrict a, const float* __restrict b, const float* __restrict c, float s, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}

double bench_triad(int n_i, int iters) {
    if (n_i < 1 || iters < 1 || double(n_i) > kMaxBenchElements) return NAN;
    const std::size_t n = static_cast<std::size_t>(n_i);
    const std::vector<float> b = pseudo_random(n, 6), c = pseudo_random(n, 7);
    std::vector<float> a(n, 0.0f);
    triad(a.data(), b.data(), c.data(), 1.5f, n);  // warm up
    const Clock::time_point start = Clock::now();
    for (int i = 0; i < iters; i++) triad(a.data(), b.data(), c.data(), 1.5f + i, n);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    g_sink = a[n / 2];
    return seconds / iters;
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_bench) {
    emscripten::function("benchNorm", &bench_norm);
    emscripten::function("benchTriad", &bench_triad);
}
