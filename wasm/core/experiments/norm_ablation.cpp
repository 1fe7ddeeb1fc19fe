// Experiment "norm-ablation" (the course's Lab 02): a deep MLP, Kaiming init, hidden layers
// Linear -> Norm -> ReLU with norm none | layer | rms, trained with plain SGD on synthetic
// teacher data, the same steps and learning rate for all. Per step: training loss and wall-clock
// step time; every eval_every steps the loss on held-out data. The summary answers the lab's four
// questions from the run: do all three train, how far apart LayerNorm and RMSNorm end, how much
// step time RMSNorm saves, how jittery the curve without a norm is.
//
// Pairing: every variant of a seed draws its Linear weights from the same seed-derived stream
// (norm parameters use no randomness: gamma = 1, beta = 0) and its batches from the same stream,
// so the variants start from the same weights and see the same batches.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "experiments/mlp_common.h"
#include "experiments/definitions.h"
#include "experiments/report.h"
#include "models/mlp.h"
#include "engine/trainer.h"

namespace normlab {
namespace {

MlpConfig model_config(const Json& c, const std::string& norm, std::uint64_t seed) {
    MlpConfig m;
    m.input_dim = c["input_dim"].get<std::size_t>();
    m.hidden_dim = c["hidden"].get<std::size_t>();
    m.num_layers = c["layers"].get<std::size_t>();
    m.num_classes = c["classes"].get<std::size_t>();
    m.batch_size = c["batch"].get<std::size_t>();
    m.activation = Activation::relu;
    m.norm.kind = parse_norm_type(norm);
    m.norm_position = NormPosition::before_activation;
    m.init.scheme = InitScheme::kaiming_normal;
    m.seed = seed;
    return m;
}

SyntheticConfig data_config(const Json& c, std::uint64_t seed) {
    SyntheticConfig d;
    d.kind = SyntheticKind::teacher;
    d.input_dim = c["input_dim"].get<std::size_t>();
    d.num_classes = c["classes"].get<std::size_t>();
    d.teacher_hidden = 32;
    d.num_samples = c["train_samples"].get<std::size_t>() + c["val_samples"].get<std::size_t>();
    d.seed = seed;
    return d;
}

class AblationJob final : public Job {
  public:
    AblationJob(const Json& c, const JobSpec& spec)
        : spec_(spec),
          steps_(c["steps"].get<int>()),
          eval_every_(c["eval_every"].get<int>()),
          data_(data_config(c, spec.seed), c["train_samples"].get<std::size_t>(), c["val_samples"].get<std::size_t>(),
                c["batch"].get<std::size_t>()) {
        model_ = std::make_unique<Mlp>(model_config(c, spec.variant, spec.seed));
        TrainConfig t;
        t.optimizer.kind = OptimizerKind::sgd;
        t.optimizer.lr = static_cast<float>(c["lr"].get<double>());
        t.optimizer.momentum = static_cast<float>(c["momentum"].get<double>());
        t.layer_metrics = false;  // step times measure the training step only
        trainer_ = std::make_unique<Trainer>(*model_, t);
        // the Linear weights at initialisation (shapes agree across norms)
        std::uint32_t h = kFnv1aOffset;
        auto& ps = model_->parameters();
        for (std::size_t i = 0; i < ps.num_tensors(); i++)
            if (ps.tensor(i).name.find(".weight") != std::string::npos)
                h = fnv1a(ps.value(i), ps.tensor(i).size * sizeof(float), h);
        init_fingerprint_ = h;
    }

    int total_steps() const override { return steps_; }
    int steps_done() const override { return static_cast<int>(loss_.size()); }
    bool stopped_early() const override { return diverged_at_ >= 0; }

    // points: step, train_loss, step_ms; at evaluations eval_step and eval_val_loss (parallel
    // arrays; at step 0, every eval_every steps and after the last step).
    Json advance(int max_steps) override {
        Json points = {{"step", Json::array()},
                       {"train_loss", Json::array()},
                       {"step_ms", Json::array()},
                       {"eval_step", Json::array()},
                       {"eval_val_loss", Json::array()}};
        if (loss_.empty() && val_.empty()) evaluate(0, points);
        for (int k = 0; k < max_steps && !finished(); k++) {
            const int step = static_cast<int>(loss_.size());
            const Batch batch = data_.next();
            if (step == 0)
                first_batch_fingerprint_ = fnv1a(batch.x, batch.batch_size * model_->config().input_dim * sizeof(float),
                                                 fnv1a(batch.targets, batch.batch_size * sizeof(int)));
            const StepMetrics& m = trainer_->step(batch);
            const bool bad = m.diverged || !std::isfinite(m.loss);
            loss_.push_back(bad ? NAN : m.loss);
            step_ms_.push_back(m.step_ms);
            points["step"].push_back(step);
            points["train_loss"].push_back(bad ? Json(nullptr) : Json(m.loss));
            points["step_ms"].push_back(m.step_ms);
            if (bad) {
                diverged_at_ = step;
                break;
            }
            const int done = step + 1;
            if (done % eval_every_ == 0 || done == steps_) evaluate(done, points);
        }
        return points;
    }

    Json result() const override {
        Json train = Json::array();
        for (double v : loss_) train.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
        Json val = Json::array();
        for (const auto& [s, v] : val_) val.push_back({s, std::isfinite(v) ? Json(v) : Json(nullptr)});
        return {{"variant", spec_.variant},
                {"seed", spec_.seed},
                {"train_loss", train},
                {"val_loss", val},
                {"diverged_at", diverged_at_ >= 0 ? Json(diverged_at_) : Json(nullptr)},
                {"step_ms", step_ms_},
                {"metrics",
                 {{"init_fingerprint", init_fingerprint_}, {"first_batch_fingerprint", first_batch_fingerprint_}}}};
    }

  private:
    // Mean cross-entropy over the held-out set, in eval mode, in chunks of the batch size.
    void evaluate(int step, Json& points) {
        const std::size_t n = data_.held_out_size(), B = model_->config().batch_size;
        double total = 0;
        model_->set_training(false);
        for (std::size_t first = 0; first < n; first += B) {
            const std::size_t m = std::min(B, n - first);
            total += static_cast<double>(model_->forward(data_.held_out(first, m))) * static_cast<double>(m);
        }
        model_->set_training(true);
        const double v = total / static_cast<double>(n);
        val_.push_back({step, v});
        points["eval_step"].push_back(step);
        points["eval_val_loss"].push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
    }

    JobSpec spec_;
    int steps_, eval_every_;
    HeldOutSplit data_;
    std::unique_ptr<Mlp> model_;
    std::unique_ptr<Trainer> trainer_;
    std::vector<double> loss_, step_ms_;
    std::vector<std::pair<int, double>> val_;
    std::uint32_t init_fingerprint_ = 0, first_batch_fingerprint_ = 0;
    long diverged_at_ = -1;
};

// Per variant (pooled over seeds): does it train, its final loss, median step time, jitter.
struct VariantStats {
    int seeds = 0, trained = 0;
    double initial = 0, final_loss = 0, final_val = 0;  // means over seeds
    int val_count = 0;
    std::vector<double> step_ms;
    double jitter = 0;  // mean over seeds
    bool diverged = false;
};

Json summarize_ablation(const Json& config, const std::vector<Json>& results) {
    const int steps = config["steps"].get<int>();
    const std::size_t tail_final = std::max<std::size_t>(1, static_cast<std::size_t>(steps) / 10);
    const std::size_t tail_jitter = std::max<std::size_t>(2, static_cast<std::size_t>(steps) / 5);
    std::map<std::string, VariantStats> stats;
    for (const auto& r : results) {
        VariantStats& s = stats[r["variant"].get<std::string>()];
        s.seeds++;
        std::vector<double> loss;
        for (const auto& v : r["train_loss"]) loss.push_back(v.is_number() ? v.get<double>() : NAN);
        const bool diverged = !r["diverged_at"].is_null() || loss.empty();
        s.diverged = s.diverged || diverged;
        for (const auto& v : r["step_ms"]) s.step_ms.push_back(v.get<double>());
        if (diverged) {
            s.final_loss = NAN;
            s.jitter = NAN;
            continue;
        }
        // final: mean of the last 10% of steps; trains: final below 90% of the step-0 loss
        double fin = 0;
        for (std::size_t i = loss.size() - std::min(tail_final, loss.size()); i < loss.size(); i++) fin += loss[i];
        fin /= static_cast<double>(std::min(tail_final, loss.size()));
        s.initial += loss[0] / 1.0;
        s.final_loss += fin;
        if (fin < 0.9 * loss[0]) s.trained++;
        // jitter: std of the step-to-step differences over the last 20% of steps
        std::vector<double> diff;
        for (std::size_t i = loss.size() - std::min(tail_jitter, loss.size()) + 1; i < loss.size(); i++)
            diff.push_back(loss[i] - loss[i - 1]);
        double mean = 0, ss = 0;
        for (double d : diff) mean += d;
        mean /= std::max<std::size_t>(1, diff.size());
        for (double d : diff) ss += (d - mean) * (d - mean);
        s.jitter += diff.size() > 1 ? std::sqrt(ss / static_cast<double>(diff.size())) : 0.0;
        if (!r["val_loss"].empty() && r["val_loss"].back()[1].is_number()) {
            s.final_val += r["val_loss"].back()[1].get<double>();
            s.val_count++;
        }
    }
    Json metrics = {{"variants", Json::object()}};
    for (auto& [v, s] : stats) {
        if (!s.diverged) {
            s.initial /= s.seeds;
            s.final_loss /= s.seeds;
            s.jitter /= s.seeds;
        }
        auto num = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
        metrics["variants"][v] = {{"trains", !s.diverged && s.trained == s.seeds},
                                  {"initial_loss", num(s.initial)},
                                  {"final_loss", num(s.final_loss)},
                                  {"final_val_loss", s.val_count ? num(s.final_val / s.val_count) : Json(nullptr)},
                                  {"median_step_ms", num(median_of(s.step_ms))},
                                  {"jitter", num(s.jitter)},
                                  {"diverged", s.diverged}};
    }
    Json claims = Json::array();
    const std::string criterion = "final loss (mean of the last 10% of steps) below 90% of the step-0 loss";
    {
        std::string observed;
        bool all = true;
        for (const auto& [v, s] : stats) {
            const bool ok = !s.diverged && s.trained == s.seeds;
            all = all && ok;
            observed += (observed.empty() ? "" : "; ") + v + ": " + (ok ? "yes" : "no") +
                (s.diverged ? " (diverged)" : " (" + format3(s.initial) + " -> " + format3(s.final_loss) + ")");
        }
        claims.push_back(claim("All variants train (" + criterion + ")", observed, all));
    }
    const bool ln = stats.count("layer") > 0, rms = stats.count("rms") > 0;
    if (ln && rms) {
        const double a = stats["layer"].final_loss, b = stats["rms"].final_loss;
        const double diff = 100.0 * (b - a) / a;
        metrics["rms_vs_layer_final_loss_pct"] = std::isfinite(diff) ? Json(diff) : Json(nullptr);
        claims.push_back(
            claim("RMSNorm reaches the same final loss as LayerNorm (within 10%)",
                  "LayerNorm " + format3(a) + ", RMSNorm " + format3(b) + ": RMSNorm's is " + format3(diff) + "% " +
                      (diff >= 0 ? "higher" : "lower"),
                  std::isfinite(diff) ? std::optional<bool>(std::fabs(diff) <= 10.0) : std::optional<bool>(false)));
        const double ta = median_of(stats["layer"].step_ms), tb = median_of(stats["rms"].step_ms);
        const double saving = 100.0 * (1.0 - tb / ta);
        metrics["rms_step_time_saving_pct"] = std::isfinite(saving) ? Json(saving) : Json(nullptr);
        claims.push_back(claim("RMSNorm saves 30-40% of the step time over LayerNorm (the predicted figure)",
                               "median step " + format3(ta) + " ms (LayerNorm) vs " + format3(tb) +
                                   " ms (RMSNorm): " + format3(saving) +
                                   "% saved; the norms are a small part of a step dominated by the matrix products",
                               saving >= 30.0 && saving <= 40.0));
    } else {
        claims.push_back(claim("RMSNorm reaches the same final loss as LayerNorm (within 10%)",
                               "not in this run (add layer and rms to norms)", std::nullopt));
    }
    if (stats.count("none") && (ln || rms)) {
        const double j0 = stats["none"].jitter;
        double jn = 0;
        std::string normed;
        for (const char* v : {"layer", "rms"})
            if (stats.count(v)) {
                jn = std::max(jn, stats[v].jitter);
                normed += std::string(normed.empty() ? "" : ", ") + v + " " + format3(stats[v].jitter);
            }
        claims.push_back(claim(
            "Without a norm the loss curve is more jittery (std of step-to-step loss changes over the last 20% of steps)",
            "none " + format3(j0) + " vs " + normed, std::isfinite(j0) ? std::optional<bool>(j0 > jn) : std::nullopt));
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef norm_ablation_experiment() {
    ExperimentDef def;
    def.id = "norm-ablation";
    def.title = "None vs LayerNorm vs RMSNorm";
    def.question =
        "In a 12-layer MLP, do LayerNorm and RMSNorm train equally well, and how much time does RMSNorm save?";
    def.look = "whether all three train, the final-loss gap between LayerNorm and RMSNorm, and the step-time bars.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"norms", "layers", "lr", "steps"};
    def.presets = {
        {"see it stall",
         "A 24-layer MLP without a norm: watch how slowly, if at all, its loss falls.",
         {"norms=none", "layers=24"}},
        {"the fix",
         "The same 24 layers with no norm, LayerNorm and RMSNorm side by side.",
         {"norms=none,layer,rms", "layers=24"}},
        {"a higher rate", "Four times the default SGD rate: which variants still train?", {"lr=0.2"}},
    };
    def.section = "rmsnorm";
    def.fields = {
        {"norms",
         "Norms",
         FieldSpec::Kind::ChoiceList,
         Json{"none", "layer", "rms"},
         nullptr,
         0,
         0,
         false,
         {"none", "layer", "rms"},
         "each hidden layer is Linear -> norm -> ReLU (Kaiming init)"},
        {"layers", "Hidden layers", FieldSpec::Kind::Int, 12, nullptr, 1, 64, false, {}, ""},
        {"hidden", "Hidden width", FieldSpec::Kind::Int, 256, nullptr, 2, 4096, false, {}, ""},
        {"batch", "Batch size", FieldSpec::Kind::Int, 64, nullptr, 1, 4096, false, {}, ""},
        {"steps", "Steps", FieldSpec::Kind::Int, 300, 60, 10, 100000, false, {}, "the same for every variant"},
        {"lr", "Learning rate (SGD)", FieldSpec::Kind::Float, 0.05, nullptr, 0, 10, true, {}, ""},
        {"momentum", "SGD momentum", FieldSpec::Kind::Float, 0.0, nullptr, 0, 0.999, false, {}, ""},
        {"input_dim",
         "Input features",
         FieldSpec::Kind::Int,
         32,
         nullptr,
         1,
         4096,
         false,
         {},
         "synthetic teacher data: x ~ N(0, I), labels from a random tanh network"},
        {"classes", "Classes", FieldSpec::Kind::Int, 10, nullptr, 2, 1000, false, {}, ""},
        {"train_samples", "Training samples", FieldSpec::Kind::Int, 4096, nullptr, 1, 1 << 20, false, {}, ""},
        {"val_samples", "Held-out samples", FieldSpec::Kind::Int, 1024, 512, 1, 1 << 20, false, {}, ""},
        {"eval_every", "Held-out loss every (steps)", FieldSpec::Kind::Int, 25, 20, 1, 100000, false, {}, ""},
    };
    def.check = [](const Json& c) {
        try {
            validate(model_config(c, "layer", 0));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("layers, hidden, batch: ") + e.what());
        }
        try {
            validate(data_config(c, 0));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("train_samples, val_samples, input_dim: ") + e.what());
        }
        for (std::size_t i = 0; i < c["norms"].size(); i++)
            for (std::size_t j = 0; j < i; j++)
                if (c["norms"][i] == c["norms"][j]) throw std::invalid_argument("norms: each norm may appear once");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, c["norms"].get<std::vector<std::string>>()); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        return std::make_unique<AblationJob>(c, spec);
    };
    def.summarize = summarize_ablation;
    return def;
}

}  // namespace normlab
