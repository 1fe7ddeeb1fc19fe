// exp, tanh and sech² for float written as straight-line arithmetic, so loops that call them
// vectorise (-msimd128, SSE2): std::exp / std::tanh / std::cosh are scalar libm calls that make a
// DyT or GELU pass tens of times slower than the memory traffic it does.
//
// Accuracy against a double reference, measured in tests/cpp/kernels/test_fast_math.cpp over dense sweeps:
// exp_nonpositive within 2 ulp, tanh_fast within 3 ulp, sech2_fast within 6 ulp (relative).
// The double overloads are the libm functions: the gradient checks run in double.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "kernels/loop_hints.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace normlab {

// the bits of `from` read as a `To` of the same size (std::bit_cast before C++20)
template <typename To, typename From>
inline To bit_copy(From from) {
    static_assert(sizeof(To) == sizeof(From), "bit_copy: sizes differ");
    To to;
    std::memcpy(&to, &from, sizeof to);
    return to;
}
inline std::uint32_t float_bits(float v) { return bit_copy<std::uint32_t>(v); }
inline float float_from_bits(std::uint32_t b) { return bit_copy<float>(b); }

// The constants of exp_nonpositive, in one struct so that a hot loop can take them through
// opaque() (kernels/loop_hints.h) before it starts: exp_nonpositive(y, opaque(ExpConstants{})).
struct ExpConstants {
    float min_arg = -87.0f;
    float inv_ln2 = 1.44269504088896341f;
    // adding 1.5 * 2^23 rounds y / ln2 to the nearest integer n, kept in the low mantissa bits
    float round = 12582912.0f;
    float ln2_hi = 0.693359375f, ln2_lo = -2.12194440e-4f;  // ln2 in two parts, n * ln2_hi exact
    float c7 = 1.0f / 5040.0f, c6 = 1.0f / 720.0f, c5 = 1.0f / 120.0f, c4 = 1.0f / 24.0f, c3 = 1.0f / 6.0f, c2 = 0.5f;
    float one = 1.0f;
    std::uint32_t exponent_bias = 127;
};

// exp(y) for y <= 0 (NaN stays NaN). Below y = -87 the argument is taken as -87: the result is
// then ~1.6e-38 instead of smaller, an absolute error under 2e-38.
//   y = n ln2 + r, |r| <= ln2 / 2  (ln2 split in two so n ln2 is exact: Cody and Waite)
//   exp(y) = 2^n exp(r),  exp(r) by its Taylor series to r^7 (truncation error < 3e-9)
inline float exp_nonpositive(float y, const ExpConstants& k = ExpConstants{}) {
    y = y < k.min_arg ? k.min_arg : y;
    const float shifted = y * k.inv_ln2 + k.round;
    const float n = shifted - k.round;
    const float r = (y - n * k.ln2_hi) - n * k.ln2_lo;
    float p = k.c7;
    p = p * r + k.c6;
    p = p * r + k.c5;
    p = p * r + k.c4;
    p = p * r + k.c3;
    p = p * r + k.c2;
    p = p * r + k.one;
    p = p * r + k.one;
    // 2^n from the exponent field: n in [-126, 0], so n + 127 is a normal exponent (unsigned
    // arithmetic: the wrap-around of a negative n is defined and cancels)
    const float scale = float_from_bits((float_bits(shifted) - float_bits(k.round) + k.exponent_bias) << 23);
    return p * scale;
}
inline double exp_nonpositive(double y, const ExpConstants& = ExpConstants{}) { return std::exp(y); }

// |x|, -|x| and copysign(magnitude, sign_source) as the bit operations they are, given the sign bit
// (0x80000000u): the bits of std::fabs, -std::fabs and std::copysign, NaN included. With sign_bit
// taken through opaque(), a WASM loop does each with one or two v128 and/or on a register, where
// f32x4.abs and f32x4.neg make V8 build their masks at every use and LLVM 14 turns a vector
// copysign into lane-by-lane scalar code. (The clamp in exp_nonpositive(-|x|) stays a compare and
// bitselect, not f32x4.pmax: LLVM swaps a comparison whose operand is a cast or an fneg, and only
// the unswapped one is matched as pmax.)
inline float abs_bits(float x, std::uint32_t sign_bit) { return float_from_bits(float_bits(x) & ~sign_bit); }
inline float minus_abs(float x, std::uint32_t sign_bit) { return float_from_bits(float_bits(x) | sign_bit); }
inline double minus_abs(double x, std::uint32_t) { return -std::fabs(x); }
inline float copysign_bits(float magnitude, float sign_source, std::uint32_t sign_bit) {
    return float_from_bits((float_bits(magnitude) & ~sign_bit) | (float_bits(sign_source) & sign_bit));
}

// ---- expf with libm's bits, vectorisable ---------------------------------------------------
// exp_exact(x) returns the bits of the WASM build's std::exp(float) (musl's expf; glibc's is the
// same algorithm, from Arm's optimized-routines) for every float x, so a kernel can switch to it
// without changing a result. The algorithm, in double:
//   z = x · 32/ln2 = k + r, k the nearest integer (adding 1.5 · 2^52 rounds it), |r| <= 1/2
//   exp(x) = 2^(k/32) · 2^(r/32),  2^(k/32) = 2^(k div 32) · table[k mod 32] (built from bits)
//   2^(r/32) ≈ 1 + c2 r + c1 r² + c0 r³, then one rounding to float.
// |x| >= 88, infinities and NaN take libm's special cases. exp_shifted below runs two lanes
// at once in WASM (f64x2, the same double operations in the same order: no FMA there, and the
// strict ISO build does not contract natively), so its bits equal the scalar function's.
// Checked in tests/cpp/kernels/test_fast_math.cpp (native) and tests/web/exp-exact.test.mjs (WASM
// against musl's expf).
namespace exp_exact_detail {
// bits of 2^(i/32) minus i << 47: adding k << 47 (k = 32 m + i) then gives the bits of 2^(k/32)
constexpr std::uint64_t kTable[32] = {0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
                                      0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
                                      0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
                                      0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
                                      0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
                                      0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
                                      0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
                                      0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540};
constexpr double kShift = 0x1.8p+52;                         // adding it rounds to an integer
constexpr double kInvLn2N = 0x1.71547652b82fep+0 * 32;       // 32 / ln 2
constexpr double kC0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;  // r³ (the polynomial in r/32)
constexpr double kC1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;       // r²
constexpr double kC2 = 0x1.62e42ff0c52d6p-1 / 32;            // r
constexpr std::uint32_t kAbsTop88 = 0x42b;                   // bits(88.0f) >> 20: |x| >= 88 from here

}  // namespace exp_exact_detail

inline float exp_exact(float x) {
    using namespace exp_exact_detail;
    const std::uint32_t abstop = (float_bits(x) >> 20) & 0x7ff;
    if (abstop >= kAbsTop88) {  // |x| >= 88, ±infinity, NaN: libm's answers
        if (float_bits(x) == float_bits(-INFINITY)) return 0.0f;
        if (abstop >= 0x7f8) return x + x;       // +infinity, NaN
        if (x > 0x1.62e42ep6f) return INFINITY;  // above ln(2^128)
        if (x < -0x1.9fe368p6f) return 0.0f;     // below ln(2^-150)
    }
    const double z = kInvLn2N * static_cast<double>(x);
    double kd = z + kShift;
    const auto ki = bit_copy<std::uint64_t>(kd);
    kd -= kShift;
    const double r = z - kd;
    const auto s = bit_copy<double>(kTable[ki % 32] + (ki << 47));
    const double p = kC0 * r + kC1;
    const double r2 = r * r;
    double y = kC2 * r + 1.0;
    y = p * r2 + y;
    y = y * s;
    return static_cast<float>(y);
}

// out[i] = exp_exact(in[i] - shift) for i < n: a softmax's exponentials after its max-subtraction.
// out may be in (in place); otherwise the two must not overlap. A caller that runs it on many short
// rows (attention's softmax) builds one ExpShifted and calls it per row, so the loop's constants are
// set up once, not per row.
struct ExpShifted {
#if defined(__wasm_simd128__)
    // the constants through opaque() (loop_hints.h): in registers, not rebuilt at each use
    v128_t abs_mask = opaque(wasm_i32x4_splat(0x7fffffff)), limit = opaque(wasm_i32x4_splat(0x42b00000));
    v128_t inv_ln2n = opaque(wasm_f64x2_splat(exp_exact_detail::kInvLn2N)),
           kshift = opaque(wasm_f64x2_splat(exp_exact_detail::kShift));
    v128_t c0 = opaque(wasm_f64x2_splat(exp_exact_detail::kC0)), c1 = opaque(wasm_f64x2_splat(exp_exact_detail::kC1)),
           c2 = opaque(wasm_f64x2_splat(exp_exact_detail::kC2)), one = opaque(wasm_f64x2_splat(1.0));

    // two lanes of exp_exact's main path, on x promoted to double; always inlined: LLVM otherwise
    // keeps it a call, twice per four elements (attention's forward at d 64: 3.24 -> 2.73 ms a step)
    __attribute__((always_inline)) v128_t two(v128_t xd) const {
        using namespace exp_exact_detail;
        const v128_t z = wasm_f64x2_mul(inv_ln2n, xd);
        v128_t kd = wasm_f64x2_add(z, kshift);
        const v128_t ki = kd;
        kd = wasm_f64x2_sub(kd, kshift);
        const v128_t r = wasm_f64x2_sub(z, kd);
        const std::uint64_t k0 = static_cast<std::uint64_t>(wasm_i64x2_extract_lane(ki, 0));
        const std::uint64_t k1 = static_cast<std::uint64_t>(wasm_i64x2_extract_lane(ki, 1));
        const v128_t t = wasm_v128_load64_lane(&kTable[k1 % 32], wasm_v128_load64_zero(&kTable[k0 % 32]), 1);
        const v128_t s = wasm_i64x2_add(t, wasm_i64x2_shl(ki, 47));
        const v128_t pp = wasm_f64x2_add(wasm_f64x2_mul(c0, r), c1);
        const v128_t r2 = wasm_f64x2_mul(r, r);
        v128_t y = wasm_f64x2_add(wasm_f64x2_mul(c2, r), one);
        y = wasm_f64x2_add(wasm_f64x2_mul(pp, r2), y);
        return wasm_f32x4_demote_f64x2_zero(wasm_f64x2_mul(y, s));
    }
#endif
    void operator()(float* out, const float* in, std::size_t n, float shift) const {
        std::size_t i = 0;
#if defined(__wasm_simd128__)
        const v128_t shift4 = wasm_f32x4_splat(shift);
        for (; i + 4 <= n; i += 4) {
            const v128_t x = wasm_f32x4_sub(wasm_v128_load(in + i), shift4);
            // lanes with |x| >= 88, infinite or NaN: the whole group takes the scalar function
            if (wasm_v128_any_true(wasm_i32x4_ge(wasm_v128_and(x, abs_mask), limit))) {
                for (std::size_t j = 0; j < 4; j++) out[i + j] = exp_exact(in[i + j] - shift);
                continue;
            }
            const v128_t lo = two(wasm_f64x2_promote_low_f32x4(x));
            const v128_t hi = two(wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x, x, 2, 3, 2, 3)));
            wasm_v128_store(out + i, wasm_i32x4_shuffle(lo, hi, 0, 1, 4, 5));
        }
#endif
        for (; i < n; i++) out[i] = exp_exact(in[i] - shift);
    }
    void operator()(double* out, const double* in, std::size_t n, double shift) const {
        for (std::size_t i = 0; i < n; i++) out[i] = std::exp(in[i] - shift);
    }
};
inline void exp_shifted(float* out, const float* in, std::size_t n, float shift) { ExpShifted{}(out, in, n, shift); }
inline void exp_shifted(double* out, const double* in, std::size_t n, double shift) { ExpShifted{}(out, in, n, shift); }

// tanh(x) = sign(x) tanh|x|:
//   |x| < 0.5:  x + x^3 Q(x^2), Q a degree-4 least-squares fit of (tanh x - x) / x^3 (relative
//               error weighting) on [0, 0.5]
//   |x| >= 0.5: (1 - u) / (1 + u), u = exp(-2|x|) <= 0.37, so 1 - u does not cancel
// Both are computed and one selected: no branch, so the loop vectorises.
// The constants of tanh_fast and tanh_sech2_fast, for opaque() as ExpConstants.
struct TanhConstants {
    float q4 = -0.006660018116235733f, q3 = 0.021305980160832405f, q2 = 0.05390097200870514f, q1 = 0.13332980871200562f,
          q0 = 0.333333283662796f;  // Q, with q2 and q0 subtracted
    float small = 0.5f, minus_two = -2.0f, one = 1.0f, four = 4.0f;
    std::uint32_t sign_bit = 0x80000000u;
    ExpConstants exp;
};
// tanh|x| for |x| < 0.5 (the polynomial above)
inline float tanh_small_abs(float a, const TanhConstants& k = TanhConstants{}) {
    const float t = a * a;
    float q = k.q4;
    q = q * t + k.q3;
    q = q * t - k.q2;
    q = q * t + k.q1;
    q = q * t - k.q0;
    return a + a * t * q;
}
inline float tanh_fast(float x, const TanhConstants& k = TanhConstants{}) {
    const float a = abs_bits(x, k.sign_bit);
    const float u = exp_nonpositive(k.minus_two * a, k.exp);
    const float large = (k.one - u) / (k.one + u);
    return copysign_bits(a < k.small ? tanh_small_abs(a, k) : large, x, k.sign_bit);
}
inline double tanh_fast(double x, const TanhConstants& = TanhConstants{}) { return std::tanh(x); }

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
inline void tanh_sech2_fast(float x, float* tanh_x, float* sech2_x, const TanhConstants& k = TanhConstants{}) {
    const float a = abs_bits(x, k.sign_bit);
    const float u = exp_nonpositive(k.minus_two * a, k.exp);
    const float d = k.one + u;
    *tanh_x = copysign_bits(a < k.small ? tanh_small_abs(a, k) : (k.one - u) / d, x, k.sign_bit);
    *sech2_x = k.four * u / (d * d);
}
inline void tanh_sech2_fast(double x, double* tanh_x, double* sech2_x, const TanhConstants& = TanhConstants{}) {
    *tanh_x = tanh_fast(x);
    *sech2_x = sech2_fast(x);
}

}  // namespace normlab
