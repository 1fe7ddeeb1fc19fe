// Experiment "norm-speed": forward and forward+backward time of LayerNorm, RMSNorm, BatchNorm and
// DyT for several row lengths d at a fixed element count, on the machine that runs it; effective
// GB/s and RMSNorm's saving over LayerNorm, set against the claims made for it.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <vector>

#include "experiments/definitions.h"
#include "experiments/report.h"
#include "kernels/norms.h"
#include "engine/rng.h"
#include "engine/timing_clock.h"

namespace normlab {
namespace {


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
            const double fwd = median_ms([&] { forward(rows, d); }).median;
            const Quartiles q = median_ms([&] {
                forward(rows, d);
                backward(rows, d);
            });
            const double both = q.median;
            fwdbwd_iqr_ms_.push_back(q.iqr());
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
                  {"fwdbwd_iqr_ms", fwdbwd_iqr_ms_},
                  {"repeats", repeats_},
                  {"fwd_gbps", fwd_gbps_},
                  {"fwdbwd_gbps", fwdbwd_gbps_}}}};
    }

  private:
    // Quartiles of the time of one call of body, in ms, over `repeats` samples after a warm-up (the
    // calibration). Each sample times enough calls to last >= 5 ms, because browsers coarsen their
    // clocks (to 0.1 ms in Chromium without cross-origin isolation).
    template <typename F>
    Quartiles median_ms(F&& body) {
        auto time_calls = [&](int calls) {
            const double t0 = timing_clock_ms();
            for (int c = 0; c < calls; c++) body();
            return timing_clock_ms() - t0;
        };
        int calls = 1;
        while (calls < (1 << 20)) {  // calibrate (this also warms up caches)
            if (time_calls(calls) >= 5.0) break;
            calls *= 2;
        }
        std::vector<double> t;
        for (int r = 0; r < repeats_; r++) t.push_back(time_calls(calls) / calls);
        Quartiles q = quartiles_of(t);
        q.median = std::max(q.median, 1e-9);
        return q;
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
    std::vector<double> fwd_ms_, fwdbwd_ms_, fwdbwd_iqr_ms_, fwd_gbps_, fwdbwd_gbps_;
};

std::string pct_list(const std::vector<double>& v) {
    std::string out;
    for (double x : v) out += (out.empty() ? "" : ", ") + format3(x) + "%";
    return out;
}

Json summarize_speed(const Json& config, const std::vector<Json>& results) {
    const auto ds = config["ds"].get<std::vector<double>>();
    const ResultsBySeed seeds = results_by_seed(results);
    // best (minimum) time over seeds per variant and d, for the charts' table
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
    if (!fwd.count("layer") || !fwd.count("rms")) return {{"metrics", metrics}, {"claims", claims}};
    // per seed (the seeds' jobs run one after another: layer, rms, ... then again, so the variants
    // are timed interleaved round by round): RMSNorm's forward+backward saving at each d
    std::vector<double> mean_saving, last_saving, speedup;
    double noise = 0;
    std::vector<double> save_fwd(ds.size(), 0.0), save_both(ds.size(), 0.0);
    int n = 0;
    for (const auto& [seed, vs] : seeds) {
        if (!vs.count("layer") || !vs.count("rms")) continue;
        const Json& a = (*vs.at("layer"))["metrics"];
        const Json& b = (*vs.at("rms"))["metrics"];
        const auto ta = a["fwdbwd_ms"].get<std::vector<double>>(), tb = b["fwdbwd_ms"].get<std::vector<double>>();
        const auto fa = a["fwd_ms"].get<std::vector<double>>(), fb = b["fwd_ms"].get<std::vector<double>>();
        const auto ia = a["fwdbwd_iqr_ms"].get<std::vector<double>>(),
                   ib = b["fwdbwd_iqr_ms"].get<std::vector<double>>();
        const double reps = a["repeats"].get<double>();
        double sum = 0, sum_s = 0;
        for (std::size_t i = 0; i < ds.size(); i++) {
            const double sv = 100.0 * (1.0 - tb[i] / ta[i]);
            sum += sv;
            sum_s += ta[i] / tb[i];
            save_both[i] += sv;
            save_fwd[i] += 100.0 * (1.0 - fb[i] / fa[i]);
            // the medians' 95% notches (1.57 IQR / sqrt(repeats)), relative, combined; the largest
            noise = std::max(
                noise,
                100.0 * std::hypot(1.57 * ia[i] / std::sqrt(reps) / ta[i], 1.57 * ib[i] / std::sqrt(reps) / tb[i]));
        }
        mean_saving.push_back(sum / static_cast<double>(ds.size()));
        speedup.push_back(sum_s / static_cast<double>(ds.size()));
        last_saving.push_back(100.0 * (1.0 - tb.back() / ta.back()));
        n++;
    }
    for (std::size_t i = 0; i < ds.size(); i++) {
        save_fwd[i] /= std::max(n, 1);
        save_both[i] /= std::max(n, 1);
    }
    metrics["rms_saving_fwd_pct"] = save_fwd;
    metrics["rms_saving_fwdbwd_pct"] = save_both;
    metrics["timing_noise_pct"] = noise;
    // Amdahl: what this kernel speed-up gives a training step in which the norms take a share f
    const double s = median_of(speedup);  // a seed disturbed by other work must not set it
    metrics["kernel_speedup"] = s;
    Json amdahl = Json::object();
    std::string amdahl_text;
    Json shares = Json::array();  // the claims as data (report.h)
    for (int f : {10, 30, 50}) {
        const double saved = 100.0 * amdahl_saving(f / 100.0, s);
        amdahl[std::to_string(f)] = saved;
        shares.push_back({{"share", f}, {"saved", finite_or_null(saved)}});
        amdahl_text +=
            (amdahl_text.empty() ? "" : ", ") + std::string("f ") + std::to_string(f) + "% -> " + format3(saved) + "%";
    }
    metrics["amdahl_step_saving_pct_by_norm_share"] = amdahl;
    const std::string how = " (forward+backward, mean over d, per seed; timing noise " + format3(noise) +
        " points: the medians' 95% notches, 1.57 IQR / sqrt(repeats), combined). Kernel speed-up s = " + format3(s) +
        "x (median over seeds); Amdahl's law turns it into a step-time saving f (1 - 1/s) for a step whose norms take the share f: " +
        amdahl_text;
    const Json how_params = {{"noise", finite_or_null(noise)}, {"speedup", finite_or_null(s)}, {"shares", shares}};
    const Json params = {{"saving", finite_or_null(mean_saving)}, {"how", how_params}};
    claims.push_back(empirical_claim("norm-speed.rms-faster", "RMSNorm's kernels are faster than LayerNorm's",
                                     "saving " + pct_list(mean_saving) + how + ". Effect per seed: the saving in %",
                                     mean_saving, noise, params));
    auto inside = [](const std::vector<double>& v, double lo, double hi) {
        std::vector<double> e;
        for (double x : v) e.push_back(std::min(x - lo, hi - x));
        return e;
    };
    claims.push_back(empirical_claim(
        "norm-speed.paper-range",
        "The RMSNorm paper's 7-64% (Zhang & Sennrich 2019: whole training steps of RNNs that normalise every "
        "timestep, in unfused frameworks) holds for the kernels alone on this machine",
        "saving " + pct_list(mean_saving) + how +
            ". Effect per seed: the distance inside [7%, 64%] (negative: outside)",
        inside(mean_saving, 7.0, 64.0), noise, params));
    claims.push_back(empirical_claim(
        "norm-speed.quoted-30-40",
        "The often-quoted 30-40% (the upper part of the paper's RNN range, not a Transformer's 7%) holds for the "
        "kernels alone",
        "saving " + pct_list(mean_saving) + how + ". Effect per seed: the distance inside [30%, 40%]",
        inside(mean_saving, 30.0, 40.0), noise, params));
    claims.push_back(empirical_claim("norm-speed.at-scale", "At scale (large d) the kernel saving is 10-15%",
                                     "saving at d = " + std::to_string(static_cast<long>(ds.back())) + " per seed: " +
                                         pct_list(last_saving) + ". Effect per seed: the distance inside [10%, 15%]",
                                     inside(last_saving, 10.0, 15.0), noise,
                                     {{"d", static_cast<long>(ds.back())}, {"saving", finite_or_null(last_saving)}}));
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef norm_speed_experiment() {
    ExperimentDef def;
    def.id = "norm-speed";
    def.claim_ids = {"norm-speed.rms-faster", "norm-speed.paper-range", "norm-speed.quoted-30-40",
                     "norm-speed.at-scale"};
    def.title = "How fast are the norms?";
    def.question = "How long do the norms take on this machine, and how much does RMSNorm save over LayerNorm?";
    def.look =
        "the GB/s of each norm against your machine's memory bandwidth, and RMSNorm's saving over LayerNorm at each d. "
        "The kernel saving is not the training saving: by Amdahl's law a step whose norms take a share f gains only "
        "f (1 - 1/s) from a kernel s times faster. The RMSNorm paper's 7-64% (and the 30-40% often quoted from it) "
        "are whole-step savings of RNNs that normalise every timestep in frameworks without fused kernels, where f "
        "is large; its Transformer gained 7%. The summary shows the speed-up s this machine measures and what it "
        "gives at f = 10, 30 and 50%. The default size, 65,536 values (1,024 tokens of width 64, one activation of "
        "this course's transformers), stays in the CPU's cache, as a training step's activations do, so the kernels' "
        "arithmetic decides; the preset 'out of cache' measures the memory-bound regime instead.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"ds", "kinds", "elements"};
    def.presets = {
        {"LayerNorm or RMSNorm",
         "Only the two norms whose cost differs by one pass over the row.",
         {"kinds=layer,rms"}},
        {"short rows", "Short rows, where the per-row overhead weighs most.", {"ds=64,128,256"}},
        {"out of cache",
         "Tensors of 4M values (16 MB each for x, y, dy and dx) that do not fit in the CPU's cache: both norms wait "
         "for memory, and RMSNorm's pass fewer over the row saves little. Natively, in two runs of 3 seeds, "
         "RMSNorm saved -5 to 16% per seed here (inconclusive both times) against 31-33% at the default size.",
         {"elements=4194304"}},
    };
    def.section = "rmsnorm";
    def.one_job_at_a_time = true;
    def.default_seeds = 3;
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
         1 << 16,
         nullptr,
         1024,
         1 << 24,
         false,
         {},
         "rows = elements / d. 65,536 by default (256 KB per tensor: in the cache, like a small model's "
         "activations); 4,194,304 (16 MB) measures memory bandwidth instead"},
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
            if (std::floor(v) != v)
                throw SettingsError("dsWhole", Json::object(), "ds: every row length must be a whole number");
            if (v > c["elements"].get<double>())
                throw SettingsError("dsTooLong", Json::object(), "ds: a row length is larger than the element count");
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
