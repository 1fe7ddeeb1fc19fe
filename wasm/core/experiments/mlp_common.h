// Helpers shared by the MLP experiments (norm-ablation, bn-eval): a synthetic data set split into
// a training part and a held-out part, training batches drawn from the training part only, and a
// fingerprint for pairing checks.
//
// SyntheticClassification (data/synthetic_data.h) generates samples one after another from its data
// stream, so the first n_train samples are the same whatever n_held_out is; the held-out samples
// come from the same distribution (same teacher or centres) and are never drawn for training.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/model.h"
#include "engine/fingerprint.h"
#include "engine/rng.h"
#include "data/synthetic_data.h"

namespace normlab {

class HeldOutSplit {
  public:
    // data.num_samples is replaced by n_train + n_held_out. Batches: Rng(data.seed).fork(0xBA7C)
    // (uniform indices with replacement into the training part), the same for every variant of a seed.
    HeldOutSplit(SyntheticConfig data, std::size_t n_train, std::size_t n_held_out, std::size_t batch_size)
        : n_train_(n_train),
          n_held_(n_held_out),
          D_(data.input_dim),
          B_(batch_size),
          set_(with_samples(data, n_train + n_held_out), 1),
          rng_(Rng(data.seed).fork(0xBA7C)),
          bx_(batch_size * data.input_dim),
          by_(batch_size) {}

    // The next training batch (buffers valid until the next call).
    Batch next() {
        for (std::size_t b = 0; b < B_; b++) {
            const std::size_t i = rng_.below(static_cast<std::uint32_t>(n_train_));
            for (std::size_t d = 0; d < D_; d++) bx_[b * D_ + d] = set_.x()[i * D_ + d];
            by_[b] = set_.y()[i];
        }
        Batch batch;
        batch.x = bx_.data();
        batch.targets = by_.data();
        batch.batch_size = B_;
        return batch;
    }

    // Held-out samples [first, first + n) as one batch (n >= 1, first + n <= held_out_size()).
    Batch held_out(std::size_t first, std::size_t n) const {
        Batch batch;
        batch.x = set_.x() + (n_train_ + first) * D_;
        batch.targets = set_.y() + n_train_ + first;
        batch.batch_size = n;
        return batch;
    }
    std::size_t held_out_size() const { return n_held_; }
    const int* held_out_labels() const { return set_.y() + n_train_; }

  private:
    static SyntheticConfig with_samples(SyntheticConfig c, std::size_t n) {
        c.num_samples = n;
        return c;
    }
    std::size_t n_train_, n_held_, D_, B_;
    SyntheticClassification set_;
    Rng rng_;
    std::vector<float> bx_;
    std::vector<int> by_;
};

}  // namespace normlab
