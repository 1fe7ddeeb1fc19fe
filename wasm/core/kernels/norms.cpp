// NormLab normalization kernels: the maths above each function, the loops below it.
//
// Performance notes (the same code is compiled natively and by clang for WASM with
// -msimd128). Elementwise loops are plain counted loops over contiguous memory through
// __restrict pointers; the compilers auto-vectorise them. Reductions are different: float
// sums may not be reassociated (no -ffast-math), and clang 14's SLP vectorizer turns the
// usual array-of-partial-sums into 2-lane vectors (half of a WASM SIMD register, plus
// shuffles: LayerNorm ran at 6.5 GB/s under Node). So the reduction helpers below keep
// their partial sums in explicit 16-byte vectors (GCC/Clang vector extensions: SSE natively,
// v128 in WASM): four independent 4-float accumulators, combined in a fixed order, so
// native and WASM results agree bit for bit and no compiler chooses the summation order.
#include "kernels/norms.h"

#include <cmath>
#include <cstring>

#include "kernels/fast_math.h"
#include "kernels/loop_hints.h"

namespace normlab {

namespace {

// ---- 16-byte vectors of T (4 floats or 2 doubles) --------------------------------------
#if defined(__GNUC__) || defined(__clang__)
template <typename T>
struct simd128 {
    typedef T type __attribute__((vector_size(16)));
};
template <typename T>
using Vec = typename simd128<T>::type;
#else
// Portable stand-in with the same operations (scalar code; the compilers we build with
// take the branch above).
template <typename T>
struct Vec {
    T v[16 / sizeof(T)];
    T& operator[](std::size_t k) { return v[k]; }
    T operator[](std::size_t k) const { return v[k]; }
    friend Vec operator+(Vec a, Vec b) {
        for (std::size_t k = 0; k < 16 / sizeof(T); k++) a.v[k] += b.v[k];
        return a;
    }
    friend Vec operator-(Vec a, Vec b) {
        for (std::size_t k = 0; k < 16 / sizeof(T); k++) a.v[k] -= b.v[k];
        return a;
    }
    friend Vec operator*(Vec a, Vec b) {
        for (std::size_t k = 0; k < 16 / sizeof(T); k++) a.v[k] *= b.v[k];
        return a;
    }
    friend Vec operator-(Vec a, T s) {
        for (std::size_t k = 0; k < 16 / sizeof(T); k++) a.v[k] -= s;
        return a;
    }
    friend Vec operator*(Vec a, T s) {
        for (std::size_t k = 0; k < 16 / sizeof(T); k++) a.v[k] *= s;
        return a;
    }
    Vec& operator+=(Vec b) { return *this = *this + b; }
};
#endif

template <typename T>
constexpr std::size_t kLanes = 16 / sizeof(T);

template <typename T>
inline Vec<T> load(const T* p) {
    Vec<T> v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <typename T>
inline void store(T* p, Vec<T> v) {
    std::memcpy(p, &v, sizeof v);
}
template <typename T>
inline Vec<T> zero() {
    Vec<T> v;
    std::memset(&v, 0, sizeof v);
    return v;
}
// Sum of the lanes, always in the same order (constant lane indices: no trip through memory).
template <typename T>
inline T lane_sum(Vec<T> v) {
    if constexpr (kLanes<T> == 4) {
        return (v[0] + v[1]) + (v[2] + v[3]);
    } else {
        return v[0] + v[1];
    }
}
// (a + b) + (c + d), lane by lane, then the lanes.
template <typename T>
inline T combine(Vec<T> a, Vec<T> b, Vec<T> c, Vec<T> d) {
    return lane_sum<T>((a + b) + (c + d));
}

// ---- reductions: four accumulators of kLanes partial sums each -------------------------

// sum_i (x_i - shift)
template <typename T>
T sum_shifted(const T* __restrict x, std::size_t n, T shift) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> a0 = zero<T>(), a1 = a0, a2 = a0, a3 = a0;
    std::size_t i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
        a0 += load(x + i) - shift;
        a1 += load(x + i + L) - shift;
        a2 += load(x + i + 2 * L) - shift;
        a3 += load(x + i + 3 * L) - shift;
    }
    T tail = 0;
    for (; i < n; i++) tail += x[i] - shift;
    return combine<T>(a0, a1, a2, a3) + tail;
}

// sum_i (x_i - mean)^2
template <typename T>
T sum_squared_deviations(const T* __restrict x, std::size_t n, T mean) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> a0 = zero<T>(), a1 = a0, a2 = a0, a3 = a0;
    std::size_t i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
        const Vec<T> d0 = load(x + i) - mean, d1 = load(x + i + L) - mean;
        const Vec<T> d2 = load(x + i + 2 * L) - mean, d3 = load(x + i + 3 * L) - mean;
        a0 += d0 * d0;
        a1 += d1 * d1;
        a2 += d2 * d2;
        a3 += d3 * d3;
    }
    T tail = 0;
    for (; i < n; i++) {
        const T dev = x[i] - mean;
        tail += dev * dev;
    }
    return combine<T>(a0, a1, a2, a3) + tail;
}

// sum_i x_i^2
template <typename T>
T sum_of_squares(const T* __restrict x, std::size_t n) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> a0 = zero<T>(), a1 = a0, a2 = a0, a3 = a0;
    std::size_t i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
        const Vec<T> v0 = load(x + i), v1 = load(x + i + L), v2 = load(x + i + 2 * L), v3 = load(x + i + 3 * L);
        a0 += v0 * v0;
        a1 += v1 * v1;
        a2 += v2 * v2;
        a3 += v3 * v3;
    }
    T tail = 0;
    for (; i < n; i++) tail += x[i] * x[i];
    return combine<T>(a0, a1, a2, a3) + tail;
}

// Mean of n contiguous values, summing x - x_0 so the running sum stays of the size of
// the spread, not of the offset (a row at 1e4 +- 1 keeps all its digits).
template <typename T>
T mean_of(const T* __restrict x, std::size_t n) {
    const T shift = x[0];
    return shift + sum_shifted(x, n, shift) / static_cast<T>(n);
}

// Mean and rstd = 1 / sqrt(var + eps) of n contiguous values, two passes.
template <typename T>
void mean_rstd_of(T& mean, T& rstd, const T* __restrict x, std::size_t n, T eps) {
    mean = mean_of(x, n);
    const T var = sum_squared_deviations(x, n, mean) / static_cast<T>(n);
    rstd = T(1) / std::sqrt(var + eps);
}

// y_i = (x_i - mean) * rstd * gamma_i + beta_i
template <typename T>
void normalize_affine(T* __restrict y, const T* __restrict x, const T* __restrict gamma, const T* __restrict beta,
                      T mean, T rstd, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) y[i] = (x[i] - mean) * rstd * gamma[i] + beta[i];
}

// The output pass of one row fused with the first pass of the next (LayerNorm forward):
//   y_i = (x_i - mean) * rstd * gamma_i + beta_i,   returns sum_i (next_i - next_shift)
// The next row then streams in from memory while this one is written, instead of after.
// The sum has exactly sum_shifted's accumulators and order, so results are unchanged.
template <typename T>
T normalize_affine_then_sum_next(T* __restrict y, const T* __restrict x, const T* __restrict gamma,
                                 const T* __restrict beta, T mean, T rstd, const T* __restrict next, T next_shift,
                                 std::size_t n) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> a0 = zero<T>(), a1 = a0, a2 = a0, a3 = a0;
    std::size_t i = 0;
    for (; i + 4 * L <= n; i += 4 * L) {
        a0 += load(next + i) - next_shift;
        a1 += load(next + i + L) - next_shift;
        a2 += load(next + i + 2 * L) - next_shift;
        a3 += load(next + i + 3 * L) - next_shift;
        for (std::size_t k = 0; k < 4 * L; k++) y[i + k] = (x[i + k] - mean) * rstd * gamma[i + k] + beta[i + k];
    }
    T tail = 0;
    for (; i < n; i++) {
        tail += next[i] - next_shift;
        y[i] = (x[i] - mean) * rstd * gamma[i] + beta[i];
    }
    return combine<T>(a0, a1, a2, a3) + tail;
}

// y_i = (x_i - mean) * scale + shift  (one channel: scale = rstd * gamma_c, shift = beta_c)
template <typename T>
void normalize_scalar_affine(T* __restrict y, const T* __restrict x, T mean, T scale, T shift, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) y[i] = (x[i] - mean) * scale + shift;
}

// The backward's reductions for an affine normalization, in one pass over a row:
//   sum_g   = sum_i g_i                with g_i = gamma_i * dy_i
//   sum_gxc = sum_i g_i * (x_i - mean)
// and on the way the parameter gradients dgamma_i += dy_i * xhat_i, dbeta_i += dy_i.
template <typename T>
void affine_backward_reductions(T& sum_g, T& sum_gxc, T* __restrict dgamma, T* __restrict dbeta, const T* __restrict dy,
                                const T* __restrict x, const T* __restrict gamma, T mean, T rstd, std::size_t n) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> g0 = zero<T>(), g1 = g0, gx0 = g0, gx1 = g0;  // two sums, two accumulators each
    std::size_t i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
        const Vec<T> dy0 = load(dy + i), dy1 = load(dy + i + L);
        const Vec<T> xc0 = load(x + i) - mean, xc1 = load(x + i + L) - mean;
        const Vec<T> gv0 = load(gamma + i) * dy0, gv1 = load(gamma + i + L) * dy1;
        g0 += gv0;
        g1 += gv1;
        gx0 += gv0 * xc0;
        gx1 += gv1 * xc1;
        store(dgamma + i, load(dgamma + i) + dy0 * (xc0 * rstd));
        store(dgamma + i + L, load(dgamma + i + L) + dy1 * (xc1 * rstd));
        store(dbeta + i, load(dbeta + i) + dy0);
        store(dbeta + i + L, load(dbeta + i + L) + dy1);
    }
    T tail_g = 0, tail_gxc = 0;
    for (; i < n; i++) {
        const T xc = x[i] - mean;
        const T g = gamma[i] * dy[i];
        tail_g += g;
        tail_gxc += g * xc;
        dgamma[i] += dy[i] * (xc * rstd);
        dbeta[i] += dy[i];
    }
    sum_g = lane_sum<T>(g0 + g1) + tail_g;
    sum_gxc = lane_sum<T>(gx0 + gx1) + tail_gxc;
}

// The same reductions for one channel with a scalar gamma (applied by the caller):
//   sum_dy = sum_i dy_i,  sum_dyxc = sum_i dy_i * (x_i - mean)
template <typename T>
void channel_backward_reductions(T& sum_dy, T& sum_dyxc, const T* __restrict dy, const T* __restrict x, T mean,
                                 std::size_t n) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> a0 = zero<T>(), a1 = a0, b0 = a0, b1 = a0;
    std::size_t i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
        const Vec<T> dy0 = load(dy + i), dy1 = load(dy + i + L);
        a0 += dy0;
        a1 += dy1;
        b0 += dy0 * (load(x + i) - mean);
        b1 += dy1 * (load(x + i + L) - mean);
    }
    T tail_dy = 0, tail_dyxc = 0;
    for (; i < n; i++) {
        tail_dy += dy[i];
        tail_dyxc += dy[i] * (x[i] - mean);
    }
    sum_dy = lane_sum<T>(a0 + a1) + tail_dy;
    sum_dyxc = lane_sum<T>(b0 + b1) + tail_dyxc;
}

// RMSNorm's backward reduction in one pass: returns sum_i g_i x_i (g = gamma * dy) and
// accumulates dgamma_i += dy_i * x_i * rstd on the way.
template <typename T>
T rms_backward_reduction(T* __restrict dgamma, const T* __restrict dy, const T* __restrict x, const T* __restrict gamma,
                         T rstd, std::size_t n) {
    constexpr std::size_t L = kLanes<T>;
    Vec<T> a0 = zero<T>(), a1 = a0;
    std::size_t i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
        const Vec<T> dyx0 = load(dy + i) * load(x + i), dyx1 = load(dy + i + L) * load(x + i + L);
        a0 += load(gamma + i) * dyx0;
        a1 += load(gamma + i + L) * dyx1;
        store(dgamma + i, load(dgamma + i) + dyx0 * rstd);
        store(dgamma + i + L, load(dgamma + i + L) + dyx1 * rstd);
    }
    T tail = 0;
    for (; i < n; i++) {
        const T dyx = dy[i] * x[i];
        tail += gamma[i] * dyx;
        dgamma[i] += dyx * rstd;
    }
    return lane_sum<T>(a0 + a1) + tail;
}

// The same where gamma and/or dgamma are absent (gamma = 1; no dgamma to accumulate).
// Not a hot path: the app always has gamma.
template <typename T>
T rms_backward_reduction_plain(T* __restrict dgamma, const T* __restrict dy, const T* __restrict x,
                               const T* __restrict gamma, T rstd, std::size_t n) {
    T sum = 0;
    for (std::size_t i = 0; i < n; i++) sum += (gamma ? gamma[i] : T(1)) * dy[i] * x[i];
    if (dgamma)
        for (std::size_t i = 0; i < n; i++) dgamma[i] += dy[i] * x[i] * rstd;
    return sum;
}

// The backward's elementwise pass of a mean/variance normalization:
//   dx_i += rstd * (g_i - mean_g - xhat_i * mean_gxhat),  g_i = gamma_i * dy_i
template <typename T>
void accumulate_norm_dx(T* __restrict dx, const T* __restrict dy, const T* __restrict x, const T* __restrict gamma,
                        T mean, T rstd, T mean_g, T mean_gxhat, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) {
        const T xhat = (x[i] - mean) * rstd;
        dx[i] += rstd * (gamma[i] * dy[i] - mean_g - xhat * mean_gxhat);
    }
}

// The same with one scalar gamma for the whole run (one channel).
template <typename T>
void accumulate_channel_dx(T* __restrict dx, const T* __restrict dy, const T* __restrict x, T gamma, T mean, T rstd,
                           T mean_g, T mean_gxhat, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) {
        const T xhat = (x[i] - mean) * rstd;
        dx[i] += rstd * (gamma * dy[i] - mean_g - xhat * mean_gxhat);
    }
}

}  // namespace

// ============================================================================
// LayerNorm
// forward:  mean = 1/d sum_j x_j,  var = 1/d sum_j (x_j - mean)^2,
//           rstd = 1/sqrt(var + eps),  xhat = (x - mean) rstd,  y = gamma xhat + beta
// Three passes per row: (1) sum of x - x_0 -> mean, (2) sum of squared deviations -> rstd,
// (3) the output. Pipelined over rows: pass 3 of row r also does pass 1 of row r+1.
template <typename T>
void layernorm_forward(T* __restrict out, T* __restrict mean, T* __restrict rstd, const T* __restrict inp,
                       const T* __restrict gamma, const T* __restrict beta, std::size_t rows, std::size_t d,
                       Scalar<T> eps) {
    if (rows == 0) return;
    T shift = inp[0];
    T sum = sum_shifted(inp, d, shift);  // pass 1 of row 0
    for (std::size_t r = 0; r < rows; r++) {
        const T* x = inp + r * d;
        T* y = out + r * d;
        const T m = shift + sum / static_cast<T>(d);
        const T s = T(1) / std::sqrt(sum_squared_deviations(x, d, m) / static_cast<T>(d) + eps);
        if (r + 1 < rows) {
            shift = x[d];  // row r+1 starts right after row r
            sum = normalize_affine_then_sum_next(y, x, gamma, beta, m, s, x + d, shift, d);
        } else {
            normalize_affine(y, x, gamma, beta, m, s, d);
        }
        if (mean) mean[r] = m;
        if (rstd) rstd[r] = s;
    }
}

// backward: with g = gamma * dy (the gradient at xhat),
//   dx = rstd * (g - mean(g) - xhat * mean(g * xhat))
//   term 1: g                      the direct path through xhat
//   term 2: -mean(g)               through the mean
//   term 3: -xhat * mean(g xhat)   through the variance (rstd)
//   dgamma += dy * xhat,  dbeta += dy
template <typename T>
void layernorm_backward(T* __restrict dinp, T* __restrict dgamma, T* __restrict dbeta, const T* __restrict dout,
                        const T* __restrict inp, const T* __restrict gamma, const T* __restrict mean,
                        const T* __restrict rstd, std::size_t rows, std::size_t d) {
    const T inv_d = T(1) / static_cast<T>(d);
    for (std::size_t r = 0; r < rows; r++) {
        const T* dy = dout + r * d;
        const T* x = inp + r * d;
        const T m = mean[r], s = rstd[r];
        // pass 1: both reductions at once (+ dgamma, dbeta)
        T sum_g, sum_gxc;
        affine_backward_reductions(sum_g, sum_gxc, dgamma, dbeta, dy, x, gamma, m, s, d);
        const T mean_g = sum_g * inv_d;            // term 2
        const T mean_gxhat = sum_gxc * s * inv_d;  // term 3's factor
        // pass 2: dx += rstd * (term 1 + term 2 + term 3)
        accumulate_norm_dx(dinp + r * d, dy, x, gamma, m, s, mean_g, mean_gxhat, d);
    }
}

// ============================================================================
// LayerNorm with epsilon outside the root -- THE DELIBERATE BUG (epsilon lesson).
// forward:  sigma = sqrt(var),  r = 1 / (sigma + eps),  y = gamma (x - mean) r + beta
// rstd caches r. Do not "fix" this: the course shows what it does.
template <typename T>
void layernorm_eps_outside_forward(T* __restrict out, T* __restrict mean, T* __restrict rstd, const T* __restrict inp,
                                   const T* __restrict gamma, const T* __restrict beta, std::size_t rows, std::size_t d,
                                   Scalar<T> eps) {
    for (std::size_t r = 0; r < rows; r++) {
        const T* x = inp + r * d;
        const T m = mean_of(x, d);
        const T sigma = std::sqrt(sum_squared_deviations(x, d, m) / static_cast<T>(d));
        const T s = T(1) / (sigma + eps);
        normalize_affine(out + r * d, x, gamma, beta, m, s, d);
        if (mean) mean[r] = m;
        if (rstd) rstd[r] = s;
    }
}

// backward, plain chain rule, with g = gamma * dy and xc = x - mean:
//   term 1: r * (g - mean(g))                     through (x - mean), the mean included
//   term 2: dL/dvar * 2 xc / d                    through var, where
//           dL/dr     = sum_j g_j xc_j,
//           dL/dsigma = -r^2 dL/dr,
//           dL/dvar   = dL/dsigma / (2 sigma)     <- infinite slope at sigma = 0: a
//                                                    constant row gives 0/0 = NaN here
//   dgamma += dy * xc * r,  dbeta += dy
// sigma is recomputed from the input exactly as the forward computed it.
template <typename T>
void layernorm_eps_outside_backward(T* __restrict dinp, T* __restrict dgamma, T* __restrict dbeta,
                                    const T* __restrict dout, const T* __restrict inp, const T* __restrict gamma,
                                    const T* __restrict mean, const T* __restrict rstd, std::size_t rows,
                                    std::size_t d) {
    const T inv_d = T(1) / static_cast<T>(d);
    for (std::size_t r = 0; r < rows; r++) {
        const T* dy = dout + r * d;
        const T* x = inp + r * d;
        T* dx = dinp + r * d;
        const T m = mean[r], s = rstd[r];
        const T sigma = std::sqrt(sum_squared_deviations(x, d, m) * inv_d);
        T sum_g, sum_gxc;
        affine_backward_reductions(sum_g, sum_gxc, dgamma, dbeta, dy, x, gamma, m, s, d);
        const T mean_g = sum_g * inv_d;
        const T dsigma = -s * s * sum_gxc;
        const T dvar = dsigma / (T(2) * sigma);  // the bug: 1/(2 sqrt(var)) at var = 0
        for (std::size_t j = 0; j < d; j++) {
            const T xc = x[j] - m;
            dx[j] += s * (gamma[j] * dy[j] - mean_g)  // term 1
                + dvar * T(2) * xc * inv_d;           // term 2
        }
    }
}

// ============================================================================
// RMSNorm
// forward:  ms = 1/d sum_j x_j^2,  rstd = 1 / sqrt(ms + eps),  y = gamma * x * rstd
template <typename T>
void rmsnorm_forward(T* __restrict out, T* __restrict rstd, const T* __restrict inp, const T* __restrict gamma,
                     std::size_t rows, std::size_t d, Scalar<T> eps) {
    for (std::size_t r = 0; r < rows; r++) {
        const T* x = inp + r * d;
        T* y = out + r * d;
        const T s = T(1) / std::sqrt(sum_of_squares(x, d) / static_cast<T>(d) + eps);
        if (gamma) {
            for (std::size_t j = 0; j < d; j++) y[j] = gamma[j] * (x[j] * s);
        } else {
            for (std::size_t j = 0; j < d; j++) y[j] = x[j] * s;
        }
        if (rstd) rstd[r] = s;
    }
}

void rmsnorm_forward(float* out, float* rstd, const float* inp, const float* gamma, std::size_t rows, std::size_t d,
                     float eps) {
    rmsnorm_forward<float>(out, rstd, inp, gamma, rows, d, eps);
}

// backward: with g = gamma * dy and xhat = x * rstd, since d rstd / d x_j = -rstd^3 x_j / d,
//   dx = rstd * (g - xhat * mean(g * xhat))
//   term 1: rstd * g                         the direct path
//   term 2: -rstd * xhat * mean(g * xhat)    through rstd (no mean term: RMSNorm has no mean)
//   dgamma += dy * xhat
// One reduction per row instead of LayerNorm's two, and no mean pass in the forward.
template <typename T>
void rmsnorm_backward(T* __restrict dinp, T* __restrict dgamma, const T* __restrict dout, const T* __restrict inp,
                      const T* __restrict gamma, const T* __restrict rstd, std::size_t rows, std::size_t d) {
    const T inv_d = T(1) / static_cast<T>(d);
    for (std::size_t r = 0; r < rows; r++) {
        const T* dy = dout + r * d;
        const T* x = inp + r * d;
        T* dx = dinp + r * d;
        const T s = rstd[r];
        // pass 1: sum_j g_j x_j  (+ dgamma)
        const T sum_gx = (gamma && dgamma) ? rms_backward_reduction(dgamma, dy, x, gamma, s, d)
                                           : rms_backward_reduction_plain(dgamma, dy, x, gamma, s, d);
        // mean(g * xhat) * rstd = rstd^2 * sum(g x) / d
        const T c = s * s * sum_gx * inv_d;
        // pass 2: dx += rstd * g (term 1) - rstd * xhat * mean(g xhat) (term 2)
        if (gamma) {
            for (std::size_t j = 0; j < d; j++) dx[j] += s * (gamma[j] * dy[j] - x[j] * c);
        } else {
            for (std::size_t j = 0; j < d; j++) dx[j] += s * (dy[j] - x[j] * c);
        }
    }
}

// ============================================================================
// BatchNorm on (N, C, S)
// forward (training), per channel c over the count = N*S values x_{n,c,s}:
//   mean_c = 1/count sum x,  var_c = 1/count sum (x - mean_c)^2  (biased: normalises)
//   y = gamma_c (x - mean_c) / sqrt(var_c + eps) + beta_c
//   running_mean_c = (1 - momentum) running_mean_c + momentum mean_c
//   running_var_c  = (1 - momentum) running_var_c  + momentum var_c * count / (count - 1)
// forward (eval): the same map with mean_c, var_c := running_mean_c, running_var_c.
template <typename T>
void batchnorm_forward(T* __restrict out, T* __restrict mean, T* __restrict rstd, T* __restrict running_mean,
                       T* __restrict running_var, const T* __restrict inp, const T* __restrict gamma,
                       const T* __restrict beta, std::size_t N, std::size_t C, std::size_t S, Scalar<T> eps,
                       Scalar<T> momentum, bool training) {
    const std::size_t count = N * S;
    if (training) {
        // pass 1: mean, summing x - x_{0,c,0} (mean buffer used as the accumulator)
        for (std::size_t c = 0; c < C; c++) mean[c] = 0;
        if (S == 1) {
            for (std::size_t n = 0; n < N; n++) {
                const T* x = inp + n * C;
                for (std::size_t c = 0; c < C; c++) mean[c] += x[c] - inp[c];
            }
        } else {
            for (std::size_t n = 0; n < N; n++)
                for (std::size_t c = 0; c < C; c++) mean[c] += sum_shifted(inp + (n * C + c) * S, S, inp[c * S]);
        }
        for (std::size_t c = 0; c < C; c++) mean[c] = inp[c * S] + mean[c] / static_cast<T>(count);
        // pass 2: sum of squared deviations (rstd buffer used as the accumulator)
        for (std::size_t c = 0; c < C; c++) rstd[c] = 0;
        if (S == 1) {
            for (std::size_t n = 0; n < N; n++) {
                const T* x = inp + n * C;
                for (std::size_t c = 0; c < C; c++) {
                    const T dev = x[c] - mean[c];
                    rstd[c] += dev * dev;
                }
            }
        } else {
            for (std::size_t n = 0; n < N; n++)
                for (std::size_t c = 0; c < C; c++)
                    rstd[c] += sum_squared_deviations(inp + (n * C + c) * S, S, mean[c]);
        }
        const T m = momentum;
        for (std::size_t c = 0; c < C; c++) {
            const T var = rstd[c] / static_cast<T>(count);
            if (running_mean) running_mean[c] = (T(1) - m) * running_mean[c] + m * mean[c];
            if (running_var && count > 1) {
                const T unbiased = rstd[c] / static_cast<T>(count - 1);
                running_var[c] = (T(1) - m) * running_var[c] + m * unbiased;
            }
            rstd[c] = T(1) / std::sqrt(var + eps);
        }
    } else {
        for (std::size_t c = 0; c < C; c++) {
            mean[c] = running_mean[c];
            rstd[c] = T(1) / std::sqrt(running_var[c] + eps);
        }
    }
    // pass 3: y = (x - mean_c) rstd_c gamma_c + beta_c
    if (S == 1) {
        for (std::size_t n = 0; n < N; n++) {
            const T* x = inp + n * C;
            T* y = out + n * C;
            for (std::size_t c = 0; c < C; c++) y[c] = (x[c] - mean[c]) * rstd[c] * gamma[c] + beta[c];
        }
    } else {
        for (std::size_t n = 0; n < N; n++)
            for (std::size_t c = 0; c < C; c++) {
                const std::size_t base = (n * C + c) * S;
                normalize_scalar_affine(out + base, inp + base, mean[c], rstd[c] * gamma[c], beta[c], S);
            }
    }
}

// backward (training): per channel, with g = gamma_c dy and means over the count values,
//   dx = rstd_c * (g - mean(g) - xhat * mean(g xhat))
//   term 1: g,  term 2: -mean(g) (through mean_c),  term 3: -xhat mean(g xhat) (through var_c)
// backward (eval): mean_c and rstd_c are constants, so only term 1 remains:
//   dx = rstd_c * gamma_c * dy
// both: dgamma_c += sum dy xhat,  dbeta_c += sum dy
// Channels are processed in blocks so the per-channel sums live on the stack.
template <typename T>
void batchnorm_backward(T* __restrict dinp, T* __restrict dgamma, T* __restrict dbeta, const T* __restrict dout,
                        const T* __restrict inp, const T* __restrict gamma, const T* __restrict mean,
                        const T* __restrict rstd, std::size_t N, std::size_t C, std::size_t S, bool training) {
    constexpr std::size_t kBlock = 256;
    const T inv_count = T(1) / static_cast<T>(N * S);
    T sum_dy[kBlock];
    T sum_dyxc[kBlock];
    for (std::size_t c0 = 0; c0 < C; c0 += kBlock) {
        const std::size_t cb = (C - c0 < kBlock) ? C - c0 : kBlock;
        const T* mean_b = mean + c0;
        // pass 1: per-channel sum dy and sum dy (x - mean)
        for (std::size_t c = 0; c < cb; c++) sum_dy[c] = sum_dyxc[c] = 0;
        if (S == 1) {
            for (std::size_t n = 0; n < N; n++) {
                const T* dy = dout + n * C + c0;
                const T* x = inp + n * C + c0;
                for (std::size_t c = 0; c < cb; c++) {
                    sum_dy[c] += dy[c];
                    sum_dyxc[c] += dy[c] * (x[c] - mean_b[c]);
                }
            }
        } else {
            for (std::size_t n = 0; n < N; n++)
                for (std::size_t c = 0; c < cb; c++) {
                    const std::size_t base = (n * C + c0 + c) * S;
                    T a, b;
                    channel_backward_reductions(a, b, dout + base, inp + base, mean_b[c], S);
                    sum_dy[c] += a;
                    sum_dyxc[c] += b;
                }
        }
        // parameter gradients; then turn the sums into the two means of the dx formula
        for (std::size_t c = 0; c < cb; c++) {
            const T s = rstd[c0 + c];
            dbeta[c0 + c] += sum_dy[c];
            dgamma[c0 + c] += sum_dyxc[c] * s;
            const T gm = gamma[c0 + c];
            sum_dy[c] = training ? gm * sum_dy[c] * inv_count : T(0);          // mean(g)
            sum_dyxc[c] = training ? gm * sum_dyxc[c] * s * inv_count : T(0);  // mean(g xhat)
        }
        // pass 2: dx
        if (S == 1) {
            for (std::size_t n = 0; n < N; n++) {
                const T* dy = dout + n * C + c0;
                const T* x = inp + n * C + c0;
                T* dx = dinp + n * C + c0;
                const T* gamma_b = gamma + c0;
                const T* rstd_b = rstd + c0;
                for (std::size_t c = 0; c < cb; c++) {
                    const T xhat = (x[c] - mean_b[c]) * rstd_b[c];
                    dx[c] += rstd_b[c] * (gamma_b[c] * dy[c] - sum_dy[c] - xhat * sum_dyxc[c]);
                }
            }
        } else {
            for (std::size_t n = 0; n < N; n++)
                for (std::size_t c = 0; c < cb; c++) {
                    const std::size_t base = (n * C + c0 + c) * S;
                    accumulate_channel_dx(dinp + base, dout + base, inp + base, gamma[c0 + c], mean_b[c], rstd[c0 + c],
                                          sum_dy[c], sum_dyxc[c], S);
                }
        }
    }
}

// ============================================================================
// GroupNorm on (N, C, S), G groups of Cg = C/G channels; one group of one sample is a
// contiguous block of Cg*S values.
// forward:  mean, var over the block;  y = gamma_c (x - mean) rstd + beta_c
template <typename T>
void groupnorm_forward(T* __restrict out, T* __restrict mean, T* __restrict rstd, const T* __restrict inp,
                       const T* __restrict gamma, const T* __restrict beta, std::size_t N, std::size_t C, std::size_t S,
                       std::size_t G, Scalar<T> eps) {
    const std::size_t Cg = C / G;
    const std::size_t block = Cg * S;
    for (std::size_t n = 0; n < N; n++)
        for (std::size_t g = 0; g < G; g++) {
            const std::size_t c0 = g * Cg;
            const std::size_t base = (n * C + c0) * S;
            const T* x = inp + base;
            T* y = out + base;
            T m, s;
            mean_rstd_of(m, s, x, block, eps);
            if (S == 1 && gamma && beta) {
                normalize_affine(y, x, gamma + c0, beta + c0, m, s, Cg);
            } else {
                for (std::size_t c = 0; c < Cg; c++) {
                    const T scale = gamma ? s * gamma[c0 + c] : s;
                    const T shift = beta ? beta[c0 + c] : T(0);
                    normalize_scalar_affine(y + c * S, x + c * S, m, scale, shift, S);
                }
            }
            if (mean) mean[n * G + g] = m;
            if (rstd) rstd[n * G + g] = s;
        }
}

// backward: per block, with g = gamma_c dy and means over the block's Cg*S values,
//   dx = rstd * (g - mean(g) - xhat * mean(g xhat))   (terms 1, 2, 3 as in LayerNorm)
//   dgamma_c += sum_s dy xhat,  dbeta_c += sum_s dy
template <typename T>
void groupnorm_backward(T* __restrict dinp, T* __restrict dgamma, T* __restrict dbeta, const T* __restrict dout,
                        const T* __restrict inp, const T* __restrict gamma, const T* __restrict mean,
                        const T* __restrict rstd, std::size_t N, std::size_t C, std::size_t S, std::size_t G) {
    const std::size_t Cg = C / G;
    const T inv_block = T(1) / static_cast<T>(Cg * S);
    const bool rowwise = S == 1 && gamma && dgamma && dbeta;  // the LayerNorm-like fast path
    for (std::size_t n = 0; n < N; n++)
        for (std::size_t g = 0; g < G; g++) {
            const std::size_t c0 = g * Cg;
            const std::size_t base = (n * C + c0) * S;
            const T* dy = dout + base;
            const T* x = inp + base;
            T* dx = dinp + base;
            const T m = mean[n * G + g], s = rstd[n * G + g];
            T sum_g = 0, sum_gxc = 0;
            // pass 1: reductions (+ dgamma, dbeta)
            if (rowwise) {
                affine_backward_reductions(sum_g, sum_gxc, dgamma + c0, dbeta + c0, dy, x, gamma + c0, m, s, Cg);
            } else {
                for (std::size_t c = 0; c < Cg; c++) {
                    T a, b;
                    channel_backward_reductions(a, b, dy + c * S, x + c * S, m, S);
                    const T gm = gamma ? gamma[c0 + c] : T(1);
                    sum_g += gm * a;
                    sum_gxc += gm * b;
                    if (dgamma) dgamma[c0 + c] += b * s;
                    if (dbeta) dbeta[c0 + c] += a;
                }
            }
            const T mean_g = sum_g * inv_block;
            const T mean_gxhat = sum_gxc * s * inv_block;
            // pass 2: dx
            if (S == 1 && gamma) {
                accumulate_norm_dx(dx, dy, x, gamma + c0, m, s, mean_g, mean_gxhat, Cg);
            } else {
                for (std::size_t c = 0; c < Cg; c++) {
                    const T gm = gamma ? gamma[c0 + c] : T(1);
                    accumulate_channel_dx(dx + c * S, dy + c * S, x + c * S, gm, m, s, mean_g, mean_gxhat, S);
                }
            }
        }
}

// ============================================================================
// InstanceNorm on (N, C, S) = GroupNorm with one channel per group (G = C).
template <typename T>
void instancenorm_forward(T* out, T* mean, T* rstd, const T* inp, const T* gamma, const T* beta, std::size_t N,
                          std::size_t C, std::size_t S, Scalar<T> eps) {
    groupnorm_forward(out, mean, rstd, inp, gamma, beta, N, C, S, C, eps);
}

template <typename T>
void instancenorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* inp, const T* gamma, const T* mean,
                           const T* rstd, std::size_t N, std::size_t C, std::size_t S) {
    groupnorm_backward(dinp, dgamma, dbeta, dout, inp, gamma, mean, rstd, N, C, S, C);
}

// ============================================================================
// DyT (Dynamic Tanh)
// forward:  y = gamma tanh(alpha x) + beta
template <typename T>
void dyt_forward(T* __restrict out, const T* __restrict inp, const T* __restrict gamma, const T* __restrict beta,
                 std::size_t rows, std::size_t d, Scalar<T> alpha) {
    const TanhConstants k = opaque(TanhConstants{});  // in registers through the loops
    for (std::size_t r = 0; r < rows; r++) {
        const T* x = inp + r * d;
        T* y = out + r * d;
        NORMLAB_INTERLEAVE(4)
        for (std::size_t j = 0; j < d; j++) y[j] = gamma[j] * tanh_fast(alpha * x[j], k) + beta[j];
    }
}

// backward: with t = tanh(alpha x) and tanh' = 1 - t^2 = 1 / cosh^2(alpha x),
//   dx     += dy gamma tanh' alpha
//   dalpha += sum dy gamma tanh' x
//   dgamma += dy t,  dbeta += dy
// tanh' is computed as sech^2 (kernels/fast_math.h), not 1 - t^2, which cancels to a few correct digits
// when |alpha x| is large (t close to 1). tanh and sech^2 are the vectorisable float versions.
template <typename T>
void dyt_backward(T* __restrict dinp, T* __restrict dgamma, T* __restrict dbeta, T* __restrict dalpha,
                  const T* __restrict dout, const T* __restrict inp, const T* __restrict gamma, std::size_t rows,
                  std::size_t d, Scalar<T> alpha) {
    T sum_dalpha = 0;
    const TanhConstants k = opaque(TanhConstants{});  // in registers through the loops
    for (std::size_t r = 0; r < rows; r++) {
        const T* x = inp + r * d;
        const T* dy = dout + r * d;
        T* dx = dinp + r * d;
        T row_dalpha = 0;
        for (std::size_t j = 0; j < d; j++) {
            T t, sech2;
            tanh_sech2_fast(alpha * x[j], &t, &sech2, k);
            const T dpre = dy[j] * gamma[j] * sech2;  // gradient at alpha * x
            dx[j] += dpre * alpha;
            row_dalpha += dpre * x[j];
            dgamma[j] += dy[j] * t;
            dbeta[j] += dy[j];
        }
        sum_dalpha += row_dalpha;
    }
    *dalpha += sum_dalpha;
}

// ============================================================================
// Explicit instantiations: float (the app) and double (the gradient checks).
#define NORMLAB_INSTANTIATE_NORMS(T)                                                                                   \
    template void layernorm_forward<T>(T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t, T);         \
    template void layernorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, const T*, std::size_t,     \
                                        std::size_t);                                                                  \
    template void layernorm_eps_outside_forward<T>(T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t, \
                                                   T);                                                                 \
    template void layernorm_eps_outside_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, const T*,      \
                                                    std::size_t, std::size_t);                                         \
    template void rmsnorm_forward<T>(T*, T*, const T*, const T*, std::size_t, std::size_t, T);                         \
    template void rmsnorm_backward<T>(T*, T*, const T*, const T*, const T*, const T*, std::size_t, std::size_t);       \
    template void batchnorm_forward<T>(T*, T*, T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t,     \
                                       std::size_t, T, T, bool);                                                       \
    template void batchnorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, const T*, std::size_t,     \
                                        std::size_t, std::size_t, bool);                                               \
    template void groupnorm_forward<T>(T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t,             \
                                       std::size_t, std::size_t, T);                                                   \
    template void groupnorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, const T*, std::size_t,     \
                                        std::size_t, std::size_t, std::size_t);                                        \
    template void instancenorm_forward<T>(T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t,          \
                                          std::size_t, T);                                                             \
    template void instancenorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, const T*, std::size_t,  \
                                           std::size_t, std::size_t);                                                  \
    template void dyt_forward<T>(T*, const T*, const T*, const T*, std::size_t, std::size_t, T);                       \
    template void dyt_backward<T>(T*, T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t, T);

NORMLAB_INSTANTIATE_NORMS(float)
NORMLAB_INSTANTIATE_NORMS(double)

#undef NORMLAB_INSTANTIATE_NORMS

}  // namespace normlab
