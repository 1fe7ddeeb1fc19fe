// The loops of kernels/layers.h (the maths sits above each declaration there), instantiated below
// for float (training) and double (gradient checks).
#include "kernels/layers.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "kernels/double_sums.h"
#include "kernels/fast_math.h"
#include "kernels/loop_hints.h"
#include "kernels/op_profile.h"
#include "kernels/tmatmul.h"

namespace normlab {

namespace {

// GELU's constants, in one struct so that gelu_forward can take them through opaque()
// (kernels/loop_hints.h) before its loop
template <typename T>
struct GeluConstants {
    T s = T(0.7978845608028654);  // sqrt(2 / pi)
    T c = T(0.044715);
    T one = T(1), two = T(2), three = T(3);
    std::uint32_t sign_bit = 0x80000000u;
    ExpConstants exp;
};

// GELU's sigmoid form (kernels/layers.h): sg = sigmoid(2u) and 1 - sg from one exp of -|2u|
template <typename T>
void gelu_sigmoid_parts(T x, T* sg, T* one_minus_sg, const GeluConstants<T>& k) {
    const T v = k.two * k.s * (x + k.c * x * x * x);
    // sigmoid(|v|) = 1 / (1 + e) and sigmoid(-|v|) = e / (1 + e), e = exp(-|v|); selected, not
    // branched, so the loops vectorise
    const T e = exp_nonpositive(minus_abs(v, k.sign_bit), k.exp);
    const T sigmoid_abs = k.one / (k.one + e);
    const T sigmoid_neg_abs = e * sigmoid_abs;
    *sg = v >= T(0) ? sigmoid_abs : sigmoid_neg_abs;
    *one_minus_sg = v >= T(0) ? sigmoid_neg_abs : sigmoid_abs;
}

}  // namespace

template <typename T>
void linear_forward(T* out, const T* inp, const T* weight, const T* bias, std::size_t B, std::size_t C,
                    std::size_t OC) {
    if (bias)
        matmul_nt_bias(out, inp, weight, bias, B, OC, C);  // float: the bias added in the GEMM's output pass
    else
        matmul_nt(out, inp, weight, B, OC, C, /*accumulate=*/false);
}

template <typename T>
void linear_backward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, std::size_t B,
                     std::size_t C, std::size_t OC, bool dweight_zeroed, bool write_dinp) {
    // term 1: d inp (B, C) += dout (B, OC) · W (OC, C)
    if (dinp) matmul_nn(dinp, dout, weight, B, C, OC, /*accumulate=*/!write_dinp);
    // term 2: d W (OC, C) += doutᵀ · inp, dout stored (B, OC) = (K, M)
    matmul_tn(dweight, dout, inp, OC, C, B, /*accumulate=*/!dweight_zeroed);
    // term 3: d b (OC) += column sums of dout
    if (dbias) {
        OpScope scope("bias_grad", B, OC);
        for (std::size_t b = 0; b < B; b++) {
            const T* d = dout + b * OC;
            for (std::size_t j = 0; j < OC; j++) dbias[j] += d[j];
        }
    }
}

template <typename T>
void relu_forward(T* out, const T* inp, std::size_t N) {
    OpScope scope("relu_fwd", N);
    // 0 < x ? x : 0 on an unknown zero (opaque(), loop_hints.h) is the pattern WASM writes as one
    // f32x4.pmax; x > 0 ? x : 0, with the constant, becomes a compare and a bitselect (the same bits)
    const T zero = opaque(T(0));
    for (std::size_t i = 0; i < N; i++) out[i] = zero < inp[i] ? inp[i] : zero;
}

template <typename T>
void relu_backward(T* dinp, const T* dout, const T* inp, std::size_t N, bool overwrite) {
    OpScope scope("relu_bwd", N);
    // dout[i] is read whatever the sign: a load under the condition is not vectorised without masked
    // loads, which WASM SIMD lacks (the same additions, so the same bits)
    for (std::size_t i = 0; i < N; i++) {
        const T d = dout[i];
        const T term = inp[i] > T(0) ? d : T(0);
        dinp[i] = overwrite ? term : dinp[i] + term;
    }
}

template <typename T>
void gelu_forward(T* __restrict out, T* __restrict dydx, const T* __restrict inp, std::size_t N) {
    OpScope scope("gelu_fwd", N);
    const GeluConstants<T> k = opaque(GeluConstants<T>{});  // in registers through the loop
    NORMLAB_INTERLEAVE(8)                                   // the exponential's polynomial and a division per element
    for (std::size_t i = 0; i < N; i++) {
        const T x = inp[i];
        T sg, om;
        gelu_sigmoid_parts(x, &sg, &om, k);
        out[i] = x * sg;
        dydx[i] = sg + k.two * x * sg * om * k.s * (k.one + k.three * k.c * x * x);
    }
}

template <typename T>
void gelu_backward(T* dinp, const T* dout, const T* dydx, std::size_t N, bool overwrite) {
    OpScope scope("gelu_bwd", N);
    for (std::size_t i = 0; i < N; i++) {
        const T term = dydx[i] * dout[i];
        dinp[i] = overwrite ? term : dinp[i] + term;
    }
}

template <typename T>
void tanh_forward(T* out, const T* inp, std::size_t N) {
    OpScope scope("tanh_fwd", N);
    const TanhConstants k = opaque(TanhConstants{});  // in registers through the loop
    NORMLAB_INTERLEAVE(4)                             // its exponential and division: see loop_hints.h
    for (std::size_t i = 0; i < N; i++) out[i] = tanh_fast(inp[i], k);
}

template <typename T>
void tanh_backward(T* dinp, const T* dout, const T* out, std::size_t N, bool overwrite) {
    OpScope scope("tanh_bwd", N);
    for (std::size_t i = 0; i < N; i++) {
        const T term = (T(1) - out[i] * out[i]) * dout[i];
        dinp[i] = overwrite ? term : dinp[i] + term;
    }
}

template <typename T>
T softmax_cross_entropy_forward(T* probs, const T* logits, const int* targets, std::size_t B, std::size_t V) {
    OpScope scope("softmax_ce_fwd", B, V);
    double total = 0.0;
    for (std::size_t b = 0; b < B; b++) {
        const T* z = logits + b * V;
        T* p = probs + b * V;
        T maxv = z[0];
        for (std::size_t j = 1; j < V; j++) maxv = z[j] > maxv ? z[j] : maxv;
        exp_shifted(p, z, V, maxv);  // libm's bits, several at a time
        T sum = T(0);
        for (std::size_t j = 0; j < V; j++) sum += p[j];
        const T inv = T(1) / sum;
        for (std::size_t j = 0; j < V; j++) p[j] *= inv;
        total += static_cast<double>(std::log(sum) + maxv - z[targets[b]]);
    }
    return static_cast<T>(total / static_cast<double>(B));
}

template <typename T>
void softmax_cross_entropy_backward(T* dlogits, const T* probs, const int* targets, std::size_t B, std::size_t V,
                                    T dloss) {
    OpScope scope("softmax_ce_bwd", B, V);
    const T scale = dloss / static_cast<T>(B);
    for (std::size_t b = 0; b < B; b++) {
        const T* p = probs + b * V;
        T* d = dlogits + b * V;
        const std::size_t t = static_cast<std::size_t>(targets[b]);
        for (std::size_t j = 0; j < V; j++) d[j] += scale * (p[j] - (j == t ? T(1) : T(0)));
    }
}

template <typename T>
std::size_t count_correct(const T* logits, const int* targets, std::size_t B, std::size_t V) {
    std::size_t correct = 0;
    for (std::size_t b = 0; b < B; b++) {
        const T* z = logits + b * V;
        std::size_t best = 0;
        for (std::size_t j = 1; j < V; j++)
            if (z[j] > z[best]) best = j;
        if (static_cast<int>(best) == targets[b]) correct++;
    }
    return correct;
}

template <typename T>
double buffer_std(const T* x, std::size_t N) {
    if (N == 0) return 0.0;
    OpScope scope("act_std_metric", N);
    const double mean = sum_by_fours(x, N) / static_cast<double>(N);
    return std::sqrt(sum_squares_about(x, N, mean) / static_cast<double>(N));
}

// ============================================================================
// Explicit instantiations: float (the app) and double (the gradient checks).
#define NORMLAB_INSTANTIATE_LAYERS(T)                                                                                 \
    template void linear_forward<T>(T*, const T*, const T*, const T*, std::size_t, std::size_t, std::size_t);         \
    template void linear_backward<T>(T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t, std::size_t, \
                                     bool, bool);                                                                     \
    template void relu_forward<T>(T*, const T*, std::size_t);                                                         \
    template void relu_backward<T>(T*, const T*, const T*, std::size_t, bool);                                        \
    template void gelu_forward<T>(T*, T*, const T*, std::size_t);                                                     \
    template void gelu_backward<T>(T*, const T*, const T*, std::size_t, bool);                                        \
    template void tanh_forward<T>(T*, const T*, std::size_t);                                                         \
    template void tanh_backward<T>(T*, const T*, const T*, std::size_t, bool);                                        \
    template T softmax_cross_entropy_forward<T>(T*, const T*, const int*, std::size_t, std::size_t);                  \
    template void softmax_cross_entropy_backward<T>(T*, const T*, const int*, std::size_t, std::size_t, T);           \
    template std::size_t count_correct<T>(const T*, const int*, std::size_t, std::size_t);                            \
    template double buffer_std<T>(const T*, std::size_t);

NORMLAB_INSTANTIATE_LAYERS(float)
NORMLAB_INSTANTIATE_LAYERS(double)

#undef NORMLAB_INSTANTIATE_LAYERS

}  // namespace normlab
