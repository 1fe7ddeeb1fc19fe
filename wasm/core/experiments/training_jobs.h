// The Job implementations shared by the training experiments (norm-compare, pre-post, bn-cnn,
// bn-vs-gn), and the loss statistics their summaries use.
//
//   CharLmJob  one CharLmRun (char transformer on a text, the shared Trainer): train loss,
//              grad norm and step time every step, validation loss at step 0, every eval_every
//              steps and at the end; per-layer gradient norms of the first step (at initialisation).
//   CnnJob     one Cnn on the synthetic shape images: train loss and accuracy every step; validation
//              accuracy and loss on a held-out set (eval mode: BatchNorm uses its running
//              statistics) at step 0, every eval_every steps and at the end.
//
// Both stop cleanly when the run diverges: the Trainer reports a non-finite loss or gradient, or
// (diverge_factor > 0) the loss exceeds diverge_factor times the first step's loss, a run that has
// blown up without (yet) overflowing. The step is recorded as diverged_at (a non-finite loss as
// null), result()["metrics"]["diverged_reason"] says which, and no point follows it.
//
// Pairing: variants of one seed draw their initialisation from the same seed (the models draw
// their tensors in a fixed order, and norm parameters use no randomness) and their batches from
// the same seed-derived stream, so they start equal where shapes agree and see the same data.
// result()["metrics"]["first_batch_fingerprint"] (FNV-1a of the first batch's inputs and targets)
// lets a test check it.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runs/charlm_run.h"
#include "models/cnn.h"
#include "engine/fingerprint.h"
#include "experiments/experiment.h"
#include "experiments/report.h"
#include "data/image_data.h"

namespace normlab {

// ---- char LM -------------------------------------------------------------------------------
class CharLmJob final : public Job {
  public:
    // `text` must not be null (throws std::invalid_argument otherwise); a context longer than a
    // split of the text throws std::invalid_argument naming both lengths and the setting.
    CharLmJob(const JobSpec& spec, const CharLmRunConfig& run, int eval_every, double diverge_factor,
              const std::string* text, Json extra_metrics = Json::object());

    int total_steps() const override { return static_cast<int>(run_->config().steps); }
    int steps_done() const override { return static_cast<int>(loss_.size()); }
    bool stopped_early() const override { return diverged_at_ >= 0; }
    // points: step, train_loss, grad_norm, step_ms; at evaluations val_loss [[step, v]] and the
    // same as parallel arrays eval_step / eval_val_loss (for charts); on the first step layer /
    // init_grad_norm (per metric layer); at the end final_val_loss (one value).
    Json advance(int max_steps) override;
    Json result() const override;

    CharLmRun& run() { return *run_; }
    // Before the first advance: also measure Xiong's expected gradient of each block's second FFN
    // matrix at initialisation over `batches` batches (runs/charlm_run.h, ffn_gradient_profile);
    // reported on the first advance as points block / ffn_grad_expected / ffn_grad_per_batch and in
    // result()["metrics"].
    void measure_ffn_profile(std::size_t batches) { profile_batches_ = batches; }

  private:
    void evaluate(Json& points);

    JobSpec spec_;
    int eval_every_;
    double diverge_factor_;
    std::string diverged_reason_;
    Json extra_;
    std::unique_ptr<CharLmRun> run_;
    std::vector<double> loss_, grad_norm_, step_ms_, init_layer_grad_norm_;
    std::vector<std::pair<int, double>> val_;
    std::uint32_t first_batch_fingerprint_ = 0;
    long diverged_at_ = -1;
    std::size_t profile_batches_ = 0;
    FfnGradientProfile profile_;
};

// ---- CNN on the shape images ------------------------------------------------------------------
struct CnnJobConfig {
    CnnConfig model;
    TrainConfig train;
    ShapeImagesConfig data;       // the training set (its seed is set from the job's seed)
    std::size_t val_count = 256;  // held-out images (another seed)
    std::size_t batch_size = 16;
    std::size_t steps = 100;
    int eval_every = 20;
    double diverge_factor = 0;  // > 0: stop when the loss exceeds this times the first step's
    // BatchNorm models, after the last step: two more evaluations of the held-out set besides eval
    // mode with the running statistics: with the statistics of each held-out batch of batch_size
    // images (train-mode forwards; the running statistics are restored after), and with precise
    // BatchNorm (running statistics recomputed over the whole training set, Cnn's
    // recompute_batchnorm_statistics). Reported as final_val_acc_batch_stats / final_val_acc_precise.
    bool bn_evaluations = false;
};

class CnnJob final : public Job {
  public:
    CnnJob(const JobSpec& spec, const CnnJobConfig& config, Json extra_metrics = Json::object());

    int total_steps() const override { return static_cast<int>(cfg_.steps); }
    int steps_done() const override { return static_cast<int>(loss_.size()); }
    bool stopped_early() const override { return diverged_at_ >= 0; }
    // points: step, samples, train_loss, train_acc; at evaluations eval_step, eval_samples, val_acc
    // (parallel arrays) and val_loss [[step, v]]; at the end final_val_acc (one value), and with
    // bn_evaluations on a BatchNorm model final_val_acc_batch_stats and final_val_acc_precise.
    Json advance(int max_steps) override;
    Json result() const override;

    const CnnJobConfig& config() const { return cfg_; }
    Cnn<float>& model() { return *model_; }

  private:
    void evaluate(Json& points);
    // Accuracy on the held-out set in chunks of `chunk` images, in train mode (batch statistics,
    // running statistics restored after) or eval mode.
    double held_out_accuracy(std::size_t chunk, bool train_mode);
    void bn_evaluations();

    JobSpec spec_;
    CnnJobConfig cfg_;
    double acc_batch_stats_ = NAN, acc_precise_ = NAN;
    Json extra_;
    ShapeImages train_, val_;
    std::unique_ptr<Cnn<float>> model_;
    std::unique_ptr<Trainer> trainer_;
    std::unique_ptr<ShapeBatchSource> source_;
    std::vector<double> loss_, acc_, step_ms_;
    std::vector<int> eval_step_;
    std::uint32_t first_batch_fingerprint_ = 0;
    std::vector<double> val_acc_, val_loss_;
    std::string diverged_reason_;
    long diverged_at_ = -1;
};

// ---- settings shared by the char-LM experiments --------------------------------------------------
// Reads the keys d_model, n_heads, context, batch, steps, val_batches (and init, "gpt2" or "xavier",
// when the config has it) of an experiment's config into a run configuration (Adam, no weight
// decay, no clipping; layer metrics on for the per-layer gradient norms). warmup_steps 0: constant
// learning rate; otherwise linear warm-up.
CharLmRunConfig char_lm_run_config(const Json& config, std::size_t n_layers, NormPlacement placement, NormType norm,
                                   double lr, std::size_t warmup_steps, std::uint64_t seed);
// Throws std::invalid_argument naming the setting if those keys cannot make a model (n_heads not
// dividing d_model, over the memory budget, counted for a vocabulary of up to 256 symbols).
void check_char_lm_settings(const Json& config, std::size_t n_layers);

// ---- settings shared by the CNN experiments --------------------------------------------------------
// Reads the keys image_size, colour, channels (a list of whole numbers; strides 1, 2, 2, ...),
// train_images, val_images, noise, momentum, eval_every, diverge_factor: SGD with momentum at `lr`, no weight decay,
// no clipping, a constant learning rate.
CnnJobConfig cnn_job_config(const Json& config, NormType norm, double lr, std::size_t batch, std::size_t steps);
// Throws std::invalid_argument naming the setting if those keys cannot make a model with a batch of
// `max_batch` images and a GroupNorm of `groups` groups (0: no GroupNorm).
void check_cnn_settings(const Json& config, std::size_t max_batch, std::size_t groups);

// ---- statistics for summaries -------------------------------------------------------------------
// Loss spikes: a step t >= 5 whose loss exceeds the median of the previous min(window, t) losses by
// more than `threshold` (0.5 = 50%). Counts spikes among steps [begin, end). Null / non-finite
// entries (a diverged step) end the count.
int count_loss_spikes(const std::vector<double>& loss, std::size_t begin, std::size_t end, std::size_t window,
                      double threshold);
// Sum over steps t in [begin, end), t >= 1, of max(0, loss_t / loss_{t-1} - 1): the total relative
// rise of the loss from one step to the next (0 for a loss that only falls; batch noise makes it
// positive, an unstable run larger). Stops at the first non-finite loss.
double upward_jump_sum(const std::vector<double>& loss, std::size_t begin, std::size_t end);

// A result's train_loss as doubles (null -> NaN).
std::vector<double> loss_values(const Json& result);
// The last validation loss of a result (NaN if none), and the first (at step 0).
double last_val_loss(const Json& result);
double first_val_loss(const Json& result);

// Final validation accuracy of the CNN runs on a grid: per norm (the variant's first word) and
// grid point (the index of result["metrics"][key] in `grid`; results off the grid are skipped),
// the mean over seeds with a diverged run counting as `chance`, NaN where no run landed, and the
// number of diverged runs.
struct AccuracyGrid {
    std::map<std::string, std::vector<double>> mean_acc;
    std::map<std::string, std::vector<int>> diverged;
};
AccuracyGrid final_accuracy_grid(const std::vector<Json>& results, const std::string& key,
                                 const std::vector<double>& grid, double chance);

// Throws std::invalid_argument naming the key if a list field repeats a value.
void check_unique(const Json& config, const std::string& key);

// List fields holding whole numbers (FloatList has no integer kind): throws std::invalid_argument
// naming the key if an item is not a whole number.
void check_whole_numbers(const Json& config, const std::string& key);

}  // namespace normlab
