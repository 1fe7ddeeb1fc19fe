#include "kernels/attention.h"

#include "kernels/norms.h"

#include <cmath>
#include <limits>

namespace normlab {

// Forward, per batch b, head h and query position t (hs = C / NH, scale = 1 / sqrt(hs)):
//   s_t2 = scale * q_t · k_t2                   for t2 <= t
//   p_t2 = exp(s_t2 - max s) / sum exp(s - max s)   (max-subtraction: exp never overflows)
//   out_t = sum_{t2 <= t} p_t2 v_t2
template <typename T>
void attention_forward(T* out, T* att, const T* qkv, std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH) {
    const std::size_t C3 = 3 * C;
    const std::size_t hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t h = 0; h < NH; h++) {
            for (std::size_t t = 0; t < Tn; t++) {
                const T* q = qkv + (b * Tn + t) * C3 + h * hs;
                T* p = att + ((b * NH + h) * Tn + t) * Tn;

                // pass 1: scores and their maximum
                T maxval = -std::numeric_limits<T>::infinity();
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                    T s = T(0);
                    for (std::size_t i = 0; i < hs; i++) s += q[i] * k[i];
                    s *= scale;
                    p[t2] = s;
                    if (s > maxval) maxval = s;
                }
                // pass 2: exponentials and their sum
                T sum = T(0);
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T e = std::exp(p[t2] - maxval);
                    p[t2] = e;
                    sum += e;
                }
                // pass 3: normalise; the masked part stays exactly zero
                const T inv = T(1) / sum;
                for (std::size_t t2 = 0; t2 <= t; t2++) p[t2] *= inv;
                for (std::size_t t2 = t + 1; t2 < Tn; t2++) p[t2] = T(0);

                // pass 4: weighted sum of values
                T* o = out + (b * Tn + t) * C + h * hs;
                for (std::size_t i = 0; i < hs; i++) o[i] = T(0);
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T* v = qkv + (b * Tn + t2) * C3 + 2 * C + h * hs;
                    const T w = p[t2];
                    for (std::size_t i = 0; i < hs; i++) o[i] += w * v[i];
                }
            }
        }
    }
}

// Backward, per b, h, t, with g = dout_t (the head's slice):
//   term 1 (values):   dv_t2 += p_t2 g
//   term 2 (probs):    dp_t2  = g · v_t2
//   term 3 (softmax):  ds_t2  = p_t2 (dp_t2 - sum_j p_j dp_j)
//   term 4 (queries):  dq_t   += scale * sum_t2 ds_t2 k_t2
//   term 5 (keys):     dk_t2  += scale * ds_t2 q_t
template <typename T>
void attention_backward(T* dqkv, T* scratch, const T* dout, const T* qkv, const T* att, std::size_t B, std::size_t Tn,
                        std::size_t C, std::size_t NH) {
    const std::size_t C3 = 3 * C;
    const std::size_t hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
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
template void attention_forward<float>(float*, float*, const float*, std::size_t, std::size_t, std::size_t,
                                       std::size_t);
template void attention_forward<double>(double*, double*, const double*, std::size_t, std::size_t, std::size_t,
                                        std::size_t);
template void attention_backward<float>(float*, float*, const float*, const float*, const float*, std::size_t,
                                        std::size_t, std::size_t, std::size_t);
template void attention_backward<double>(double*, double*, const double*, const double*, const double*, std::size_t,
                                         std::size_t, std::size_t, std::size_t);

}  // namespace normlab
