// Scalar-generic matrix products for the layers above the GEMM (attention, conv, models), so every
// layer can run in double for gradchecks and in float for training.
//
// Same conventions as kernels/gemm.h: row-major, explicit sizes, `accumulate` false overwrites C and true
// adds into C. The generic templates are plain loops ordered so the innermost loop walks
// contiguous memory (the compiler vectorises it); the float specialisations below forward to the
// blocked kernels of kernels/gemm.h once they exist.
#pragma once

#include <cstddef>

#include "kernels/gemm.h"

namespace normlab {

// C (M,N) = A (M,K) · B (K,N)
template <typename T>
void matmul_nn(T* C, const T* A, const T* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    for (std::size_t i = 0; i < M; i++) {
        T* c = C + i * N;
        if (!accumulate)
            for (std::size_t j = 0; j < N; j++) c[j] = T(0);
        const T* a = A + i * K;
        for (std::size_t k = 0; k < K; k++) {
            const T aik = a[k];
            const T* b = B + k * N;
            for (std::size_t j = 0; j < N; j++) c[j] += aik * b[j];
        }
    }
}

// C (M,N) = A (M,K) · Bᵀ, B stored (N,K)
template <typename T>
void matmul_nt(T* C, const T* A, const T* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    for (std::size_t i = 0; i < M; i++) {
        const T* a = A + i * K;
        T* c = C + i * N;
        for (std::size_t j = 0; j < N; j++) {
            const T* b = B + j * K;
            T s = T(0);
            for (std::size_t k = 0; k < K; k++) s += a[k] * b[k];
            c[j] = accumulate ? c[j] + s : s;
        }
    }
}

// C (M,N) = A (M,K) · Bᵀ + bias, B stored (N,K), bias (N) added to every row (overwrites C): the
// product, then C[i][j] = C[i][j] + bias[j]
template <typename T>
void matmul_nt_bias(T* C, const T* A, const T* B, const T* bias, std::size_t M, std::size_t N, std::size_t K) {
    matmul_nt(C, A, B, M, N, K, /*accumulate=*/false);
    for (std::size_t i = 0; i < M; i++) {
        T* c = C + i * N;
        for (std::size_t j = 0; j < N; j++) c[j] += bias[j];
    }
}

// C (M,N) = Aᵀ · B, A stored (K,M), B (K,N)
template <typename T>
void matmul_tn(T* C, const T* A, const T* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    if (!accumulate)
        for (std::size_t i = 0; i < M * N; i++) C[i] = T(0);
    for (std::size_t k = 0; k < K; k++) {
        const T* a = A + k * M;
        const T* b = B + k * N;
        for (std::size_t i = 0; i < M; i++) {
            const T aki = a[i];
            T* c = C + i * N;
            for (std::size_t j = 0; j < N; j++) c[j] += aki * b[j];
        }
    }
}

// float: the blocked, SIMD-friendly kernels of kernels/gemm.h.
template <>
inline void matmul_nn<float>(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K,
                             bool accumulate) {
    gemm_nn(C, A, B, M, N, K, accumulate);
}
template <>
inline void matmul_nt<float>(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K,
                             bool accumulate) {
    gemm_nt(C, A, B, M, N, K, accumulate);
}
template <>
inline void matmul_nt_bias<float>(float* C, const float* A, const float* B, const float* bias, std::size_t M,
                                  std::size_t N, std::size_t K) {
    gemm_nt_bias(C, A, B, bias, M, N, K);  // the bias in the product's output pass, same roundings
}
template <>
inline void matmul_tn<float>(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K,
                             bool accumulate) {
    gemm_tn(C, A, B, M, N, K, accumulate);
}

}  // namespace normlab
