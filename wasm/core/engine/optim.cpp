#include "engine/optim.h"

#include <cmath>
#include <stdexcept>

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

void sgd_update(float* p, const float* g, float* buf, std::size_t n, float lr, float momentum, float dampening,
                bool nesterov, float weight_decay, bool first_step, double* sq_update, double* sq_weight) {
    double su = 0.0, sw = 0.0;
    for (std::size_t i = 0; i < n; i++) {
        const float old = p[i];
        float d = g[i];
        if (weight_decay != 0.0f) d += weight_decay * old;
        if (momentum != 0.0f) {
            buf[i] = first_step ? d : momentum * buf[i] + (1.0f - dampening) * d;
            d = nesterov ? d + momentum * buf[i] : buf[i];
        }
        p[i] = old - lr * d;
        if (sq_update) {
            const double u = static_cast<double>(p[i]) - static_cast<double>(old);
            su += u * u;
            sw += static_cast<double>(old) * static_cast<double>(old);
        }
    }
    if (sq_update) *sq_update = su;
    if (sq_weight) *sq_weight = sw;
}

void adam_update(float* p, const float* g, float* m, float* v, std::size_t n, float lr, float beta1, float beta2,
                 float eps, float weight_decay, bool decoupled, std::int64_t t, double* sq_update, double* sq_weight) {
    // bias corrections in double, as torch computes them in Python floats
    const double bc1 = 1.0 - std::pow(static_cast<double>(beta1), static_cast<double>(t));
    const double bc2 = 1.0 - std::pow(static_cast<double>(beta2), static_cast<double>(t));
    const float step_size = static_cast<float>(static_cast<double>(lr) / bc1);
    const float bc2_sqrt = static_cast<float>(std::sqrt(bc2));
    const float decay = decoupled ? static_cast<float>(1.0 - static_cast<double>(lr) * weight_decay) : 1.0f;
    const float l2 = decoupled ? 0.0f : weight_decay;
    double su = 0.0, sw = 0.0;
    for (std::size_t i = 0; i < n; i++) {
        const float old = p[i];
        float w = old;
        if (decoupled && weight_decay != 0.0f) w *= decay;  // term 1: decoupled decay (AdamW)
        float gi = g[i];
        if (l2 != 0.0f) gi += l2 * old;  // term 1': L2 penalty in the gradient (Adam)
        m[i] = beta1 * m[i] + (1.0f - beta1) * gi;
        v[i] = beta2 * v[i] + (1.0f - beta2) * gi * gi;
        const float denom = std::sqrt(v[i]) / bc2_sqrt + eps;
        p[i] = w - step_size * (m[i] / denom);  // term 2: the Adam step
        if (sq_update) {
            const double u = static_cast<double>(p[i]) - static_cast<double>(old);
            su += u * u;
            sw += static_cast<double>(old) * static_cast<double>(old);
        }
    }
    if (sq_update) *sq_update = su;
    if (sq_weight) *sq_weight = sw;
}

double gradient_norms(const ParameterSet& params, double* tensor_sq) {
    const float* g = params.grads();
    double total = 0.0;
    const auto& ts = params.tensors();
    for (std::size_t t = 0; t < ts.size(); t++) {
        const float* gt = g + ts[t].offset;
        // four partial sums: shorter dependency chains, same order on every target
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        std::size_t i = 0;
        const std::size_t n = ts[t].size;
        for (; i + 4 <= n; i += 4) {
            s0 += static_cast<double>(gt[i]) * gt[i];
            s1 += static_cast<double>(gt[i + 1]) * gt[i + 1];
            s2 += static_cast<double>(gt[i + 2]) * gt[i + 2];
            s3 += static_cast<double>(gt[i + 3]) * gt[i + 3];
        }
        for (; i < n; i++) s0 += static_cast<double>(gt[i]) * gt[i];
        const double s = (s0 + s1) + (s2 + s3);
        if (tensor_sq) tensor_sq[t] = s;
        total += s;
    }
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

void Optimizer::step(ParameterSet& params, float lr, double* tensor_sq_update, double* tensor_sq_weight) {
    t_++;
    float* p = params.values();
    const float* g = params.grads();
    const auto& ts = params.tensors();
    for (std::size_t t = 0; t < ts.size(); t++) {
        const std::size_t off = ts[t].offset, n = ts[t].size;
        const float wd = ts[t].decay ? cfg_.weight_decay : 0.0f;
        double* su = tensor_sq_update ? tensor_sq_update + t : nullptr;
        double* sw = tensor_sq_weight ? tensor_sq_weight + t : nullptr;
        if (cfg_.kind == OptimizerKind::sgd) {
            float* buf = state_.empty() ? nullptr : state_.data() + off;
            sgd_update(p + off, g + off, buf, n, lr, cfg_.momentum, cfg_.dampening, cfg_.nesterov, wd, t_ == 1, su, sw);
        } else {
            adam_update(p + off, g + off, state_.data() + off, state_.data() + n_ + off, n, lr, cfg_.beta1, cfg_.beta2,
                        cfg_.eps, wd, cfg_.kind == OptimizerKind::adamw, t_, su, sw);
        }
    }
}

}  // namespace normlab
