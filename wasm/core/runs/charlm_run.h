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

// A deterministic stand-in text for benchmarks: `n` bytes over a 65-symbol alphabet (TinyShakespeare's
// vocabulary size) from Rng(seed); no file needed natively or in WASM.
std::string synthetic_text(std::size_t n, std::uint64_t seed);

// The benchmark configuration "charlm_2x256" (native and WASM benchmarks use this one definition):
// 2 Pre-LN blocks (LayerNorm), d_model 256, 4 heads, context 64, batch 16, vocabulary 65, AdamW
// lr 3e-4 weight decay 0.1, per-layer metrics on.
CharLmRunConfig charlm_2x256_bench_config();

}  // namespace normlab
