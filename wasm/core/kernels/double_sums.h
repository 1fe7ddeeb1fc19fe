// Sums of a float buffer in double, in one fixed order on every target: element i goes into partial
// sum i mod 4, and the result is (s0 + s1) + (s2 + s3). Four chains instead of one keep the adds from
// waiting on each other; in WASM the four partials are two f64x2 vectors, lane j doing exactly
// partial j's operations (promote, subtract, multiply, add, in the same order), so the SIMD path has
// the scalar path's bits at two elements per operation. Used for metrics (activation std, gradient
// norms) whose values the experiments record, so their bits must not depend on the target.
#pragma once

#include <cstddef>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace normlab {

// x[0] + x[1] + ... + x[n-1] in double, by fours as above (T: float, or double for the gradient checks)
template <typename T>
double sum_by_fours(const T* x, std::size_t n) {
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t i = 0;
#if defined(__wasm_simd128__)
    if constexpr (sizeof(T) == 4) {
        v128_t s01 = wasm_f64x2_splat(0.0), s23 = s01;
        for (; i + 4 <= n; i += 4) {
            const v128_t x4 = wasm_v128_load(x + i);
            s01 = wasm_f64x2_add(s01, wasm_f64x2_promote_low_f32x4(x4));
            s23 = wasm_f64x2_add(s23, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x4, x4, 2, 3, 0, 1)));
        }
        wasm_v128_store(s, s01);
        wasm_v128_store(s + 2, s23);
    }
#endif
    for (; i + 4 <= n; i += 4)
        for (std::size_t j = 0; j < 4; j++) s[j] += static_cast<double>(x[i + j]);
    for (; i < n; i++) s[0] += static_cast<double>(x[i]);
    return (s[0] + s[1]) + (s[2] + s[3]);
}

// The rest of sum_squares_about from element i on, its four partial sums so far in s (updated):
// (x[j] - c)² into s[j mod 4] for j >= i (i a multiple of 4), then the total (s0 + s1) + (s2 + s3).
template <typename T>
double sum_squares_from(const T* x, std::size_t n, double c, double* s, std::size_t i) {
#if defined(__wasm_simd128__)
    if constexpr (sizeof(T) == 4) {
        const v128_t c2 = wasm_f64x2_splat(c);
        v128_t s01 = wasm_v128_load(s), s23 = wasm_v128_load(s + 2);
        for (; i + 4 <= n; i += 4) {
            const v128_t x4 = wasm_v128_load(x + i);
            const v128_t d01 = wasm_f64x2_sub(wasm_f64x2_promote_low_f32x4(x4), c2);
            const v128_t d23 = wasm_f64x2_sub(wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x4, x4, 2, 3, 0, 1)), c2);
            s01 = wasm_f64x2_add(s01, wasm_f64x2_mul(d01, d01));
            s23 = wasm_f64x2_add(s23, wasm_f64x2_mul(d23, d23));
        }
        wasm_v128_store(s, s01);
        wasm_v128_store(s + 2, s23);
    }
#endif
    for (; i + 4 <= n; i += 4)
        for (std::size_t j = 0; j < 4; j++) {
            const double d = static_cast<double>(x[i + j]) - c;
            s[j] += d * d;
        }
    for (; i < n; i++) {
        const double d = static_cast<double>(x[i]) - c;
        s[0] += d * d;
    }
    return (s[0] + s[1]) + (s[2] + s[3]);
}

// (x[0] - c)² + ... + (x[n-1] - c)² in double, by fours as above (c = 0 gives the plain sum of squares:
// x - 0 is x exactly)
template <typename T>
double sum_squares_about(const T* x, std::size_t n, double c) {
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    return sum_squares_from(x, n, c, s, 0);
}

// sum_squares_about(x, nx, 0) and sum_squares_about(y, ny, 0) at once, each with its own bits: the
// two buffers' chains of adds run side by side over their common length, twice the adds in flight
// (one buffer's four partial sums wait on each other's latency, not on the other buffer's).
template <typename T>
void sum_squares_two(const T* x, std::size_t nx, const T* y, std::size_t ny, double* sum_x, double* sum_y) {
    double sx[4] = {0.0, 0.0, 0.0, 0.0}, sy[4] = {0.0, 0.0, 0.0, 0.0};
    const std::size_t common = (nx < ny ? nx : ny) / 4 * 4;
    std::size_t i = 0;
#if defined(__wasm_simd128__)
    if constexpr (sizeof(T) == 4) {
        v128_t x01 = wasm_f64x2_splat(0.0), x23 = x01, y01 = x01, y23 = x01;
        for (; i < common; i += 4) {
            const v128_t x4 = wasm_v128_load(x + i), y4 = wasm_v128_load(y + i);
            const v128_t xl = wasm_f64x2_promote_low_f32x4(x4);
            const v128_t xh = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x4, x4, 2, 3, 0, 1));
            const v128_t yl = wasm_f64x2_promote_low_f32x4(y4);
            const v128_t yh = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(y4, y4, 2, 3, 0, 1));
            x01 = wasm_f64x2_add(x01, wasm_f64x2_mul(xl, xl));
            x23 = wasm_f64x2_add(x23, wasm_f64x2_mul(xh, xh));
            y01 = wasm_f64x2_add(y01, wasm_f64x2_mul(yl, yl));
            y23 = wasm_f64x2_add(y23, wasm_f64x2_mul(yh, yh));
        }
        wasm_v128_store(sx, x01);
        wasm_v128_store(sx + 2, x23);
        wasm_v128_store(sy, y01);
        wasm_v128_store(sy + 2, y23);
    }
#endif
    for (; i < common; i += 4)
        for (std::size_t j = 0; j < 4; j++) {
            sx[j] += static_cast<double>(x[i + j]) * static_cast<double>(x[i + j]);
            sy[j] += static_cast<double>(y[i + j]) * static_cast<double>(y[i + j]);
        }
    *sum_x = sum_squares_from(x, nx, 0.0, sx, common);
    *sum_y = sum_squares_from(y, ny, 0.0, sy, common);
}

}  // namespace normlab
