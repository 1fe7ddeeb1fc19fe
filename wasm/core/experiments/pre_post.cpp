// Experiment "pre-post": Pre-LN against Post-LN (LayerNorm) at several depths, at one learning rate,
// with and without a linear warm-up. Records the loss curves, divergence, and the per-block gradient
// norm at initialisation (the first step's gradients, before any update), the quantity Xiong et al.
// (2020) use to explain why Post-LN needs warm-up: it grows toward the output in Post-LN, not in
// Pre-LN.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "experiments/definitions.h"
#include "experiments/training_jobs.h"

namespace normlab {
namespace {

struct Planned {
    std::string name;  // e.g. "post/warmup/L8"
    std::string placement;
    bool warmup;
    std::size_t depth;
};

std::vector<Planned> planned_runs(const Json& c) {
    std::vector<Planned> out;
    for (const auto& d : c["depths"]) {
        const auto depth = static_cast<std::size_t>(d.get<double>());
        for (const auto& p : c["placements"])
            for (bool warm : {false, true}) {
                const std::string pl = p.get<std::string>();
                out.push_back({pl + (warm ? "/warmup/L" : "/no-warmup/L") + std::to_string(depth), pl, warm, depth});
            }
    }
    return out;
}

std::string settings_note(const Json& c) {
    std::ostringstream s;
    s << " [d_model " << c["d_model"].get<long>() << ", context " << c["context"].get<long>() << ", batch "
      << c["batch"].get<long>() << ", " << c["steps"].get<long>() << " steps, lr " << format3(c["lr"].get<double>())
      << ", warm-up " << c["warmup_steps"].get<long>() << " steps"
      << (c["quick"].get<bool>() ? ", quick mode: shallower, smaller and shorter than the default" : "") << "]";
    return s.str();
}

struct RunStats {
    int runs = 0, diverged = 0, finished = 0;
    long first_diverged_at = -1;
    std::string reason;
    double final_val = 0, initial_val = 0;
    double grad_ratio = 0;  // last block / first block gradient norm at init, mean over seeds
    int ratio_runs = 0;
};

// Final val loss for comparisons: a diverged run counts as +inf (it learned nothing usable).
double final_or_inf(const RunStats& s) { return s.diverged ? INFINITY : s.final_val; }

Json summarize_pre_post(const Json& c, const std::vector<Json>& results) {
    const double tol = c["tolerance_pct"].get<double>();
    const double grow = c["growth_ratio"].get<double>();
    const std::string note = settings_note(c);
    std::map<std::string, RunStats> stats;
    for (const auto& r : results) {
        RunStats& s = stats[r["variant"].get<std::string>()];
        s.runs++;
        if (!r["diverged_at"].is_null()) {
            s.diverged++;
            const long at = r["diverged_at"].get<long>();
            s.first_diverged_at = s.first_diverged_at < 0 ? at : std::min(s.first_diverged_at, at);
            if (s.reason.empty()) s.reason = r["metrics"].value("diverged_reason", "");
        } else {
            s.finished++;
            s.final_val += last_val_loss(r);
            s.initial_val += first_val_loss(r);
        }
        const Json& g = r["metrics"]["init_grad_norm"];  // embedding, block 1..L, head
        if (g.size() >= 4 && g[1].is_number() && g[g.size() - 2].is_number() && g[1].get<double>() > 0) {
            s.grad_ratio += g[g.size() - 2].get<double>() / g[1].get<double>();
            s.ratio_runs++;
        }
    }
    Json metrics = {{"variants", Json::object()}};
    for (auto& [name, s] : stats) {
        if (s.finished) {
            s.final_val /= s.finished;
            s.initial_val /= s.finished;
        }
        if (s.ratio_runs) s.grad_ratio /= s.ratio_runs;
        metrics["variants"][name] = {
            {"runs", s.runs},
            {"diverged_runs", s.diverged},
            {"first_diverged_at", s.first_diverged_at >= 0 ? Json(s.first_diverged_at) : Json(nullptr)},
            {"final_val_loss", s.finished ? Json(s.final_val) : Json(nullptr)},
            {"init_grad_ratio_last_first_block", s.ratio_runs ? Json(s.grad_ratio) : Json(nullptr)}};
    }
    // per-layer init gradient norms of the first seed, for charts and tables
    Json init_norms = Json::object();
    for (const auto& r : results)
        if (!init_norms.contains(r["variant"].get<std::string>()))
            init_norms[r["variant"].get<std::string>()] = r["metrics"]["init_grad_norm"];
    metrics["init_grad_norm"] = init_norms;

    auto depths = c["depths"].get<std::vector<double>>();
    std::sort(depths.begin(), depths.end());
    auto get = [&](const std::string& pl, bool warm, double depth) -> const RunStats* {
        const auto it =
            stats.find(pl + (warm ? "/warmup/L" : "/no-warmup/L") + std::to_string(static_cast<long>(depth)));
        return it == stats.end() ? nullptr : &it->second;
    };
    auto describe = [&](const RunStats& s) {
        if (s.diverged) return "diverged at step " + std::to_string(s.first_diverged_at) + " (" + s.reason + ")";
        return "val loss " + format3(s.final_val);
    };
    // Warm-up penalty at a depth: final val loss without warm-up minus with it (+inf if only the
    // run without warm-up diverged).
    auto penalty = [&](const std::string& pl, double depth) -> std::optional<double> {
        const RunStats* no = get(pl, false, depth);
        const RunStats* yes = get(pl, true, depth);
        if (!no || !yes) return std::nullopt;
        const double a = final_or_inf(*no), b = final_or_inf(*yes);
        if (std::isinf(a) && std::isinf(b)) return 0.0;
        return a - b;
    };
    auto needs_warmup = [&](const std::string& pl, double depth) -> std::optional<bool> {
        const RunStats* no = get(pl, false, depth);
        const RunStats* yes = get(pl, true, depth);
        if (!no || !yes) return std::nullopt;
        if (no->diverged) return !yes->diverged;  // warm-up rescues it (if both diverge, it does not)
        if (yes->diverged) return false;
        return no->final_val > yes->final_val * (1.0 + tol / 100.0);
    };
    auto per_depth = [&](const std::string& pl) {
        std::string out;
        for (double d : depths) {
            const RunStats* no = get(pl, false, d);
            const RunStats* yes = get(pl, true, d);
            if (!no || !yes) continue;
            out += (out.empty() ? "" : "; ") + std::string("L") + std::to_string(static_cast<long>(d)) + ": without " +
                describe(*no) + ", with " + describe(*yes);
        }
        return out;
    };

    Json claims = Json::array();
    const double deepest = depths.back(), shallowest = depths.front();
    const bool has_post = get("post", false, deepest) != nullptr, has_pre = get("pre", false, deepest) != nullptr;
    if (has_post) {
        const auto need = needs_warmup("post", deepest);
        claims.push_back(
            claim("Post-LN needs warm-up: at the largest depth, without warm-up it diverges or ends more than " +
                      format3(tol) + "% above the val loss with warm-up",
                  "Post-LN " + per_depth("post") + note, need));
        if (depths.size() > 1) {
            const auto p_deep = penalty("post", deepest), p_shallow = penalty("post", shallowest);
            std::optional<bool> holds;
            if (p_deep && p_shallow) holds = *p_deep > *p_shallow && *p_deep > 0;
            claims.push_back(claim(
                "Post-LN needs warm-up more with depth: the val-loss cost of skipping warm-up is larger at L=" +
                    std::to_string(static_cast<long>(deepest)) +
                    " than at L=" + std::to_string(static_cast<long>(shallowest)),
                "cost of no warm-up (val loss without minus with; inf = only the run without diverged): L" +
                    std::to_string(static_cast<long>(shallowest)) + " " + format3(p_shallow.value_or(NAN)) + ", L" +
                    std::to_string(static_cast<long>(deepest)) + " " + format3(p_deep.value_or(NAN)) + note,
                holds));
        }
    }
    if (has_pre) {
        bool ok = true;
        for (double d : depths) {
            const RunStats* no = get("pre", false, d);
            const RunStats* yes = get("pre", true, d);
            if (!no || !yes) continue;
            ok = ok && !no->diverged && (yes->diverged || no->final_val <= yes->final_val * (1.0 + tol / 100.0));
        }
        claims.push_back(claim("Pre-LN trains without warm-up: at every depth no divergence, and the val loss within " +
                                   format3(tol) + "% of (or below) the run with warm-up",
                               "Pre-LN " + per_depth("pre") + note, ok));
    }
    if (has_post && has_pre) {
        const RunStats* post = get("post", false, deepest);
        const RunStats* pre = get("pre", false, deepest);
        std::optional<bool> holds;
        std::string observed = "needs at least 2 blocks";
        if (post->ratio_runs && pre->ratio_runs) {
            holds = post->grad_ratio > grow && pre->grad_ratio <= grow;
            auto norms = [&](const std::string& variant) {
                std::string out;
                for (const auto& g : init_norms.value(variant, Json::array()))
                    out += (out.empty() ? "" : ", ") + (g.is_number() ? format3(g.get<double>()) : std::string("n/a"));
                return "[" + out + "]";
            };
            const std::string L = std::to_string(static_cast<long>(deepest));
            observed = "L" + L + ", gradient norm of the last block / the first at step 0: Post-LN " +
                format3(post->grad_ratio) + ", Pre-LN " + format3(pre->grad_ratio) +
                "; per layer (embedding, blocks, head): Post-LN " + norms("post/no-warmup/L" + L) + ", Pre-LN " +
                norms("pre/no-warmup/L" + L);
        }
        claims.push_back(
            claim("At initialisation Post-LN's gradient norm grows toward the output, Pre-LN's does not "
                  "(last block / first block > " +
                      format3(grow) + " for Post-LN, <= " + format3(grow) + " for Pre-LN)",
                  observed + note, holds));
    }
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef pre_post_experiment() {
    ExperimentDef def;
    def.id = "pre-post";
    def.title = "Pre-LN vs Post-LN with depth";
    def.question = "Does Post-LN need learning-rate warm-up, more so as the model gets deeper, while Pre-LN does not?";
    def.look =
        "the gap between warm-up and no warm-up for Post-LN as depth grows, and the per-layer gradient norms at initialisation.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"depths", "placements", "lr", "warmup_steps"};
    def.presets = {
        {"see it break",
         "One deep stack at three times the default rate: the course expects Post-LN without warm-up to go wrong first.",
         {"depths=12", "lr=0.003"}},
        {"the fix: warm-up",
         "Only Post-LN, deep and at the high rate, with and without warm-up: see how much of its trouble a slow start removes.",
         {"depths=12", "lr=0.003", "placements=post"}},
        {"shallow against deep",
         "A shallow and a deep stack side by side: the gap between Pre-LN and Post-LN should grow with depth.",
         {"depths=2,12"}},
    };
    def.section = "pre-post";
    def.needs_text = true;
    using K = FieldSpec::Kind;
    def.fields = {
        {"depths",
         "Depths (blocks)",
         K::FloatList,
         Json{4, 8, 12},
         Json{2, 4},
         1,
         48,
         false,
         {},
         "whole numbers; every depth runs Pre-LN and Post-LN with and without warm-up; quick mode: 2 and 4"},
        {"placements",
         "Placements",
         K::ChoiceList,
         Json{"pre", "post"},
         nullptr,
         0,
         0,
         false,
         {"pre", "post"},
         "LayerNorm before the sublayer (Pre-LN) or after the residual sum (Post-LN)"},
        {"lr", "Learning rate (Adam)", K::Float, 1e-3, nullptr, 0, 1, true, {}, "the same for every run"},
        {"warmup_steps",
         "Warm-up steps (linear)",
         K::Int,
         100,
         20,
         1,
         100000,
         false,
         {},
         "the runs with warm-up ramp the learning rate from lr/warmup to lr over these steps"},
        {"d_model",
         "Width d_model",
         K::Int,
         64,
         32,
         8,
         1024,
         false,
         {},
         "small so the 12-block runs fit the browser's budget; quick mode uses 32"},
        {"n_heads", "Attention heads", K::Int, 4, nullptr, 1, 64, false, {}, "must divide d_model"},
        {"context",
         "Context (characters)",
         K::Int,
         32,
         16,
         2,
         1024,
         false,
         {},
         "32 keeps the 12 runs (24 blocks of depth 12) within about 5 minutes on 2 cores; quick mode uses 16"},
        {"batch", "Batch size", K::Int, 16, nullptr, 1, 256, false, {}, ""},
        {"steps", "Training steps", K::Int, 400, 60, 1, 100000, false, {}, "quick mode runs 60"},
        {"eval_every", "Validation every (steps)", K::Int, 50, 20, 1, 100000, false, {}, ""},
        {"val_batches", "Validation batches", K::Int, 4, 2, 1, 64, false, {}, ""},
        {"diverge_factor",
         "Diverged: loss above this times the first step's",
         K::Float,
         3,
         nullptr,
         0,
         1000,
         false,
         {},
         "a run also counts as diverged (and stops) when its loss blows up past this multiple of its first loss; "
         "0: only a non-finite loss or gradient counts"},
        {"tolerance_pct",
         "Same loss: within (%)",
         K::Float,
         2,
         nullptr,
         0,
         100,
         false,
         {},
         "a run 'needs warm-up' if without it the final val loss is more than this much higher (or it diverges)"},
        {"growth_ratio",
         "Growth: last / first block gradient norm above",
         K::Float,
         1.2,
         nullptr,
         0,
         100,
         true,
         {},
         "the gradient norm at initialisation 'grows toward the output' if the last block's is this many times the first's"},
    };
    def.check = [](const Json& c) {
        check_whole_numbers(c, "depths");
        check_unique(c, "depths");
        check_unique(c, "placements");
        if (c["depths"].size() > 8) throw std::invalid_argument("depths: at most 8 depths");
        double deepest = 0;
        for (const auto& d : c["depths"]) deepest = std::max(deepest, d.get<double>());
        check_char_lm_settings(c, static_cast<std::size_t>(deepest));
        if (c["warmup_steps"].get<long>() > c["steps"].get<long>())
            throw std::invalid_argument("warmup_steps: must be at most steps (" +
                                        std::to_string(c["steps"].get<long>()) + ")");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, names_of(planned_runs(c))); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string* text) -> std::unique_ptr<Job> {
        for (const auto& p : planned_runs(c)) {
            if (p.name != spec.variant) continue;
            const CharLmRunConfig run = char_lm_run_config(
                c, p.depth, parse_norm_placement(p.placement), NormType::layer, c["lr"].get<double>(),
                p.warmup ? c["warmup_steps"].get<std::size_t>() : 0, spec.seed);
            return std::make_unique<CharLmJob>(spec, run, c["eval_every"].get<int>(), c["diverge_factor"].get<double>(),
                                               text, Json{{"depth", p.depth}, {"warmup", p.warmup}});
        }
        throw std::invalid_argument("pre-post: unknown variant \"" + spec.variant + "\"");
    };
    def.summarize = summarize_pre_post;
    return def;
}

}  // namespace normlab
