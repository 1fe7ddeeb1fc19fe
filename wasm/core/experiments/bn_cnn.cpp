// Experiment "bn-cnn": a small CNN on the synthetic shape images with and without BatchNorm, trained
// with SGD + momentum over a grid of learning rates. Records accuracy curves (train per step,
// validation in eval mode every eval_every steps) and the final validation accuracy per learning
// rate; tests whether BatchNorm trains at higher learning rates and is less sensitive to the choice.
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
    double lr;
};

std::vector<Planned> planned_runs(const Json& c) {
    std::vector<Planned> out;
    for (const auto& n : c["norms"])
        for (double lr : c["lrs"].get<std::vector<double>>())
            out.push_back({n.get<std::string>() + " lr=" + Json(lr).dump(), n.get<std::string>(), lr});
    return out;
}

std::string norm_label(const std::string& n) {
    if (n == "batch") return "BatchNorm";
    if (n == "none") return "no norm";
    return n;
}

std::string settings_note(const Json& c) {
    std::ostringstream s;
    s << " [" << c["steps"].get<long>() << " steps of batch " << c["batch"].get<long>() << ", SGD momentum "
      << format3(c["momentum"].get<double>()) << ", " << c["train_images"].get<long>() << " training images"
      << (c["quick"].get<bool>() ? ", quick mode: fewer steps and images than the default" : "") << "]";
    return s.str();
}

Json summarize_bn_cnn(const Json& c, const std::vector<Json>& results) {
    const auto lrs = c["lrs"].get<std::vector<double>>();
    const double threshold = c["acc_threshold_pct"].get<double>() / 100.0;
    const double chance = 1.0 / static_cast<double>(kShapeClasses);
    const std::string note = settings_note(c);
    // final val accuracy per norm and lr: mean over seeds, a diverged run counting as chance
    AccuracyGrid grid = final_accuracy_grid(results, "lr", lrs, chance);
    auto& diverged = grid.diverged;
    struct NormSummary {
        std::vector<double> acc;
        int reaching = 0;
        double best_lr = -1, spread = 0;
    };
    std::map<std::string, NormSummary> sum;
    Json metrics = {{"lrs", lrs},
                    {"acc_threshold", threshold},
                    {"final_val_acc", Json::object()},
                    {"diverged_runs", Json::object()},
                    {"lrs_reaching_threshold", Json::object()},
                    {"spread", Json::object()}};
    for (const auto& [norm, acc] : grid.mean_acc) {
        NormSummary& s = sum[norm];
        for (std::size_t i = 0; i < lrs.size(); i++) {
            s.acc.push_back(acc[i]);
            if (s.acc.back() >= threshold) {
                s.reaching++;
                s.best_lr = std::max(s.best_lr, lrs[i]);
            }
        }
        const auto [lo, hi] = std::minmax_element(s.acc.begin(), s.acc.end());
        s.spread = *hi - *lo;
        metrics["final_val_acc"][norm] = s.acc;
        metrics["diverged_runs"][norm] = diverged[norm];
        metrics["lrs_reaching_threshold"][norm] = s.reaching;
        metrics["spread"][norm] = s.spread;
    }
    auto table = [&](const std::string& norm) {
        std::string out = norm_label(norm) + ":";
        for (std::size_t i = 0; i < lrs.size(); i++)
            out += " " + format3(lrs[i]) + " -> " + format3(100 * sum[norm].acc[i]) + "%" +
                (diverged[norm][i] ? " (diverged)" : "");
        return out;
    };
    // the claims as data (report.h): the settings and the accuracy tables as params too
    const Json settings = {{"steps", c["steps"]},
                           {"batch", c["batch"]},
                           {"momentum", c["momentum"]},
                           {"images", c["train_images"]},
                           {"quick", c["quick"]}};
    auto table_rows = [&](const std::string& norm) {
        Json rows = Json::array();
        for (std::size_t i = 0; i < lrs.size(); i++)
            rows.push_back({{"lr", lrs[i]},
                            {"acc", finite_or_null(100 * sum[norm].acc[i])},
                            {"diverged", static_cast<bool>(diverged[norm][i])}});
        return Json{{"rows", rows}};
    };
    Json claims = Json::array();
    if (sum.count("batch") && sum.count("none")) {
        const NormSummary& bn = sum["batch"];
        const NormSummary& no = sum["none"];
        const std::string pct = format3(100 * threshold) + "%";
        const std::string tables = table("batch") + "; " + table("none") + "; diverged runs count as chance (20%)";
        // per seed: the grid index of the largest lr reaching the threshold (-1: none does) and the
        // number of lrs reaching it, for each norm
        std::vector<double> more_lr, more_reaching;
        std::string per_seed;
        Json runs = Json::array();
        for (const auto& [seed, vs] : results_by_seed(results)) {
            std::map<std::string, int> best, reaching;
            for (const auto& [v, r] : vs) {
                const std::string norm = v.substr(0, v.find(' '));
                if (!best.count(norm)) best[norm] = -1;
                const auto i = static_cast<int>(std::find(lrs.begin(), lrs.end(), (*r)["metrics"]["lr"].get<double>()) -
                                                lrs.begin());
                const Json& a = (*r)["metrics"]["final_val_acc"];
                const double acc = a.is_number() ? a.get<double>() : chance;
                if (acc >= threshold) {
                    reaching[norm]++;
                    best[norm] = std::max(best[norm], i);
                }
            }
            if (!best.count("batch") || !best.count("none")) continue;
            more_lr.push_back(best["batch"] - best["none"]);
            more_reaching.push_back(reaching["batch"] - reaching["none"]);
            auto lr_name = [&](int i) {
                return i < 0 ? std::string("none") : format3(lrs[static_cast<std::size_t>(i)]);
            };
            per_seed += (per_seed.empty() ? "" : "; ") + std::string("seed ") + std::to_string(seed) + ": largest lr " +
                lr_name(best["batch"]) + " vs " + lr_name(best["none"]) + ", " + std::to_string(reaching["batch"]) +
                " vs " + std::to_string(reaching["none"]) + " lrs reaching " + pct;
            auto best_lr = [&](int i) {
                return Json{{"reached", i >= 0},
                            {"lr", i >= 0 ? Json(lrs[static_cast<std::size_t>(i)]) : Json(nullptr)}};
            };
            runs.push_back({{"seed", seed},
                            {"batch", best_lr(best["batch"])},
                            {"none", best_lr(best["none"])},
                            {"reach_batch", reaching["batch"]},
                            {"reach_none", reaching["none"]},
                            {"pct", 100 * threshold}});
        }
        const Json grid_params = {{"runs", runs},
                                  {"batch_table", table_rows("batch")},
                                  {"none_table", table_rows("none")},
                                  {"chance", 100 * chance}};
        const std::string grid_note = " (BatchNorm vs no norm; per seed: " + per_seed + "). Mean over seeds: " + tables;
        claims.push_back(empirical_claim(
            "bn-cnn.higher-lr",
            "BatchNorm trains at higher learning rates: the largest learning rate reaching " + pct +
                " val accuracy is higher with BatchNorm than without",
            "Effect per seed: how many grid steps higher BatchNorm's largest such learning rate is" + grid_note + note,
            more_lr, 0.0, {{"pct", 100 * threshold}, {"grid", grid_params}, {"settings", settings}}));
        claims.push_back(empirical_claim(
            "bn-cnn.less-sensitive",
            "BatchNorm is less sensitive to the learning rate: more of the grid's learning rates reach " + pct +
                " val accuracy with it than without",
            "Effect per seed: BatchNorm's count minus no norm's (equal counts are neither); spread of val accuracy "
            "across the grid (max - min, mean over seeds): BatchNorm " +
                format3(100 * bn.spread) + " points, no norm " + format3(100 * no.spread) + " points" + grid_note +
                note,
            more_reaching, 0.0,
            {{"pct", 100 * threshold},
             {"bn_spread", finite_or_null(100 * bn.spread)},
             {"no_spread", finite_or_null(100 * no.spread)},
             {"grid", grid_params},
             {"settings", settings}}));
    } else {
        claims.push_back(claim("bn-cnn.needs-both", "BatchNorm against no norm needs both in norms",
                               "only " + c["norms"].dump() + " was selected", std::nullopt, {{"norms", c["norms"]}}));
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef bn_cnn_experiment() {
    ExperimentDef def;
    def.id = "bn-cnn";
    def.claim_ids = {"bn-cnn.higher-lr", "bn-cnn.less-sensitive", "bn-cnn.needs-both"};
    def.title = "BatchNorm and the learning rate";
    def.question =
        "Does BatchNorm let a CNN train at higher learning rates, and make the choice of learning rate matter less?";
    def.look = "the range of learning rates where each network still reaches good accuracy.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"norms", "lrs", "batch", "steps"};
    def.presets = {
        {"see it break",
         "Only the high learning rates, where the course expects the CNN without BatchNorm to stop learning first.",
         {"lrs=0.3,1"}},
        {"small batches",
         "BatchNorm with batches of 4: its statistics get noisy; does it still widen the range of good rates?",
         {"batch=4"}},
        {"low rates",
         "Only the low rates, where both networks should train and BatchNorm's advantage is smallest.",
         {"lrs=0.003,0.01"}},
    };
    def.section = "batchnorm";
    def.default_seeds = 3;
    using K = FieldSpec::Kind;
    def.fields = {
        {"norms",
         "Norms",
         K::ChoiceList,
         Json{"batch", "none"},
         nullptr,
         0,
         0,
         false,
         {"batch", "none"},
         "batch: conv -> BatchNorm -> ReLU; none: conv (with bias) -> ReLU"},
        {"lrs",
         "Learning rates (SGD)",
         K::FloatList,
         Json{0.003, 0.01, 0.03, 0.1, 0.3},
         nullptr,
         0,
         10,
         true,
         {},
         "one run per norm and learning rate"},
        {"momentum", "Momentum", K::Float, 0.9, nullptr, 0, 0.999, false, {}, ""},
        {"batch", "Batch size", K::Int, 32, nullptr, 2, 512, false, {}, ""},
        {"steps", "Training steps", K::Int, 400, 100, 1, 100000, false, {}, "quick mode runs 100"},
        {"eval_every", "Validation every (steps)", K::Int, 50, 25, 1, 100000, false, {}, ""},
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
         "evaluated in eval mode (running statistics)"},
        {"acc_threshold_pct",
         "Trains well: val accuracy at least (%)",
         K::Float,
         80,
         nullptr,
         0,
         100,
         false,
         {},
         "a learning rate 'works' if the final val accuracy reaches this (chance is 20%)"},
    };
    def.check = [](const Json& c) {
        check_cnn_settings(c, c["batch"].get<std::size_t>(), 0);
        if (c["lrs"].size() * c["norms"].size() > 40)
            throw SettingsError("atMostRuns", {{"keys", "lrs x norms"}, {"max", 40}},
                                "lrs x norms: at most 40 runs per seed");
        check_unique(c, "norms");
        check_unique(c, "lrs");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, names_of(planned_runs(c))); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        for (const auto& p : planned_runs(c)) {
            if (p.name != spec.variant) continue;
            const CnnJobConfig j = cnn_job_config(c, parse_norm_type(p.norm), p.lr, c["batch"].get<std::size_t>(),
                                                  c["steps"].get<std::size_t>());
            return std::make_unique<CnnJob>(spec, j, Json{{"lr", p.lr}});
        }
        throw std::invalid_argument("bn-cnn: unknown variant \"" + spec.variant + "\"");
    };
    def.summarize = summarize_bn_cnn;
    return def;
}

}  // namespace normlab
