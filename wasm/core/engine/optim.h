// Optimizers, learning-rate schedules and gradient clipping, all as flat loops over a
// ParameterSet's values()/grads() (PyTorch semantics, checked against torch in the tests).
//
//   SGD (torch.optim.SGD):  g = grad + wd * p
//                           momentum > 0: buf = g (first step) | momentum * buf + (1 - dampening) * g
//                                         g = nesterov ? g + momentum * buf : buf
//                           p -= lr * g
//   Adam (torch.optim.Adam, L2 in the gradient):   g = grad + wd * p
//   AdamW (torch.optim.AdamW, decoupled):         p *= 1 - lr * wd;  g = grad
//     then, with t = step count from 1:
//       m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
//       p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
//
// Weight decay applies to every tensor whose TensorSet::Tensor::decay is true (PyTorch applies
// it to all parameters of a group; models mark every tensor decay = true unless told otherwise).
//
// Schedules give the learning rate of step s (0-based, the step about to be taken):
//   constant        lr
//   linear_warmup   lr * min(1, (s + 1) / warmup_steps)
//   cosine          warm-up as above, then lr_min + (lr - lr_min) * (1 + cos(pi * q)) / 2,
//                   q = (s - warmup) / (total - warmup) clamped to [0, 1], lr_min = min_lr_ratio * lr
//
// Clipping (torch.nn.utils.clip_grad_norm_): norm = ||grads||_2 over all tensors; if
// max_norm > 0 and norm > max_norm, grads *= max_norm / (norm + 1e-6). Off (0) by default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/tensor_buffers.h"

namespace normlab {

enum class OptimizerKind { sgd, adam, adamw };

const char* optimizer_kind_name(OptimizerKind k);
OptimizerKind parse_optimizer_kind(const std::string& s);

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::sgd;
    float lr = 0.01f;
    float momentum = 0.0f;   // sgd
    float dampening = 0.0f;  // sgd
    bool nesterov = false;   // sgd
    float beta1 = 0.9f;      // adam, adamw
    float beta2 = 0.999f;    // adam, adamw
    float eps = 1e-8f;       // adam, adamw
    float weight_decay = 0.0f;
};

// Throws std::invalid_argument naming the offending field.
void validate(const OptimizerConfig& c);

enum class ScheduleKind { constant, linear_warmup, cosine };

const char* schedule_kind_name(ScheduleKind k);
ScheduleKind parse_schedule_kind(const std::string& s);

struct ScheduleConfig {
    ScheduleKind kind = ScheduleKind::constant;
    std::size_t warmup_steps = 0;  // linear_warmup, cosine
    std::size_t total_steps = 0;   // cosine: the step where lr reaches lr_min
    float min_lr_ratio = 0.0f;     // cosine: lr_min = min_lr_ratio * lr
};

void validate(const ScheduleConfig& c);

// Learning rate for 0-based step `step`.
float learning_rate_at(const ScheduleConfig& c, float base_lr, std::size_t step);

// ---- kernels: one flat loop each; sq_update / sq_weight (nullable) receive the sums of the
// squared update (p_new - p_old) and of the squared old weights, for the update/weight ratio.
// zero_grad: the kernel sets g to 0 once it has used it, chunk by chunk while the chunk is in cache
// (the next step's zero_grad then has nothing to do: see Trainer::step).
void sgd_update(float* p, float* g, float* momentum_buf, std::size_t n, float lr, float momentum, float dampening,
                bool nesterov, float weight_decay, bool first_step, double* sq_update, double* sq_weight,
                bool zero_grad = false);
void adam_update(float* p, float* g, float* m, float* v, std::size_t n, float lr, float beta1, float beta2, float eps,
                 float weight_decay, bool decoupled, std::int64_t t, double* sq_update, double* sq_weight,
                 bool zero_grad = false);

// Sum of squares of each tensor's gradient (out: num_tensors, in double); returns the global
// L2 norm (non-finite if any gradient is).
double gradient_norms(const ParameterSet& params, double* tensor_sq);
// Scales all gradients by `scale`.
void scale_gradients(ParameterSet& params, float scale);
// clip_grad_norm_: returns the scale applied (1 if none); norm is the pre-clip global norm.
float clip_scale(double norm, float max_norm);

// Holds the optimizer state (one allocation, sized at construction) for one ParameterSet.
class Optimizer {
  public:
    Optimizer(const OptimizerConfig& cfg, const ParameterSet& params);

    // One update of every tensor with learning rate lr. If tensor_sq_update / tensor_sq_weight
    // are not nullptr (num_tensors each) they receive per-tensor sums for metrics. zero_grad: the
    // gradients are 0 afterwards (set in the same pass as the update, not in a pass of their own).
    void step(ParameterSet& params, float lr, double* tensor_sq_update, double* tensor_sq_weight,
              bool zero_grad = false);

    std::int64_t steps_taken() const { return t_; }
    const OptimizerConfig& config() const { return cfg_; }

  private:
    OptimizerConfig cfg_;
    std::vector<float> state_;  // sgd: momentum buffer (n); adam: m (n) then v (n)
    std::size_t n_ = 0;
    std::int64_t t_ = 0;
};

}  // namespace normlab
