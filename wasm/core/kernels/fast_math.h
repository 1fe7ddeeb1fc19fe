// exp, tanh and sech² for float written as straight-line arithmetic, so loops that call them
// vectorise (-msimd128, SSE2): std::exp / std::tanh / std::cosh are scalar libm calls that make a
// DyT or GELU pass tens of times slower than the memory traffic it does.
//
// Accuracy against a double reference, measured in tests/cpp/kernels/test_fast_math.cpp over dense sweeps:
// exp_nonpositive within 2 ulp, tanh_fast within 3 ulp, sech2_fast within 6 ulp (relative).
// The double overloads are the libm functions: the gradient checks run in double.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace normlab {

inline std::uint32_t float_bits(float v) {
    std::uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}
inline float float_from_bits(std::uint32_t b) {
    float v;
    std::memcpy(&v, &b, sizeof v);
    return v;
}

// exp(y) for y <= 0 (NaN stays NaN). Below y = -87 the argument is taken as -87: the result is
// then ~1.6e-38 instead of smaller, an absolute error under 2e-38.
//   y = n ln2 + r, |r| <= ln2 / 2  (ln2 split in two so n ln2 is exact: Cody and Waite)
//   exp(y) = 2^n exp(r),  exp(r) by its Taylor series to r^7 (truncation error < 3e-9)
inline float exp_nonpositive(float y) {
    y = y < -87.0f ? -87.0f : y;
    // adding 1.5 * 2^23 rounds y / ln2 to the nearest integer n, kept in the low mantissa bits
    constexpr float kRound = 12582912.0f;
    const float shifted = y * 1.44269504088896341f + kRound;
    const float n = shifted - kRound;
    const float r = (y - n * 0.693359375f) - n * -2.12194440e-4f;
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    // 2^n from the exponent field: n in [-126, 0], so n + 127 is a normal exponent (unsigned
    // arithmetic: the wrap-around of a negative n is defined and cancels)
    const float scale = float_from_bits((float_bits(shifted) - float_bits(kRound) + 127u) << 23);
    return p * scale;
}
inline double exp_nonpositive(double y) { return std::exp(y); }

// tanh(x) = sign(x) tanh|x|:
//   |x| < 0.5:  x + x^3 Q(x^2), Q a degree-4 least-squares fit of (tanh x - x) / x^3 (relative
//               error weighting) on [0, 0.5]
//   |x| >= 0.5: (1 - u) / (1 + u), u = exp(-2|x|) <= 0.37, so 1 - u does not cancel
// Both are computed and one selected: no branch, so the loop vectorises.
// tanh|x| for |x| < 0.5 (the polynomial above)
inline float tanh_small_abs(float a) {
    const float t = a * a;
    float q = -0.006660018116235733f;
    q = q * t + 0.021305980160832405f;
    q = q * t - 0.05390097200870514f;
    q = q * t + 0.13332980871200562f;
    q = q * t - 0.333333283662796f;
    return a + a * t * q;
}
inline float tanh_fast(float x) {
    const float a = std::fabs(x);
    const float u = exp_nonpositive(-2.0f * a);
    const float large = (1.0f - u) / (1.0f + u);
    return std::copysign(a < 0.5f ? tanh_small_abs(a) : large, x);
}
inline double tanh_fast(double x) { return std::tanh(x); }

// sech^2 x = 1 / cosh^2 x = 1 - tanh^2 x, as 4u / (1 + u)^2 with u = exp(-2|x|): no overflow for
// large |x| (cosh^2 would) and no cancellation near tanh = ±1 (1 - tanh^2 would).
inline float sech2_fast(float x) {
    const float u = exp_nonpositive(-2.0f * std::fabs(x));
    const float d = 1.0f + u;
    return 4.0f * u / (d * d);
}
inline double sech2_fast(double x) {
    const double c = std::cosh(x);
    return 1.0 / (c * c);
}

// Both at once (a backward pass that needs tanh and its derivative): one exp instead of two.
inline void tanh_sech2_fast(float x, float* tanh_x, float* sech2_x) {
    const float a = std::fabs(x);
    const float u = exp_nonpositive(-2.0f * a);
    const float d = 1.0f + u;
    *tanh_x = std::copysign(a < 0.5f ? tanh_small_abs(a) : (1.0f - u) / d, x);
    *sech2_x = 4.0f * u / (d * d);
}
inline void tanh_sech2_fast(double x, double* tanh_x, double* sech2_x) {
    *tanh_x = tanh_fast(x);
    *sech2_x = sech2_fast(x);
}

}  // namespace normlab
