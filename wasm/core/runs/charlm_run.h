// One char-LM run as a single object: a text split 90/10, a CharTransformer and the shared Trainer,
// with seeded batch streams for training and validation. The native tools and the WASM bindings
// both build runs through this class, so the same config and seed give the same run everywhere.
//
//   CharLmRun run(config, text);      // validates everything before any work
//   while (!run.done()) run.step();          // one Trainer step on a fresh random batch
//   double v = run.val_loss();               // mean loss over fixed validation batches (eval mode)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/text_data.h"
#include "engine/trainer.h"
#include "models/transformer.h"

namespace normlab {

struct CharLmRunConfig {
    CharTransformerConfig model;  // vocab_size is set from the text by the experiment
    TrainConfig train;
    std::size_t batch_size = 16;  // B (model.max_batch is set to this)
    std::size_t steps = 200;
    std::size_t val_batches = 4;  // batches averaged by val_loss()
    std::uint64_t seed = 1;       // initialisation (model.seed is set to this) and batch streams
};

// Throws std::invalid_argument for any bad setting, including a context longer than a split of
// `text` (checked against the data before the model is built).
void validate(const CharLmRunConfig& c);

class CharLmRun {
  public:
    CharLmRun(const CharLmRunConfig& config, const std::string& text);

    const StepMetrics& step() {
        last_batch_ = train_->next();
        return trainer_->step(last_batch_);
    }
    // The batch of the last step() (valid until the next step(); empty before the first).
    const Batch& last_batch() const { return last_batch_; }
    bool done() const { return trainer_->stopped() || trainer_->steps_done() >= cfg_.steps; }
    // Mean cross-entropy over val_batches fixed validation batches (the same batches every call),
    // in eval mode; restores training mode afterwards.
    double val_loss();

    CharTransformer<float>& model() { return *model_; }
    Trainer& trainer() { return *trainer_; }
    const CharDataset& data() const { return *data_; }
    const CharLmRunConfig& config() const { return cfg_; }

  private:
    CharLmRunConfig cfg_;
    std::unique_ptr<CharDataset> data_;
    std::unique_ptr<CharTransformer<float>> model_;
    std::unique_ptr<Trainer> trainer_;
    std::unique_ptr<CharBatchSource> train_, val_;
    Batch last_batch_;
    std::uint64_t val_seed_ = 0;
};

// Xiong et al.'s (2020, Fig. 3) "expected gradient" of one parameter tensor: over n mini-batches
// at the same parameters, the Frobenius norm of the mean gradient ‖(1/n) Σ_b G_b‖_F, beside the
// mean of the per-batch norms (1/n) Σ_b ‖G_b‖_F. Batch noise cancels in the first, not in the
// second, so the two differ when the per-batch gradients point in different directions.
struct GradientAverage {
    std::vector<double> sum;  // Σ_b G_b, sized by the first add()
    double norm_sum = 0;      // Σ_b ‖G_b‖_F
    std::size_t batches = 0;
    // Adds one batch's gradient g (size values; every add must have the same size).
    void add(const float* g, std::size_t size);
    double expected_norm() const;    // ‖mean‖_F (0 before any add)
    double mean_batch_norm() const;  // mean of the per-batch norms (0 before any add)
};

// Per block l = 1..L, the gradient of its second FFN matrix (blocks.<l-1>.mlp.proj.weight) at the
// run's current parameters over `batches` fresh training batches (their own seeded stream, so the
// training batches are not consumed): {expected_norm, mean_batch_norm} per block. Runs forward +
// backward in training mode without an optimizer step; leaves the gradients of the last batch in
// the model (the next Trainer step zeroes them).
struct FfnGradientProfile {
    std::vector<double> expected, per_batch;  // (L) each
};
FfnGradientProfile ffn_gradient_profile(CharLmRun& run, std::size_t batches);

// A deterministic stand-in text for benchmarks: `n` bytes over a 65-symbol alphabet (TinyShakespeare's
// vocabulary size) from Rng(seed); no file needed natively or in WASM.
std::string synthetic_text(std::size_t n, std::uint64_t seed);

// The benchmark configuration "charlm_2x256" (native and WASM benchmarks use this one definition):
// 2 Pre-LN blocks (LayerNorm), d_model 256, 4 heads, context 64, batch 16, vocabulary 65, AdamW
// lr 3e-4 weight decay 0.1, per-layer metrics on.
CharLmRunConfig charlm_2x256_bench_config();

}  // namespace normlab
