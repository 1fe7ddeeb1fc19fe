// Native throughput of the normalization kernels (Google Benchmark), next to the machine's
// copy and stream-triad bandwidth measured in the same run. Run by scripts/bench.sh.
//
// Bytes counted (what the kernel must move at least, parameters and statistics ignored):
//   forward            read x + write y                                    = 8 bytes/element
//   forward+backward   forward + read dy + read x + read and write dx (+=) = 24 bytes/element
//   copy               read + write                                        = 8 bytes/element
//   triad a = b + s*c  read b, c + write a                                 = 12 bytes/element
// so bytes_per_second is an effective bandwidth comparable with copy/triad.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "kernels/norms.h"

namespace {

constexpr std::size_t kGroups = 32;  // GroupNorm: 32 groups of d/32 channels (d % 32 == 0)

std::vector<float> pseudo_random(std::size_t n, std::uint32_t seed) {
    std::vector<float> v(n);
    std::uint32_t s = seed * 2654435761u + 1;
    for (float& e : v) {
        s = s * 1664525u + 1013904223u;
        e = static_cast<float>(s >> 8) * (1.0f / 16777216.0f) * 4.0f - 2.0f;  // [-2, 2)
    }
    return v;
}

enum class Kind { layer, rms, batch, group };

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::layer: return "layernorm";
        case Kind::rms: return "rmsnorm";
        case Kind::batch: return "batchnorm";
        case Kind::group: return "groupnorm";
    }
    return "?";
}

// The working set of one norm on a (rows, d) tensor; channel kinds read it as (N, C, 1).
struct NormBench {
    std::size_t rows, d;
    std::vector<float> x, y, dy, dx, gamma, beta, dgamma, dbeta, mean, rstd, running_mean, running_var;
    NormBench(std::size_t rows_, std::size_t d_)
        : rows(rows_),
          d(d_),
          x(pseudo_random(rows_ * d_, 1)),
          y(rows_ * d_),
          dy(pseudo_random(rows_ * d_, 2)),
          dx(rows_ * d_, 0.0f),
          gamma(pseudo_random(d_, 3)),
          beta(pseudo_random(d_, 4)),
          dgamma(d_, 0.0f),
          dbeta(d_, 0.0f),
          mean(std::max(rows_, d_) * kGroups),
          rstd(std::max(rows_, d_) * kGroups),
          running_mean(d_, 0.0f),
          running_var(d_, 1.0f) {}

    void forward(Kind k) {
        switch (k) {
            case Kind::layer:
                normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(),
                                           rows, d, 1e-5f);
                break;
            case Kind::rms:
                normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), gamma.data(), rows, d, 1e-5f);
                break;
            case Kind::batch:
                normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), running_mean.data(), running_var.data(),
                                           x.data(), gamma.data(), beta.data(), rows, d, std::size_t{1}, 1e-5f, 0.1f,
                                           true);
                break;
            case Kind::group:
                normlab::groupnorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(),
                                           rows, d, std::size_t{1}, kGroups, 1e-5f);
                break;
        }
    }
    void backward(Kind k) {
        switch (k) {
            case Kind::layer:
                normlab::layernorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), x.data(), gamma.data(),
                                            mean.data(), rstd.data(), rows, d);
                break;
            case Kind::rms:
                normlab::rmsnorm_backward(dx.data(), dgamma.data(), dy.data(), x.data(), gamma.data(), rstd.data(),
                                          rows, d);
                break;
            case Kind::batch:
                normlab::batchnorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), x.data(), gamma.data(),
                                            mean.data(), rstd.data(), rows, d, std::size_t{1}, true);
                break;
            case Kind::group:
                normlab::groupnorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), x.data(), gamma.data(),
                                            mean.data(), rstd.data(), rows, d, std::size_t{1}, kGroups);
                break;
        }
    }
};

void BM_Norm(benchmark::State& state, Kind kind, bool with_backward) {
    const std::size_t rows = static_cast<std::size_t>(state.range(0));
    const std::size_t d = static_cast<std::size_t>(state.range(1));
    NormBench b(rows, d);
    b.forward(kind);  // warm up: touch every page once
    for (auto _ : state) {
        b.forward(kind);
        if (with_backward) b.backward(kind);
        benchmark::DoNotOptimize(b.y.data());
        benchmark::DoNotOptimize(b.dx.data());
        benchmark::ClobberMemory();
    }
    const std::int64_t bytes_per_iter = static_cast<std::int64_t>(rows * d * sizeof(float)) * (with_backward ? 6 : 2);
    state.SetBytesProcessed(state.iterations() * bytes_per_iter);
    state.counters["elements"] = static_cast<double>(rows * d);
}

// Machine bandwidth: large arrays (3 x 128 MiB) so caches do not flatter the numbers.
constexpr std::size_t kStreamElements = std::size_t{32} << 20;

void BM_Copy(benchmark::State& state) {
    const std::vector<float> src = pseudo_random(kStreamElements, 5);
    std::vector<float> dst(kStreamElements, 0.0f);
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), kStreamElements * sizeof(float));
        benchmark::DoNotOptimize(dst.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(2 * kStreamElements * sizeof(float)));
}

void triad(float* __restrict a, const float* __restrict b, const float* __restrict c, float s, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}

void BM_Triad(benchmark::State& state) {
    const std::vector<float> b = pseudo_random(kStreamElements, 6), c = pseudo_random(kStreamElements, 7);
    std::vector<float> a(kStreamElements, 0.0f);
    for (auto _ : state) {
        triad(a.data(), b.data(), c.data(), 1.5f, kStreamElements);
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(3 * kStreamElements * sizeof(float)));
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::RegisterBenchmark("copy", BM_Copy)->UseRealTime()->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("triad", BM_Triad)->UseRealTime()->Unit(benchmark::kMillisecond);
    // (32768, 768), then d in {64, 256, 1024, 4096} at 4M elements (rows = 4M / d)
    std::vector<std::pair<std::int64_t, std::int64_t>> shapes = {{32768, 768}};
    for (std::int64_t d : {64, 256, 1024, 4096}) shapes.push_back({(std::int64_t{4} << 20) / d, d});
    for (Kind kind : {Kind::layer, Kind::rms, Kind::batch, Kind::group})
        for (bool with_backward : {false, true}) {
            const std::string name = std::string(kind_name(kind)) + (with_backward ? "_fwdbwd" : "_fwd");
            auto* b = benchmark::RegisterBenchmark(name.c_str(), BM_Norm, kind, with_backward);
            b->ArgNames({"rows", "d"})->UseRealTime()->Unit(benchmark::kMillisecond);
            for (const auto& [rows, d] : shapes) b->Args({rows, d});
        }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
