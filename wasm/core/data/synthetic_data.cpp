#include "data/synthetic_data.h"

#include <cmath>
#include <stdexcept>

namespace normlab {

const char* synthetic_kind_name(SyntheticKind k) {
    return k == SyntheticKind::teacher ? "teacher" : "gaussian_mixture";
}

SyntheticKind parse_synthetic_kind(const std::string& s) {
    if (s == "teacher") return SyntheticKind::teacher;
    if (s == "gaussian_mixture") return SyntheticKind::gaussian_mixture;
    throw std::invalid_argument("unknown data set '" + s + "' (expected teacher or gaussian_mixture)");
}

void validate(const SyntheticConfig& c) {
    if (c.input_dim == 0) throw std::invalid_argument("data input_dim must be >= 1");
    if (c.num_classes < 2) throw std::invalid_argument("data num_classes must be >= 2");
    if (c.num_samples == 0) throw std::invalid_argument("data num_samples must be >= 1");
    if (c.num_samples > (std::size_t{1} << 22) || c.input_dim > 65536 ||
        static_cast<double>(c.num_samples) * static_cast<double>(c.input_dim) > 64.0 * 1024 * 1024)
        throw std::invalid_argument("data set too large: num_samples * input_dim must stay <= 64M values");
    if (c.kind == SyntheticKind::teacher && c.teacher_hidden == 0)
        throw std::invalid_argument("teacher_hidden must be >= 1");
    if (c.kind == SyntheticKind::gaussian_mixture) {
        if (!(std::isfinite(c.separation) && c.separation >= 0.0f))
            throw std::invalid_argument("separation must be a finite number >= 0");
        if (!(std::isfinite(c.cluster_std) && c.cluster_std >= 0.0f))
            throw std::invalid_argument("cluster_std must be a finite number >= 0");
    }
}

namespace {
const SyntheticConfig& validated(const SyntheticConfig& c) {
    validate(c);
    return c;
}
}  // namespace

SyntheticClassification::SyntheticClassification(const SyntheticConfig& config, std::size_t batch_size)
    : cfg_(validated(config)), batch_size_(batch_size), batch_rng_(Rng(config.seed).fork(2)) {
    if (batch_size == 0) throw std::invalid_argument("batch_size must be >= 1");
    const std::size_t N = cfg_.num_samples, D = cfg_.input_dim, K = cfg_.num_classes;
    x_.assign(N * D, 0.0f);
    y_.assign(N, 0);
    bx_.assign(batch_size * D, 0.0f);
    by_.assign(batch_size, 0);
    Rng data = Rng(cfg_.seed).fork(1);
    Rng model = Rng(cfg_.seed).fork(3);

    if (cfg_.kind == SyntheticKind::teacher) {
        const std::size_t Ht = cfg_.teacher_hidden;
        std::vector<double> w1(Ht * D), b1(Ht), w2(K * Ht), h(Ht);
        for (double& w : w1) w = model.normal() / std::sqrt(static_cast<double>(D));
        for (double& b : b1) b = 0.1 * model.normal();
        for (double& w : w2) w = model.normal() / std::sqrt(static_cast<double>(Ht));
        for (std::size_t n = 0; n < N; n++) {
            float* x = &x_[n * D];
            for (std::size_t d = 0; d < D; d++) x[d] = data.normal();
            for (std::size_t j = 0; j < Ht; j++) {
                double s = b1[j];
                for (std::size_t d = 0; d < D; d++) s += w1[j * D + d] * static_cast<double>(x[d]);
                h[j] = std::tanh(s);
            }
            std::size_t best = 0;
            double best_v = 0.0;
            for (std::size_t k = 0; k < K; k++) {
                double s = 0.0;
                for (std::size_t j = 0; j < Ht; j++) s += w2[k * Ht + j] * h[j];
                if (k == 0 || s > best_v) {
                    best_v = s;
                    best = k;
                }
            }
            y_[n] = static_cast<int>(best);
        }
    } else {
        // centres ~ N(0, s^2/2 I): two of them are then ~separation apart in expectation-ish
        std::vector<float> centres(K * D);
        const float s = cfg_.separation / std::sqrt(2.0f);
        for (float& c : centres) c = s * model.normal();
        for (std::size_t n = 0; n < N; n++) {
            const std::size_t k = data.below(static_cast<std::uint32_t>(K));
            y_[n] = static_cast<int>(k);
            for (std::size_t d = 0; d < D; d++) x_[n * D + d] = centres[k * D + d] + cfg_.cluster_std * data.normal();
        }
    }
}

Batch SyntheticClassification::next() {
    const std::size_t D = cfg_.input_dim;
    for (std::size_t b = 0; b < batch_size_; b++) {
        const std::size_t i = batch_rng_.below(static_cast<std::uint32_t>(cfg_.num_samples));
        for (std::size_t d = 0; d < D; d++) bx_[b * D + d] = x_[i * D + d];
        by_[b] = y_[i];
    }
    Batch batch;
    batch.x = bx_.data();
    batch.targets = by_.data();
    batch.batch_size = batch_size_;
    return batch;
}

std::vector<double> SyntheticClassification::class_fractions() const {
    std::vector<double> f(cfg_.num_classes, 0.0);
    for (int y : y_) f[static_cast<std::size_t>(y)] += 1.0;
    for (double& v : f) v /= static_cast<double>(y_.size());
    return f;
}

}  // namespace normlab
