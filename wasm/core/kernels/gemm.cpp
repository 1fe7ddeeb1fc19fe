// Blocked, packed GEMM (GotoBLAS structure, small enough to read):
//
//   for each k-block of KC:                         C += A[:, kb] · B[kb, :]
//     for each n-block of NC columns:   pack B (KC × NC) into NR-wide panels   Bp[jr][k][0..NR)
//       for each m-block of MC rows:    pack A (MC × KC) into MR-tall panels   Ap[ir][k][0..MR)
//         for each (jr, ir):            micro-kernel: an MR × NR tile of C in registers,
//                                       k outer, NR contiguous floats inside
//
// The three variants differ only in how they pack (A or B read transposed); the micro-kernel is
// shared. Partial panels are zero-padded, edge tiles go through a small buffer.
//
// Micro-kernel: 4 × 8 accumulators = 8 SIMD128 registers, plus 2 for the B row and 1 broadcast
// of A: fits the 16 XMM registers V8 allocates on x86-64. Under __wasm_simd128__ it is written
// with wasm_simd128.h intrinsics, on x86-64 with the equivalent SSE2 intrinsics, elsewhere as
// plain loops the compiler vectorises.
//
// Determinism: every C element is computed by the same sequence of float operations on every
// target — per k-block, acc = 0; acc = acc + a_k * b_k in increasing k (a multiply then an add,
// never fused: no FMA in SIMD128, and the strict ISO build disables contraction natively); then
// C = acc (first block when not accumulating) or C = C + acc. So native and WASM give identical bits.
//
// Native builds for the host CPU (NORMLAB_NATIVE_ARCH, -march=native on an AVX machine) use a
// 4 × 16 tile on 256-bit registers with the same per-element operation order, so their bits match too.
//
// Scratch: two fixed packing buffers per thread (320 KiB; no allocation per call).
#include "kernels/gemm.h"

#include "kernels/op_profile.h"

#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__AVX__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace normlab {

namespace {

constexpr std::size_t MR = 4;  // micro-tile rows
#if !defined(__wasm_simd128__) && defined(__AVX__)
constexpr std::size_t NR = 16;  // micro-tile columns: two 256-bit registers per row (native -march builds)
#else
constexpr std::size_t NR = 8;  // micro-tile columns: two 128-bit registers per row
#endif
constexpr std::size_t KC = 256;  // k-block
constexpr std::size_t MC = 64;   // m-block (multiple of MR)
constexpr std::size_t NC = 256;  // n-block (multiple of NR)

// thread_local: native callers may run models on several threads; in WASM (no threads) these are
// plain statics.
alignas(32) thread_local float g_packA[MC * KC];
alignas(32) thread_local float g_packB[KC * NC];

// ---- packing -----------------------------------------------------------------
// Packing only moves values (it never rounds), so how it moves them cannot change a bit. Full panels
// are moved in 4 × 4 blocks, transposed in registers (transpose4); edge panels are zero-padded.

// d[r * ldd + c] = s_c[r] for r, c < 4: four source rows of 4 floats, transposed
inline void transpose4(float* d, std::size_t ldd, const float* s0, const float* s1, const float* s2, const float* s3) {
#if defined(__wasm_simd128__)
    const v128_t r0 = wasm_v128_load(s0), r1 = wasm_v128_load(s1), r2 = wasm_v128_load(s2), r3 = wasm_v128_load(s3);
    const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
    const v128_t t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
    wasm_v128_store(d, wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5));
    wasm_v128_store(d + ldd, wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7));
    wasm_v128_store(d + 2 * ldd, wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5));
    wasm_v128_store(d + 3 * ldd, wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7));
#elif defined(__SSE2__)
    __m128 r0 = _mm_loadu_ps(s0), r1 = _mm_loadu_ps(s1), r2 = _mm_loadu_ps(s2), r3 = _mm_loadu_ps(s3);
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    _mm_storeu_ps(d, r0);
    _mm_storeu_ps(d + ldd, r1);
    _mm_storeu_ps(d + 2 * ldd, r2);
    _mm_storeu_ps(d + 3 * ldd, r3);
#else
    const float* s[4] = {s0, s1, s2, s3};
    for (std::size_t r = 0; r < 4; r++)
        for (std::size_t c = 0; c < 4; c++) d[r * ldd + c] = s[c][r];
#endif
}

// dst (kc, 4) at row stride ldd: dst[k][c] = src_c[k] for the 4 rows src_c = src + c * lds
void pack_rows4(float* dst, std::size_t ldd, const float* src, std::size_t lds, std::size_t kc) {
    const float *s0 = src, *s1 = src + lds, *s2 = src + 2 * lds, *s3 = src + 3 * lds;
    std::size_t k = 0;
    for (; k + 4 <= kc; k += 4) transpose4(dst + k * ldd, ldd, s0 + k, s1 + k, s2 + k, s3 + k);
    for (; k < kc; k++) {
        float* d = dst + k * ldd;
        d[0] = s0[k];
        d[1] = s1[k];
        d[2] = s2[k];
        d[3] = s3[k];
    }
}

// A element (i, k) of the logical (M, K) operand: a_trans = false reads A (M, K) row-major,
// true reads A stored (K, M).
void pack_a(float* dst, const float* A, std::size_t lda, bool a_trans, std::size_t i0, std::size_t mc, std::size_t k0,
            std::size_t kc) {
    static_assert(MR == 4, "pack_a moves 4-row panels");
    for (std::size_t ir = 0; ir < mc; ir += MR) {
        const std::size_t mr = mc - ir < MR ? mc - ir : MR;
        float* d = dst + ir * kc;  // panel (kc, MR)
        if (!a_trans) {
            if (mr == MR) {
                pack_rows4(d, MR, A + (i0 + ir) * lda + k0, lda, kc);
                continue;
            }
            for (std::size_t ii = 0; ii < MR; ii++) {
                if (ii < mr) {
                    const float* src = A + (i0 + ir + ii) * lda + k0;
                    for (std::size_t k = 0; k < kc; k++) d[k * MR + ii] = src[k];
                } else {
                    for (std::size_t k = 0; k < kc; k++) d[k * MR + ii] = 0.0f;
                }
            }
        } else {
            if (mr == MR && ir + 4 * MR <= mc) {
                // four panels from each row's 4 MR floats (as pack_b's pairs)
                for (std::size_t k = 0; k < kc; k++) {
                    const float* src = A + (k0 + k) * lda + i0 + ir;
                    for (std::size_t p = 0; p < 4; p++)
                        std::memcpy(d + p * MR * kc + k * MR, src + p * MR, MR * sizeof(float));
                }
                ir += 3 * MR;
                continue;
            }
            for (std::size_t k = 0; k < kc; k++) {
                const float* src = A + (k0 + k) * lda + i0 + ir;
                if (mr == MR)
                    std::memcpy(d + k * MR, src, MR * sizeof(float));
                else
                    for (std::size_t ii = 0; ii < MR; ii++) d[k * MR + ii] = ii < mr ? src[ii] : 0.0f;
            }
        }
    }
}

// B element (k, j) of the logical (K, N) operand: b_trans = false reads B (K, N) row-major,
// true reads B stored (N, K).
void pack_b(float* dst, const float* B, std::size_t ldb, bool b_trans, std::size_t k0, std::size_t kc, std::size_t j0,
            std::size_t nc) {
    static_assert(NR % 4 == 0, "pack_b moves groups of 4 columns");
    for (std::size_t jr = 0; jr < nc; jr += NR) {
        const std::size_t nr = nc - jr < NR ? nc - jr : NR;
        float* d = dst + jr * kc;  // panel (kc, NR)
        if (!b_trans) {
            if (nr == NR && jr + 2 * NR <= nc) {
                // two panels from each row's 2 NR floats (a cache line in WASM): rows ldb apart fall in
                // few cache sets, so a panel's rows are gone by the time the next panel reads them
                float* d2 = d + NR * kc;
                for (std::size_t k = 0; k < kc; k++) {
                    const float* src = B + (k0 + k) * ldb + j0 + jr;
                    std::memcpy(d + k * NR, src, NR * sizeof(float));
                    std::memcpy(d2 + k * NR, src + NR, NR * sizeof(float));
                }
                jr += NR;
                continue;
            }
            for (std::size_t k = 0; k < kc; k++) {
                const float* src = B + (k0 + k) * ldb + j0 + jr;
                if (nr == NR) {
                    std::memcpy(d + k * NR, src, NR * sizeof(float));
                } else {
                    for (std::size_t jj = 0; jj < NR; jj++) d[k * NR + jj] = jj < nr ? src[jj] : 0.0f;
                }
            }
        } else if (nr == NR) {
            for (std::size_t g = 0; g < NR; g += 4) pack_rows4(d + g, NR, B + (j0 + jr + g) * ldb + k0, ldb, kc);
        } else {
            for (std::size_t jj = 0; jj < NR; jj++) {
                if (jj < nr) {
                    const float* src = B + (j0 + jr + jj) * ldb + k0;
                    for (std::size_t k = 0; k < kc; k++) d[k * NR + jj] = src[k];
                } else {
                    for (std::size_t k = 0; k < kc; k++) d[k * NR + jj] = 0.0f;
                }
            }
        }
    }
}

// Edge tiles (and the portable kernel): C = tile or C = C + tile, then C = C + bias[j] (bias may be
// nullptr), for the mr × nr elements inside C. tile: (MR, NR) row-major.
void store_tile(float* C, std::size_t ldc, const float* tile, bool overwrite, const float* bias, std::size_t mr,
                std::size_t nr) {
    for (std::size_t i = 0; i < mr; i++)
        for (std::size_t j = 0; j < nr; j++) {
            float v = overwrite ? tile[i * NR + j] : C[i * ldc + j] + tile[i * NR + j];
            if (bias) v = v + bias[j];
            C[i * ldc + j] = v;
        }
}

// ---- micro-kernel: tile (MR, NR) = sum_k Ap[k][:] ⊗ Bp[k][:] -------------------------
// Writes the tile to C (row stride ldc): C = tile (overwrite) or C = C + tile; then, when bias is not
// nullptr (the last k-block of a product with a bias), C = C + bias[j] for the tile's columns — the
// same two roundings as a separate bias pass after the product.
// full: the whole MR × NR tile lies inside C; otherwise only mr × nr elements are stored.
#ifdef __wasm_simd128__
void micro_kernel(float* C, std::size_t ldc, const float* Ap, const float* Bp, std::size_t kc, bool overwrite,
                  const float* bias, std::size_t mr, std::size_t nr) {
    v128_t c00 = wasm_f32x4_splat(0.0f), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    for (std::size_t k = 0; k < kc; k++) {
        const v128_t b0 = wasm_v128_load(Bp + k * NR);
        const v128_t b1 = wasm_v128_load(Bp + k * NR + 4);
        const float* a = Ap + k * MR;
        v128_t a0 = wasm_v128_load32_splat(a + 0);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a0, b0));
        c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a0, b1));
        a0 = wasm_v128_load32_splat(a + 1);
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a0, b0));
        c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a0, b1));
        a0 = wasm_v128_load32_splat(a + 2);
        c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a0, b0));
        c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a0, b1));
        a0 = wasm_v128_load32_splat(a + 3);
        c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a0, b0));
        c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a0, b1));
    }
    const v128_t rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
    if (mr == MR && nr == NR) {
        for (std::size_t i = 0; i < MR; i++) {
            float* c = C + i * ldc;
            v128_t v0 = overwrite ? rows[i][0] : wasm_f32x4_add(wasm_v128_load(c), rows[i][0]);
            v128_t v1 = overwrite ? rows[i][1] : wasm_f32x4_add(wasm_v128_load(c + 4), rows[i][1]);
            if (bias) {
                v0 = wasm_f32x4_add(v0, wasm_v128_load(bias));
                v1 = wasm_f32x4_add(v1, wasm_v128_load(bias + 4));
            }
            wasm_v128_store(c, v0);
            wasm_v128_store(c + 4, v1);
        }
        return;
    }
    alignas(16) float tile[MR * NR];
    for (std::size_t i = 0; i < MR; i++) {
        wasm_v128_store(tile + i * NR, rows[i][0]);
        wasm_v128_store(tile + i * NR + 4, rows[i][1]);
    }
    store_tile(C, ldc, tile, overwrite, bias, mr, nr);
}
#elif defined(__AVX__)
// x86-64 built for a host with AVX (NORMLAB_NATIVE_ARCH, -march=native): the same kernel on 256-bit
// registers, a 4 × 16 tile. Still a separate multiply and add per k in increasing k, so every C
// element sees the same float operations as under SSE2 and WASM: the bits do not change, only the
// width (FMA would round differently, so it is not used).
void micro_kernel(float* C, std::size_t ldc, const float* Ap, const float* Bp, std::size_t kc, bool overwrite,
                  const float* bias, std::size_t mr, std::size_t nr) {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    for (std::size_t k = 0; k < kc; k++) {
        const __m256 b0 = _mm256_load_ps(Bp + k * NR);
        const __m256 b1 = _mm256_load_ps(Bp + k * NR + 8);
        const float* a = Ap + k * MR;
        __m256 a0 = _mm256_broadcast_ss(a + 0);
        c00 = _mm256_add_ps(c00, _mm256_mul_ps(a0, b0));
        c01 = _mm256_add_ps(c01, _mm256_mul_ps(a0, b1));
        a0 = _mm256_broadcast_ss(a + 1);
        c10 = _mm256_add_ps(c10, _mm256_mul_ps(a0, b0));
        c11 = _mm256_add_ps(c11, _mm256_mul_ps(a0, b1));
        a0 = _mm256_broadcast_ss(a + 2);
        c20 = _mm256_add_ps(c20, _mm256_mul_ps(a0, b0));
        c21 = _mm256_add_ps(c21, _mm256_mul_ps(a0, b1));
        a0 = _mm256_broadcast_ss(a + 3);
        c30 = _mm256_add_ps(c30, _mm256_mul_ps(a0, b0));
        c31 = _mm256_add_ps(c31, _mm256_mul_ps(a0, b1));
    }
    const __m256 rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
    if (mr == MR && nr == NR) {
        for (std::size_t i = 0; i < MR; i++) {
            float* c = C + i * ldc;
            __m256 v0 = overwrite ? rows[i][0] : _mm256_add_ps(_mm256_loadu_ps(c), rows[i][0]);
            __m256 v1 = overwrite ? rows[i][1] : _mm256_add_ps(_mm256_loadu_ps(c + 8), rows[i][1]);
            if (bias) {
                v0 = _mm256_add_ps(v0, _mm256_loadu_ps(bias));
                v1 = _mm256_add_ps(v1, _mm256_loadu_ps(bias + 8));
            }
            _mm256_storeu_ps(c, v0);
            _mm256_storeu_ps(c + 8, v1);
        }
        return;
    }
    alignas(32) float tile[MR * NR];
    for (std::size_t i = 0; i < MR; i++) {
        _mm256_store_ps(tile + i * NR, rows[i][0]);
        _mm256_store_ps(tile + i * NR + 8, rows[i][1]);
    }
    store_tile(C, ldc, tile, overwrite, bias, mr, nr);
}
#elif defined(__SSE2__)
// x86-64 (SSE2 is part of the baseline ABI): the same kernel with SSE intrinsics, operation for
// operation (separate multiply and add), so results match the WASM build bit for bit.
void micro_kernel(float* C, std::size_t ldc, const float* Ap, const float* Bp, std::size_t kc, bool overwrite,
                  const float* bias, std::size_t mr, std::size_t nr) {
    __m128 c00 = _mm_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    for (std::size_t k = 0; k < kc; k++) {
        const __m128 b0 = _mm_load_ps(Bp + k * NR);
        const __m128 b1 = _mm_load_ps(Bp + k * NR + 4);
        const float* a = Ap + k * MR;
        __m128 a0 = _mm_set1_ps(a[0]);
        c00 = _mm_add_ps(c00, _mm_mul_ps(a0, b0));
        c01 = _mm_add_ps(c01, _mm_mul_ps(a0, b1));
        a0 = _mm_set1_ps(a[1]);
        c10 = _mm_add_ps(c10, _mm_mul_ps(a0, b0));
        c11 = _mm_add_ps(c11, _mm_mul_ps(a0, b1));
        a0 = _mm_set1_ps(a[2]);
        c20 = _mm_add_ps(c20, _mm_mul_ps(a0, b0));
        c21 = _mm_add_ps(c21, _mm_mul_ps(a0, b1));
        a0 = _mm_set1_ps(a[3]);
        c30 = _mm_add_ps(c30, _mm_mul_ps(a0, b0));
        c31 = _mm_add_ps(c31, _mm_mul_ps(a0, b1));
    }
    const __m128 rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
    if (mr == MR && nr == NR) {
        for (std::size_t i = 0; i < MR; i++) {
            float* c = C + i * ldc;
            __m128 v0 = overwrite ? rows[i][0] : _mm_add_ps(_mm_loadu_ps(c), rows[i][0]);
            __m128 v1 = overwrite ? rows[i][1] : _mm_add_ps(_mm_loadu_ps(c + 4), rows[i][1]);
            if (bias) {
                v0 = _mm_add_ps(v0, _mm_loadu_ps(bias));
                v1 = _mm_add_ps(v1, _mm_loadu_ps(bias + 4));
            }
            _mm_storeu_ps(c, v0);
            _mm_storeu_ps(c + 4, v1);
        }
        return;
    }
    alignas(16) float tile[MR * NR];
    for (std::size_t i = 0; i < MR; i++) {
        _mm_store_ps(tile + i * NR, rows[i][0]);
        _mm_store_ps(tile + i * NR + 4, rows[i][1]);
    }
    store_tile(C, ldc, tile, overwrite, bias, mr, nr);
}
#else
void micro_kernel(float* C, std::size_t ldc, const float* Ap, const float* Bp, std::size_t kc, bool overwrite,
                  const float* bias, std::size_t mr, std::size_t nr) {
    alignas(16) float acc[MR][NR] = {};
    for (std::size_t k = 0; k < kc; k++) {
        const float* a = Ap + k * MR;
        const float* b = Bp + k * NR;
        for (std::size_t i = 0; i < MR; i++)
            for (std::size_t j = 0; j < NR; j++) acc[i][j] += a[i] * b[j];
    }
    store_tile(C, ldc, &acc[0][0], overwrite, bias, mr, nr);
}
#endif

// C (M, N) = op(A) · op(B) (+ C): the shared driver.
// bias (N) or nullptr: added to every row of C after the last k-block (C = (C + acc) + bias).
void gemm_driver(float* C, const float* A, std::size_t lda, bool a_trans, const float* B, std::size_t ldb, bool b_trans,
                 const float* bias, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    if (M == 0 || N == 0) return;
    if (K == 0) {
        if (!accumulate) std::memset(C, 0, M * N * sizeof(float));
        if (bias)
            for (std::size_t i = 0; i < M; i++)
                for (std::size_t j = 0; j < N; j++) C[i * N + j] = C[i * N + j] + bias[j];
        return;
    }
    for (std::size_t k0 = 0; k0 < K; k0 += KC) {
        const std::size_t kc = K - k0 < KC ? K - k0 : KC;
        const bool overwrite = !accumulate && k0 == 0;
        const float* block_bias = k0 + kc == K ? bias : nullptr;
        for (std::size_t j0 = 0; j0 < N; j0 += NC) {
            const std::size_t nc = N - j0 < NC ? N - j0 : NC;
            pack_b(g_packB, B, ldb, b_trans, k0, kc, j0, nc);
            for (std::size_t i0 = 0; i0 < M; i0 += MC) {
                const std::size_t mc = M - i0 < MC ? M - i0 : MC;
                pack_a(g_packA, A, lda, a_trans, i0, mc, k0, kc);
                for (std::size_t jr = 0; jr < nc; jr += NR) {
                    const std::size_t nr = nc - jr < NR ? nc - jr : NR;
                    for (std::size_t ir = 0; ir < mc; ir += MR) {
                        const std::size_t mr = mc - ir < MR ? mc - ir : MR;
                        micro_kernel(C + (i0 + ir) * N + j0 + jr, N, g_packA + ir * kc, g_packB + jr * kc, kc,
                                     overwrite, block_bias ? block_bias + j0 + jr : nullptr, mr, nr);
                    }
                }
            }
        }
    }
}

}  // namespace

void gemm_nn(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    OpScope scope("gemm_nn", M, N, K, 2.0 * static_cast<double>(M) * static_cast<double>(N) * static_cast<double>(K));
    gemm_driver(C, A, K, /*a_trans=*/false, B, N, /*b_trans=*/false, nullptr, M, N, K, accumulate);
}

void gemm_nt(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    OpScope scope("gemm_nt", M, N, K, 2.0 * static_cast<double>(M) * static_cast<double>(N) * static_cast<double>(K));
    gemm_driver(C, A, K, /*a_trans=*/false, B, K, /*b_trans=*/true, nullptr, M, N, K, accumulate);
}

void gemm_nt_bias(float* C, const float* A, const float* B, const float* bias, std::size_t M, std::size_t N,
                  std::size_t K) {
    OpScope scope("gemm_nt", M, N, K, 2.0 * static_cast<double>(M) * static_cast<double>(N) * static_cast<double>(K));
    gemm_driver(C, A, K, /*a_trans=*/false, B, K, /*b_trans=*/true, bias, M, N, K, /*accumulate=*/false);
}

void gemm_tn(float* C, const float* A, const float* B, std::size_t M, std::size_t N, std::size_t K, bool accumulate) {
    OpScope scope("gemm_tn", M, N, K, 2.0 * static_cast<double>(M) * static_cast<double>(N) * static_cast<double>(K));
    gemm_driver(C, A, M, /*a_trans=*/true, B, N, /*b_trans=*/false, nullptr, M, N, K, accumulate);
}

}  // namespace normlab
