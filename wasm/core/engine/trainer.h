// The training loop's one step, shared by every model family:
//
//   Trainer trainer(model, train_config);       // validates, allocates optimizer + metric state
//   while (!trainer.stopped()) {
//       const StepMetrics& m = trainer.step(source.next());
//       ...                                     // m.loss, m.grad_norm, m.layer_act_std, ...
//   }
//
// step(): zero_grad -> forward -> backward -> gradient norms (global and per metric layer) ->
// divergence check -> clipping -> schedule -> optimizer (with per-layer update/weight ratios) ->
// StepMetrics, timed with steady_clock. Nothing is allocated after construction: the returned
// StepMetrics is the Trainer's own, overwritten by the next step.
//
// The optimizer zeroes each gradient in the pass that consumes it, so after a completed step the
// parameters' gradients are 0 and the next step's zero_grad is skipped; it runs at the first step
// and after any step that did not reach the optimizer. Code that writes the gradients between two
// steps must leave them at zero (runs/charlm_run.cpp's ffn_gradient_profile ends with zero_grad()).
//
// Divergence: if the loss or any gradient is non-finite (NaN or +-inf), the step reports
// diverged = true with its step number, the parameters are left as they were before the step
// (the optimizer is not run), and the trainer stops: later step() calls do no work and return
// the same metrics. No exception is thrown for a diverging run.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/model.h"
#include "engine/optim.h"

namespace normlab {

struct TrainConfig {
    OptimizerConfig optimizer;
    ScheduleConfig schedule;
    float clip_grad_norm = 0.0f;  // 0: off (default); > 0: clip the global gradient norm to this
    bool layer_metrics = true;    // per-layer grad norms, activation std and update ratios
};

void validate(const TrainConfig& c);

struct StepMetrics {
    std::size_t step = 0;  // 0-based index of this step
    float loss = 0.0f;
    float lr = 0.0f;            // learning rate used
    float grad_norm = 0.0f;     // global L2 norm BEFORE clipping
    float clip_scale = 1.0f;    // factor the gradients were multiplied by (1: not clipped)
    float update_ratio = 0.0f;  // ||delta p|| / ||p|| over all parameters (0 without layer_metrics)
    double step_ms = 0.0;       // wall time of the whole step (steady_clock)
    bool diverged = false;      // loss or a gradient was non-finite in THIS step
    // per metric layer (model.num_metric_layers() entries; empty without layer_metrics)
    std::vector<float> layer_grad_norm;
    std::vector<float> layer_act_std;
    std::vector<float> layer_update_ratio;
};

class Trainer {
  public:
    Trainer(Model& model, const TrainConfig& config);

    // Runs one step on `batch` (or nothing, if the run already stopped).
    const StepMetrics& step(const Batch& batch);

    // Per-layer metrics on or off from the next step (StepMetrics' per-layer vectors are empty while
    // off; the update-ratio sums are then not taken). A run that reads them only at its first step,
    // or never, turns them off to save their passes, the model's per-layer activation std with them
    // (Model::set_activation_std). The model's other statistics (a transformer's attention logits:
    // Model::set_collect_stats, which the constructor sets from layer_metrics) stay as they are, for a
    // run that still reads them (the lr-sweep); turning the metrics on turns those on too. Training is
    // the same either way, bit for bit.
    void set_layer_metrics(bool on);

    bool stopped() const { return stopped_; }
    // Step number at which the run diverged; meaningful only when diverged() is true.
    bool diverged() const { return diverged_; }
    std::size_t diverged_step() const { return diverged_step_; }
    std::size_t steps_done() const { return steps_done_; }
    const StepMetrics& last() const { return metrics_; }
    Optimizer& optimizer() { return optimizer_; }

  private:
    Model& model_;
    TrainConfig config_;
    Optimizer optimizer_;
    StepMetrics metrics_;
    std::vector<double> tensor_sq_grad_, tensor_sq_update_, tensor_sq_weight_;  // (num_tensors)
    std::vector<double> layer_a_, layer_b_;                                     // (num_layers) scratch
    std::size_t steps_done_ = 0, diverged_step_ = 0;
    bool stopped_ = false, diverged_ = false;
    bool grads_zeroed_ = false;  // the last step's optimizer left every gradient 0
};

}  // namespace normlab
