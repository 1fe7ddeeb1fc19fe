// Portable, seeded random numbers: the same seed gives the same stream natively and in WASM.
// (std::normal_distribution and friends differ between standard libraries, so none is used.)
#pragma once

#include <cmath>
#include <cstdint>

namespace normlab {

// SplitMix64 to expand a seed, xoshiro128+-style state would also do; PCG32 is small and well studied.
class Rng {
  public:
    explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

    void reseed(std::uint64_t seed) {
        state_ = 0;
        inc_ = (splitmix64(seed) << 1u) | 1u;
        next_u32();
        state_ += splitmix64(seed ^ 0x9E3779B97F4A7C15ull);
        next_u32();
        has_spare_ = false;
    }

    // PCG32 (XSH RR): 32 uniformly distributed bits.
    std::uint32_t next_u32() {
        const std::uint64_t old = state_;
        state_ = old * 6364136223846793005ull + inc_;
        const std::uint32_t xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
        const std::uint32_t rot = static_cast<std::uint32_t>(old >> 59u);
        return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
    }

    // Uniform in [0, 1) with 24 bits, exactly representable as float.
    float uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, n), n > 0 (Lemire's bounded method without bias).
    std::uint32_t below(std::uint32_t n) {
        std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
        std::uint32_t low = static_cast<std::uint32_t>(m);
        if (low < n) {
            const std::uint32_t threshold = (0u - n) % n;
            while (low < threshold) {
                m = static_cast<std::uint64_t>(next_u32()) * n;
                low = static_cast<std::uint32_t>(m);
            }
        }
        return static_cast<std::uint32_t>(m >> 32);
    }

    // Standard normal by Box–Muller in double (deterministic: only +, *, log, sqrt, cos, sin of
    // IEEE doubles, which both targets compute with correctly rounded or identical libm code paths
    // for these inputs in practice; tests compare native and WASM streams).
    float normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u1 = (static_cast<double>(next_u32()) + 1.0) * (1.0 / 4294967296.0);  // (0, 1]
        double u2 = static_cast<double>(next_u32()) * (1.0 / 4294967296.0);          // [0, 1)
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double theta = 6.283185307179586 * u2;
        spare_ = static_cast<float>(r * std::sin(theta));
        has_spare_ = true;
        return static_cast<float>(r * std::cos(theta));
    }
    float normal(float mean, float stddev) { return mean + stddev * normal(); }

    // Derives an independent stream for a named purpose (e.g. init vs batches), so changing
    // how many numbers one consumer draws never shifts another's stream.
    Rng fork(std::uint64_t stream_id) const { return Rng(splitmix64(inc_ ^ splitmix64(stream_id + 0x51ED27ull))); }

  private:
    static std::uint64_t splitmix64(std::uint64_t x) {
        x += 0x9E3779B97F4A7C15ull;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    std::uint64_t state_ = 0, inc_ = 1;
    float spare_ = 0.0f;
    bool has_spare_ = false;
};

}  // namespace normlab
