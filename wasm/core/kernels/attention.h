// Causal multi-head self-attention, the core of a transformer block (llm.c layout).
//
// The block computes, for a sequence x (B, T, C) and NH heads of size hs = C / NH:
//   qkv = x · Wqkvᵀ + bqkv                       (a fused Linear C -> 3C; see below for the layout)
//   per head h:  A_h = softmax(q_h k_hᵀ / sqrt(hs) + causal mask),   y_h = A_h v_h
//   y = concat_h(y_h) · Wprojᵀ + bproj            (a Linear C -> C)
// The two Linears are linear_forward/linear_backward (kernels/layers.h); this file holds the middle part,
// the one without weights: qkv (B, T, 3C) -> y (B, T, C). The transformer (models/transformer.h) chains
// the three; tests/cpp/kernels/test_attention_reference.cpp checks the chain against PyTorch.
//
// Layout of qkv along its last axis (exactly as the fixture script lays out the weights):
//   [0, C): queries, [C, 2C): keys, [2C, 3C): values; head h owns columns [h*hs, (h+1)*hs) of each.
// So Wqkv (3C, C) stacks Wq, Wk, Wv, each (C, C) in PyTorch's (out, in) order.
//
// Causality: position t attends to positions t2 <= t only. The mask is applied by never reading
// t2 > t (not by adding -inf), so a future token cannot change an earlier output even by rounding.
#pragma once

#include <cstddef>

namespace normlab {

// out: (B, T, C)        concatenated head outputs (before the output projection)
// att: (B, NH, T, T)    attention probabilities, cached for the backward pass (zero above the diagonal)
// qkv: (B, T, 3C)
// max_logit: optional (nullptr: skipped): receives attention_max_logit(qkv, ...) — the same value,
//            taken from the scores this pass computes anyway instead of a second pass over q · k
template <typename T>
void attention_forward(T* out, T* att, const T* qkv, std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH,
                       T* max_logit = nullptr);

// dqkv:    (B, T, 3C)   accumulated (+=)
// scratch: (T)          work row, contents are overwritten
// dout:    (B, T, C); qkv and att as in the forward pass
template <typename T>
void attention_backward(T* dqkv, T* scratch, const T* dout, const T* qkv, const T* att, std::size_t B, std::size_t Tn,
                        std::size_t C, std::size_t NH);

// The largest attention logit s = q_t · k_t2 / sqrt(hs) over every batch row, head and causal pair
// t2 <= t (a measurement, not part of training: Wortsman et al. 2023 watch it grow before a run
// diverges). qkv: (B, T, 3C) as attention_forward reads it. Returns -inf for Tn = 0.
template <typename T>
T attention_max_logit(const T* qkv, std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH);

// QK-norm: an RMSNorm over each head's hs query values and each head's hs key values, before the
// dot product (values pass unchanged). Per token row i (of N = B*T) and head h:
//   q̂ = g_q ⊙ q / sqrt(mean(q²) + eps),   k̂ = g_k ⊙ k / sqrt(mean(k²) + eps),   v̂ = v
// with g_q, g_k (hs) shared by the heads. It is rmsnorm_forward / rmsnorm_backward (kernels/norms.h)
// on the NH rows of hs values each token holds at offset 0 (q) and C (k) of its 3C values.
// out, inp: (N, 3C); q_rstd, k_rstd: (N, NH) caches for the backward.
template <typename T>
void qk_rmsnorm_forward(T* out, T* q_rstd, T* k_rstd, const T* inp, const T* gq, const T* gk, std::size_t N,
                        std::size_t C, std::size_t NH, T eps);
// Accumulates (+=) into dinp (N, 3C), dgq and dgk (hs); dout (N, 3C); inp, gains and caches as in
// the forward.
template <typename T>
void qk_rmsnorm_backward(T* dinp, T* dgq, T* dgk, const T* dout, const T* inp, const T* gq, const T* gk,
                         const T* q_rstd, const T* k_rstd, std::size_t N, std::size_t C, std::size_t NH);

}  // namespace normlab
