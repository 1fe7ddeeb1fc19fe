// NormLab normalization kernels.
//
// A short tour before the API. Every kernel here is a plain function on flat,
// row-major buffers with explicit sizes, in the manner of llm.c:
//
//   *_forward(out, caches..., inputs..., params..., sizes..., scalars...)
//   *_backward(dinp, dparams..., dout, inputs..., params..., caches..., sizes..., scalars...)
//
// - Forward kernels cache only small statistics (mean, rstd = 1/sqrt(var + eps));
//   backward kernels recompute the rest (x_hat) from the input.
// - BACKWARD KERNELS ACCUMULATE: they ADD (+=) into dinp, dgamma, dbeta (and dalpha).
//   That lets gradients from several consumers sum up; the caller zeroes the
//   buffers once before the first backward call.
// - No kernel allocates, prints, throws or checks its arguments: sizes must be >= 1
//   and buffers must have the documented shapes. `run_norm` (ops/norm_op.h) is the
//   validating entry point for untrusted requests (CLI, bindings).
// - Variances are computed in two passes (mean first, then the sum of squared
//   deviations around it; the first pass sums x - x_0 to keep the sum small), so a
//   row with mean 1e4 and std 1 normalises as well as one with mean 0.
// - epsilon always sits inside the square root, rstd = 1 / sqrt(var + eps); the one
//   deliberate exception, layernorm_eps_outside_*, is named as the bug it is.
// - Every kernel is a template on the scalar type T, instantiated for float (what the
//   app runs) and double (what the gradient checks run). T is deduced from the
//   pointer arguments; scalars (eps, momentum, alpha) accept any arithmetic type.
//   A null optional pointer must be typed: `static_cast<const float*>(nullptr)`.
//
// Layouts. "(rows, d)" kernels normalise each contiguous row of d values.
// Channel kernels (batch, group, instance) see a tensor as (N, C, S) with the spatial
// size S = H*W (S = 1 for an (N, C) tensor, S = L for (N, C, L)); gamma/beta are (C).
#pragma once

#include <cstddef>

namespace normlab {

// Scalar<T> is T in a non-deduced context, so `eps` may be passed as 1e-5 (a double)
// to a float kernel without a template deduction conflict.
template <typename T>
struct scalar_of {
    using type = T;
};
template <typename T>
using Scalar = typename scalar_of<T>::type;

// ----------------------------------------------------------------------------
// LayerNorm over the last dimension:
//   y = gamma * (x - mean) * rstd + beta,  rstd = 1 / sqrt(var + eps)  (biased var)
template <typename T>
void layernorm_forward(T* out,          // (rows, d)
                       T* mean,         // (rows) or nullptr
                       T* rstd,         // (rows) or nullptr
                       const T* inp,    // (rows, d)
                       const T* gamma,  // (d)
                       const T* beta,   // (d)
                       std::size_t rows, std::size_t d, Scalar<T> eps);

// Accumulates into dinp (rows, d), dgamma (d), dbeta (d).
template <typename T>
void layernorm_backward(T* dinp, T* dgamma, T* dbeta,
                        const T* dout,   // (rows, d)
                        const T* inp,    // (rows, d)
                        const T* gamma,  // (d)
                        const T* mean,   // (rows) from layernorm_forward
                        const T* rstd,   // (rows) from layernorm_forward
                        std::size_t rows, std::size_t d);

// ----------------------------------------------------------------------------
// LayerNorm with epsilon OUTSIDE the root -- THE DELIBERATE BUG of the epsilon lesson:
//   y = gamma * (x - mean) / (sqrt(var) + eps) + beta
// `rstd` caches 1 / (sqrt(var) + eps). The backward is the honest chain rule of this
// formula; d sqrt(var)/d var = 1 / (2 sqrt(var)) is infinite for a constant row, so the
// gradient there is non-finite (NaN), exactly what PyTorch autograd gives.
template <typename T>
void layernorm_eps_outside_forward(T* out, T* mean, T* rstd, const T* inp, const T* gamma, const T* beta,
                                   std::size_t rows, std::size_t d, Scalar<T> eps);

// Accumulates into dinp (rows, d), dgamma (d), dbeta (d). Needs the forward's caches.
template <typename T>
void layernorm_eps_outside_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* inp, const T* gamma,
                                    const T* mean, const T* rstd, std::size_t rows, std::size_t d);

// ----------------------------------------------------------------------------
// RMSNorm over the last dimension (no mean, no beta):
//   rms = sqrt(mean(x^2) + eps),  y = gamma * x / rms
// rstd: (rows) receives 1 / rms (may be nullptr); gamma: (d) or nullptr for gamma = 1.
template <typename T>
void rmsnorm_forward(T* out, T* rstd, const T* inp, const T* gamma, std::size_t rows, std::size_t d, Scalar<T> eps);

// The float entry point with the original signature (used by the bindings; also
// accepts a plain nullptr for gamma).
void rmsnorm_forward(float* out, float* rstd, const float* inp, const float* gamma, std::size_t rows, std::size_t d,
                     float eps);

// Accumulates into dinp (rows, d) and dgamma (d; nullptr to skip, e.g. gamma = nullptr).
// gamma may be nullptr (gamma = 1); rstd from rmsnorm_forward.
template <typename T>
void rmsnorm_backward(T* dinp, T* dgamma, const T* dout, const T* inp, const T* gamma, const T* rstd, std::size_t rows,
                      std::size_t d);

// ----------------------------------------------------------------------------
// BatchNorm on (N, C, S): statistics per channel over N and S.
// training = true: normalise with the batch mean and biased variance; write them to
//   mean (C) / rstd (C); if running_mean/running_var are not nullptr, update them as
//   PyTorch does: running = (1 - momentum) * running + momentum * stat, where the
//   variance stat is the UNBIASED one (count / (count - 1) * var). With count = N*S = 1
//   the unbiased variance is undefined; running_var is then left unchanged.
// training = false: normalise with running_mean / running_var (both required); mean and
//   rstd receive running_mean and 1 / sqrt(running_var + eps) for the backward.
template <typename T>
void batchnorm_forward(T* out,           // (N, C, S)
                       T* mean,          // (C)
                       T* rstd,          // (C)
                       T* running_mean,  // (C), updated in training; nullptr to skip
                       T* running_var,   // (C), updated in training; nullptr to skip
                       const T* inp,     // (N, C, S)
                       const T* gamma,   // (C)
                       const T* beta,    // (C)
                       std::size_t N, std::size_t C, std::size_t S, Scalar<T> eps, Scalar<T> momentum, bool training);

// Accumulates into dinp (N, C, S), dgamma (C), dbeta (C). training must match the
// forward: the eval-mode backward is the plain affine one (statistics are constants).
template <typename T>
void batchnorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* inp, const T* gamma, const T* mean,
                        const T* rstd, std::size_t N, std::size_t C, std::size_t S, bool training);

// ----------------------------------------------------------------------------
// GroupNorm on (N, C, S) with G groups of C/G consecutive channels (G divides C):
// statistics per (sample, group) over (C/G) * S values, then a per-channel affine.
// G = 1 is a LayerNorm over (C, S); G = C is InstanceNorm.
// mean, rstd: (N, G) (either may be nullptr in the forward); gamma, beta: (C) or nullptr
// (gamma = 1, beta = 0).
template <typename T>
void groupnorm_forward(T* out, T* mean, T* rstd, const T* inp, const T* gamma, const T* beta, std::size_t N,
                       std::size_t C, std::size_t S, std::size_t G, Scalar<T> eps);

// Accumulates into dinp (N, C, S), dgamma (C), dbeta (C); dgamma/dbeta may be nullptr to skip.
template <typename T>
void groupnorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* inp, const T* gamma, const T* mean,
                        const T* rstd, std::size_t N, std::size_t C, std::size_t S, std::size_t G);

// ----------------------------------------------------------------------------
// InstanceNorm on (N, C, S): statistics per (sample, channel) over S; no running
// statistics. Optional affine: gamma / beta (C) may each be nullptr.
// mean, rstd: (N, C).
template <typename T>
void instancenorm_forward(T* out, T* mean, T* rstd, const T* inp, const T* gamma, const T* beta, std::size_t N,
                          std::size_t C, std::size_t S, Scalar<T> eps);

// Accumulates into dinp (N, C, S), dgamma (C), dbeta (C); dgamma/dbeta may be nullptr.
template <typename T>
void instancenorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* inp, const T* gamma, const T* mean,
                           const T* rstd, std::size_t N, std::size_t C, std::size_t S);

// ----------------------------------------------------------------------------
// DyT (Dynamic Tanh), a normalization-free replacement, over the last dimension:
//   y = gamma * tanh(alpha * x) + beta   with a learnable scalar alpha.
template <typename T>
void dyt_forward(T* out, const T* inp, const T* gamma, const T* beta, std::size_t rows, std::size_t d, Scalar<T> alpha);

// Accumulates into dinp (rows, d), dgamma (d), dbeta (d) and the scalar *dalpha.
template <typename T>
void dyt_backward(T* dinp, T* dgamma, T* dbeta, T* dalpha, const T* dout, const T* inp, const T* gamma,
                  std::size_t rows, std::size_t d, Scalar<T> alpha);

}  // namespace normlab
