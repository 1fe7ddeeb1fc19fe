#include "engine/optim.h"

#include "kernels/double_sums.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace normlab {

const char* optimizer_kind_name(OptimizerKind k) {
    switch (k) {
        case OptimizerKind::sgd: return "sgd";
        case OptimizerKind::adam: return "adam";
        case OptimizerKind::adamw: return "adamw";
    }
    return "?";
}

OptimizerKind parse_optimizer_kind(const std::string& s) {
    for (OptimizerKind k : {OptimizerKind::sgd, OptimizerKind::adam, OptimizerKind::adamw})
        if (s == optimizer_kind_name(k)) return k;
    throw std::invalid_argument("unknown optimizer '" + s + "' (expected sgd, adam or adamw)");
}

const char* schedule_kind_name(ScheduleKind k) {
    switch (k) {
        case ScheduleKind::constant: return "constant";
        case ScheduleKind::linear_warmup: return "linear_warmup";
        case ScheduleKind::cosine: return "cosine";
    }
    return "?";
}

ScheduleKind parse_schedule_kind(const std::string& s) {
    for (ScheduleKind k : {ScheduleKind::constant, ScheduleKind::linear_warmup, ScheduleKind::cosine})
        if (s == schedule_kind_name(k)) return k;
    throw std::invalid_argument("unknown schedule '" + s + "' (expected constant, linear_warmup or cosine)");
}

namespace {
bool finite_nonneg(float x) { return std::isfinite(x) && x >= 0.0f; }
}  // namespace

void validate(const OptimizerConfig& c) {
    if (!finite_nonneg(c.lr)) throw std::invalid_argument("learning rate must be a finite number >= 0");
    if (!finite_nonneg(c.weight_decay)) throw std::invalid_argument("weight_decay must be a finite number >= 0");
    if (c.kind == OptimizerKind::sgd) {
        if (!(finite_nonneg(c.momentum) && c.momentum < 1.0f))
            throw std::invalid_argument("momentum must be in [0, 1)");
        if (!(finite_nonneg(c.dampening) && c.dampening <= 1.0f))
            throw std::invalid_argument("dampening must be in [0, 1]");
        if (c.nesterov && (c.momentum <= 0.0f || c.dampening != 0.0f))
            throw std::invalid_argument("nesterov momentum requires momentum > 0 and dampening = 0");
    } else {
        if (!(finite_nonneg(c.beta1) && c.beta1 < 1.0f)) throw std::invalid_argument("beta1 must be in [0, 1)");
        if (!(finite_nonneg(c.beta2) && c.beta2 < 1.0f)) throw std::invalid_argument("beta2 must be in [0, 1)");
        if (!(std::isfinite(c.eps) && c.eps > 0.0f))
            throw std::invalid_argument("adam eps must be a finite number > 0");
    }
}

void validate(const ScheduleConfig& c) {
    if (!(std::isfinite(c.min_lr_ratio) && c.min_lr_ratio >= 0.0f && c.min_lr_ratio <= 1.0f))
        throw std::invalid_argument("min_lr_ratio must be in [0, 1]");
    if (c.kind == ScheduleKind::linear_warmup && c.warmup_steps == 0)
        throw std::invalid_argument("linear_warmup needs warmup_steps >= 1");
    if (c.kind == ScheduleKind::cosine && c.total_steps <= c.warmup_steps)
        throw std::invalid_argument("cosine schedule needs total_steps > warmup_steps");
}

float learning_rate_at(const ScheduleConfig& c, float base_lr, std::size_t step) {
    const double lr = base_lr;
    if (c.kind == ScheduleKind::constant) return base_lr;
    if (step < c.warmup_steps)
        return static_cast<float>(lr * static_cast<double>(step + 1) / static_cast<double>(c.warmup_steps));
    if (c.kind == ScheduleKind::linear_warmup) return base_lr;
    // cosine
    double q = static_cast<double>(step - c.warmup_steps) / static_cast<double>(c.total_steps - c.warmup_steps);
    if (q > 1.0) q = 1.0;
    const double lr_min = static_cast<double>(c.min_lr_ratio) * lr;
    return static_cast<float>(lr_min + (lr - lr_min) * 0.5 * (1.0 + std::cos(3.14159265358979323846 * q)));
}

namespace {

// The optimizers run in chunks of kChunk elements: the update itself is a loop with no reduction,
// so it vectorises (every element sees the same float operations as element-by-element code); the
// metric sums of the squared update and of the squared old weights, in double, then take the chunk
// as four interleaved partial sums (element i into partial i mod 4), the same order on every target.
// (In WASM the same operations run as one fused pass: *_update_fused below.)
constexpr std::size_t kChunk = 256;

// acc[0..3] += (new - old)^2, acc[4..7] += old^2 over n elements, interleaved by i mod 4 (the
// elements past the last multiple of 4 all go to acc[0] and acc[4]).
void add_update_sums(double* acc, const float* p_new, const float* old, std::size_t n) {
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (std::size_t j = 0; j < 4; j++) {
            const double o = static_cast<double>(old[i + j]);
            const double u = static_cast<double>(p_new[i + j]) - o;
            acc[j] += u * u;
            acc[4 + j] += o * o;
        }
    for (; i < n; i++) {
        const double o = static_cast<double>(old[i]);
        const double u = static_cast<double>(p_new[i]) - o;
        acc[0] += u * u;
        acc[4] += o * o;
    }
}

#if defined(__wasm_simd128__)
// In WASM each optimizer runs as one fused pass over groups of four elements (load the old weight
// and the gradient, compute and store the new weight, zero the gradient, add to the metric sums)
// instead of four passes over each chunk (copy the old weights, update, sums, zero): the update
// lanes do exactly the scalar loop's float operations, and the sums below are add_update_sums'
// partial sums, so every bit is the same. The elements past the last multiple of 4 are left to the
// chunked loop, which then adds them to acc[0] and acc[4] as before.

// acc[0..7] of add_update_sums as four f64x2 vectors: lane j of (u01, u23) gets exactly the
// double operations the scalar loop gives acc[j] (promote, subtract, multiply, add, in the same
// order), and likewise (w01, w23) for acc[4 + j].
struct UpdateSums {
    v128_t u01, u23, w01, w23;
};

UpdateSums load_sums(const double* acc) {
    return {wasm_v128_load(acc), wasm_v128_load(acc + 2), wasm_v128_load(acc + 4), wasm_v128_load(acc + 6)};
}

void store_sums(const UpdateSums& s, double* acc) {
    wasm_v128_store(acc, s.u01);
    wasm_v128_store(acc + 2, s.u23);
    wasm_v128_store(acc + 4, s.w01);
    wasm_v128_store(acc + 6, s.w23);
}

void add_update_sums(UpdateSums& s, v128_t old4, v128_t new4) {
    const v128_t olo = wasm_f64x2_promote_low_f32x4(old4);
    const v128_t ohi = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(old4, old4, 2, 3, 0, 1));
    const v128_t plo = wasm_f64x2_promote_low_f32x4(new4);
    const v128_t phi = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(new4, new4, 2, 3, 0, 1));
    const v128_t dlo = wasm_f64x2_sub(plo, olo), dhi = wasm_f64x2_sub(phi, ohi);
    s.u01 = wasm_f64x2_add(s.u01, wasm_f64x2_mul(dlo, dlo));
    s.u23 = wasm_f64x2_add(s.u23, wasm_f64x2_mul(dhi, dhi));
    s.w01 = wasm_f64x2_add(s.w01, wasm_f64x2_mul(olo, olo));
    s.w23 = wasm_f64x2_add(s.w23, wasm_f64x2_mul(ohi, ohi));
}

// sgd_update's loop on the first n rounded down to a multiple of 4 elements; returns that count.
// sums: add to acc[0..7].
std::size_t sgd_update_fused(float* p, float* g, float* buf, std::size_t n, float lr, float momentum, float dampening,
                             bool nesterov, float weight_decay, bool first_step, bool sums, double* acc,
                             bool zero_grad) {
    const v128_t lr4 = wasm_f32x4_splat(lr), momentum4 = wasm_f32x4_splat(momentum),
                 undamped4 = wasm_f32x4_splat(1.0f - dampening), decay4 = wasm_f32x4_splat(weight_decay);
    UpdateSums s = load_sums(acc);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const v128_t o = wasm_v128_load(p + i);
        v128_t d = wasm_v128_load(g + i);
        if (weight_decay != 0.0f) d = wasm_f32x4_add(d, wasm_f32x4_mul(decay4, o));
        if (momentum != 0.0f) {
            const v128_t b = first_step
                ? d
                : wasm_f32x4_add(wasm_f32x4_mul(momentum4, wasm_v128_load(buf + i)), wasm_f32x4_mul(undamped4, d));
            wasm_v128_store(buf + i, b);
            d = nesterov ? wasm_f32x4_add(d, wasm_f32x4_mul(momentum4, b)) : b;
        }
        const v128_t p_new = wasm_f32x4_sub(o, wasm_f32x4_mul(lr4, d));
        wasm_v128_store(p + i, p_new);
        if (zero_grad) wasm_v128_store(g + i, wasm_f32x4_splat(0.0f));
        if (sums) add_update_sums(s, o, p_new);
    }
    store_sums(s, acc);
    return i;
}

// adam_update's loop on the first n rounded down to a multiple of 4 elements, its constants
// computed there; returns that count. sums: add to acc[0..7].
std::size_t adam_update_fused(float* p, float* g, float* m, float* v, std::size_t n, float beta1, float beta2,
                              float eps, float step_size, float bc2_sqrt, float decay, float l2, bool apply_decay,
                              bool sums, double* acc, bool zero_grad) {
    const v128_t beta1_4 = wasm_f32x4_splat(beta1), beta2_4 = wasm_f32x4_splat(beta2),
                 one_minus_beta1 = wasm_f32x4_splat(1.0f - beta1), one_minus_beta2 = wasm_f32x4_splat(1.0f - beta2),
                 eps4 = wasm_f32x4_splat(eps), step_size4 = wasm_f32x4_splat(step_size),
                 bc2_sqrt4 = wasm_f32x4_splat(bc2_sqrt), decay4 = wasm_f32x4_splat(decay), l2_4 = wasm_f32x4_splat(l2);
    UpdateSums s = load_sums(acc);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const v128_t o = wasm_v128_load(p + i);
        const v128_t w = apply_decay ? wasm_f32x4_mul(o, decay4) : o;
        v128_t gi = wasm_v128_load(g + i);
        if (l2 != 0.0f) gi = wasm_f32x4_add(gi, wasm_f32x4_mul(l2_4, o));
        const v128_t mi =
            wasm_f32x4_add(wasm_f32x4_mul(beta1_4, wasm_v128_load(m + i)), wasm_f32x4_mul(one_minus_beta1, gi));
        const v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(beta2_4, wasm_v128_load(v + i)),
                                         wasm_f32x4_mul(wasm_f32x4_mul(one_minus_beta2, gi), gi));
        wasm_v128_store(m + i, mi);
        wasm_v128_store(v + i, vi);
        const v128_t denom = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_sqrt(vi), bc2_sqrt4), eps4);
        const v128_t p_new = wasm_f32x4_sub(w, wasm_f32x4_mul(step_size4, wasm_f32x4_div(mi, denom)));
        wasm_v128_store(p + i, p_new);
        if (zero_grad) wasm_v128_store(g + i, wasm_f32x4_splat(0.0f));
        if (sums) add_update_sums(s, o, p_new);
    }
    store_sums(s, acc);
    return i;
}
#endif

void store_update_sums(const double* acc, double* sq_update, double* sq_weight) {
    if (sq_update) *sq_update = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    if (sq_weight) *sq_weight = (acc[4] + acc[5]) + (acc[6] + acc[7]);
}

}  // namespace

void sgd_update(float* p, float* g, float* buf, std::size_t n, float lr, float momentum, float dampening, bool nesterov,
                float weight_decay, bool first_step, double* sq_update, double* sq_weight, bool zero_grad) {
    const bool sums = sq_update || sq_weight;
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t done = 0;
#if defined(__wasm_simd128__)
    done = sgd_update_fused(p, g, buf, n, lr, momentum, dampening, nesterov, weight_decay, first_step, sums, acc,
                            zero_grad);
#endif
    alignas(16) float old[kChunk];
    for (std::size_t c0 = done; c0 < n; c0 += kChunk) {
        const std::size_t m = n - c0 < kChunk ? n - c0 : kChunk;
        float* pc = p + c0;
        float* gc = g + c0;
        if (sums) std::memcpy(old, pc, m * sizeof(float));
        if (momentum != 0.0f) {
            float* bc = buf + c0;
            for (std::size_t i = 0; i < m; i++) {
                const float o = pc[i];
                float d = gc[i];
                if (weight_decay != 0.0f) d += weight_decay * o;
                bc[i] = first_step ? d : momentum * bc[i] + (1.0f - dampening) * d;
                d = nesterov ? d + momentum * bc[i] : bc[i];
                pc[i] = o - lr * d;
            }
        } else {
            for (std::size_t i = 0; i < m; i++) {
                const float o = pc[i];
                float d = gc[i];
                if (weight_decay != 0.0f) d += weight_decay * o;
                pc[i] = o - lr * d;
            }
        }
        if (sums) add_update_sums(acc, pc, old, m);
        if (zero_grad) std::memset(gc, 0, m * sizeof(float));
    }
    store_update_sums(acc, sq_update, sq_weight);
}

void adam_update(float* p, float* g, float* m, float* v, std::size_t n, float lr, float beta1, float beta2, float eps,
                 float weight_decay, bool decoupled, std::int64_t t, double* sq_update, double* sq_weight,
                 bool zero_grad) {
    // bias corrections in double, as torch computes them in Python floats
    const double bc1 = 1.0 - std::pow(static_cast<double>(beta1), static_cast<double>(t));
    const double bc2 = 1.0 - std::pow(static_cast<double>(beta2), static_cast<double>(t));
    const float step_size = static_cast<float>(static_cast<double>(lr) / bc1);
    const float bc2_sqrt = static_cast<float>(std::sqrt(bc2));
    const float decay = decoupled ? static_cast<float>(1.0 - static_cast<double>(lr) * weight_decay) : 1.0f;
    const float l2 = decoupled ? 0.0f : weight_decay;
    const bool apply_decay = decoupled && weight_decay != 0.0f;
    const bool sums = sq_update || sq_weight;
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t done = 0;
#if defined(__wasm_simd128__)
    done = adam_update_fused(p, g, m, v, n, beta1, beta2, eps, step_size, bc2_sqrt, decay, l2, apply_decay, sums, acc,
                             zero_grad);
#endif
    alignas(16) float old[kChunk];
    for (std::size_t c0 = done; c0 < n; c0 += kChunk) {
        const std::size_t cn = n - c0 < kChunk ? n - c0 : kChunk;
        float* pc = p + c0;
        float* gc = g + c0;
        float* mc = m + c0;
        float* vc = v + c0;
        if (sums) std::memcpy(old, pc, cn * sizeof(float));
        for (std::size_t i = 0; i < cn; i++) {
            const float o = pc[i];
            const float w = apply_decay ? o * decay : o;           // term 1: decoupled decay (AdamW)
            const float gi = l2 != 0.0f ? gc[i] + l2 * o : gc[i];  // term 1': L2 penalty in the gradient (Adam)
            const float mi = beta1 * mc[i] + (1.0f - beta1) * gi;
            const float vi = beta2 * vc[i] + (1.0f - beta2) * gi * gi;
            mc[i] = mi;
            vc[i] = vi;
            const float denom = std::sqrt(vi) / bc2_sqrt + eps;
            pc[i] = w - step_size * (mi / denom);  // term 2: the Adam step
        }
        if (sums) add_update_sums(acc, pc, old, cn);
        if (zero_grad) std::memset(gc, 0, cn * sizeof(float));
    }
    store_update_sums(acc, sq_update, sq_weight);
}

double gradient_norms(const ParameterSet& params, double* tensor_sq) {
    const float* g = params.grads();
    const auto& ts = params.tensors();
    double total = 0.0;
    if (!tensor_sq) {
        for (const auto& t : ts) total += sum_squares_about(g + t.offset, t.size, 0.0);
        return std::sqrt(total);
    }
    // Each tensor's sum by fours (kernels/double_sums.h), two tensors of one size at a time (every
    // block's fc and fc2 weights, every layer's): their chains of adds overlap. -1 marks a tensor not
    // yet summed (a sum is >= 0, +inf or NaN).
    constexpr double kNotYet = -1.0;
    for (std::size_t t = 0; t < ts.size(); t++) tensor_sq[t] = kNotYet;
    for (std::size_t t = 0; t < ts.size(); t++) {
        if (!(tensor_sq[t] == kNotYet)) continue;
        std::size_t u = t + 1;
        while (u < ts.size() && !(ts[u].size == ts[t].size && tensor_sq[u] == kNotYet)) u++;
        if (u < ts.size())
            sum_squares_two(g + ts[t].offset, ts[t].size, g + ts[u].offset, ts[u].size, &tensor_sq[t], &tensor_sq[u]);
        else
            tensor_sq[t] = sum_squares_about(g + ts[t].offset, ts[t].size, 0.0);
    }
    for (std::size_t t = 0; t < ts.size(); t++) total += tensor_sq[t];
    return std::sqrt(total);
}

void scale_gradients(ParameterSet& params, float scale) {
    float* g = params.grads();
    const std::size_t n = params.size();
    for (std::size_t i = 0; i < n; i++) g[i] *= scale;
}

float clip_scale(double norm, float max_norm) {
    if (!(max_norm > 0.0f) || !(norm > static_cast<double>(max_norm))) return 1.0f;
    return static_cast<float>(static_cast<double>(max_norm) / (norm + 1e-6));
}

Optimizer::Optimizer(const OptimizerConfig& cfg, const ParameterSet& params) : cfg_(cfg), n_(params.size()) {
    validate(cfg);
    if (!params.allocated()) throw std::logic_error("Optimizer: parameters are not allocated");
    const std::size_t per = cfg.kind == OptimizerKind::sgd ? (cfg.momentum != 0.0f ? 1 : 0) : 2;
    state_.assign(per * n_, 0.0f);
}

void Optimizer::step(ParameterSet& params, float lr, double* tensor_sq_update, double* tensor_sq_weight,
                     bool zero_grad) {
    t_++;
    float* p = params.values();
    float* g = params.grads();
    const auto& ts = params.tensors();
    for (std::size_t t = 0; t < ts.size(); t++) {
        const std::size_t off = ts[t].offset, n = ts[t].size;
        const float wd = ts[t].decay ? cfg_.weight_decay : 0.0f;
        double* su = tensor_sq_update ? tensor_sq_update + t : nullptr;
        double* sw = tensor_sq_weight ? tensor_sq_weight + t : nullptr;
        if (cfg_.kind == OptimizerKind::sgd) {
            float* buf = state_.empty() ? nullptr : state_.data() + off;
            sgd_update(p + off, g + off, buf, n, lr, cfg_.momentum, cfg_.dampening, cfg_.nesterov, wd, t_ == 1, su, sw,
                       zero_grad);
        } else {
            adam_update(p + off, g + off, state_.data() + off, state_.data() + n_ + off, n, lr, cfg_.beta1, cfg_.beta2,
                        cfg_.eps, wd, cfg_.kind == OptimizerKind::adamw, t_, su, sw, zero_grad);
        }
    }
}

}  // namespace normlab
