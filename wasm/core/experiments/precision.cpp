// Experiment "precision": LayerNorm and RMSNorm in emulated fp16 and bf16 (every operation's
// result rounded to the format; sums accumulated in fp32 or in the format itself) against a
// double-precision reference, over input offsets and scales. Reports the error and overflow.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <vector>

#include "experiments/definitions.h"
#include "engine/timing_clock.h"
#include "experiments/report.h"
#include "kernels/half_precision.h"
#include "engine/rng.h"

namespace normlab {
namespace {

struct CaseResult {
    double max_abs_error = 0;  // max |y - y_ref| over finite outputs
    bool overflow = false;     // some output or intermediate went non-finite
};

// One row through LayerNorm (layer = true) or RMSNorm. Inputs are already in the half format.
// internal_in_format = false: every intermediate in fp32, the output rounded to the format (what
// mixed-precision frameworks do); true: every operation's result rounded to the format (a naive
// half-precision kernel).
CaseResult emulated_row(bool layer, HalfFormat fmt, bool internal_in_format, const std::vector<float>& x, double eps) {
    const std::size_t d = x.size();
    auto out_round = [&](float v) { return round_to(fmt, v); };
    auto r = [&](float v) { return internal_in_format ? round_to(fmt, v) : v; };
    const float eps_f = r(static_cast<float>(eps));
    std::vector<float> centred(d);
    float sum_sq = 0.0f;
    if (layer) {
        float sum = 0.0f;
        for (float v : x) sum = r(sum + v);
        const float mean = r(sum / static_cast<float>(d));
        for (std::size_t i = 0; i < d; i++) {
            centred[i] = r(x[i] - mean);
            sum_sq = r(sum_sq + r(centred[i] * centred[i]));
        }
    } else {
        for (std::size_t i = 0; i < d; i++) {
            centred[i] = x[i];
            sum_sq = r(sum_sq + r(x[i] * x[i]));
        }
    }
    const float var = r(sum_sq / static_cast<float>(d));
    const float rstd = r(1.0f / r(std::sqrt(r(var + eps_f))));
    // double reference from the same (already rounded) inputs
    double ref_mean = 0;
    if (layer) {
        for (float v : x) ref_mean += v;
        ref_mean /= static_cast<double>(d);
    }
    double ref_ss = 0;
    for (float v : x) ref_ss += (v - ref_mean) * (v - ref_mean);
    const double ref_rstd = 1.0 / std::sqrt(ref_ss / static_cast<double>(d) + eps);
    CaseResult out;
    out.overflow = !std::isfinite(sum_sq) || !std::isfinite(rstd);
    for (std::size_t i = 0; i < d; i++) {
        const float y = out_round(centred[i] * rstd);
        const double y_ref = (x[i] - ref_mean) * ref_rstd;
        if (!std::isfinite(y))
            out.overflow = true;
        else
            out.max_abs_error = std::max(out.max_abs_error, std::fabs(y - y_ref));
    }
    return out;
}

class PrecisionJob final : public Job {
  public:
    PrecisionJob(const Json& c, const JobSpec& spec) : spec_(spec) {
        const auto slash = spec.variant.find('/');
        layer_ = spec.variant.substr(0, slash) == "layer";
        format_ = spec.variant.substr(slash + 1) == "fp16" ? HalfFormat::fp16 : HalfFormat::bf16;
        in_format_ = c["accumulate"].get<std::string>() == "format";
        d_ = c["d"].get<std::size_t>();
        rows_ = c["rows"].get<std::size_t>();
        eps_ = layer_ ? c["eps_layer"].get<double>() : c["eps_rms"].get<double>();
        for (double o : c["offsets"].get<std::vector<double>>())
            for (double s : c["scales"].get<std::vector<double>>()) cases_.push_back({o, s});
    }
    int total_steps() const override { return static_cast<int>(cases_.size()); }
    int steps_done() const override { return static_cast<int>(error_.size()); }

    Json advance(int max_steps) override {
        Json points = {{"step", Json::array()}, {"max_abs_error", Json::array()}};
        std::vector<float> x(d_);
        for (int k = 0; k < max_steps && !finished(); k++) {
            const std::size_t i = error_.size();
            const auto [offset, scale] = cases_[i];
            const double t0 = timing_clock_ms();
            Rng rng = Rng(spec_.seed).fork(i);  // the same inputs for every variant of a seed
            double worst = 0;
            long overflows = 0;
            for (std::size_t row = 0; row < rows_; row++) {
                for (auto& v : x) v = round_to(format_, static_cast<float>(offset + scale * rng.normal()));
                const CaseResult cr = emulated_row(layer_, format_, in_format_, x, eps_);
                worst = std::max(worst, cr.max_abs_error);
                overflows += cr.overflow ? 1 : 0;
            }
            step_ms_.push_back(timing_clock_ms() - t0);
            error_.push_back(worst);
            overflow_rows_.push_back(overflows);
            points["step"].push_back(i);
            points["max_abs_error"].push_back(overflows == static_cast<long>(rows_) ? Json(nullptr) : Json(worst));
        }
        return points;
    }

    Json result() const override {
        Json offsets = Json::array(), scales = Json::array();
        for (const auto& c : cases_) {
            offsets.push_back(c.first);
            scales.push_back(c.second);
        }
        return {
            {"variant", spec_.variant},
            {"seed", spec_.seed},
            {"train_loss", Json::array()},
            {"val_loss", Json::array()},
            {"diverged_at", nullptr},
            {"step_ms", step_ms_},
            {"metrics",
             {{"offset", offsets}, {"scale", scales}, {"max_abs_error", error_}, {"overflow_rows", overflow_rows_}}}};
    }

  private:
    JobSpec spec_;
    bool layer_ = true, in_format_ = false;
    HalfFormat format_ = HalfFormat::fp16;
    std::size_t d_ = 0, rows_ = 0;
    double eps_ = 1e-5;
    std::vector<std::pair<double, double>> cases_;
    std::vector<double> error_, step_ms_;
    std::vector<long> overflow_rows_;
};

Json summarize_precision(const Json& config, const std::vector<Json>& results) {
    // worst over seeds, per variant and case
    std::map<std::string, std::vector<double>> err;
    std::map<std::string, std::vector<long>> ovf;
    Json offsets, scales;
    for (const auto& r : results) {
        const std::string v = r["variant"];
        const auto& m = r["metrics"];
        offsets = m["offset"];
        scales = m["scale"];
        auto e = m["max_abs_error"].get<std::vector<double>>();
        auto o = m["overflow_rows"].get<std::vector<long>>();
        if (!err.count(v)) {
            err[v] = e;
            ovf[v] = o;
            continue;
        }
        for (std::size_t i = 0; i < e.size(); i++) {
            err[v][i] = std::max(err[v][i], e[i]);
            ovf[v][i] += o[i];
        }
    }
    Json metrics = {
        {"offset", offsets}, {"scale", scales}, {"accumulate", config["accumulate"]}, {"variants", Json::object()}};
    for (const auto& [v, e] : err) metrics["variants"][v] = {{"max_abs_error", e}, {"overflow_rows", ovf[v]}};
    Json claims = Json::array();
    // Which norm is more accurate is an empirical question about these random rows: decided per seed
    // (the rows of a seed are the same for both norms), case by case.
    const ResultsBySeed seeds = results_by_seed(results);
    for (const char* fmt : {"fp16", "bf16"}) {
        const std::string ln = std::string("layer/") + fmt, rms = std::string("rms/") + fmt;
        if (!err.count(ln) || !err.count(rms)) continue;
        std::vector<double> effect;
        std::string observed;
        Json runs = Json::array();  // the claims as data (report.h)
        for (const auto& [seed, vs] : seeds) {
            if (!vs.count(ln) || !vs.count(rms)) continue;
            const Json& ml = (*vs.at(ln))["metrics"];
            const Json& mr = (*vs.at(rms))["metrics"];
            const auto el = ml["max_abs_error"].get<std::vector<double>>(),
                       er = mr["max_abs_error"].get<std::vector<double>>();
            const auto ol = ml["overflow_rows"].get<std::vector<long>>(),
                       orr = mr["overflow_rows"].get<std::vector<long>>();
            int rms_better = 0, ln_better = 0, ties = 0;
            for (std::size_t i = 0; i < el.size(); i++) {
                const bool rms_bad = orr[i] > 0, ln_bad = ol[i] > 0;
                if (rms_bad != ln_bad)
                    (rms_bad ? ln_better : rms_better)++;
                else if (er[i] < el[i] * 0.9)
                    rms_better++;
                else if (el[i] < er[i] * 0.9)
                    ln_better++;
                else
                    ties++;
            }
            effect.push_back(rms_better - ln_better);
            observed += (observed.empty() ? "" : "; ") + std::string("seed ") + std::to_string(seed) + ": RMSNorm " +
                std::to_string(rms_better) + ", LayerNorm " + std::to_string(ln_better) + ", within 10% " +
                std::to_string(ties);
            runs.push_back({{"seed", seed}, {"rms", rms_better}, {"layer", ln_better}, {"ties", ties}});
        }
        claims.push_back(
            empirical_claim(std::string("precision.rms-more-stable-") + fmt,
                            std::string("RMSNorm is more stable than LayerNorm in ") + fmt,
                            "cases where each norm's max error is more than 10% lower (or only the other "
                            "overflows): " +
                                observed + " (computing internally in " + config["accumulate"].get<std::string>() +
                                "). Effect per seed: RMSNorm's count minus LayerNorm's",
                            effect, 0.0, {{"runs", runs}, {"accumulate", {{"mode", config["accumulate"]}}}}));
    }
    if (err.count("rms/fp16")) {
        long over = 0;
        double worst_offset = 0;
        for (std::size_t i = 0; i < ovf["rms/fp16"].size(); i++)
            if (ovf["rms/fp16"][i] > 0) {
                over++;
                worst_offset = std::max(worst_offset, offsets[i].get<double>());
            }
        claims.push_back(claim(
            "precision.fp16-overflows", "Sums of squares overflow fp16 (largest value 65504) once inputs are large",
            over ? std::to_string(over) + " of " + std::to_string(ovf["rms/fp16"].size()) +
                    " RMSNorm fp16 cases overflowed (offsets up to " + format3(worst_offset) + ")"
                 : "no RMSNorm fp16 case overflowed at these offsets and scales",
            over > 0, {{"over", over}, {"cases", ovf["rms/fp16"].size()}, {"worst_offset", worst_offset}}));
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef precision_experiment() {
    ExperimentDef def;
    def.id = "precision";
    def.claim_ids = {"precision.rms-more-stable-fp16", "precision.rms-more-stable-bf16", "precision.fp16-overflows"};
    def.title = "Half precision";
    def.question = "How accurate are LayerNorm and RMSNorm in fp16 and bf16, and when do they overflow?";
    def.look =
        "which cases overflow in fp16, how bf16's coarse mantissa shows up as error, and whether RMSNorm or LayerNorm is more accurate.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"offsets", "scales", "accumulate"};
    def.presets = {
        {"all in half",
         "Every operation in fp16 or bf16, not only inputs and outputs: where does each norm lose accuracy?",
         {"accumulate=format"}},
        {"far from zero",
         "Rows whose mean is far from zero: LayerNorm subtracts the mean, RMSNorm squares it.",
         {"offsets=1000,10000"}},
        {"tiny values",
         "Rows with a very small spread: the half formats' range and precision at the low end.",
         {"scales=0.001,0.01"}},
    };
    def.section = "epsilon";
    def.default_seeds = 3;
    def.fields = {
        {"d", "Features per row d", FieldSpec::Kind::Int, 1024, 256, 1, 8192, false, {}, ""},
        {"rows", "Rows per case", FieldSpec::Kind::Int, 16, 4, 1, 1024, false, {}, ""},
        {"offsets",
         "Input offsets (mean of the row)",
         FieldSpec::Kind::FloatList,
         Json{0.0, 1.0, 10.0, 100.0, 1000.0},
         nullptr,
         -1e6,
         1e6,
         false,
         {},
         ""},
        {"scales",
         "Input scales (std of the row)",
         FieldSpec::Kind::FloatList,
         Json{1e-3, 1.0, 10.0, 100.0},
         nullptr,
         0,
         1e6,
         true,
         {},
         ""},
        {"accumulate",
         "Compute internally in",
         FieldSpec::Kind::Choice,
         "fp32",
         nullptr,
         0,
         0,
         false,
         {"fp32", "format"},
         "fp32 with half inputs and outputs (what mixed-precision frameworks do), or every operation in the half format"},
        {"eps_layer", "epsilon of LayerNorm", FieldSpec::Kind::Float, 1e-5, nullptr, 0, 1, false, {}, ""},
        {"eps_rms", "epsilon of RMSNorm", FieldSpec::Kind::Float, 1e-6, nullptr, 0, 1, false, {}, ""},
    };
    def.check = [](const Json& c) {
        const double cases = static_cast<double>(c["offsets"].size() * c["scales"].size());
        if (cases * c["rows"].get<double>() * c["d"].get<double>() > 5e7)
            throw SettingsError("precisionWork", Json::object(),
                                "offsets x scales x rows x d is too much work (over 5e7 values): lower rows or d");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, {"layer/fp16", "rms/fp16", "layer/bf16", "rms/bf16"}); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        return std::make_unique<PrecisionJob>(c, spec);
    };
    def.summarize = summarize_precision;
    return def;
}

}  // namespace normlab
