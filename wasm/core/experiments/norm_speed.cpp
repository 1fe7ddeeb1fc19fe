// Experiment "norm-speed": forward and forward+backward time of LayerNorm, RMSNorm, BatchNorm and
// DyT for several row lengths d at a fixed element count, on the machine that runs it; effective
// GB/s and RMSNorm's saving over LayerNorm, set against the claims made for it.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <vector>

#include "experiments/definitions.h"
#include "experiments/report.h"
#include "kernels/norms.h"
#include "engine/rng.h"

namespace normlab {
namespace {

using Clock = std::chrono::steady_clock;

class NormSpeedJob final : public Job {
  public:
    NormSpeedJob(const Json& c, const JobSpec& spec)
        : spec_(spec),
          ds_(c["ds"].get<std::vector<double>>()),
          elements_(c["elements"].get<std::size_t>()),
          repeats_(c["repeats"].get<int>()),
          x_(elements_),
          y_(elements_),
          dy_(elements_),
          dx_(elements_),
          stats_a_(elements_),
          stats_b_(elements_),
          param_a_(elements_, 1.0f),
          param_b_(elements_, 0.0f),
          grad_a_(elements_),
          grad_b_(elements_) {
        Rng rng(spec.seed);
        for (auto& v : x_) v = rng.normal();
        for (auto& v : dy_) v = rng.normal();
    }
    int total_steps() const override { return static_cast<int>(ds_.size()); }
    int steps_done() const override { return static_cast<int>(fwd_ms_.size()); }

    Json advance(int max_steps) override {
        Json points = {{"step", Json::array()}, {"fwd_gbps", Json::array()}, {"fwdbwd_gbps", Json::array()}};
        for (int k = 0; k < max_steps && !finished(); k++) {
            const std::size_t i = fwd_ms_.size();
            const std::size_t d = static_cast<std::size_t>(ds_[i]);
            const std::size_t rows = elements_ / d;
            const double n = static_cast<double>(rows * d);
            const double fwd = median_ms([&] { forward(rows, d); });
            const double both = median_ms([&] {
                forward(rows, d);
                backward(rows, d);
            });
            fwd_ms_.push_back(fwd);
            fwdbwd_ms_.push_back(both);
            // bytes that must move: forward reads x and writes y; the backward also reads x and
            // dy and writes dx (parameters and per-row statistics are negligible)
            fwd_gbps_.push_back(n * 8.0 / (fwd * 1e6));
            fwdbwd_gbps_.push_back(n * 20.0 / (both * 1e6));
            points["step"].push_back(i);
            points["fwd_gbps"].push_back(fwd_gbps_.back());
            points["fwdbwd_gbps"].push_back(fwdbwd_gbps_.back());
        }
        return points;
    }

    Json result() const override {
        return {{"variant", spec_.variant},
                {"seed", spec_.seed},
                {"train_loss", Json::array()},
                {"val_loss", Json::array()},
                {"diverged_at", nullptr},
                {"step_ms", fwdbwd_ms_},
                {"metrics",
                 {{"d", ds_},
                  {"fwd_ms", fwd_ms_},
                  {"fwdbwd_ms", fwdbwd_ms_},
                  {"fwd_gbps", fwd_gbps_},
                  {"fwdbwd_gbps", fwdbwd_gbps_}}}};
    }

  private:
    // Median time of one call of body, in ms. Each sample times enough calls to last >= 5 ms,
    // because browsers coarsen their clocks (to 0.1 ms in Chromium without cross-origin isolation).
    template <typename F>
    double median_ms(F&& body) {
        auto time_calls = [&](int calls) {
            const auto t0 = Clock::now();
            for (int c = 0; c < calls; c++) body();
            return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        };
        int calls = 1;
        while (calls < (1 << 20)) {  // calibrate (this also warms up caches)
            if (time_calls(calls) >= 5.0) break;
            calls *= 2;
        }
        std::vector<double> t;
        for (int r = 0; r < repeats_; r++) t.push_back(time_calls(calls) / calls);
        return std::max(median_of(t), 1e-9);
    }

    void forward(std::size_t rows, std::size_t d) {
        const std::string& v = spec_.variant;
        if (v == "layer")
            layernorm_forward(y_.data(), stats_a_.data(), stats_b_.data(), x_.data(), param_a_.data(), param_b_.data(),
                              rows, d, 1e-5f);
        else if (v == "rms")
            rmsnorm_forward(y_.data(), stats_b_.data(), x_.data(), param_a_.data(), rows, d, 1e-6f);
        else if (v == "batch")
            batchnorm_forward(y_.data(), stats_a_.data(), stats_b_.data(), static_cast<float*>(nullptr),
                              static_cast<float*>(nullptr), x_.data(), param_a_.data(), param_b_.data(), rows, d, 1,
                              1e-5f, 0.1f, true);
        else
            dyt_forward(y_.data(), x_.data(), param_a_.data(), param_b_.data(), rows, d, 0.5f);
    }
    void backward(std::size_t rows, std::size_t d) {
        std::fill(dx_.begin(), dx_.begin() + static_cast<std::ptrdiff_t>(rows * d), 0.0f);
        const std::string& v = spec_.variant;
        if (v == "layer")
            layernorm_backward(dx_.data(), grad_a_.data(), grad_b_.data(), dy_.data(), x_.data(), param_a_.data(),
                               stats_a_.data(), stats_b_.data(), rows, d);
        else if (v == "rms")
            rmsnorm_backward(dx_.data(), grad_a_.data(), dy_.data(), x_.data(), param_a_.data(), stats_b_.data(), rows,
                             d);
        else if (v == "batch")
            batchnorm_backward(dx_.data(), grad_a_.data(), grad_b_.data(), dy_.data(), x_.data(), param_a_.data(),
                               stats_a_.data(), stats_b_.data(), rows, d, 1, true);
        else {
            float dalpha = 0;
            dyt_backward(dx_.data(), grad_a_.data(), grad_b_.data(), &dalpha, dy_.data(), x_.data(), param_a_.data(),
                         rows, d, 0.5f);
        }
    }

    JobSpec spec_;
    std::vector<double> ds_;
    std::size_t elements_;
    int repeats_;
    std::vector<float> x_, y_, dy_, dx_, stats_a_, stats_b_, param_a_, param_b_, grad_a_, grad_b_;
    std::vector<double> fwd_ms_, fwdbwd_ms_, fwd_gbps_, fwdbwd_gbps_;
};

Json summarize_speed(const Json& config, const std::vector<Json>& results) {
    const auto ds = config["ds"].get<std::vector<double>>();
    // best (minimum) time over seeds per variant and d: timing noise only ever adds time
    std::map<std::string, std::vector<double>> fwd, both;
    for (const auto& r : results) {
        const std::string v = r["variant"];
        auto f = r["metrics"]["fwd_ms"].get<std::vector<double>>();
        auto b = r["metrics"]["fwdbwd_ms"].get<std::vector<double>>();
        if (!fwd.count(v)) {
            fwd[v] = f;
            both[v] = b;
            continue;
        }
        for (std::size_t i = 0; i < f.size(); i++) {
            fwd[v][i] = std::min(fwd[v][i], f[i]);
            both[v][i] = std::min(both[v][i], b[i]);
        }
    }
    Json metrics = {{"d", ds}, {"elements", config["elements"]}, {"fwd_ms", fwd}, {"fwdbwd_ms", both}};
    Json claims = Json::array();
    if (fwd.count("layer") && fwd.count("rms")) {
        std::vector<double> save_fwd, save_both;
        for (std::size_t i = 0; i < ds.size(); i++) {
            save_fwd.push_back(100.0 * (1.0 - fwd["rms"][i] / fwd["layer"][i]));
            save_both.push_back(100.0 * (1.0 - both["rms"][i] / both["layer"][i]));
        }
        metrics["rms_saving_fwd_pct"] = save_fwd;
        metrics["rms_saving_fwdbwd_pct"] = save_both;
        const double lo = *std::min_element(save_both.begin(), save_both.end());
        const double hi = *std::max_element(save_both.begin(), save_both.end());
        const double mean =
            std::accumulate(save_both.begin(), save_both.end(), 0.0) / static_cast<double>(save_both.size());
        const std::string range = "RMSNorm's forward+backward saving over LayerNorm: " + (format3(lo) + "%") + " to " +
            (format3(hi) + "%") + " across d (mean " + (format3(mean) + "%") + ")";
        claims.push_back(claim("RMSNorm paper: 7-64% faster than LayerNorm", range, mean >= 7.0 && mean <= 64.0));
        claims.push_back(claim("The course's estimate: RMSNorm saves 30-40%", range, mean >= 30.0 && mean <= 40.0));
        claims.push_back(claim(
            "At scale (large d) the saving is 10-15%",
            "saving at d = " + std::to_string(static_cast<long>(ds.back())) + ": " + (format3(save_both.back()) + "%"),
            save_both.back() >= 10.0 && save_both.back() <= 15.0));
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef norm_speed_experiment() {
    ExperimentDef def;
    def.id = "norm-speed";
    def.title = "How fast are the norms?";
    def.question = "How long do the norms take on this machine, and how much does RMSNorm save over LayerNorm?";
    def.look =
        "the GB/s of each norm against your machine's memory bandwidth, and RMSNorm's saving over LayerNorm at each d.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"ds", "kinds", "elements"};
    def.presets = {
        {"LayerNorm or RMSNorm",
         "Only the two norms whose cost differs by one pass over the row.",
         {"kinds=layer,rms"}},
        {"short rows", "Short rows, where the per-row overhead weighs most.", {"ds=64,128,256"}},
        {"in cache",
         "A tensor of 256K elements that fits in the CPU's cache, so memory bandwidth matters less.",
         {"elements=262144"}},
    };
    def.section = "rmsnorm";
    def.one_job_at_a_time = true;
    def.fields = {
        {"ds",
         "Row lengths d",
         FieldSpec::Kind::FloatList,
         Json{64, 128, 256, 512, 1024, 2048, 4096},
         nullptr,
         1,
         65536,
         false,
         {},
         "each is timed at the same element count"},
        {"elements",
         "Elements per tensor",
         FieldSpec::Kind::Int,
         1 << 22,
         1 << 18,
         1024,
         1 << 24,
         false,
         {},
         "rows = elements / d"},
        {"repeats", "Timed repeats (median)", FieldSpec::Kind::Int, 15, 5, 1, 1000, false, {}, ""},
        {"kinds",
         "Norms",
         FieldSpec::Kind::ChoiceList,
         Json{"layer", "rms", "batch", "dyt"},
         nullptr,
         0,
         0,
         false,
         {"layer", "rms", "batch", "dyt"},
         ""},
    };
    def.check = [](const Json& c) {
        for (const auto& d : c["ds"]) {
            const double v = d.get<double>();
            if (std::floor(v) != v) throw std::invalid_argument("ds: every row length must be a whole number");
            if (v > c["elements"].get<double>())
                throw std::invalid_argument("ds: a row length is larger than the element count");
        }
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, c["kinds"].get<std::vector<std::string>>()); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        return std::make_unique<NormSpeedJob>(c, spec);
    };
    def.summarize = summarize_speed;
    return def;
}

}  // namespace normlab
