// Experiment "eps": where epsilon goes. Rows with sigma -> 0 (a constant plus noise of a chosen
// size) through the correct LayerNorm, (x - mu) / sqrt(var + eps), and the eps-outside variant,
// (x - mu) / (sqrt(var) + eps); forward magnitudes and backward gradients per noise level.
#include <cmath>
#include <sstream>
#include <vector>

#include "experiments/definitions.h"
#include "engine/timing_clock.h"
#include "experiments/report.h"
#include "kernels/norms.h"
#include "engine/rng.h"

namespace normlab {
namespace {

class EpsJob final : public Job {
  public:
    EpsJob(const Json& config, const JobSpec& spec)
        : spec_(spec),
          inside_(spec.variant == "inside"),
          rows_(config["rows"].get<std::size_t>()),
          d_(config["d"].get<std::size_t>()),
          eps_(config["eps"].get<double>()),
          offset_(config["offset"].get<double>()),
          noise_(config["noise"].get<std::vector<double>>()),
          x_(rows_ * d_),
          y_(rows_ * d_),
          dy_(rows_ * d_),
          dx_(rows_ * d_),
          mean_(rows_),
          rstd_(rows_),
          gamma_(d_, 1.0f),
          beta_(d_, 0.0f),
          dgamma_(d_),
          dbeta_(d_) {}

    int total_steps() const override { return static_cast<int>(noise_.size()); }
    int steps_done() const override { return static_cast<int>(max_abs_y_.size()); }

    Json advance(int max_steps) override {
        Json points = {{"step", Json::array()}, {"max_abs_dx", Json::array()}};
        for (int k = 0; k < max_steps && !finished(); k++) {
            const std::size_t level = max_abs_y_.size();
            // The same rows and upstream gradient for both variants of a seed (paired comparison).
            Rng rng = Rng(spec_.seed).fork(level);
            for (std::size_t i = 0; i < x_.size(); i++)
                x_[i] = static_cast<float>(offset_ + noise_[level] * static_cast<double>(rng.normal()));
            for (auto& g : dy_) g = rng.normal();
            std::fill(dx_.begin(), dx_.end(), 0.0f);
            std::fill(dgamma_.begin(), dgamma_.end(), 0.0f);
            std::fill(dbeta_.begin(), dbeta_.end(), 0.0f);
            const double t0 = timing_clock_ms();
            if (inside_) {
                layernorm_forward(y_.data(), mean_.data(), rstd_.data(), x_.data(), gamma_.data(), beta_.data(), rows_,
                                  d_, eps_);
                layernorm_backward(dx_.data(), dgamma_.data(), dbeta_.data(), dy_.data(), x_.data(), gamma_.data(),
                                   mean_.data(), rstd_.data(), rows_, d_);
            } else {
                layernorm_eps_outside_forward(y_.data(), mean_.data(), rstd_.data(), x_.data(), gamma_.data(),
                                              beta_.data(), rows_, d_, eps_);
                layernorm_eps_outside_backward(dx_.data(), dgamma_.data(), dbeta_.data(), dy_.data(), x_.data(),
                                               gamma_.data(), mean_.data(), rstd_.data(), rows_, d_);
            }
            const double ms = timing_clock_ms() - t0;
            double my = 0, mdx = 0, mdy = 0;
            long nonfinite = 0;
            for (float v : y_) my = std::isfinite(v) ? std::max(my, std::fabs(static_cast<double>(v))) : INFINITY;
            for (float v : dx_) {
                if (std::isfinite(v))
                    mdx = std::max(mdx, std::fabs(static_cast<double>(v)));
                else
                    nonfinite++;
            }
            for (float v : dy_) mdy = std::max(mdy, std::fabs(static_cast<double>(v)));
            max_abs_y_.push_back(my);
            max_abs_dx_.push_back(nonfinite ? INFINITY : mdx);
            max_abs_dy_.push_back(mdy);
            nonfinite_dx_.push_back(nonfinite);
            step_ms_.push_back(ms);
            points["step"].push_back(level);
            points["max_abs_dx"].push_back(nonfinite ? Json(nullptr) : Json(mdx));
        }
        return points;
    }

    Json result() const override {
        return {{"variant", spec_.variant},
                {"seed", spec_.seed},
                {"train_loss", Json::array()},
                {"val_loss", Json::array()},
                {"diverged_at", nullptr},
                {"step_ms", step_ms_},
                {"metrics",
                 {{"noise", noise_},
                  {"max_abs_y", finite_or_null(max_abs_y_)},
                  {"max_abs_dx", finite_or_null(max_abs_dx_)},  // null where some gradient is non-finite
                  {"max_abs_dy", max_abs_dy_},
                  {"nonfinite_dx", nonfinite_dx_}}}};
    }

  private:
    JobSpec spec_;
    bool inside_;
    std::size_t rows_, d_;
    double eps_, offset_;
    std::vector<double> noise_;
    std::vector<float> x_, y_, dy_, dx_, mean_, rstd_, gamma_, beta_, dgamma_, dbeta_;
    std::vector<double> max_abs_y_, max_abs_dx_, max_abs_dy_, step_ms_;
    std::vector<long> nonfinite_dx_;
};

Json summarize_eps(const Json& config, const std::vector<Json>& results) {
    const auto noise = config["noise"].get<std::vector<double>>();
    const double eps = config["eps"].get<double>();
    const double d = config["d"].get<double>();
    // Per variant and noise level, the worst case over seeds.
    struct Worst {
        std::vector<double> dx;
        std::vector<long> nonfinite;
        double dy = 0;
    };
    Worst inside{std::vector<double>(noise.size(), 0), std::vector<long>(noise.size(), 0)};
    Worst outside = inside;
    for (const auto& r : results) {
        Worst& w = r["variant"] == "inside" ? inside : outside;
        const auto& m = r["metrics"];
        for (std::size_t i = 0; i < noise.size(); i++) {
            const long nf = m["nonfinite_dx"][i].get<long>();
            w.nonfinite[i] += nf;
            w.dx[i] = nf ? INFINITY : std::max(w.dx[i], m["max_abs_dx"][i].get<double>());
            w.dy = std::max(w.dy, m["max_abs_dy"][i].get<double>());
        }
    }
    // Bound for the correct LayerNorm: |dx_i| = rstd/d |d g_i - sum g - xhat_i sum g xhat|
    //   <= max|g| (2 + sqrt(d)) / sqrt(eps), since rstd <= 1/sqrt(eps) and |xhat_i| <= sqrt(d).
    const double bound = inside.dy * (2.0 + std::sqrt(d)) / std::sqrt(eps);
    bool inside_ok = true;
    double inside_max = 0;
    for (std::size_t i = 0; i < noise.size(); i++) {
        inside_ok = inside_ok && inside.nonfinite[i] == 0 && inside.dx[i] <= bound;
        inside_max = std::max(inside_max, inside.dx[i]);
    }
    long outside_nonfinite = 0;
    double worst_ratio = 0;
    std::size_t worst_level = 0;
    for (std::size_t i = 0; i < noise.size(); i++) {
        outside_nonfinite += outside.nonfinite[i];
        const double ratio = outside.dx[i] / std::max(inside.dx[i], 1e-30);
        if (ratio > worst_ratio) {
            worst_ratio = ratio;
            worst_level = i;
        }
    }
    const bool outside_bad = outside_nonfinite > 0 || worst_ratio > 100.0;
    std::string observed_out = outside_nonfinite > 0
        ? std::to_string(outside_nonfinite) + " non-finite gradient entries"
        : "no non-finite gradient";
    observed_out += "; worst max|dx| ratio outside/inside = " +
        (std::isfinite(worst_ratio) ? format3(worst_ratio) : std::string("inf")) + " at noise " +
        format3(noise[worst_level]);
    Json metrics = {{"noise", noise},
                    {"inside_max_abs_dx", Json::array()},
                    {"outside_max_abs_dx", Json::array()},
                    {"outside_nonfinite_dx", outside.nonfinite},
                    {"inside_nonfinite_dx", inside.nonfinite},
                    {"inside_bound", bound}};
    for (std::size_t i = 0; i < noise.size(); i++) {
        metrics["inside_max_abs_dx"].push_back(std::isfinite(inside.dx[i]) ? Json(inside.dx[i]) : Json(nullptr));
        metrics["outside_max_abs_dx"].push_back(std::isfinite(outside.dx[i]) ? Json(outside.dx[i]) : Json(nullptr));
    }
    return {
        {"metrics", metrics},
        {"claims",
         {claim("eps.outside",
                "With eps outside the square root, near-constant rows give non-finite or exploding gradients",
                observed_out, outside_bad,
                {{"nonfinite", outside_nonfinite},
                 {"ratio", finite_or_null(worst_ratio)},
                 {"noise", noise[worst_level]}}),
          claim(
              "eps.inside",
              "With eps inside the square root, every gradient stays finite and within max|dy|(2 + sqrt(d))/sqrt(eps)",
              "max |dx| = " + format3(inside_max) + ", bound = " + format3(bound) +
                  (inside_ok ? ", all finite" : ", NOT all finite or above the bound"),
              inside_ok,
              {{"max_dx", finite_or_null(inside_max)}, {"bound", finite_or_null(bound)}, {"ok", inside_ok}})}}};
}

}  // namespace

ExperimentDef eps_experiment() {
    ExperimentDef def;
    def.id = "eps";
    def.title = "Where epsilon goes";
    def.question = "What happens to the gradients of near-constant rows when epsilon sits outside the square root?";
    def.look =
        "the noise level where the ε-outside gradients blow up (or turn non-finite at σ = 0) while the correct placement stays bounded.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"eps", "noise", "offset"};
    def.presets = {
        {"constant rows",
         "Rows with no variance at all: only ε keeps the division by the std finite.",
         {"noise=0,1e-7"}},
        {"a larger ε",
         "A thousand times the default ε: the gradients of near-constant rows stay bounded by a smaller number.",
         {"eps=0.01"}},
        {"far from zero", "Rows around 1000: can float32 still see the tiniest noise levels?", {"offset=1000"}},
    };
    def.section = "epsilon";
    def.claim_ids = {"eps.outside", "eps.inside"};
    def.fields = {
        {"d", "Features per row d", FieldSpec::Kind::Int, 64, nullptr, 2, 4096, false, {}, "row length"},
        {"rows", "Rows per noise level", FieldSpec::Kind::Int, 64, 16, 1, 4096, false, {}, ""},
        {"noise",
         "Noise levels (std of the row)",
         FieldSpec::Kind::FloatList,
         Json{0.0, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3},
         nullptr,
         0,
         10,
         false,
         {},
         "each row is offset + noise * N(0, 1)"},
        {"offset", "Row value (the constant)", FieldSpec::Kind::Float, 1.0, nullptr, -1e4, 1e4, false, {}, ""},
        {"eps", "epsilon", FieldSpec::Kind::Float, 1e-5, nullptr, 0, 1, true, {}, ""},
    };
    def.check = [](const Json& c) {
        // ten float buffers of rows * d: keep a run under ~170 MB of memory
        if (c["rows"].get<double>() * c["d"].get<double>() > (1 << 22))
            throw SettingsError("rowsTimesD", {{"max", 1 << 22}},
                                "rows * d must be at most 4194304 (memory): lower rows or d");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, {"inside", "outside"}); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        return std::make_unique<EpsJob>(c, spec);
    };
    def.summarize = summarize_eps;
    return def;
}

}  // namespace normlab
