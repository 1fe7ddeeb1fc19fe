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
    s << " [" << c["init"].get<std::string>() << " init, d_model " << c["d_model"].get<long>() << ", context "
      << c["context"].get<long>() << ", batch " << c["batch"].get<long>() << ", " << c["steps"].get<long>()
      << " steps, lr " << format3(c["lr"].get<double>()) << ", warm-up " << c["warmup_steps"].get<long>() << " steps"
      << (c["quick"].get<bool>() ? ", quick mode: shallower, smaller and shorter than the default" : "") << "]";
    return s.str();
}

// One run's numbers for the claims.
struct Run {
    double score = NAN;  // final val loss, clipped at ln V; a diverged run scores ln V (it learned nothing usable)
    std::string outcome;
    bool diverged = false;  // the outcome as claim params (report.h): diverged at step `at`, else its val loss
    long at = -1;
    double val = NAN;
    std::vector<double> expected, per_batch;  // Xiong's expected gradient per block, and the per-batch norm
};

std::string list3(const std::vector<double>& v) {
    std::string out;
    for (double x : v) out += (out.empty() ? "" : ", ") + format3(x);
    return "[" + out + "]";
}

std::vector<double> doubles(const Json& j) {
    std::vector<double> v;
    for (const auto& x : j) v.push_back(x.is_number() ? x.get<double>() : NAN);
    return v;
}

Json summarize_pre_post(const Json& c, const std::vector<Json>& results) {
    const double negligible = c["negligible_nats"].get<double>();
    const std::string note = settings_note(c);
    // runs[variant][seed]
    std::map<std::string, std::map<std::uint64_t, Run>> runs;
    std::vector<std::uint64_t> seeds;
    for (const auto& r : results) {
        const auto seed = r["seed"].get<std::uint64_t>();
        if (std::find(seeds.begin(), seeds.end(), seed) == seeds.end()) seeds.push_back(seed);
        Run& run = runs[r["variant"].get<std::string>()][seed];
        const double ceiling = r["metrics"]["ln_vocab"].get<double>();  // the loss of a uniform guess
        if (!r["diverged_at"].is_null()) {
            run.score = ceiling;
            run.outcome = "diverged at step " + std::to_string(r["diverged_at"].get<long>());
            run.diverged = true;
            run.at = r["diverged_at"].get<long>();
        } else {
            const double v = last_val_loss(r);
            run.score = std::isfinite(v) ? std::min(v, ceiling) : ceiling;
            run.outcome = "val loss " + format3(v);
            run.val = v;
        }
        run.expected = doubles(r["metrics"].value("ffn_grad_expected", Json::array()));
        run.per_batch = doubles(r["metrics"].value("ffn_grad_per_batch", Json::array()));
    }
    auto name = [](const std::string& pl, bool warm, double depth) {
        return pl + (warm ? "/warmup/L" : "/no-warmup/L") + std::to_string(static_cast<long>(depth));
    };
    auto get = [&](const std::string& pl, bool warm, double depth, std::uint64_t seed) -> const Run* {
        const auto v = runs.find(name(pl, warm, depth));
        if (v == runs.end()) return nullptr;
        const auto s = v->second.find(seed);
        return s == v->second.end() ? nullptr : &s->second;
    };
    Json metrics = {{"variants", Json::object()}, {"ffn_grad_batches", c["grad_batches"]}};
    for (const auto& [variant, by_seed] : runs) {
        Json scores = Json::array(), expected = Json::array(), per_batch = Json::array();
        for (const auto& [seed, run] : by_seed) {
            scores.push_back(run.score);
            expected.push_back(run.expected);
            per_batch.push_back(run.per_batch);
        }
        metrics["variants"][variant] = {{"final_val_loss_per_seed", scores},
                                        {"ffn_grad_expected_per_seed", expected},
                                        {"ffn_grad_per_batch_per_seed", per_batch}};
    }

    auto depths = c["depths"].get<std::vector<double>>();
    std::sort(depths.begin(), depths.end());
    const double deep = depths.back(), shallow = depths.front();
    auto at = [](double depth) { return "L=" + std::to_string(static_cast<long>(depth)); };
    const std::string Ld = at(deep), Ls = at(shallow);
    const std::string noise = "; |effect| <= " + format3(negligible) +
        " nats counts as neither sign (about twice the standard error of a validation mean over " +
        std::to_string(c["val_batches"].get<long>()) + " batches)";
    // cost of skipping warm-up: score without minus score with
    auto penalty = [&](const std::string& pl, double depth, std::uint64_t seed) -> std::optional<double> {
        const Run* no = get(pl, false, depth, seed);
        const Run* yes = get(pl, true, depth, seed);
        if (!no || !yes) return std::nullopt;
        return no->score - yes->score;
    };
    auto outcomes = [&](const std::string& pl, double depth, std::uint64_t seed) {
        const Run* no = get(pl, false, depth, seed);
        const Run* yes = get(pl, true, depth, seed);
        return "without warm-up " + no->outcome + ", with " + yes->outcome;
    };
    // the claims as data (report.h): the settings, the noise rule and each run's outcome as params too
    const Json settings = {{"init", c["init"]},           {"d_model", c["d_model"]}, {"context", c["context"]},
                           {"batch", c["batch"]},         {"steps", c["steps"]},     {"lr", c["lr"]},
                           {"warmup", c["warmup_steps"]}, {"quick", c["quick"]}};
    const Json noise_params = {{"negligible", negligible}, {"val_batches", c["val_batches"]}};
    auto outcome_params = [&](const std::string& pl, double depth, std::uint64_t seed) {
        auto one = [](const Run* r) {
            return Json{{"diverged", r->diverged}, {"at", r->at}, {"val", finite_or_null(r->val)}};
        };
        return Json{{"no", one(get(pl, false, depth, seed))}, {"yes", one(get(pl, true, depth, seed))}};
    };
    auto depth_of = [](double depth) { return static_cast<long>(depth); };

    // Each claim is computed at every depth (as lr-sweep does): a rate that shows the lesson at one
    // depth can be past every variant's limit at another, and one verdict for the deepest stack alone
    // would hide that.
    Json claims = Json::array();
    for (const double depth : depths) {  // Post-LN needs warm-up
        std::vector<double> e;
        std::string seen;
        Json seen_runs = Json::array();
        for (auto s : seeds)
            if (const auto p = penalty("post", depth, s)) {
                e.push_back(*p);
                seen += (seen.empty() ? "" : "; ") + std::string("seed ") + std::to_string(s) + ": " +
                    outcomes("post", depth, s);
                seen_runs.push_back({{"seed", s}, {"outcomes", outcome_params("post", depth, s)}});
            }
        if (!e.empty())
            claims.push_back(empirical_claim(
                "pre-post.post-needs-warmup",
                "Post-LN needs warm-up at this learning rate: without it the final val loss is higher (" + at(depth) +
                    ")",
                "Post-LN " + seen + "; effect = val loss without minus with warm-up (a diverged run scores ln V)" +
                    noise + note,
                e, negligible,
                {{"depth", depth_of(depth)}, {"runs", seen_runs}, {"noise", noise_params}, {"settings", settings}}));
    }
    if (depths.size() > 1) {  // more so with depth
        std::vector<double> e;
        std::string seen;
        Json seen_runs = Json::array();
        for (auto s : seeds) {
            const auto pd = penalty("post", deep, s), ps = penalty("post", shallow, s);
            if (!pd || !ps) continue;
            e.push_back(*pd - *ps);
            seen += (seen.empty() ? "" : "; ") + std::string("seed ") + std::to_string(s) + ": " + Ls + " " +
                format3(*ps) + ", " + Ld + " " + format3(*pd);
            seen_runs.push_back({{"seed", s},
                                 {"shallow", depth_of(shallow)},
                                 {"cost_shallow", finite_or_null(*ps)},
                                 {"deep", depth_of(deep)},
                                 {"cost_deep", finite_or_null(*pd)}});
        }
        if (!e.empty())
            claims.push_back(empirical_claim(
                "pre-post.warmup-more-with-depth",
                "Post-LN needs warm-up more with depth: skipping it costs more at " + Ld + " than at " + Ls,
                "cost of no warm-up (val loss without minus with): " + seen +
                    " (if Post-LN fails with warm-up too at the deeper stack, the cost there is small and this claim "
                    "fails: the rate is past Post-LN's limit at that depth, warm-up or not)" +
                    noise + note,
                e, negligible,
                {{"deep", depth_of(deep)},
                 {"shallow", depth_of(shallow)},
                 {"runs", seen_runs},
                 {"noise", noise_params},
                 {"settings", settings}}));
    }
    for (const double depth : depths) {  // Pre-LN depends on warm-up far less than Post-LN
        std::vector<double> e;
        std::string seen;
        Json seen_runs = Json::array();
        for (auto s : seeds) {
            const auto post = penalty("post", depth, s), pre = penalty("pre", depth, s);
            if (!post || !pre) continue;
            e.push_back(*post - *pre);
            seen += (seen.empty() ? "" : "; ") + std::string("seed ") + std::to_string(s) + ": Pre-LN " +
                outcomes("pre", depth, s) + " (cost " + format3(*pre) + "), Post-LN cost " + format3(*post);
            seen_runs.push_back({{"seed", s},
                                 {"outcomes", outcome_params("pre", depth, s)},
                                 {"pre_cost", finite_or_null(*pre)},
                                 {"post_cost", finite_or_null(*post)}});
        }
        if (!e.empty())
            claims.push_back(empirical_claim(
                "pre-post.pre-less-dependent",
                "Pre-LN depends on warm-up far less than Post-LN: skipping warm-up costs Pre-LN less (" + at(depth) +
                    ")",
                seen + "; effect = Post-LN's cost minus Pre-LN's" + noise + note, e, negligible,
                {{"depth", depth_of(depth)}, {"runs", seen_runs}, {"noise", noise_params}, {"settings", settings}}));
    }
    for (const double depth : depths) {  // Xiong et al.'s expected gradient at initialisation
        std::vector<double> e;
        std::string seen;
        Json first = nullptr, ratios = Json::array();
        const double grow_noise = 0.05;
        for (auto s : seeds) {
            const Run* post = get("post", false, depth, s);
            const Run* pre = get("pre", false, depth, s);
            if (!post || !pre || post->expected.size() < 2 || pre->expected.size() < 2) continue;
            auto ratio = [](const std::vector<double>& g) { return g.back() / g.front(); };
            const double rp = ratio(post->expected), rq = ratio(pre->expected);
            if (!(rp > 0) || !(rq > 0)) continue;
            e.push_back(std::log10(rp) - std::log10(rq));
            if (seen.empty()) {
                seen = "seed " + std::to_string(s) + ", expected gradient per block (first to last): Post-LN " +
                    list3(post->expected) + " (per-batch norm " + list3(post->per_batch) + "), Pre-LN " +
                    list3(pre->expected) + " (per-batch " + list3(pre->per_batch) + ")";
                first = {{"seed", s},
                         {"post_grad", finite_or_null(post->expected)},
                         {"post_batch", finite_or_null(post->per_batch)},
                         {"pre_grad", finite_or_null(pre->expected)},
                         {"pre_batch", finite_or_null(pre->per_batch)}};
            }
            seen += "; seed " + std::to_string(s) + " last/first: Post-LN " + format3(rp) + ", Pre-LN " + format3(rq);
            ratios.push_back({{"seed", s}, {"post_ratio", rp}, {"pre_ratio", rq}});
        }
        if (!e.empty())
            claims.push_back(empirical_claim(
                "pre-post.expected-grad-grows",
                "At initialisation Post-LN's expected gradient of the second FFN matrix grows toward the output "
                "relative to Pre-LN's (Xiong et al. 2020, Fig. 3; " +
                    at(depth) + ")",
                seen + "; gradient averaged over " + std::to_string(c["grad_batches"].get<long>()) +
                    " batches before the norm; effect = log10(Post-LN's last/first) - log10(Pre-LN's last/first); "
                    "|effect| <= 0.05 (a factor 1.12) counts as neither sign (set for the default 16-batch mean; a mean over "
                    "fewer batches is noisier)" +
                    note,
                e, grow_noise,
                {{"depth", depth_of(depth)},
                 {"first", first},
                 {"ratios", ratios},
                 {"batches", c["grad_batches"]},
                 {"settings", settings}}));
    }
    if (claims.empty())
        claims.push_back(claim("pre-post.needs-both", "The claims compare Pre-LN and Post-LN with and without warm-up",
                               "select both placements", std::nullopt, Json::object()));
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef pre_post_experiment() {
    ExperimentDef def;
    def.id = "pre-post";
    def.claim_ids = {"pre-post.post-needs-warmup", "pre-post.warmup-more-with-depth", "pre-post.pre-less-dependent",
                     "pre-post.expected-grad-grows", "pre-post.needs-both"};
    def.title = "Pre-LN vs Post-LN with depth";
    def.question = "Does Post-LN need learning-rate warm-up, more so as the model gets deeper, while Pre-LN does not?";
    def.look =
        "the expected gradient of each block's second FFN matrix at initialisation (Post-LN's larger toward the "
        "output, Pre-LN's not), and the gap between warm-up and no warm-up for Post-LN as depth grows. The default "
        "uses the Xavier initialisation Xiong et al. analyse: under GPT-2's small 0.02 initialisation every residual "
        "branch adds only ~1e-3 of the stream's variance, so each block starts close to the identity and Post-LN's "
        "trouble is hidden. The learning rate 1e-2 was chosen with lr-sweep's default (width 64, 150 steps, 3 seeds): "
        "at depth 4 it is where Post-LN without warm-up stalls at the unigram loss in two seeds of three while "
        "Post-LN with warm-up and Pre-LN train in all three; at 3e-2 Post-LN fails with warm-up too, and at 3e-3 "
        "every variant trains. At depth 8, 1e-2 is past Post-LN's limit even with warm-up (the claims are stated "
        "per depth, so that shows); the preset 'depth 8, gentler' (3e-3) shows the lesson there. "
        "Run lr-sweep at your settings to see where the boundary lies for them.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"depths", "placements", "lr", "warmup_steps"};
    def.presets = {
        {"Post-LN alone",
         "Post-LN only, with and without warm-up, at the default rate 1e-2: the lr-sweep saw Post-LN without warm-up "
         "stall at the unigram loss there in two seeds of three at depth 4, and with warm-up train.",
         {"placements=post"}},
        {"too fast even with warm-up",
         "Both placements at 3e-2: in the lr-sweep (depth 4) Post-LN stalled there with and without warm-up in two seeds of three while Pre-LN "
         "trained, so warm-up widens Post-LN's range of rates but does not remove its limit.",
         {"lr=0.03"}},
        {"the seed's setting",
         "The course's first setting, GPT-2's 0.02 initialisation at lr 1e-3: each block starts near the identity; "
         "see whether warm-up still matters to either placement.",
         {"init=gpt2", "lr=0.001"}},
        {"shallow against deep",
         "A 2-block and an 8-block stack side by side: Post-LN's need for warm-up should grow with depth.",
         {"depths=2,8"}},
        {"depth 8, gentler",
         "Depth 8 alone at 3e-3: at the default 1e-2 an 8-block Post-LN fails even with warm-up, so the lesson "
         "needs a lower rate there. With 3 seeds natively, Post-LN without warm-up stalled at the unigram loss "
         "(3.33-3.39) in every seed, with the default 100-step warm-up it trained (2.29-2.35), and Pre-LN trained "
         "either way (2.19-2.25).",
         {"depths=8", "lr=0.003"}},
    };
    def.section = "pre-post";
    def.needs_text = true;
    using K = FieldSpec::Kind;
    def.fields = {
        {"depths",
         "Depths (blocks)",
         K::FloatList,
         Json{4, 8},
         Json{2, 4},
         1,
         48,
         false,
         {},
         "whole numbers; every depth runs Pre-LN and Post-LN with and without warm-up; quick mode: 2 and 4"},
        {"init",
         "Initialisation",
         K::Choice,
         "xavier",
         nullptr,
         0,
         0,
         false,
         {"xavier", "gpt2"},
         "xavier (default): Xavier-normal weights and embeddings at unit RMS, the setting Xiong et al. (2020) analyse. "
         "gpt2: N(0, 0.02²); each residual branch then adds only ~1e-3 of the stream's variance, so every block "
         "starts close to the identity and Post-LN's gradient profile and its need for warm-up mostly disappear"},
        {"grad_batches",
         "Expected gradient: batches averaged",
         K::Int,
         16,
         4,
         1,
         256,
         false,
         {},
         "the gradient of each block's second FFN matrix at initialisation is averaged over this many batches "
         "before its norm is taken (Xiong et al.'s expected gradient); the mean per-batch norm is shown beside it"},
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
        {"lr",
         "Learning rate (Adam)",
         K::Float,
         1e-2,
         nullptr,
         0,
         1,
         true,
         {},
         "the same for every run. 1e-2 by default, chosen with lr-sweep as a rate past Post-LN's breaking point "
         "without warm-up; at 1e-3 (the old default) every variant trains and warm-up makes no difference"},
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
         "small so the depth-8 runs fit the browser's budget; quick mode uses 32"},
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
         "32 keeps the 8 runs (depths 4 and 8, each placement with and without warm-up) within the browser's 5-minute "
         "budget on 2 cores; quick mode uses 16"},
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
        {"negligible_nats",
         "Noise level of a val-loss difference (nats)",
         K::Float,
         0.05,
         nullptr,
         0,
         10,
         false,
         {},
         "a per-seed difference of val losses within this of zero decides nothing (about twice the standard error of "
         "a validation mean over 4 batches of 16 x 32 characters)"},
    };
    def.check = [](const Json& c) {
        check_whole_numbers(c, "depths");
        check_unique(c, "depths");
        check_unique(c, "placements");
        if (c["depths"].size() > 8) throw SettingsError("atMostDepths", {{"max", 8}}, "depths: at most 8 depths");
        double deepest = 0;
        for (const auto& d : c["depths"]) deepest = std::max(deepest, d.get<double>());
        check_char_lm_settings(c, static_cast<std::size_t>(deepest));
        if (c["warmup_steps"].get<long>() > c["steps"].get<long>())
            throw SettingsError("warmupAtMostSteps", {{"steps", c["steps"]}},
                                "warmup_steps: must be at most steps (" + std::to_string(c["steps"].get<long>()) + ")");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, names_of(planned_runs(c))); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string* text) -> std::unique_ptr<Job> {
        for (const auto& p : planned_runs(c)) {
            if (p.name != spec.variant) continue;
            const CharLmRunConfig run = char_lm_run_config(
                c, p.depth, parse_norm_placement(p.placement), NormType::layer, c["lr"].get<double>(),
                p.warmup ? c["warmup_steps"].get<std::size_t>() : 0, spec.seed);
            auto job =
                std::make_unique<CharLmJob>(spec, run, c["eval_every"].get<int>(), c["diverge_factor"].get<double>(),
                                            text, Json{{"depth", p.depth}, {"warmup", p.warmup}});
            job->measure_ffn_profile(c["grad_batches"].get<std::size_t>());
            return job;
        }
        throw std::invalid_argument("pre-post: unknown variant \"" + spec.variant + "\"");
    };
    def.summarize = summarize_pre_post;
    return def;
}

}  // namespace normlab
