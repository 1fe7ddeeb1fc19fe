// The engine's building blocks other than the norms: Linear, ReLU, GELU, tanh and the fused
// softmax cross-entropy. Plain function templates on the scalar type T (float for training,
// double for gradchecks), llm.c conventions:
//
//   *_forward(out, caches..., inputs..., params..., sizes...)
//   *_backward(dinp, dparams..., dout, inputs/caches..., params..., sizes...)
//
// - Buffers are flat and row-major; every argument carries its shape in a comment.
// - BACKWARD KERNELS ACCUMULATE (+=) into every gradient buffer; zeroing is the caller's
//   one separate call (TensorSet::zero_grad for parameters). A nullptr gradient buffer that
//   is documented as optional is skipped (e.g. dinp of a model's first layer).
// - No kernel allocates, prints or throws; sizes are >= 1 and buffers have the documented
//   shapes (models validate their configuration once, up front).
//
// Each op's local derivative sits beside its forward, in the comment above the pair.
//
// The loops live in kernels/layers.cpp, instantiated there for float and double (as kernels/norms.cpp
// does): every caller runs that one -O3 copy. Defined in this header, a kernel was instantiated
// again in each file that called it, and in WASM the experiment and run files are compiled for
// size (-Os, CMakeLists.txt), where clang vectorises no loop that needs a run-time alias check or
// a remainder loop. The linker kept the first copy in the archive, experiments/bn_eval.cpp's, with
// no SIMD instruction in it: the char transformer's GELU ran scalar, 10 times slower (issue 19).
#pragma once

#include <cmath>
#include <cstddef>

#include "kernels/fast_math.h"
#include "kernels/op_profile.h"
#include "kernels/tmatmul.h"

namespace normlab {

// ----------------------------------------------------------------------------
// Linear (PyTorch nn.Linear layout): out = inp · Wᵀ + b
//   d inp = dout · W,   d W = doutᵀ · inp,   d b = sum over rows of dout
// out:    (B, OC)
// inp:    (B, C)
// weight: (OC, C)
// bias:   (OC) or nullptr for a Linear without bias
template <typename T>
void linear_forward(T* out, const T* inp, const T* weight, const T* bias, std::size_t B, std::size_t C, std::size_t OC);

// dinp:    (B, C)  accumulated, or nullptr when the input needs no gradient; write_dinp: written
//          instead, the bits accumulating onto zeros gives, with no zeroing pass and no read back
// dweight: (OC, C) accumulated; dweight_zeroed: the caller knows it holds zeros, so the product is
//          written without reading them (0 + x and x are the same bits for every x a product gives,
//          which sums from +0 and so never returns -0), saving a read of a gradient out of cache
// dbias:   (OC)    accumulated, or nullptr (Linear without bias)
// dout:    (B, OC)
// inp:     (B, C)
// weight:  (OC, C)
template <typename T>
void linear_backward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, std::size_t B,
                     std::size_t C, std::size_t OC, bool dweight_zeroed = false, bool write_dinp = false);

// ----------------------------------------------------------------------------
// ReLU: y = max(x, 0);  dy/dx = 1 for x > 0, 0 otherwise (0 at the kink, as PyTorch).
// out, inp, dinp, dout: (N) — any shape, flattened.
// The activations' backwards add into dinp (dinp += dy/dx * dout), or with `overwrite` write the term
// itself, so a caller need not zero dinp first: the same value as 0 + term except that a -0 term stays
// -0 (0 + -0 is +0), which only a caller whose every reader ignores the sign of a zero may use (a Linear's
// backward: its products and bias sums start from +0, where ±0 terms add the same).
template <typename T>
void relu_forward(T* out, const T* inp, std::size_t N);
template <typename T>
void relu_backward(T* dinp, const T* dout, const T* inp, std::size_t N, bool overwrite = false);

// ----------------------------------------------------------------------------
// GELU, TANH APPROXIMATION (PyTorch nn.GELU(approximate='tanh'), GPT-2's):
//   y = 0.5 x (1 + tanh(u)),  u = sqrt(2/pi) (x + 0.044715 x^3)
//   dy/dx = 0.5 (1 + tanh(u)) + 0.5 x (1 - tanh(u)^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2)
// (The exact erf form differs by < 1e-3 in value; this one is what the fixtures use.)
// Evaluated through the identity 0.5 (1 + tanh(u)) = sigmoid(2u) =: sg, so 1 - tanh(u)^2 =
// 4 sg (1 - sg): y = x sg, dy/dx = sg + 2 x sg (1 - sg) sqrt(2/pi) (1 + 3 * 0.044715 x^2).
// Written as 1 + tanh(u) the float result loses all its digits for x < -4 (tanh(u) ~ -1); the
// sigmoid form keeps full relative precision there. sg and 1 - sg both come from one exp of -|2u|.
// The forward also writes the derivative dydx = dy/dx at each input: it has sg and 1 - sg in hand,
// so the backward is one multiply-add per element instead of a second exp and division (issue 19:
// the backward used to be the step's costliest elementwise pass). dydx: (N), the backward's input.
template <typename T>
void gelu_forward(T* out, T* dydx, const T* inp, std::size_t N);
// dinp += dydx * dout (or = with overwrite, see ReLU), dydx from gelu_forward on the same input
template <typename T>
void gelu_backward(T* dinp, const T* dout, const T* dydx, std::size_t N, bool overwrite = false);

// ----------------------------------------------------------------------------
// tanh: y = tanh(x);  dy/dx = 1 - y^2 (the backward reads the forward's OUTPUT).
template <typename T>
void tanh_forward(T* out, const T* inp, std::size_t N);
template <typename T>
void tanh_backward(T* dinp, const T* dout, const T* out, std::size_t N, bool overwrite = false);

// ----------------------------------------------------------------------------
// Softmax cross-entropy, fused and numerically stable, mean over the B rows:
//   loss_b = logsumexp(z_b) - z_b[t_b] = log sum_j exp(z_bj - m_b) + m_b - z_b[t_b],  m_b = max_j z_bj
//   L = (1/B) sum_b loss_b;   dL/dz_bj = (p_bj - [j == t_b]) / B,  p = softmax(z)
// The loss never takes log(p), so it stays finite when p[t] underflows to 0.
// probs:   (B, V) softmax cache for the backward
// logits:  (B, V)
// targets: (B) class ids in [0, V)
// Returns the mean loss (summed in double so the value does not depend on B's size much).
template <typename T>
T softmax_cross_entropy_forward(T* probs, const T* logits, const int* targets, std::size_t B, std::size_t V);

// dlogits: (B, V) accumulated: += dloss * (probs - onehot(targets)) / B
// probs:   (B, V) from the forward;  dloss: upstream gradient of the mean loss (1 for a loss)
template <typename T>
void softmax_cross_entropy_backward(T* dlogits, const T* probs, const int* targets, std::size_t B, std::size_t V,
                                    T dloss);

// ----------------------------------------------------------------------------
// Number of rows whose argmax (the first maximum on ties) equals the target: accuracy without an
// extra pass (call it on the logits of the forward that computed the loss).
// logits: (B, V); targets: (B)
template <typename T>
std::size_t count_correct(const T* logits, const int* targets, std::size_t B, std::size_t V);

// ----------------------------------------------------------------------------
// Standard deviation (population) of N values, in double: a per-layer activation metric
// computed inside the forward that produced the values (no extra forward pass).
//   mean = sum x / N,   std = sqrt(sum (x - mean)^2 / N)
// Each sum is four interleaved partial sums (element i into partial i mod 4), added as
// (s0 + s1) + (s2 + s3): four short dependency chains instead of one long one, the same order on
// every target (a measurement only: it never feeds back into training).
template <typename T>
double buffer_std(const T* x, std::size_t N);

}  // namespace normlab
