// Experiment "bn-eval": the train/eval footgun. A small BatchNorm MLP (Linear -> BatchNorm ->
// ReLU per hidden layer) is trained on synthetic Gaussian-mixture data, then held-out data is
// evaluated at several batch sizes in eval mode (BatchNorm uses its running statistics) or in
// train mode (BatchNorm uses the statistics of the evaluation batch).
//
// The maths of the collapse: in train mode an (N, C) BatchNorm with N = 1 has mu_c = x_c and
// sigma_c^2 = 0, so x_hat = 0 and y = gamma * 0 + beta = beta exactly; every later layer then
// sees a constant, and the network's output is the same for every input.
//
// Variants "eval" and "train" are the two evaluation modes. Both train the same model (same
// seed: same initialisation, same batches, so identical training curves) and differ only in how
// they evaluate. The train-mode evaluation must not change the model: BatchNorm's running
// statistics are copied before it and restored after it (the kernel would otherwise update
// running_mean even at batch 1, where it skips only the running-variance update). The result
// records whether each evaluation's forwards touched them (train mode: yes) before the restore.
#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <vector>

#include "experiments/mlp_common.h"
#include "experiments/definitions.h"
#include "experiments/report.h"
#include "kernels/layers.h"
#include "models/mlp.h"
#include "engine/trainer.h"

namespace normlab {
namespace {

std::vector<std::size_t> eval_sizes(const Json& c) {
    std::vector<std::size_t> out;
    for (const auto& v : c["eval_batch_sizes"]) out.push_back(static_cast<std::size_t>(v.get<double>()));
    return out;
}

MlpConfig model_config(const Json& c, std::uint64_t seed) {
    MlpConfig m;
    m.input_dim = c["input_dim"].get<std::size_t>();
    m.hidden_dim = c["hidden"].get<std::size_t>();
    m.num_layers = c["layers"].get<std::size_t>();
    m.num_classes = c["classes"].get<std::size_t>();
    std::size_t largest = c["batch"].get<std::size_t>();
    for (std::size_t b : eval_sizes(c)) largest = std::max(largest, b);
    m.batch_size = largest;  // the largest batch a forward may see
    m.activation = Activation::relu;
    m.norm.kind = NormType::batch;
    m.norm.momentum = static_cast<float>(c["bn_momentum"].get<double>());
    m.norm_position = NormPosition::before_activation;
    m.init.scheme = InitScheme::kaiming_normal;
    m.seed = seed;
    return m;
}

SyntheticConfig data_config(const Json& c, std::uint64_t seed) {
    SyntheticConfig d;
    d.kind = SyntheticKind::gaussian_mixture;
    d.input_dim = c["input_dim"].get<std::size_t>();
    d.num_classes = c["classes"].get<std::size_t>();
    d.separation = static_cast<float>(c["separation"].get<double>());
    d.cluster_std = 1.0f;
    d.num_samples = c["train_samples"].get<std::size_t>() + c["test_samples"].get<std::size_t>();
    d.seed = seed;
    return d;
}

class BnEvalJob final : public Job {
  public:
    BnEvalJob(const Json& c, const JobSpec& spec)
        : spec_(spec),
          train_mode_(spec.variant == "train"),
          steps_(c["steps"].get<int>()),
          sizes_(eval_sizes(c)),
          data_(data_config(c, spec.seed), c["train_samples"].get<std::size_t>(), c["test_samples"].get<std::size_t>(),
                c["batch"].get<std::size_t>()) {
        model_ = std::make_unique<Mlp>(model_config(c, spec.seed));
        TrainConfig t;
        t.optimizer.kind = OptimizerKind::sgd;
        t.optimizer.lr = static_cast<float>(c["lr"].get<double>());
        t.layer_metrics = false;
        trainer_ = std::make_unique<Trainer>(*model_, t);
    }

    int total_steps() const override { return steps_ + static_cast<int>(sizes_.size()); }
    int steps_done() const override { return static_cast<int>(loss_.size() + accuracy_.size()); }
    bool stopped_early() const override { return diverged_at_ >= 0; }

    // Training steps report step, train_loss, step_ms; then one evaluation per batch size reports
    // eval_index, batch_size, accuracy, logit_spread, max_abs_bn_minus_beta (parallel arrays).
    Json advance(int max_steps) override {
        Json points = {{"step", Json::array()},         {"train_loss", Json::array()},
                       {"step_ms", Json::array()},      {"eval_index", Json::array()},
                       {"batch_size", Json::array()},   {"accuracy", Json::array()},
                       {"logit_spread", Json::array()}, {"max_abs_bn_minus_beta", Json::array()}};
        for (int k = 0; k < max_steps && !finished(); k++) {
            if (static_cast<int>(loss_.size()) < steps_) {
                const int step = static_cast<int>(loss_.size());
                const StepMetrics& m = trainer_->step(data_.next());
                const bool bad = m.diverged || !std::isfinite(m.loss);
                loss_.push_back(bad ? NAN : m.loss);
                step_ms_.push_back(m.step_ms);
                points["step"].push_back(step);
                points["train_loss"].push_back(bad ? Json(nullptr) : Json(m.loss));
                points["step_ms"].push_back(m.step_ms);
                if (bad) diverged_at_ = step;
                continue;
            }
            const std::size_t i = accuracy_.size();
            evaluate(sizes_[i]);
            points["eval_index"].push_back(i);
            points["batch_size"].push_back(sizes_[i]);
            points["accuracy"].push_back(accuracy_.back());
            points["logit_spread"].push_back(finite_or_null(logit_spread_.back()));
            points["max_abs_bn_minus_beta"].push_back(finite_or_null(bn_minus_beta_.back()));
        }
        return points;
    }

    Json result() const override {
        Json train = Json::array();
        for (double v : loss_) train.push_back(finite_or_null(v));
        Json spread = Json::array(), dev = Json::array(), first_bn = Json::array();
        for (double v : logit_spread_) spread.push_back(finite_or_null(v));
        for (double v : bn_minus_beta_) dev.push_back(finite_or_null(v));
        for (double v : first_bn_minus_beta_) first_bn.push_back(finite_or_null(v));
        double beta_abs = 0;
        std::size_t nb = 0;
        for (std::size_t l = 0; l < model_->config().num_layers; l++) {
            const auto& norm = model_->norm_layer(l);
            for (std::size_t c = 0; c < norm.C; c++, nb++) beta_abs += std::fabs(static_cast<double>(norm.beta[c]));
        }
        return {{"variant", spec_.variant},
                {"seed", spec_.seed},
                {"train_loss", train},
                {"val_loss", Json::array()},
                {"diverged_at", diverged_at_ >= 0 ? Json(diverged_at_) : Json(nullptr)},
                {"step_ms", step_ms_},
                {"metrics",
                 {{"mode", train_mode_ ? "train" : "eval"},
                  {"batch_sizes", sizes_},
                  {"accuracy", accuracy_},
                  {"logit_spread", spread},        // max over classes of (max - min) of the logit over inputs
                  {"max_abs_bn_minus_beta", dev},  // max over BN layers and inputs of |y - beta|
                  {"first_bn_max_abs_minus_beta", first_bn},
                  {"predictions", predictions_},  // per batch size: argmax per held-out sample
                  // per batch size: whether the evaluation's forwards changed the running statistics
                  // (train mode does, as PyTorch would); they are restored after each evaluation
                  {"eval_touched_running_stats", eval_touched_running_},
                  {"running_stats_fingerprint_before_eval", running_before_eval_},
                  {"running_stats_fingerprint_after_eval", running_after_eval_},
                  {"mean_abs_beta", nb ? beta_abs / static_cast<double>(nb) : 0.0}}}};
    }

  private:
    std::uint32_t running_fingerprint() {
        std::uint32_t h = kFnv1aOffset;
        for (std::size_t l = 0; l < model_->config().num_layers; l++) {
            auto& norm = model_->norm_layer(l);
            h = fnv1a(norm.running_mean, norm.C * sizeof(float), h);
            h = fnv1a(norm.running_var, norm.C * sizeof(float), h);
        }
        return h;
    }

    // The held-out set in consecutive batches of b (the last one smaller if b does not divide
    // it, as a data loader without drop_last gives them), in this job's mode.
    void evaluate(std::size_t b) {
        const std::size_t n = data_.held_out_size(), K = model_->config().num_classes, H = model_->config().hidden_dim,
                          L = model_->config().num_layers;
        if (accuracy_.empty()) running_before_eval_ = running_fingerprint();
        // a copy of the running statistics, restored after the evaluation
        std::vector<std::vector<float>> saved;
        for (std::size_t l = 0; l < L; l++) {
            auto& norm = model_->norm_layer(l);
            saved.emplace_back(norm.running_mean, norm.running_mean + norm.C);
            saved.back().insert(saved.back().end(), norm.running_var, norm.running_var + norm.C);
        }
        std::vector<float> lo(K, INFINITY), hi(K, -INFINITY);
        std::vector<int> pred(n);
        std::size_t correct = 0;
        double dev = 0, dev_first = 0;
        model_->set_training(train_mode_);
        for (std::size_t first = 0; first < n; first += b) {
            const std::size_t m = std::min(b, n - first);
            const Batch batch = data_.held_out(first, m);
            model_->forward(batch);
            const float* z = model_->logits();
            correct += count_correct(z, batch.targets, m, K);
            for (std::size_t r = 0; r < m; r++) {
                std::size_t best = 0;
                for (std::size_t k = 0; k < K; k++) {
                    lo[k] = std::min(lo[k], z[r * K + k]);
                    hi[k] = std::max(hi[k], z[r * K + k]);
                    if (z[r * K + k] > z[r * K + best]) best = k;
                }
                pred[first + r] = static_cast<int>(best);
            }
            for (std::size_t l = 0; l < L; l++) {
                const float* y = model_->norm_output(l);
                const float* beta = model_->norm_layer(l).beta;
                for (std::size_t r = 0; r < m; r++)
                    for (std::size_t c = 0; c < H; c++) {
                        const double d = std::fabs(static_cast<double>(y[r * H + c]) - static_cast<double>(beta[c]));
                        dev = std::max(dev, d);
                        if (l == 0) dev_first = std::max(dev_first, d);
                    }
            }
        }
        model_->set_training(true);
        bool changed = false;
        for (std::size_t l = 0; l < L; l++) {
            auto& norm = model_->norm_layer(l);
            for (std::size_t c = 0; c < norm.C; c++) {
                changed = changed || norm.running_mean[c] != saved[l][c] || norm.running_var[c] != saved[l][norm.C + c];
                norm.running_mean[c] = saved[l][c];
                norm.running_var[c] = saved[l][norm.C + c];
            }
        }
        eval_touched_running_.push_back(changed);
        running_after_eval_ = running_fingerprint();
        double spread = 0;
        for (std::size_t k = 0; k < K; k++)
            spread = std::max(spread, static_cast<double>(hi[k]) - static_cast<double>(lo[k]));
        accuracy_.push_back(static_cast<double>(correct) / static_cast<double>(n));
        logit_spread_.push_back(spread);
        bn_minus_beta_.push_back(dev);
        first_bn_minus_beta_.push_back(dev_first);
        predictions_.push_back(pred);
    }

    JobSpec spec_;
    bool train_mode_;
    int steps_;
    std::vector<std::size_t> sizes_;
    HeldOutSplit data_;
    std::unique_ptr<Mlp> model_;
    std::unique_ptr<Trainer> trainer_;
    std::vector<double> loss_, step_ms_, accuracy_, logit_spread_, bn_minus_beta_, first_bn_minus_beta_;
    std::vector<std::vector<int>> predictions_;
    std::vector<bool> eval_touched_running_;
    std::uint32_t running_before_eval_ = 0, running_after_eval_ = 0;
    long diverged_at_ = -1;
};

Json summarize_bn_eval(const Json& config, const std::vector<Json>& results) {
    const auto sizes = eval_sizes(config);
    Json metrics = {{"batch_sizes", sizes}, {"eval", Json::array()}, {"train", Json::array()}};
    Json claims = Json::array();
    bool any_train = false, any_eval = false, diverged = false;
    // 1. batch 1 in train mode: exactly beta after every BN layer, constant output
    std::size_t i1 = sizes.size();
    for (std::size_t i = 0; i < sizes.size(); i++)
        if (sizes[i] == 1) i1 = i;
    bool collapse = true;
    double worst_dev = 0, worst_spread = 0;
    bool eval_same = true;
    long changed = 0;
    std::vector<double> drop_pts, acc_small, acc_large;
    std::string degrade_obs;
    Json degrade_runs = Json::array();  // the claims as data (report.h)
    for (const auto& r : results) {
        if (!r["diverged_at"].is_null()) diverged = true;
        const auto& m = r["metrics"];
        const bool train = m["mode"] == "train";
        metrics[train ? "train" : "eval"].push_back({{"seed", r["seed"]},
                                                     {"accuracy", m["accuracy"]},
                                                     {"logit_spread", m["logit_spread"]},
                                                     {"max_abs_bn_minus_beta", m["max_abs_bn_minus_beta"]}});
        if (m["accuracy"].size() != sizes.size()) continue;  // stopped early (diverged)
        if (train) {
            any_train = true;
            if (i1 < sizes.size()) {
                const auto& d = m["max_abs_bn_minus_beta"][i1];
                const auto& s = m["logit_spread"][i1];
                const double dv = d.is_number() ? d.get<double>() : INFINITY;
                const double sv = s.is_number() ? s.get<double>() : INFINITY;
                worst_dev = std::max(worst_dev, dv);
                worst_spread = std::max(worst_spread, sv);
                collapse = collapse && dv == 0.0 && sv == 0.0;
            }
            // 3. accuracy at the smallest batch size vs the largest, per seed (decided below)
            std::size_t smallest = 0, largest = 0;
            for (std::size_t i = 0; i < sizes.size(); i++) {
                if (sizes[i] < sizes[smallest]) smallest = i;
                if (sizes[i] > sizes[largest]) largest = i;
            }
            const double a_small = m["accuracy"][smallest].get<double>(),
                         a_large = m["accuracy"][largest].get<double>();
            drop_pts.push_back(100.0 * (a_large - a_small));
            acc_small.push_back(a_small);
            acc_large.push_back(a_large);
            degrade_obs += (degrade_obs.empty() ? "" : "; ") + std::string("seed ") +
                std::to_string(r["seed"].get<long>()) + ": " + format3(100 * a_small) + "% at batch " +
                std::to_string(sizes[smallest]) + " vs " + format3(100 * a_large) + "% at batch " +
                std::to_string(sizes[largest]);
            degrade_runs.push_back({{"seed", r["seed"]},
                                    {"small_acc", finite_or_null(100 * a_small)},
                                    {"small", sizes[smallest]},
                                    {"large_acc", finite_or_null(100 * a_large)},
                                    {"large", sizes[largest]}});
        } else {
            any_eval = true;
            const auto& preds = m["predictions"];
            for (std::size_t i = 1; i < preds.size(); i++)
                for (std::size_t j = 0; j < preds[i].size(); j++)
                    if (preds[i][j] != preds[0][j]) changed++;
            eval_same = eval_same && changed == 0;
        }
    }
    const std::string c1 = "Evaluating in train mode at batch 1 gives a constant output (exactly beta after each BN)";
    if (any_train && i1 < sizes.size())
        claims.push_back(claim("bn-eval.batch1-constant", c1,
                               "max |y - beta| over every BN layer and input = " + format3(worst_dev) +
                                   "; spread of each logit over the held-out inputs = " + format3(worst_spread),
                               collapse,
                               {{"case", "measured"},
                                {"deviation", finite_or_null(worst_dev)},
                                {"spread", finite_or_null(worst_spread)}}));
    else
        claims.push_back(claim("bn-eval.batch1-constant", c1,
                               any_train ? "not in this run (add 1 to eval_batch_sizes)" : "no finished train-mode run",
                               std::nullopt, {{"case", any_train ? "no-batch1" : "no-train"}}));
    const std::string c2 = "Eval mode gives the same predictions at every batch size";
    if (any_eval)
        claims.push_back(
            claim("bn-eval.eval-same", c2,
                  std::to_string(changed) + " predictions differ from those at batch " + std::to_string(sizes[0]),
                  eval_same, {{"case", "measured"}, {"changed", changed}, {"batch", sizes[0]}}));
    else
        claims.push_back(
            claim("bn-eval.eval-same", c2, "no finished eval-mode run", std::nullopt, {{"case", "no-eval"}}));
    const std::string c3 =
        "Train-mode accuracy degrades at small batch sizes: lower at the smallest evaluation "
        "batch than at the largest, by more than the held-out set's sampling noise";
    if (any_train && sizes.size() > 1) {
        // noise: two binomial standard errors of a difference of two accuracies on the held-out set
        const double noise = 100.0 *
            accuracy_difference_noise(mean_of(acc_small, 0, acc_small.size()), mean_of(acc_large, 0, acc_large.size()),
                                      config["test_samples"].get<std::size_t>());
        claims.push_back(empirical_claim(
            "bn-eval.train-degrades", c3,
            degrade_obs + ". Effect per seed: the accuracy drop in points; noise " + format3(noise) +
                " points (2 binomial standard errors of the difference)",
            drop_pts, noise, {{"case", "measured"}, {"runs", degrade_runs}, {"noise", finite_or_null(noise)}}));
    } else
        claims.push_back(claim("bn-eval.train-degrades", c3, "needs a finished train-mode run and two batch sizes",
                               std::nullopt, {{"case", "absent"}}));
    if (diverged) metrics["note"] = "a run diverged during training; its evaluation is missing";
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef bn_eval_experiment() {
    ExperimentDef def;
    def.id = "bn-eval";
    def.claim_ids = {"bn-eval.batch1-constant", "bn-eval.eval-same", "bn-eval.train-degrades"};
    def.title = "The train/eval footgun";
    def.question =
        "What goes wrong when a BatchNorm network is evaluated in training mode, especially at batch size 1?";
    def.look = "the gap between train-mode and eval-mode evaluation, and the batch-1 output that equals β.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"eval_batch_sizes", "bn_momentum", "layers", "steps"};
    def.presets = {
        {"batch of one",
         "Evaluate one example at a time: in train mode BatchNorm then outputs only its shift β.",
         {"eval_batch_sizes=1,64"}},
        {"slow running averages",
         "A small momentum makes the running statistics lag behind training, so eval mode uses stale ones.",
         {"bn_momentum=0.01"}},
        {"deeper", "Six BatchNorm layers instead of three: does the train/eval gap grow with depth?", {"layers=6"}},
    };
    def.section = "batchnorm";
    def.default_seeds = 3;
    def.fields = {
        {"eval_batch_sizes",
         "Evaluation batch sizes",
         FieldSpec::Kind::FloatList,
         Json{1, 2, 8, 64},
         nullptr,
         1,
         4096,
         false,
         {},
         "the held-out set is evaluated in consecutive batches of each size"},
        {"layers",
         "Hidden layers",
         FieldSpec::Kind::Int,
         3,
         nullptr,
         1,
         32,
         false,
         {},
         "Linear -> BatchNorm -> ReLU each"},
        {"hidden", "Hidden width", FieldSpec::Kind::Int, 64, nullptr, 2, 4096, false, {}, ""},
        {"batch", "Training batch size", FieldSpec::Kind::Int, 64, nullptr, 2, 4096, false, {}, ""},
        {"steps", "Training steps", FieldSpec::Kind::Int, 300, 100, 1, 100000, false, {}, ""},
        {"lr", "Learning rate (SGD)", FieldSpec::Kind::Float, 0.1, nullptr, 0, 10, true, {}, ""},
        {"bn_momentum",
         "BatchNorm momentum",
         FieldSpec::Kind::Float,
         0.1,
         nullptr,
         0,
         1,
         false,
         {},
         "running statistics: running = (1 - momentum) running + momentum batch statistic"},
        {"input_dim",
         "Input features",
         FieldSpec::Kind::Int,
         16,
         nullptr,
         1,
         4096,
         false,
         {},
         "Gaussian-mixture data: one centre per class"},
        {"classes", "Classes", FieldSpec::Kind::Int, 4, nullptr, 2, 1000, false, {}, ""},
        {"separation",
         "Class separation",
         FieldSpec::Kind::Float,
         1.0,
         nullptr,
         0,
         100,
         false,
         {},
         "typical distance between class centres per feature (noise std 1)"},
        {"train_samples", "Training samples", FieldSpec::Kind::Int, 2048, nullptr, 1, 1 << 20, false, {}, ""},
        {"test_samples", "Held-out samples", FieldSpec::Kind::Int, 512, nullptr, 1, 1 << 20, false, {}, ""},
    };
    def.check = [](const Json& c) {
        for (const auto& v : c["eval_batch_sizes"])
            if (std::floor(v.get<double>()) != v.get<double>())
                throw std::invalid_argument("eval_batch_sizes: every batch size must be a whole number");
        try {
            validate(model_config(c, 0));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("layers, hidden, batch, eval_batch_sizes: ") + e.what());
        }
        try {
            validate(data_config(c, 0));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("train_samples, test_samples, input_dim: ") + e.what());
        }
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, {"eval", "train"}); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        return std::make_unique<BnEvalJob>(c, spec);
    };
    def.summarize = summarize_bn_eval;
    return def;
}

}  // namespace normlab
