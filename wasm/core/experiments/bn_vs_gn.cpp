// Experiment "bn-vs-gn": the shape-image CNN with BatchNorm against GroupNorm at several batch sizes,
// every run seeing the same number of training samples (steps = samples / batch, and the same image
// sequence: the batch stream draws one image index per sample from the same seed). BatchNorm is
// evaluated in eval mode, with its running statistics, as it would be deployed. Tests whether
// BatchNorm degrades at small batches while GroupNorm does not.
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
      << " momentum " << format3(c["momentum"].get<double>()) << ", GroupNorm " << c["groups"].get<long>()
      << " groups, BatchNorm evaluated with running statistics"
      << (c["quick"].get<bool>() ? ", quick mode: fewer samples and images than the default" : "") << "]";
    return s.str();
}

Json summarize_bn_vs_gn(const Json& c, const std::vector<Json>& results) {
    auto sizes = c["batch_sizes"].get<std::vector<double>>();
    const double pts = c["degrade_pts"].get<double>();
    const double chance = 1.0 / static_cast<double>(kShapeClasses);
    const std::string note = settings_note(c);
    // final val accuracy per norm and batch size: mean over seeds, a diverged run counting as chance
    AccuracyGrid grid = final_accuracy_grid(results, "batch_size", sizes, chance);
    auto& acc = grid.mean_acc;
    auto& diverged = grid.diverged;
    Json metrics = {{"batch_sizes", sizes},
                    {"final_val_acc", Json::object()},
                    {"diverged_runs", Json::object()},
                    {"steps", Json::array()}};
    for (double b : sizes) metrics["steps"].push_back(c["samples"].get<long>() / static_cast<long>(b));
    for (const auto& [norm, v] : acc) {
        metrics["final_val_acc"][norm] = v;
        metrics["diverged_runs"][norm] = diverged[norm];
    }
    const auto small = static_cast<std::size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
    const auto large = static_cast<std::size_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    auto table = [&](const std::string& norm) {
        std::string out = norm_label(norm) + ":";
        for (std::size_t i = 0; i < sizes.size(); i++)
            out += " B" + std::to_string(static_cast<long>(sizes[i])) + " " + format3(100 * acc[norm][i]) + "%" +
                (diverged[norm][i] ? " (diverged)" : "");
        return out;
    };
    const std::string bs = "B=" + std::to_string(static_cast<long>(sizes[small])),
                      bl = "B=" + std::to_string(static_cast<long>(sizes[large]));
    Json claims = Json::array();
    if (small == large) {
        claims.push_back(claim("Comparing batch sizes needs at least two", "one batch size was given", std::nullopt));
        return {{"metrics", metrics}, {"claims", claims}};
    }
    if (acc.count("batch")) {
        const double drop = 100 * (acc["batch"][large] - acc["batch"][small]);
        metrics["batch_drop_pts"] = drop;
        claims.push_back(claim("BatchNorm degrades at small batches: its val accuracy at " + bs + " is more than " +
                                   format3(pts) + " points below its accuracy at " + bl,
                               table("batch") + " (drop " + format3(drop) + " points)" + note, drop > pts));
    }
    if (acc.count("group")) {
        const double drop = 100 * (acc["group"][large] - acc["group"][small]);
        metrics["group_drop_pts"] = drop;
        claims.push_back(claim("GroupNorm does not: its val accuracy at " + bs + " is at most " + format3(pts) +
                                   " points below its accuracy at " + bl,
                               table("group") + " (drop " + format3(drop) + " points)" + note, drop <= pts));
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef bn_vs_gn_experiment() {
    ExperimentDef def;
    def.id = "bn-vs-gn";
    def.title = "BatchNorm vs GroupNorm at small batches";
    def.question = "Does BatchNorm degrade when the batch is small, while GroupNorm does not?";
    def.look = "BatchNorm's accuracy falling off at the smallest batches while GroupNorm's stays.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"norms", "batch_sizes", "lr", "groups"};
    def.presets = {
        {"tiny batches",
         "BatchNorm's statistics from 2 or 4 images against GroupNorm's per-image ones.",
         {"batch_sizes=2,4"}},
        {"large batches",
         "At batches of 32 and 64 the two norms should be close: the control for the small-batch result.",
         {"batch_sizes=32,64"}},
        {"a higher rate",
         "Twice the default learning rate, unscaled across batch sizes: small batches get noisier still.",
         {"lr=0.1"}},
    };
    def.section = "group-instance";
    using K = FieldSpec::Kind;
    def.fields = {
        {"norms", "Norms", K::ChoiceList, Json{"batch", "group"}, nullptr, 0, 0, false, {"batch", "group"}, ""},
        {"batch_sizes",
         "Batch sizes",
         K::FloatList,
         Json{2, 4, 8, 16, 32},
         nullptr,
         2,
         512,
         false,
         {},
         "whole numbers; each must divide samples"},
        {"samples",
         "Training samples per run",
         K::Int,
         12800,
         1600,
         2,
         10000000,
         false,
         {},
         "every run sees this many images: steps = samples / batch size; quick mode: 1600"},
        {"lr",
         "Learning rate (SGD)",
         K::Float,
         0.05,
         nullptr,
         0,
         10,
         true,
         {},
         "the same for every batch size (not scaled)"},
        {"momentum", "Momentum", K::Float, 0.9, nullptr, 0, 0.999, false, {}, ""},
        {"groups", "GroupNorm groups", K::Int, 8, nullptr, 1, 512, false, {}, "must divide every block's channels"},
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
         Json{16, 32, 32},
         nullptr,
         1,
         512,
         false,
         {},
         "whole numbers; the first block has stride 1, the others stride 2"},
        {"image_size", "Image size (pixels)", K::Int, 16, nullptr, 8, 64, false, {}, ""},
        {"colour", "Colour images", K::Bool, false, nullptr, 0, 0, false, {}, "3 channels instead of 1"},
        {"noise", "Pixel noise", K::Float, 0.1, nullptr, 0, 1, false, {}, "uniform in [-noise, noise]"},
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
         "BatchNorm is evaluated in eval mode (running statistics)"},
        {"degrade_pts",
         "Degrades: accuracy drop above (points)",
         K::Float,
         5,
         nullptr,
         0,
         100,
         false,
         {},
         "val accuracy at the largest batch minus at the smallest, in percentage points"},
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
                throw std::invalid_argument("samples: " + std::to_string(samples) +
                                            " is not a multiple of the batch size " + format3(v) +
                                            " (every run must see the same number of samples)");
            if (samples / static_cast<long>(v) < c["evals"].get<long>())
                throw std::invalid_argument("evals: batch size " + format3(v) + " gives only " +
                                            std::to_string(samples / static_cast<long>(v)) +
                                            " steps, fewer than evals");
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
            const CnnJobConfig j =
                cnn_job_config(settings, parse_norm_type(p.norm), c["lr"].get<double>(), p.batch, steps);
            return std::make_unique<CnnJob>(spec, j, Json{{"batch", p.batch}});
        }
        throw std::invalid_argument("bn-vs-gn: unknown variant \"" + spec.variant + "\"");
    };
    def.summarize = summarize_bn_vs_gn;
    return def;
}

}  // namespace normlab
