// One MLP-lab run as a single object: a synthetic data set, an MLP and a Trainer, built from one
// flat list of settings. The native tools and the WASM bindings both build runs through
// apply_setting(), so a setting means the same thing everywhere (and the same seed gives the same
// run natively and in WASM).
//
// Settings (key = value; values are strings as typed, numbers parsed strictly):
//   data:      data (teacher | gaussian_mixture), input_dim, num_classes, num_samples,
//              teacher_hidden, separation, cluster_std, seed (also seeds the initialisation)
//   model:     hidden_dim, num_layers, batch_size, activation (relu | gelu | tanh),
//              norm (none | batch | layer | rms | group | instance | dyt), norm_eps, norm_groups,
//              norm_momentum, dyt_alpha, norm_position (before_activation | after_activation),
//              bias (true | false), init (pytorch_default | kaiming_normal | kaiming_uniform |
//              xavier_uniform | xavier_normal | normal), init_std
//   training:  steps, optimizer (sgd | adam | adamw), lr, momentum, dampening, nesterov, beta1,
//              beta2, eps, weight_decay, schedule (constant | linear_warmup | cosine),
//              warmup_steps, total_steps (default: steps), min_lr_ratio, clip_grad_norm,
//              layer_metrics (true | false)
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "models/mlp.h"
#include "data/synthetic_data.h"
#include "engine/trainer.h"

namespace normlab {

struct MlpRunConfig {
    SyntheticConfig data;
    MlpConfig model;
    TrainConfig train;
    std::size_t steps = 100;
    bool total_steps_set = false;  // total_steps given explicitly (else it follows steps)
};

// Sets one key; throws std::invalid_argument for an unknown key or a malformed value.
void apply_setting(MlpRunConfig& c, const std::string& key, const std::string& value);
// Throws std::invalid_argument for any bad setting (sizes, rates, memory budget), before any work.
void validate(const MlpRunConfig& c);

class MlpRun {
  public:
    explicit MlpRun(const MlpRunConfig& config);  // validates, builds data, model, trainer

    const StepMetrics& step() { return trainer_->step(data_->next()); }
    bool done() const { return trainer_->stopped() || trainer_->steps_done() >= cfg_.steps; }

    Mlp& model() { return *model_; }
    Trainer& trainer() { return *trainer_; }
    SyntheticClassification& data() { return *data_; }
    const MlpRunConfig& config() const { return cfg_; }

  private:
    MlpRunConfig cfg_;
    std::unique_ptr<SyntheticClassification> data_;
    std::unique_ptr<Mlp> model_;
    std::unique_ptr<Trainer> trainer_;
};

// Runs config.steps steps and returns the loss of each (shorter if the run diverged; the last
// entry is then the non-finite loss or the loss of the step whose gradients were non-finite).
std::vector<float> run_mlp_loss_curve(const MlpRunConfig& config);

// The benchmark configuration "mlp12x256" (native and WASM benchmarks use this one definition):
// teacher data D = 256, K = 10; 12 hidden layers of width 256, ReLU, `norm` before the
// activation; batch 64; plain SGD lr 0.01; per-layer metrics on.
MlpRunConfig mlp12x256_bench_config(NormType norm);

}  // namespace normlab
