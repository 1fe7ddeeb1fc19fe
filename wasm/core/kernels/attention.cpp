#include "kernels/attention.h"

#include "kernels/fast_math.h"
#include "kernels/norms.h"
#include "kernels/op_profile.h"

#include <cmath>
#include <limits>

namespace normlab {

// Speed without changing a bit (issue 19). The reductions over the head dimension (q · k in the
// forward, g · v in the backward) are serial sums in increasing i; written one score at a time they
// cannot be vectorised without reordering them. So each (b, h) first copies its keys (forward) or
// values (backward) transposed, (hs, T), into a fixed scratch, and a query row's scores are summed for
// blocks of keys at once: s[t2] = 0; s[t2] += q_i * k_t2,i for i = 0, 1, ... — a vector over t2 and,
// for every single score, the same multiplies and adds in the same order as the one-at-a-time loop.
// The sums over positions (p · v, ds · k, and the backward's column sums into dv and dk) keep their
// order too: each output element starts from its old value (0 in the forward) and adds its terms in
// increasing position, kLanes elements held in registers. Shapes too large for the scratch take the
// row-by-row loops (the same operations again), so the bits never depend on the path.
namespace {

constexpr std::size_t kScratchCap = 16384;  // elements of each fixed scratch: (hs, T) and (T, T)
constexpr std::size_t kLanes = 8;           // outputs held in registers by the blocked loops

// Two fixed scratches per thread and scalar type (as kernels/gemm.cpp's packing buffers): no allocation.
template <typename T>
T* transpose_scratch() {
    alignas(32) static thread_local T buf[kScratchCap];
    return buf;
}
template <typename T>
T* square_scratch() {
    alignas(32) static thread_local T buf[kScratchCap];
    return buf;
}

// dst (hs, Tn) = the hs values at column offset `col` of rows 0..Tn of src (row stride C3)
template <typename T>
void gather_transposed(T* dst, const T* src, std::size_t C3, std::size_t col, std::size_t Tn, std::size_t hs) {
    for (std::size_t t2 = 0; t2 < Tn; t2++) {
        const T* s = src + t2 * C3 + col;
        for (std::size_t i = 0; i < hs; i++) dst[i * Tn + t2] = s[i];
    }
}

// out[t2] = sum_i x_i * yT[i][t2] for t2 in [0, n), each a serial sum from 0 in increasing i.
// A block of kLanes keys keeps its sums in registers over the whole i loop (the j loop becomes one or
// two vector operations). A block may run past n, up to Tn: it stores the whole block (a store of a
// variable count would keep the sums in memory), so out[n, Tn) is scratch the callers overwrite or
// never read.
template <typename T>
void dot_rows(T* __restrict out, const T* __restrict x, const T* __restrict yT, std::size_t Tn, std::size_t n,
              std::size_t hs) {
    std::size_t t2 = 0;
    for (; t2 < n && t2 + kLanes <= Tn; t2 += kLanes) {
        T acc[kLanes] = {};
        for (std::size_t i = 0; i < hs; i++) {
            const T xi = x[i];
            const T* y = yT + i * Tn + t2;
            for (std::size_t j = 0; j < kLanes; j++) acc[j] += xi * y[j];
        }
        for (std::size_t j = 0; j < kLanes; j++) out[t2 + j] = acc[j];
    }
    for (; t2 < n; t2++) {
        T s = T(0);
        for (std::size_t i = 0; i < hs; i++) s += x[i] * yT[i * Tn + t2];
        out[t2] = s;
    }
}

// o[i] = o[i] + w_0 v_0[i] + w_1 v_1[i] + ... (left to right) over n terms, w_t = w[t * ldw],
// v_t = v + t * ldv: kLanes outputs stay in registers over the t loop
template <typename T>
void accumulate_weighted(T* __restrict o, const T* __restrict w, std::size_t ldw, const T* __restrict v,
                         std::size_t ldv, std::size_t n, std::size_t hs) {
    std::size_t i0 = 0;
    // a head of 16 (d 64 with 4 heads): its 16 outputs in one pass over t, four chains of adds at once
    for (; i0 + 2 * kLanes <= hs; i0 += 2 * kLanes) {
        T acc[2 * kLanes];
        for (std::size_t j = 0; j < 2 * kLanes; j++) acc[j] = o[i0 + j];
        for (std::size_t t = 0; t < n; t++) {
            const T wt = w[t * ldw];
            const T* vr = v + t * ldv + i0;
            for (std::size_t j = 0; j < 2 * kLanes; j++) acc[j] += wt * vr[j];
        }
        for (std::size_t j = 0; j < 2 * kLanes; j++) o[i0 + j] = acc[j];
    }
    for (; i0 + kLanes <= hs; i0 += kLanes) {
        T acc[kLanes];
        for (std::size_t j = 0; j < kLanes; j++) acc[j] = o[i0 + j];
        for (std::size_t t = 0; t < n; t++) {
            const T wt = w[t * ldw];
            const T* vr = v + t * ldv + i0;
            for (std::size_t j = 0; j < kLanes; j++) acc[j] += wt * vr[j];
        }
        for (std::size_t j = 0; j < kLanes; j++) o[i0 + j] = acc[j];
    }
    for (; i0 < hs; i0++) {
        T s = o[i0];
        for (std::size_t t = 0; t < n; t++) s += w[t * ldw] * v[t * ldv + i0];
        o[i0] = s;
    }
}

// the largest of s[0, n) that is not NaN (-inf if none), as `if (s > m) m = s` finds it in order, kept
// in four running maxima so the compares do not wait on each other. The maximum is the same value in
// any order; only the sign of a zero maximum could differ, and p - (+0) and p - (-0) have the same
// exponential.
template <typename T>
T max_ignoring_nan(const T* s, std::size_t n) {
    T m[4] = {-std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(),
              -std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity()};
    std::size_t t2 = 0;
    for (; t2 + 4 <= n; t2 += 4)
        for (std::size_t j = 0; j < 4; j++) m[j] = s[t2 + j] > m[j] ? s[t2 + j] : m[j];
    for (; t2 < n; t2++) m[0] = s[t2] > m[0] ? s[t2] : m[0];
    for (std::size_t j = 1; j < 4; j++) m[0] = m[j] > m[0] ? m[j] : m[0];
    return m[0];
}

// the largest score, NaN winning as in attention_max_logit
template <typename T>
T max_or_nan(T best, const T* s, std::size_t n) {
    for (std::size_t t2 = 0; t2 < n; t2++)
        if (s[t2] > best || std::isnan(s[t2])) best = s[t2];
    return best;
}

}  // namespace

// Forward, per batch b, head h and query position t (hs = C / NH, scale = 1 / sqrt(hs)):
//   s_t2 = scale * q_t · k_t2                   for t2 <= t
//   p_t2 = exp(s_t2 - max s) / sum exp(s - max s)   (max-subtraction: exp never overflows)
//   out_t = sum_{t2 <= t} p_t2 v_t2
template <typename T>
void attention_forward(T* out, T* att, const T* qkv, std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH,
                       T* max_logit) {
    OpScope scope("attention_fwd", B * NH, Tn, C / NH);
    const std::size_t C3 = 3 * C;
    const std::size_t hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
    const bool transposed = hs * Tn <= kScratchCap;
    T* kT = transposed ? transpose_scratch<T>() : nullptr;  // (hs, Tn) keys of (b, h)
    T best = -std::numeric_limits<T>::infinity();
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t h = 0; h < NH; h++) {
            if (transposed) gather_transposed(kT, qkv + b * Tn * C3, C3, C + h * hs, Tn, hs);
            for (std::size_t t = 0; t < Tn; t++) {
                const T* q = qkv + (b * Tn + t) * C3 + h * hs;
                T* p = att + ((b * NH + h) * Tn + t) * Tn;

                // pass 1: scores and their maximum
                if (transposed) {
                    dot_rows(p, q, kT, Tn, t + 1, hs);
                    for (std::size_t t2 = 0; t2 <= t; t2++) p[t2] *= scale;
                } else {
                    for (std::size_t t2 = 0; t2 <= t; t2++) {
                        const T* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                        T s = T(0);
                        for (std::size_t i = 0; i < hs; i++) s += q[i] * k[i];
                        p[t2] = s * scale;
                    }
                }
                const T maxval = max_ignoring_nan(p, t + 1);
                if (max_logit) best = max_or_nan(best, p, t + 1);
                // pass 2: exponentials (libm's bits, several at a time), then their sum in increasing t2
                exp_shifted(p, p, t + 1, maxval);
                T sum = T(0);
                for (std::size_t t2 = 0; t2 <= t; t2++) sum += p[t2];
                // pass 3: normalise; the masked part stays exactly zero
                const T inv = T(1) / sum;
                for (std::size_t t2 = 0; t2 <= t; t2++) p[t2] *= inv;
                for (std::size_t t2 = t + 1; t2 < Tn; t2++) p[t2] = T(0);

                // pass 4: weighted sum of values, from 0
                T* o = out + (b * Tn + t) * C + h * hs;
                for (std::size_t i = 0; i < hs; i++) o[i] = T(0);
                accumulate_weighted(o, static_cast<const T*>(p), 1, qkv + b * Tn * C3 + 2 * C + h * hs, C3, t + 1, hs);
            }
        }
    }
    if (max_logit) *max_logit = best;
}

// Backward, per b, h, t, with g = dout_t (the head's slice):
//   term 1 (values):   dv_t2 += p_t2 g
//   term 2 (probs):    dp_t2  = g · v_t2
//   term 3 (softmax):  ds_t2  = p_t2 (dp_t2 - sum_j p_j dp_j)
//   term 4 (queries):  dq_t   += scale * sum_t2 ds_t2 k_t2
//   term 5 (keys):     dk_t2  += scale * ds_t2 q_t
// Every gradient element receives its terms in increasing t2 (dq) or increasing t (dv, dk). The fast
// path keeps each head's ds rows (T, T) and does terms 1 and 5 column by column after the rows.
template <typename T>
void attention_backward(T* dqkv, T* scratch, const T* dout, const T* qkv, const T* att, std::size_t B, std::size_t Tn,
                        std::size_t C, std::size_t NH) {
    OpScope scope("attention_bwd", B * NH, Tn, C / NH);
    const std::size_t C3 = 3 * C;
    const std::size_t hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
    if (hs * Tn <= kScratchCap && Tn * Tn <= kScratchCap) {
        T* vT = transpose_scratch<T>();  // (hs, Tn) values of (b, h)
        T* ds = square_scratch<T>();     // (Tn, Tn) row t: dp, then ds, for t2 <= t
        for (std::size_t b = 0; b < B; b++) {
            for (std::size_t h = 0; h < NH; h++) {
                const T* P = att + (b * NH + h) * Tn * Tn;
                gather_transposed(vT, qkv + b * Tn * C3, C3, 2 * C + h * hs, Tn, hs);
                for (std::size_t t = 0; t < Tn; t++) {
                    const T* p = P + t * Tn;
                    T* d = ds + t * Tn;
                    // term 2
                    dot_rows(d, dout + (b * Tn + t) * C + h * hs, vT, Tn, t + 1, hs);
                    // term 3
                    T pdp = T(0);
                    for (std::size_t t2 = 0; t2 <= t; t2++) pdp += p[t2] * d[t2];
                    for (std::size_t t2 = 0; t2 <= t; t2++) d[t2] = p[t2] * (d[t2] - pdp) * scale;
                    // term 4: dq_t += sum_{t2 <= t} ds_t2 k_t2
                    accumulate_weighted(dqkv + (b * Tn + t) * C3 + h * hs, static_cast<const T*>(d), 1,
                                        qkv + b * Tn * C3 + C + h * hs, C3, t + 1, hs);
                }
                // terms 1 and 5, per key position t2 over the rows t >= t2:
                //   dv_t2 += sum_t p[t][t2] g_t,   dk_t2 += sum_t ds[t][t2] q_t
                for (std::size_t t2 = 0; t2 < Tn; t2++) {
                    T* row = dqkv + (b * Tn + t2) * C3 + h * hs;
                    accumulate_weighted(row + 2 * C, P + t2 * Tn + t2, Tn, dout + (b * Tn + t2) * C + h * hs, C,
                                        Tn - t2, hs);
                    accumulate_weighted(row + C, static_cast<const T*>(ds + t2 * Tn + t2), Tn,
                                        qkv + (b * Tn + t2) * C3 + h * hs, C3, Tn - t2, hs);
                }
            }
        }
        return;
    }
    // row by row (shapes beyond the scratches)
    T* dp = scratch;  // (T)
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t h = 0; h < NH; h++) {
            for (std::size_t t = 0; t < Tn; t++) {
                const T* p = att + ((b * NH + h) * Tn + t) * Tn;
                const T* g = dout + (b * Tn + t) * C + h * hs;
                const T* q = qkv + (b * Tn + t) * C3 + h * hs;
                T* dq = dqkv + (b * Tn + t) * C3 + h * hs;

                // terms 1 and 2
                T pdp = T(0);
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T* v = qkv + (b * Tn + t2) * C3 + 2 * C + h * hs;
                    T* dv = dqkv + (b * Tn + t2) * C3 + 2 * C + h * hs;
                    const T w = p[t2];
                    T s = T(0);
                    for (std::size_t i = 0; i < hs; i++) {
                        s += g[i] * v[i];
                        dv[i] += w * g[i];
                    }
                    dp[t2] = s;
                    pdp += w * s;
                }
                // terms 3, 4 and 5
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T ds = p[t2] * (dp[t2] - pdp) * scale;
                    const T* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                    T* dk = dqkv + (b * Tn + t2) * C3 + C + h * hs;
                    for (std::size_t i = 0; i < hs; i++) {
                        dq[i] += ds * k[i];
                        dk[i] += ds * q[i];
                    }
                }
            }
        }
    }
}

// max over b, h, t, t2 <= t of scale * q_t · k_t2 (the scores of attention_forward's pass 1)
template <typename T>
T attention_max_logit(const T* qkv, std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH) {
    const std::size_t C3 = 3 * C, hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
    T best = -std::numeric_limits<T>::infinity();
    for (std::size_t b = 0; b < B; b++)
        for (std::size_t h = 0; h < NH; h++)
            for (std::size_t t = 0; t < Tn; t++) {
                const T* q = qkv + (b * Tn + t) * C3 + h * hs;
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                    T s = T(0);
                    for (std::size_t i = 0; i < hs; i++) s += q[i] * k[i];
                    s *= scale;
                    if (s > best || std::isnan(s)) best = s;
                }
            }
    return best;
}

// forward: per token row, rmsnorm_forward over its NH query rows and its NH key rows; values copied
template <typename T>
void qk_rmsnorm_forward(T* out, T* q_rstd, T* k_rstd, const T* inp, const T* gq, const T* gk, std::size_t N,
                        std::size_t C, std::size_t NH, T eps) {
    const std::size_t C3 = 3 * C, hs = C / NH;
    for (std::size_t i = 0; i < N; i++) {
        const T* x = inp + i * C3;
        T* y = out + i * C3;
        rmsnorm_forward(y, q_rstd + i * NH, x, gq, NH, hs, eps);
        rmsnorm_forward(y + C, k_rstd + i * NH, x + C, gk, NH, hs, eps);
        for (std::size_t j = 2 * C; j < C3; j++) y[j] = x[j];
    }
}

// backward: rmsnorm_backward on the same rows (it accumulates into dinp and the gains); the values'
// gradient passes through
template <typename T>
void qk_rmsnorm_backward(T* dinp, T* dgq, T* dgk, const T* dout, const T* inp, const T* gq, const T* gk,
                         const T* q_rstd, const T* k_rstd, std::size_t N, std::size_t C, std::size_t NH) {
    const std::size_t C3 = 3 * C, hs = C / NH;
    for (std::size_t i = 0; i < N; i++) {
        const T* x = inp + i * C3;
        const T* dy = dout + i * C3;
        T* dx = dinp + i * C3;
        rmsnorm_backward(dx, dgq, dy, x, gq, q_rstd + i * NH, NH, hs);
        rmsnorm_backward(dx + C, dgk, dy + C, x + C, gk, k_rstd + i * NH, NH, hs);
        for (std::size_t j = 2 * C; j < C3; j++) dx[j] += dy[j];
    }
}

template float attention_max_logit<float>(const float*, std::size_t, std::size_t, std::size_t, std::size_t);
template double attention_max_logit<double>(const double*, std::size_t, std::size_t, std::size_t, std::size_t);
template void qk_rmsnorm_forward<float>(float*, float*, float*, const float*, const float*, const float*, std::size_t,
                                        std::size_t, std::size_t, float);
template void qk_rmsnorm_forward<double>(double*, double*, double*, const double*, const double*, const double*,
                                         std::size_t, std::size_t, std::size_t, double);
template void qk_rmsnorm_backward<float>(float*, float*, float*, const float*, const float*, const float*, const float*,
                                         const float*, const float*, std::size_t, std::size_t, std::size_t);
template void qk_rmsnorm_backward<double>(double*, double*, double*, const double*, const double*, const double*,
                                          const double*, const double*, const double*, std::size_t, std::size_t,
                                          std::size_t);
template void attention_forward<float>(float*, float*, const float*, std::size_t, std::size_t, std::size_t, std::size_t,
                                       float*);
template void attention_forward<double>(double*, double*, const double*, std::size_t, std::size_t, std::size_t,
                                        std::size_t, double*);
template void attention_backward<float>(float*, float*, const float*, const float*, const float*, std::size_t,
                                        std::size_t, std::size_t, std::size_t);
template void attention_backward<double>(double*, double*, const double*, const double*, const double*, std::size_t,
                                         std::size_t, std::size_t, std::size_t);

}  // namespace normlab
