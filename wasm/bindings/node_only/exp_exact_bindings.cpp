// Test-only (Node build): kernels/fast_math.h's exp_exact and exp_shifted against the WASM
// build's own std::exp(float) (musl's expf), bit for bit (tests/web/exp-exact.test.mjs). The kernels
// switched to them on the promise of identical bits, so this is checked where musl is the libm.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "convert.h"
#include "kernels/fast_math.h"

namespace normlab::bindings {

// expExactCheck(firstBits, count, stride) -> {checked, mismatches, firstMismatch}: the floats whose
// bit patterns are firstBits + i * stride (mod 2^32) for i < count, through the scalar exp_exact and
// the blocked exp_shifted (shift 0); firstMismatch is the first differing pattern, or -1.
val exp_exact_check_js(double first_bits, double count, double stride) {
    return guarded([&] {
        if (!(count >= 0 && count <= 4294967296.0 && stride >= 1 && stride <= 4294967295.0 && first_bits >= 0 &&
              first_bits <= 4294967295.0))
            throw std::invalid_argument("expExactCheck: firstBits, stride in [0, 2^32), count in [0, 2^32]");
        const auto n = static_cast<std::uint64_t>(count);
        const auto step = static_cast<std::uint32_t>(stride);
        auto bits = static_cast<std::uint32_t>(first_bits);
        std::vector<float> x(1024), y(1024);
        double mismatches = 0.0, first = -1.0;
        for (std::uint64_t done = 0; done < n;) {
            const std::size_t m = n - done < x.size() ? static_cast<std::size_t>(n - done) : x.size();
            for (std::size_t i = 0; i < m; i++, bits += step) x[i] = float_from_bits(bits);
            exp_shifted(y.data(), x.data(), m, 0.0f);
            for (std::size_t i = 0; i < m; i++) {
                const std::uint32_t want = float_bits(std::exp(x[i]));
                if (float_bits(exp_exact(x[i])) != want || float_bits(y[i]) != want) {
                    if (first < 0.0) first = static_cast<double>(float_bits(x[i]));
                    mismatches += 1.0;
                }
            }
            done += m;
        }
        return check_summary(count, mismatches, first);
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_exp_exact) {
    emscripten::function("expExactCheck", &normlab::bindings::exp_exact_check_js);
}
