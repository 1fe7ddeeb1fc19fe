// Dense matrix products for the training engine: row-major float buffers, explicit sizes.
// The three products a Linear layer needs (forward and both backward products), each
// cache-blocked and written so that -msimd128 vectorises the inner loops.
// Convention (llm.c): `accumulate` false overwrites C, true adds into C (backward passes add
// into gradient buffers).
#pragma once

#include <cstddef>

namespace normlab {

// C (M,N) = A (M,K) · B (K,N)
void gemm_nn(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate);
// C (M,N) = A (M,K) · Bᵀ, with B stored (N,K)      — Linear forward: out = inp · Wᵀ, and dinp = dout · W (via nn)
void gemm_nt(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate);
// C (M,N) = A (M,K) · Bᵀ + bias, B stored (N,K), bias (N) added to every row — Linear forward with its
// bias in the product's output pass; every element is rounded exactly as gemm_nt then C[i][j] += bias[j]
void gemm_nt_bias(float* C, const float* A, const float* B, const float* bias, std::size_t M, std::size_t N,
                  std::size_t K);
// C (M,N) = Aᵀ · B, with A stored (K,M), B (K,N)   — Linear dW = doutᵀ · inp
void gemm_tn(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate);

}  // namespace normlab
