// Synthetic classification data for the MLP lab, generated from a seed with the portable Rng, so
// the same seed gives the same data set and the same batches natively and in WASM.
//
//   teacher            x ~ N(0, I_D); label = argmax_k (W2 tanh(W1 x + b1))_k for a fixed random
//                      teacher network W1 (Ht, D) ~ N(0, 1/D), b1 (Ht) ~ N(0, 0.1^2), W2 (K, Ht) ~ N(0, 1/Ht)
//                      (computed in double so labels do not depend on float rounding)
//   gaussian_mixture   K centres c_k ~ N(0, separation^2 / 2 I_D) (two centres then differ by
//                      N(0, separation^2) per coordinate); label k uniform; x = c_k + N(0, cluster_std^2 I_D)
//
// Streams: the data set from Rng(seed).fork(1), the teacher/centres from fork(3), batch sampling
// from fork(2) (uniform indices with replacement), so changing the batch size never changes the data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/rng.h"

namespace normlab {

enum class SyntheticKind { teacher, gaussian_mixture };

const char* synthetic_kind_name(SyntheticKind k);
SyntheticKind parse_synthetic_kind(const std::string& s);

struct SyntheticConfig {
    SyntheticKind kind = SyntheticKind::teacher;
    std::size_t input_dim = 2;        // D
    std::size_t num_classes = 2;      // K
    std::size_t num_samples = 1024;   // size of the fixed data set
    std::size_t teacher_hidden = 32;  // teacher: Ht
    float separation = 3.0f;          // mixture: typical distance between centres
    float cluster_std = 1.0f;         // mixture: per-coordinate noise
    std::uint64_t seed = 0;
};

void validate(const SyntheticConfig& c);

class SyntheticClassification : public BatchSource {
  public:
    SyntheticClassification(const SyntheticConfig& config, std::size_t batch_size);

    // B samples drawn uniformly with replacement; buffers valid until the next call.
    Batch next() override;

    std::size_t size() const { return cfg_.num_samples; }
    const float* x() const { return x_.data(); }  // (num_samples, D)
    const int* y() const { return y_.data(); }    // (num_samples)
    // Fraction of samples in each class (K), for reports and tests.
    std::vector<double> class_fractions() const;

  private:
    SyntheticConfig cfg_;
    std::size_t batch_size_;
    std::vector<float> x_;   // (num_samples, D)
    std::vector<int> y_;     // (num_samples)
    std::vector<float> bx_;  // (B, D) current batch
    std::vector<int> by_;    // (B)
    Rng batch_rng_;
};

}  // namespace normlab
