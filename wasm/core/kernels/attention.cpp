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

// FLOPs of `products` causal (Tn, Tn) x (Tn, hs) products over `heads` (b, h) pairs: the q · k and p · v
// of the forward (2), dp, dq, dk and dv of the backward (4); row t has t + 1 terms, hs multiply-adds each.
// For the profile only (kernels/op_profile.h): it reports attention's rate beside the GEMM's.
double attention_product_flops(std::size_t heads, std::size_t Tn, std::size_t hs, std::size_t products) {
    const double causal_pairs = static_cast<double>(Tn) * static_cast<double>(Tn + 1) / 2.0;
    return 2.0 * static_cast<double>(products) * static_cast<double>(heads) * causal_pairs * static_cast<double>(hs);
}

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
    std::size_t t0 = 0;
#if defined(__wasm_simd128__)
    // 4 x 4 tiles: four row loads, eight shuffles, four column stores instead of 16 scalar copies
    if constexpr (sizeof(T) == 4) {
        const std::size_t hs4 = hs / 4 * 4;
        for (; t0 + 4 <= Tn; t0 += 4) {
            const T* s = src + t0 * C3 + col;
            std::size_t i = 0;
            for (; i < hs4; i += 4) {
                const v128_t r0 = wasm_v128_load(s + i), r1 = wasm_v128_load(s + C3 + i),
                             r2 = wasm_v128_load(s + 2 * C3 + i), r3 = wasm_v128_load(s + 3 * C3 + i);
                const v128_t a = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), b = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
                const v128_t c = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), d = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
                wasm_v128_store(dst + i * Tn + t0, wasm_i32x4_shuffle(a, b, 0, 1, 4, 5));
                wasm_v128_store(dst + (i + 1) * Tn + t0, wasm_i32x4_shuffle(a, b, 2, 3, 6, 7));
                wasm_v128_store(dst + (i + 2) * Tn + t0, wasm_i32x4_shuffle(c, d, 0, 1, 4, 5));
                wasm_v128_store(dst + (i + 3) * Tn + t0, wasm_i32x4_shuffle(c, d, 2, 3, 6, 7));
            }
            for (; i < hs; i++)
                for (std::size_t k = 0; k < 4; k++) dst[i * Tn + t0 + k] = s[k * C3 + i];
        }
    }
#endif
    for (std::size_t t2 = t0; t2 < Tn; t2++) {
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

// dot_rows for kRows rows of x at once (row r: x + r * ldx into out + r * ldo, scores for t2 < n[r]):
// a block of kLanes keys is loaded once per i for all the rows, and the kRows * kLanes sums are
// independent chains, so the adds do not wait on each other as one row's two vectors do. Every score
// is still its own serial sum in increasing i, times `scale` when `scaled` (one rounding, as before).
// Blocks run past a row's n up to Tn as in dot_rows.
constexpr std::size_t kRows = 4;

template <typename T>
void dot_rows_block(T* __restrict out, std::size_t ldo, const T* __restrict x, std::size_t ldx, const T* __restrict yT,
                    std::size_t Tn, const std::size_t* n, std::size_t hs, bool scaled, T scale) {
    const std::size_t n_max = n[kRows - 1];
    std::size_t t2 = 0;
    for (; t2 < n_max && t2 + kLanes <= Tn; t2 += kLanes) {
        T acc[kRows][kLanes] = {};
        for (std::size_t i = 0; i < hs; i++) {
            const T* y = yT + i * Tn + t2;
            for (std::size_t r = 0; r < kRows; r++) {
                const T xi = x[r * ldx + i];
                for (std::size_t j = 0; j < kLanes; j++) acc[r][j] += xi * y[j];
            }
        }
        for (std::size_t r = 0; r < kRows; r++)
            for (std::size_t j = 0; j < kLanes; j++) out[r * ldo + t2 + j] = scaled ? acc[r][j] * scale : acc[r][j];
    }
    for (std::size_t r = 0; r < kRows; r++) {
        T* o = out + r * ldo;
        const T* xr = x + r * ldx;
        for (std::size_t u = t2; u < n[r]; u++) {
            T s = T(0);
            for (std::size_t i = 0; i < hs; i++) s += xr[i] * yT[i * Tn + u];
            o[u] = scaled ? s * scale : s;
        }
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

// The causal score rows out_t[t2] = x_t · y_t2 for t2 <= t, every row t < Tn (out_t = out + t * Tn,
// x_t = x + t * ldx; yT (hs, Tn)), times `scale` when `scaled`: kRows rows at once, the rest one by one.
template <typename T>
void causal_dot_rows(T* out, const T* x, std::size_t ldx, const T* yT, std::size_t Tn, std::size_t hs, bool scaled,
                     T scale) {
    std::size_t t = 0;
    for (; t + kRows <= Tn; t += kRows) {
        std::size_t n[kRows];
        for (std::size_t r = 0; r < kRows; r++) n[r] = t + r + 1;
        dot_rows_block(out + t * Tn, Tn, x + t * ldx, ldx, yT, Tn, n, hs, scaled, scale);
    }
    for (; t < Tn; t++) {
        T* o = out + t * Tn;
        dot_rows(o, x + t * ldx, yT, Tn, t + 1, hs);
        if (scaled)
            for (std::size_t t2 = 0; t2 <= t; t2++) o[t2] *= scale;
    }
}

// accumulate_weighted for two outputs over the same n terms of v: oa += sum_t wa_t v_t and
// ob += sum_t wb_t v_t, each in increasing t, the loads of v_t shared and twice the independent chains.
template <typename T>
void accumulate_weighted_pair(T* __restrict oa, const T* __restrict wa, T* __restrict ob, const T* __restrict wb,
                              std::size_t ldw, const T* __restrict v, std::size_t ldv, std::size_t n, std::size_t hs) {
    std::size_t i0 = 0;
    for (; i0 + 2 * kLanes <= hs; i0 += 2 * kLanes) {
        T acc_a[2 * kLanes], acc_b[2 * kLanes];
        for (std::size_t j = 0; j < 2 * kLanes; j++) {
            acc_a[j] = oa[i0 + j];
            acc_b[j] = ob[i0 + j];
        }
        for (std::size_t t = 0; t < n; t++) {
            const T wat = wa[t * ldw], wbt = wb[t * ldw];
            const T* vr = v + t * ldv + i0;
            for (std::size_t j = 0; j < 2 * kLanes; j++) {
                acc_a[j] += wat * vr[j];
                acc_b[j] += wbt * vr[j];
            }
        }
        for (std::size_t j = 0; j < 2 * kLanes; j++) {
            oa[i0 + j] = acc_a[j];
            ob[i0 + j] = acc_b[j];
        }
    }
    if (i0 < hs) {
        accumulate_weighted(oa + i0, wa, ldw, v + i0, ldv, n, hs - i0);
        accumulate_weighted(ob + i0, wb, ldw, v + i0, ldv, n, hs - i0);
    }
}

// out_t += sum_{t2 <= t} W[t][t2] v_t2 for every row t < Tn (out_t = out + t * ldo, v_t2 = v + t2 * ldv,
// W (Tn, Tn) row-major): the causal weighted sums of attention (the forward's p · v, the backward's
// ds · k), two rows at once sharing the loads of v_t2; the second row's last term, which the first
// row does not have, is added after, so every element keeps its terms in increasing t2.
template <typename T>
void accumulate_causal_rows(T* out, std::size_t ldo, const T* W, const T* v, std::size_t ldv, std::size_t Tn,
                            std::size_t hs) {
    std::size_t t = 0;
    for (; t + 2 <= Tn; t += 2) {
        const T* wa = W + t * Tn;
        const T* wb = wa + Tn;
        accumulate_weighted_pair(out + t * ldo, wa, out + (t + 1) * ldo, wb, 1, v, ldv, t + 1, hs);
        accumulate_weighted(out + (t + 1) * ldo, wb + t + 1, 1, v + (t + 1) * ldv, ldv, 1, hs);
    }
    if (t < Tn) accumulate_weighted(out + t * ldo, W + t * Tn, 1, v, ldv, t + 1, hs);
}

// the largest of s[0, n) that is not NaN (-inf if none), as `if (s > m) m = s` finds it in order, kept
// in four running maxima so the compares do not wait on each other; *has_nan tells whether a NaN was
// skipped. The maximum is the same value in any order; only the sign of a zero maximum could differ,
// and p - (+0) and p - (-0) have the same exponential.
template <typename T>
T max_ignoring_nan(const T* s, std::size_t n, bool* has_nan) {
    T m[4] = {-std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(),
              -std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity()};
    int nan[4] = {0, 0, 0, 0};
    std::size_t t2 = 0;
#if defined(__wasm_simd128__)
    // the same four lanes in one vector: pmax(m, s) = m < s ? s : m keeps m for a NaN s and for equal
    // values, as the select below does; s != s marks the NaN lanes
    if constexpr (sizeof(T) == 4) {
        v128_t mv = wasm_f32x4_splat(m[0]), nanv = wasm_i32x4_splat(0);
        for (; t2 + 4 <= n; t2 += 4) {
            const v128_t sv = wasm_v128_load(s + t2);
            mv = wasm_f32x4_pmax(mv, sv);
            nanv = wasm_v128_or(nanv, wasm_f32x4_ne(sv, sv));
        }
        wasm_v128_store(m, mv);
        nan[0] = wasm_v128_any_true(nanv);
    }
#endif
    for (; t2 + 4 <= n; t2 += 4)
        for (std::size_t j = 0; j < 4; j++) {
            m[j] = s[t2 + j] > m[j] ? s[t2 + j] : m[j];
            nan[j] |= s[t2 + j] != s[t2 + j];
        }
    for (; t2 < n; t2++) {
        m[0] = s[t2] > m[0] ? s[t2] : m[0];
        nan[0] |= s[t2] != s[t2];
    }
    for (std::size_t j = 1; j < 4; j++) m[0] = m[j] > m[0] ? m[j] : m[0];
    *has_nan = (nan[0] | nan[1] | nan[2] | nan[3]) != 0;
    return m[0];
}

// the largest score, NaN winning as in attention_max_logit
template <typename T>
T max_or_nan(T best, const T* s, std::size_t n) {
    for (std::size_t t2 = 0; t2 < n; t2++)
        if (s[t2] > best || std::isnan(s[t2])) best = s[t2];
    return best;
}

// The first half of a row's softmax, in place: p[0, n) scores -> exp(score - max). The exponentials
// may run on up to `room` >= n entries (whole groups of four, no scalar tail): the extra entries are
// set to the maximum first and are scratch afterwards. best (when given) takes the row's scores as
// max_or_nan would.
template <typename T>
void exponentiate_row(T* p, std::size_t n, std::size_t room, T* best, const ExpShifted& exp) {
    bool has_nan = false;
    const T maxval = max_ignoring_nan(p, n, &has_nan);
    if (best) {
        // the same value as max_or_nan's scan, which keeps the first of equal maxima: only a zero
        // maximum (+0 or -0 first) and NaN need the scan itself
        if (has_nan || (maxval > *best && maxval == T(0)))
            *best = max_or_nan(*best, p, n);
        else if (maxval > *best)
            *best = maxval;
    }
    const std::size_t n4 = (n + 3) / 4 * 4 <= room ? (n + 3) / 4 * 4 : n;
    for (std::size_t t2 = n; t2 < n4; t2++) p[t2] = maxval;
    exp(p, p, n4, maxval);
}

// sums[r] = a_r[0] + a_r[1] + ... over t2 < n[r] (a_r = a + r * ld, n increasing), each a serial sum
// from 0 in increasing t2: the kRows chains run side by side over the first row's length, so an add
// does not wait on the one before it as a single row's chain does.
template <typename T>
void row_sums_block(T* sums, const T* a, std::size_t ld, const std::size_t* n) {
    T acc[kRows] = {};
    for (std::size_t t2 = 0; t2 < n[0]; t2++)
        for (std::size_t r = 0; r < kRows; r++) acc[r] += a[r * ld + t2];
    for (std::size_t r = 0; r < kRows; r++) {
        for (std::size_t t2 = n[0]; t2 < n[r]; t2++) acc[r] += a[r * ld + t2];
        sums[r] = acc[r];
    }
}

// a row's softmax in place: p[0, n) scores -> probabilities (exponentials, their sum in increasing t2,
// division)
template <typename T>
void softmax_row(T* p, std::size_t n, std::size_t room, T* best, const ExpShifted& exp) {
    exponentiate_row(p, n, room, best, exp);
    T sum = T(0);
    for (std::size_t t2 = 0; t2 < n; t2++) sum += p[t2];
    const T inv = T(1) / sum;
    for (std::size_t t2 = 0; t2 < n; t2++) p[t2] *= inv;
}

// attention_forward for one (b, h) whose keys kT (hs, Tn) fit the scratch. q: the head's query
// columns of row 0 (row stride 3C; keys at +C, values at +2C); o: its output columns (row stride C);
// P: its (Tn, Tn) probabilities. Scores for kRows query rows at once, then each row's softmax, then
// the values weighted for two rows at once (the second row's last term added after).
template <typename T>
void forward_head_fast(T* o, T* P, const T* q, const T* kT, std::size_t Tn, std::size_t C, std::size_t hs, T scale,
                       T* best, const ExpShifted& exp) {
    const std::size_t C3 = 3 * C;
    causal_dot_rows(P, q, C3, kT, Tn, hs, true, scale);
    // softmax: exponentials, then the sums of kRows rows side by side and the division; the masked
    // part stays exactly zero
    for (std::size_t t = 0; t < Tn; t++) exponentiate_row(P + t * Tn, t + 1, Tn, best, exp);
    for (std::size_t t = 0; t < Tn;) {
        T sums[kRows];
        const std::size_t rows = Tn - t >= kRows ? kRows : 1;
        if (rows == kRows) {
            std::size_t n[kRows];
            for (std::size_t r = 0; r < kRows; r++) n[r] = t + r + 1;
            row_sums_block(sums, static_cast<const T*>(P + t * Tn), Tn, n);
        } else {
            sums[0] = T(0);
            for (std::size_t t2 = 0; t2 <= t; t2++) sums[0] += P[t * Tn + t2];
        }
        for (std::size_t r = 0; r < rows; r++, t++) {
            T* p = P + t * Tn;
            const T inv = T(1) / sums[r];
            for (std::size_t t2 = 0; t2 <= t; t2++) p[t2] *= inv;
            for (std::size_t t2 = t + 1; t2 < Tn; t2++) p[t2] = T(0);
        }
    }
    const T* v = q + 2 * C;
    for (std::size_t t = 0; t < Tn; t++)
        for (std::size_t i = 0; i < hs; i++) o[t * C + i] = T(0);
    accumulate_causal_rows(o, C, static_cast<const T*>(P), v, C3, Tn, hs);
}

// attention_backward for one (b, h) that fits the scratches: vT (hs, Tn) its values transposed, ds
// (Tn, Tn) scratch; g its dout columns (row stride C); q, dq its query columns of qkv and dqkv (row
// stride 3C; keys at +C, values at +2C); P its probabilities.
template <typename T>
void backward_head_fast(T* dq, T* ds, const T* g, const T* q, const T* P, const T* vT, std::size_t Tn, std::size_t C,
                        std::size_t hs, T scale) {
    const std::size_t C3 = 3 * C;
    // term 2: dp rows
    causal_dot_rows(ds, g, C, vT, Tn, hs, false, scale);
    // term 3
    for (std::size_t t = 0; t < Tn; t++) {
        const T* p = P + t * Tn;
        T* d = ds + t * Tn;
        T pdp = T(0);
        for (std::size_t t2 = 0; t2 <= t; t2++) pdp += p[t2] * d[t2];
        for (std::size_t t2 = 0; t2 <= t; t2++) d[t2] = p[t2] * (d[t2] - pdp) * scale;
    }
    // term 4: dq_t += sum_{t2 <= t} ds_t2 k_t2
    accumulate_causal_rows(dq, C3, static_cast<const T*>(ds), q + C, C3, Tn, hs);
    // terms 1 and 5, per key position t2 over the rows t >= t2, two columns at once (the first's
    // first term before):  dv_t2 += sum_t p[t][t2] g_t,   dk_t2 += sum_t ds[t][t2] q_t
    std::size_t t2 = 0;
    for (; t2 + 2 <= Tn; t2 += 2) {
        T* dv = dq + t2 * C3 + 2 * C;
        T* dk = dq + t2 * C3 + C;
        accumulate_weighted(dv, P + t2 * Tn + t2, Tn, g + t2 * C, C, 1, hs);
        accumulate_weighted_pair(dv, P + (t2 + 1) * Tn + t2, dv + C3, P + (t2 + 1) * Tn + t2 + 1, Tn, g + (t2 + 1) * C,
                                 C, Tn - t2 - 1, hs);
        accumulate_weighted(dk, static_cast<const T*>(ds + t2 * Tn + t2), Tn, q + t2 * C3, C3, 1, hs);
        accumulate_weighted_pair(dk, static_cast<const T*>(ds + (t2 + 1) * Tn + t2), dk + C3,
                                 static_cast<const T*>(ds + (t2 + 1) * Tn + t2 + 1), Tn, q + (t2 + 1) * C3, C3,
                                 Tn - t2 - 1, hs);
    }
    if (t2 < Tn) {
        accumulate_weighted(dq + t2 * C3 + 2 * C, P + t2 * Tn + t2, Tn, g + t2 * C, C, Tn - t2, hs);
        accumulate_weighted(dq + t2 * C3 + C, static_cast<const T*>(ds + t2 * Tn + t2), Tn, q + t2 * C3, C3, Tn - t2,
                            hs);
    }
}

}  // namespace

// Forward, per batch b, head h and query position t (hs = C / NH, scale = 1 / sqrt(hs)):
//   s_t2 = scale * q_t · k_t2                   for t2 <= t
//   p_t2 = exp(s_t2 - max s) / sum exp(s - max s)   (max-subtraction: exp never overflows)
//   out_t = sum_{t2 <= t} p_t2 v_t2
template <typename T>
void attention_forward(T* out, T* att, const T* qkv, std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH,
                       T* max_logit) {
    OpScope scope("attention_fwd", B * NH, Tn, C / NH, attention_product_flops(B * NH, Tn, C / NH, 2));
    const std::size_t C3 = 3 * C;
    const std::size_t hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
    const bool transposed = hs * Tn <= kScratchCap;
    T* kT = transposed ? transpose_scratch<T>() : nullptr;  // (hs, Tn) keys of (b, h)
    T best = -std::numeric_limits<T>::infinity();
    const ExpShifted exp;  // the exponentials' constants set up once for every row of the call
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t h = 0; h < NH; h++) {
            if (transposed) {
                gather_transposed(kT, qkv + b * Tn * C3, C3, C + h * hs, Tn, hs);
                forward_head_fast(out + b * Tn * C + h * hs, att + (b * NH + h) * Tn * Tn, qkv + b * Tn * C3 + h * hs,
                                  kT, Tn, C, hs, scale, max_logit ? &best : nullptr, exp);
                continue;
            }
            for (std::size_t t = 0; t < Tn; t++) {
                const T* q = qkv + (b * Tn + t) * C3 + h * hs;
                T* p = att + ((b * NH + h) * Tn + t) * Tn;
                // pass 1: scores
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const T* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                    T s = T(0);
                    for (std::size_t i = 0; i < hs; i++) s += q[i] * k[i];
                    p[t2] = s * scale;
                }
                // passes 2 and 3: softmax
                softmax_row(p, t + 1, t + 1, max_logit ? &best : nullptr, exp);
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
    OpScope scope("attention_bwd", B * NH, Tn, C / NH, attention_product_flops(B * NH, Tn, C / NH, 4));
    const std::size_t C3 = 3 * C;
    const std::size_t hs = C / NH;
    const T scale = T(1) / std::sqrt(static_cast<T>(hs));
    if (hs * Tn <= kScratchCap && Tn * Tn <= kScratchCap) {
        T* vT = transpose_scratch<T>();  // (hs, Tn) values of (b, h)
        T* ds = square_scratch<T>();     // (Tn, Tn) row t: dp, then ds, for t2 <= t
        for (std::size_t b = 0; b < B; b++) {
            for (std::size_t h = 0; h < NH; h++) {
                gather_transposed(vT, qkv + b * Tn * C3, C3, 2 * C + h * hs, Tn, hs);
                backward_head_fast(dqkv + b * Tn * C3 + h * hs, ds, dout + b * Tn * C + h * hs,
                                   qkv + b * Tn * C3 + h * hs, att + (b * NH + h) * Tn * Tn, vT, Tn, C, hs, scale);
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
