#include "runs/charlm_run.h"

#include <cmath>
#include <stdexcept>

#include "engine/rng.h"

namespace normlab {

void validate(const CharLmRunConfig& c) {
    if (c.batch_size == 0) throw std::invalid_argument("char LM: batch_size must be at least 1");
    if (c.steps == 0) throw std::invalid_argument("char LM: steps must be at least 1");
    if (c.val_batches == 0) throw std::invalid_argument("char LM: val_batches must be at least 1");
    CharTransformerConfig m = c.model;
    m.max_batch = c.batch_size;
    validate(m);
    validate(c.train);
}

CharLmRun::CharLmRun(const CharLmRunConfig& config, const std::string& text) : cfg_(config) {
    validate(cfg_);
    data_ = std::make_unique<CharDataset>(text);
    data_->check_context(cfg_.model.context, Split::Train);
    data_->check_context(cfg_.model.context, Split::Val);
    cfg_.model.vocab_size = data_->vocab_size();
    cfg_.model.max_batch = cfg_.batch_size;
    cfg_.model.seed = cfg_.seed;
    model_ = std::make_unique<CharTransformer<float>>(cfg_.model);
    trainer_ = std::make_unique<Trainer>(*model_, cfg_.train);
    train_ = std::make_unique<CharBatchSource>(*data_, Split::Train, cfg_.batch_size, cfg_.model.context,
                                               Rng(cfg_.seed).fork(2).next_u32());
    val_seed_ = Rng(cfg_.seed).fork(3).next_u32();
    val_ = std::make_unique<CharBatchSource>(*data_, Split::Val, cfg_.batch_size, cfg_.model.context, val_seed_);
}

double CharLmRun::val_loss() {
    val_->reset(val_seed_);  // the same validation batches every call
    const bool was_training = model_->training();
    const bool stats = model_->collect_stats();
    model_->set_training(false);
    model_->set_collect_stats(false);
    double sum = 0.0;
    for (std::size_t i = 0; i < cfg_.val_batches; i++) sum += static_cast<double>(model_->forward(val_->next()));
    model_->set_training(was_training);
    model_->set_collect_stats(stats);
    return sum / static_cast<double>(cfg_.val_batches);
}

void GradientAverage::add(const float* g, std::size_t size) {
    if (batches == 0) sum.assign(size, 0.0);
    if (size != sum.size()) throw std::invalid_argument("GradientAverage: every gradient must have the same size");
    double sq = 0;
    for (std::size_t i = 0; i < size; i++) {
        const double v = static_cast<double>(g[i]);
        sum[i] += v;
        sq += v * v;
    }
    norm_sum += std::sqrt(sq);
    batches++;
}

double GradientAverage::expected_norm() const {
    if (batches == 0) return 0.0;
    double sq = 0;
    for (double v : sum) sq += v * v;
    return std::sqrt(sq) / static_cast<double>(batches);
}

double GradientAverage::mean_batch_norm() const { return batches == 0 ? 0.0 : norm_sum / static_cast<double>(batches); }

FfnGradientProfile ffn_gradient_profile(CharLmRun& run, std::size_t batches) {
    const CharLmRunConfig& c = run.config();
    CharTransformer<float>& model = run.model();
    TensorSet<float>& ps = model.parameters();
    std::vector<const TensorSet<float>::Tensor*> fc2;
    for (std::size_t l = 0; l < c.model.n_layers; l++) {
        const std::string name = "blocks." + std::to_string(l) + ".mlp.proj.weight";
        for (const auto& t : ps.tensors())
            if (t.name == name) fc2.push_back(&t);
    }
    std::vector<GradientAverage> avg(fc2.size());
    CharBatchSource source(run.data(), Split::Train, c.batch_size, c.model.context, Rng(c.seed).fork(4).next_u32());
    const bool was_training = model.training();
    model.set_training(true);
    for (std::size_t b = 0; b < batches; b++) {
        model.zero_grad();
        model.forward(source.next());
        model.backward();
        for (std::size_t l = 0; l < fc2.size(); l++) avg[l].add(ps.grads() + fc2[l]->offset, fc2[l]->size);
    }
    model.set_training(was_training);
    model.zero_grad();  // the Trainer skips its zero_grad after a completed step (trainer.h)
    FfnGradientProfile p;
    for (const auto& a : avg) {
        p.expected.push_back(a.expected_norm());
        p.per_batch.push_back(a.mean_batch_norm());
    }
    return p;
}

std::string synthetic_text(std::size_t n, std::uint64_t seed) {
    static const char alphabet[] = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";  // 65
    Rng rng(seed);
    std::string s(n, ' ');
    for (std::size_t i = 0; i < n; i++) s[i] = alphabet[rng.below(65)];
    // make sure every symbol occurs, so the vocabulary is exactly 65
    for (std::size_t i = 0; i < 65 && i < n; i++) s[i] = alphabet[i];
    return s;
}

CharLmRunConfig charlm_2x256_bench_config() {
    CharLmRunConfig c;
    c.model.context = 64;
    c.model.d_model = 256;
    c.model.n_heads = 4;
    c.model.n_layers = 2;
    c.model.placement = NormPlacement::pre;
    c.model.norm.kind = NormType::layer;
    c.batch_size = 16;
    c.train.optimizer.kind = OptimizerKind::adamw;
    c.train.optimizer.lr = 3e-4f;
    c.train.optimizer.weight_decay = 0.1f;
    c.train.layer_metrics = true;
    c.steps = 1000000;
    c.seed = 1;
    return c;
}

}  // namespace normlab
