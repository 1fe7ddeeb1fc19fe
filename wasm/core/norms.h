// NormLab normalization kernels.
//
// A short tour before the API. Every kernel here is a plain function on flat,
// row-major float buffers with explicit sizes, in the manner of llm.c:
//
//   *_forward(out, caches..., inputs..., sizes...)
//   *_backward(dinp, dparams..., dout, inputs..., caches..., sizes...)
//
// Forward kernels cache only small per-row statistics (mean, rstd); backward
// kernels recompute the rest. No kernel allocates. epsilon always sits inside
// the square root: rstd = 1 / sqrt(var + eps) (the one deliberate exception is
// named as the bug it is).
#pragma once

#include <cstddef>

namespace normlab {

// RMSNorm over the last dimension of a (rows, d) buffer:
//   rms_r = sqrt(mean_j x_rj^2 + eps),  y_rj = gamma_j * x_rj / rms_r
// out: (rows, d); rstd: (rows) receives 1 / rms_r (may be nullptr);
// gamma: (d) or nullptr for gamma = 1.
void rmsnorm_forward(float* out, float* rstd, const float* inp, const float* gamma,
                     std::size_t rows, std::size_t d, float eps);

}  // namespace normlab
