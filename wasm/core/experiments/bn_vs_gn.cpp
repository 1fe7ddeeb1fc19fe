// Experiment "bn-vs-gn": BatchNorm's small-batch failure (Wu & He 2018) and its cause. The shape-image
// CNN with BatchNorm or GroupNorm (C/4 groups by default) at batch sizes 2..32, every run seeing the
// same number of training samples (steps = samples / batch, the same image sequence) with the
// learning rate scaled linearly with the batch (Goyal et al. 2017). The blocks downsample to maps of
// 2 x 2, where a BatchNorm statistic at batch 2 pools only 8 values, and the images vary in
// brightness and contrast from one to the next, so small-batch statistics are genuinely noisy.
// BatchNorm is evaluated three ways: with its running statistics (eval mode, as deployed), with
// precise BatchNorm (statistics recomputed over the training set after training), and with the
// statistics of held-out batches of the training batch size.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "experiments/definitions.h"
#include "experiments/training_jobs.h"

namespace normlab {
namespace {

struct Planned {
    std::string name, norm;
    std::size_t batch;
};

std::vector<Planned> planned_runs(const Json& c) {
    std::vector<Planned> out;
    for (const auto& n : c["norms"])
        for (double b : c["batch_sizes"].get<std::vector<double>>())
            out.push_back({n.get<std::string>() + " B=" + std::to_string(static_cast<long>(b)), n.get<std::string>(),
                           static_cast<std::size_t>(b)});
    return out;
}

std::string norm_label(const std::string& n) { return n == "batch" ? "BatchNorm" : n == "group" ? "GroupNorm" : n; }

std::string settings_note(const Json& c) {
    std::ostringstream s;
    s << " [" << c["samples"].get<long>() << " samples per run, SGD lr " << format3(c["lr"].get<double>())
      << " x batch / 32, momentum " << format3(c["momentum"].get<double>()) << ", GroupNorm " << c["groups"].get<long>()
      << " groups, brightness +-" << format3(c["brightness"].get<double>()) << ", contrast x(1 +- "
      << format3(c["contrast"].get<double>()) << ")"
      << (c["quick"].get<bool>() ? ", quick mode: fewer samples and images than the default" : "") << "]";
    return s.str();
}

double final_of(const Json& r, const char* key) {
    const Json& m = r["metrics"];
    return m.contains(key) && m[key].is_number() ? m[key].get<double>() : NAN;
}

std::string pts_list(const std::vector<double>& v) {
    std::string out;
    for (double x : v) out += (out.empty() ? "" : ", ") + format3(x);
    return out;
}

Json summarize_bn_vs_gn(const Json& c, const std::vector<Json>& results) {
    auto sizes = c["batch_sizes"].get<std::vector<double>>();
    const double chance = 1.0 / static_cast<double>(kShapeClasses);
    const std::size_t n_val = c["val_images"].get<std::size_t>();
    const std::string note = settings_note(c);
    // final val accuracy per norm and batch size: mean over seeds, a diverged run counting as chance
    AccuracyGrid grid = final_accuracy_grid(results, "batch_size", sizes, chance);
    auto& acc = grid.mean_acc;
    auto& diverged = grid.diverged;
    Json metrics = {{"batch_sizes", sizes},
                    {"final_val_acc", Json::object()},
                    {"diverged_runs", Json::object()},
                    {"steps", Json::array()},
                    {"lr", Json::array()}};
    for (double b : sizes) {
        metrics["steps"].push_back(c["samples"].get<long>() / static_cast<long>(b));
        metrics["lr"].push_back(c["lr"].get<double>() * b / 32.0);
    }
    for (const auto& [norm, v] : acc) {
        metrics["final_val_acc"][norm] = v;
        metrics["diverged_runs"][norm] = diverged[norm];
    }
    const auto small = static_cast<std::size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
    const auto large = static_cast<std::size_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    Json claims = Json::array();
    if (small == large) {
        claims.push_back(claim("bn-vs-gn.needs-two-sizes", "Comparing batch sizes needs at least two",
                               "one batch size was given", std::nullopt, Json::object()));
        return {{"metrics", metrics}, {"claims", claims}};
    }
    // per seed and norm: accuracy per batch size, three ways for BatchNorm (NaN where no run)
    struct Acc {
        std::vector<double> running, precise, batch_stats;
    };
    std::map<std::uint64_t, std::map<std::string, Acc>> per_seed;
    for (const auto& r : results) {
        const std::string variant = r["variant"];
        const std::string norm = variant.substr(0, variant.find(' '));
        const auto i = static_cast<std::size_t>(
            std::find(sizes.begin(), sizes.end(), r["metrics"]["batch_size"].get<double>()) - sizes.begin());
        if (i >= sizes.size()) continue;
        Acc& a = per_seed[r["seed"].get<std::uint64_t>()][norm];
        if (a.running.empty()) a.running = a.precise = a.batch_stats = std::vector<double>(sizes.size(), NAN);
        const bool ok = r["diverged_at"].is_null();
        a.running[i] = ok ? final_of(r, "final_val_acc") : chance;
        a.precise[i] = ok ? final_of(r, "final_val_acc_precise") : chance;
        a.batch_stats[i] = ok ? final_of(r, "final_val_acc_batch_stats") : chance;
    }
    // means over seeds of the two other BatchNorm evaluations
    for (const char* way : {"precise", "batch_stats"}) {
        std::vector<double> mean(sizes.size(), NAN);
        for (std::size_t i = 0; i < sizes.size(); i++) {
            std::vector<double> v;
            for (auto& [seed, norms] : per_seed)
                if (norms.count("batch"))
                    v.push_back(way[0] == 'p' ? norms["batch"].precise[i] : norms["batch"].batch_stats[i]);
            mean[i] = mean_of(v, 0, v.size());
        }
        if (acc.count("batch")) metrics[std::string("batch_final_val_acc_") + way] = mean;
    }
    // the claims as data (report.h): the settings and the accuracy table as params too
    const Json settings = {{"samples", c["samples"]},
                           {"lr", c["lr"]},
                           {"momentum", c["momentum"]},
                           {"groups", c["groups"]},
                           {"brightness", c["brightness"]},
                           {"contrast", c["contrast"]},
                           {"quick", c["quick"]}};
    auto table_params = [&](const std::string& norm) {
        Json rows = Json::array();
        for (std::size_t i = 0; i < sizes.size(); i++)
            rows.push_back({{"batch", static_cast<long>(sizes[i])},
                            {"acc", finite_or_null(100 * acc[norm][i])},
                            {"diverged", static_cast<bool>(diverged[norm][i])}});
        return Json{{"norm", norm_label(norm)}, {"rows", rows}};
    };
    auto table = [&](const std::string& norm) {
        std::string out = norm_label(norm) + ":";
        for (std::size_t i = 0; i < sizes.size(); i++)
            out += " B" + std::to_string(static_cast<long>(sizes[i])) + " " + format3(100 * acc[norm][i]) + "%" +
                (diverged[norm][i] ? " (diverged)" : "");
        return out;
    };
    const std::string bs = "B=" + std::to_string(static_cast<long>(sizes[small])),
                      bl = "B=" + std::to_string(static_cast<long>(sizes[large]));
    if (acc.count("group")) {
        // flat: the range of GroupNorm's accuracy over batch sizes, against the evaluation's noise
        const double p = mean_of(acc["group"], 0, sizes.size());
        const double noise = 100.0 * accuracy_difference_noise(p, p, n_val);
        std::vector<double> range, effect;
        for (auto& [seed, norms] : per_seed) {
            if (!norms.count("group")) continue;
            const auto& a = norms["group"].running;
            const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
            range.push_back(100.0 * (*hi - *lo));
            effect.push_back(noise - range.back());
        }
        metrics["group_range_pts"] = range;
        claims.push_back(empirical_claim(
            "bn-vs-gn.group-flat",
            "GroupNorm's accuracy is flat across batch sizes: its range (best - worst batch size) stays within the "
            "evaluation's noise",
            table("group") + " (mean over seeds); range per seed: " + pts_list(range) + " points; noise " +
                format3(noise) + " points (2 binomial standard errors of a difference on " + std::to_string(n_val) +
                " images). Effect per seed: noise - range" + note,
            effect, 0.0,
            {{"table", table_params("group")},
             {"range", range},
             {"noise", finite_or_null(noise)},
             {"images", n_val},
             {"settings", settings}}));
    }
    if (acc.count("batch")) {
        // the drop: accuracy at the largest batch minus the best of the batches <= 4
        std::vector<std::size_t> tiny;
        for (std::size_t i = 0; i < sizes.size(); i++)
            if (sizes[i] <= 4) tiny.push_back(i);
        const std::string tiny_name = "batch <= 4";
        if (tiny.empty() || sizes[large] <= 4) {
            claims.push_back(claim("bn-vs-gn.needs-small-batch", "BatchNorm's eval-mode accuracy drops at batch <= 4",
                                   "needs a batch size <= 4 and a larger one", std::nullopt, Json::object()));
        } else {
            std::vector<double> drop, recovered, batch_stats_gap;
            double p_small = 0;
            for (auto& [seed, norms] : per_seed) {
                if (!norms.count("batch")) continue;
                const Acc& a = norms["batch"];
                double best_tiny = -INFINITY, gain = 0, bs_gap = 0;
                for (std::size_t i : tiny) {
                    best_tiny = std::max(best_tiny, a.running[i]);
                    gain += a.precise[i] - a.running[i];
                    bs_gap += a.batch_stats[i] - a.running[i];
                }
                p_small += best_tiny;
                drop.push_back(100.0 * (a.running[large] - best_tiny));
                recovered.push_back(100.0 * gain / static_cast<double>(tiny.size()));
                batch_stats_gap.push_back(100.0 * bs_gap / static_cast<double>(tiny.size()));
            }
            p_small /= static_cast<double>(std::max<std::size_t>(1, drop.size()));
            const double noise = 100.0 * accuracy_difference_noise(acc["batch"][large], p_small, n_val);
            metrics["batch_drop_pts"] = drop;
            metrics["precise_gain_pts"] = recovered;
            metrics["batch_stats_gain_pts"] = batch_stats_gap;
            claims.push_back(empirical_claim("bn-vs-gn.bn-drops",
                                             "BatchNorm's eval-mode accuracy (running statistics) drops at " +
                                                 tiny_name + ": below its accuracy at " + bl,
                                             table("batch") + " (mean over seeds); drop per seed (" + bl +
                                                 " minus the best of " + tiny_name + "): " + pts_list(drop) +
                                                 " points; noise " + format3(noise) +
                                                 " points (2 binomial standard errors of the difference)" + note,
                                             drop, noise,
                                             {{"large", static_cast<long>(sizes[large])},
                                              {"table", table_params("batch")},
                                              {"drop", drop},
                                              {"noise", finite_or_null(noise)},
                                              {"settings", settings}}));
            const double pn = mean_of(recovered, 0, recovered.size()) / 100.0 + p_small;
            const double noise_r = 100.0 * accuracy_difference_noise(p_small, std::min(1.0, std::max(0.0, pn)), n_val);
            claims.push_back(empirical_claim(
                "bn-vs-gn.precise-recovers",
                "Precise BatchNorm (statistics recomputed over the training set after training) recovers part of the "
                "small-batch loss: at " +
                    tiny_name + " it is more accurate than the running statistics",
                "gain per seed (mean over " + tiny_name + "): " + pts_list(recovered) +
                    " points; with the statistics of held-out batches of the training size instead: " +
                    pts_list(batch_stats_gap) + " points; noise " + format3(noise_r) +
                    " points. A gain means the running statistics did not match what training normalised with: the "
                    "train/eval mismatch of the statistics" +
                    note,
                recovered, noise_r,
                {{"gain", recovered},
                 {"batch_stats", batch_stats_gap},
                 {"noise", finite_or_null(noise_r)},
                 {"settings", settings}}));
        }
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef bn_vs_gn_experiment() {
    ExperimentDef def;
    def.id = "bn-vs-gn";
    def.claim_ids = {"bn-vs-gn.needs-two-sizes", "bn-vs-gn.group-flat", "bn-vs-gn.needs-small-batch",
                     "bn-vs-gn.bn-drops", "bn-vs-gn.precise-recovers"};
    def.title = "BatchNorm vs GroupNorm at small batches";
    def.question = "Does BatchNorm degrade when the batch is small, while GroupNorm does not, and why?";
    def.look =
        "BatchNorm's accuracy with its running statistics (solid) falling at batches of 2 and 4 while GroupNorm's "
        "stays flat, and how much of the loss precise BatchNorm (dashed: statistics recomputed over the training set) "
        "wins back. At batch 2 a BatchNorm on the last 2 x 2 maps normalises each channel over 8 numbers that "
        "include the image itself, and the images differ in brightness and contrast: training sees noisy, "
        "self-referential statistics that the running averages do not reproduce. Batches drawn at random mix "
        "classes; batches of one class would make it worse.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"norms", "batch_sizes", "brightness", "contrast"};
    def.presets = {
        {"batch 2 against 32",
         "Only the extremes: BatchNorm's statistics from 2 images against 32, beside GroupNorm's per-image ones.",
         {"batch_sizes=2,32"}},
        {"identical lighting",
         "No per-image brightness or contrast changes: the images' statistics differ less, so see whether "
         "BatchNorm's small-batch loss shrinks.",
         {"brightness=0", "contrast=0"}},
        {"large batches only",
         "Batches of 8 and 32, where the two norms should be close: the control for the small-batch result.",
         {"batch_sizes=8,32"}},
    };
    def.section = "group-instance";
    def.default_seeds = 3;
    using K = FieldSpec::Kind;
    def.fields = {
        {"norms", "Norms", K::ChoiceList, Json{"batch", "group"}, nullptr, 0, 0, false, {"batch", "group"}, ""},
        {"batch_sizes",
         "Batch sizes",
         K::FloatList,
         Json{2, 4, 8, 32},
         nullptr,
         2,
         512,
         false,
         {},
         "whole numbers; each must divide samples"},
        {"samples",
         "Training samples per run",
         K::Int,
         6400,
         1600,
         2,
         10000000,
         false,
         {},
         "every run sees this many images: steps = samples / batch size; quick mode: 1600"},
        {"lr",
         "Learning rate at batch 32 (SGD)",
         K::Float,
         0.1,
         nullptr,
         0,
         10,
         true,
         {},
         "scaled linearly with the batch (Goyal et al. 2017): batch B trains at lr x B / 32, so every batch size "
         "takes the same total step per sample"},
        {"momentum", "Momentum", K::Float, 0.9, nullptr, 0, 0.999, false, {}, ""},
        {"groups",
         "GroupNorm groups",
         K::Int,
         4,
         nullptr,
         1,
         512,
         false,
         {},
         "must divide every block's channels; the default is C/4 (4 channels per group) for 16 channels"},
        {"evals",
         "Validation points per run",
         K::Int,
         10,
         4,
         1,
         1000,
         false,
         {},
         "evaluated every steps / evals steps, so every batch size is evaluated at the same sample counts"},
        {"diverge_factor",
         "Diverged: loss above this times the first step's",
         K::Float,
         0,
         nullptr,
         0,
         1000,
         false,
         {},
         "0 (default): only a non-finite loss or gradient counts as divergence; > 0: also a loss that blows up past "
         "this multiple of the first step's (the run stops there)"},
        {"channels",
         "Channels per conv block",
         K::FloatList,
         Json{16, 16, 16, 16},
         nullptr,
         1,
         512,
         false,
         {},
         "whole numbers; the first block has stride 1, the others stride 2 (16 x 16 images: maps of 16, 8, 4, 2)"},
        {"image_size", "Image size (pixels)", K::Int, 16, nullptr, 8, 64, false, {}, ""},
        {"colour", "Colour images", K::Bool, false, nullptr, 0, 0, false, {}, "3 channels instead of 1"},
        {"noise", "Pixel noise", K::Float, 0.1, nullptr, 0, 1, false, {}, "uniform in [-noise, noise]"},
        {"brightness",
         "Per-image brightness",
         K::Float,
         0.5,
         nullptr,
         0,
         1,
         false,
         {},
         "each image gets an offset uniform in [-brightness, brightness]"},
        {"contrast",
         "Per-image contrast",
         K::Float,
         0.5,
         nullptr,
         0,
         0.9,
         false,
         {},
         "each image is multiplied by a gain uniform in [1 - contrast, 1 + contrast]"},
        {"train_images", "Training images", K::Int, 2048, 512, 16, 200000, false, {}, "quick mode: 512"},
        {"val_images",
         "Validation images",
         K::Int,
         512,
         256,
         16,
         50000,
         false,
         {},
         "BatchNorm is evaluated three ways: running statistics, precise BatchNorm, and statistics of held-out "
         "batches of the training size"},
    };
    def.check = [](const Json& c) {
        check_whole_numbers(c, "batch_sizes");
        check_unique(c, "batch_sizes");
        check_unique(c, "norms");
        double largest = 0;
        const long samples = c["samples"].get<long>();
        for (const auto& b : c["batch_sizes"]) {
            const double v = b.get<double>();
            largest = std::max(largest, v);
            if (samples % static_cast<long>(v) != 0)
                throw SettingsError("samplesMultiple", {{"samples", samples}, {"batch", v}},
                                    "samples: " + std::to_string(samples) + " is not a multiple of the batch size " +
                                        format3(v) + " (every run must see the same number of samples)");
            if (samples / static_cast<long>(v) < c["evals"].get<long>())
                throw SettingsError("evalsSteps", {{"batch", v}, {"steps", samples / static_cast<long>(v)}},
                                    "evals: batch size " + format3(v) + " gives only " +
                                        std::to_string(samples / static_cast<long>(v)) + " steps, fewer than evals");
        }
        bool group = false;
        for (const auto& n : c["norms"]) group = group || n == "group";
        check_cnn_settings(c, static_cast<std::size_t>(largest), group ? c["groups"].get<std::size_t>() : 0);
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, names_of(planned_runs(c))); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        for (const auto& p : planned_runs(c)) {
            if (p.name != spec.variant) continue;
            const std::size_t steps = c["samples"].get<std::size_t>() / p.batch;
            Json settings = c;
            settings["eval_every"] = std::max<std::size_t>(1, steps / c["evals"].get<std::size_t>());
            CnnJobConfig j =
                cnn_job_config(settings, parse_norm_type(p.norm),
                               c["lr"].get<double>() * static_cast<double>(p.batch) / 32.0, p.batch, steps);
            j.bn_evaluations = true;
            return std::make_unique<CnnJob>(spec, j, Json{{"batch", p.batch}});
        }
        throw std::invalid_argument("bn-vs-gn: unknown variant \"" + spec.variant + "\"");
    };
    def.summarize = summarize_bn_vs_gn;
    return def;
}

}  // namespace normlab
