// Experiment "lr-sweep": learning-rate sensitivity of the char transformer per norm variant, in the
// manner of Wortsman et al. (2023, Fig. 1). Every variant trains a few hundred steps at each LR of
// a log grid (and each depth); a run that goes non-finite or sits above ln V for `patience` steps
// stops early and is scored ln V (experiments/lr_sweep.h has the rules). Outputs the final loss
// against LR per variant, each variant's LR sensitivity and largest stable LR, the maximum
// attention logit and the output-logit RMS of each run, and the share of the grid's step budget
// the early stop saved; tests the course's claims about the order in which the variants break.
#include "experiments/lr_sweep.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "experiments/definitions.h"
#include "experiments/training_jobs.h"

namespace normlab {

// ---- mechanics (lr_sweep.h) -------------------------------------------------------------------

bool SweepStop::update(double loss) {
    if (stopped) return true;
    if (!std::isfinite(loss)) return stopped = true;
    above = loss > ceiling ? above + 1 : 0;
    if (above >= patience) stopped = true;
    return stopped;
}

double sweep_score(const std::vector<double>& loss, std::size_t window, double ceiling, bool stopped_early) {
    if (stopped_early || loss.empty()) return ceiling;
    const std::size_t n = std::min(std::max<std::size_t>(window, 1), loss.size());
    double sum = 0;
    for (std::size_t i = loss.size() - n; i < loss.size(); i++) {
        if (!std::isfinite(loss[i])) return ceiling;
        sum += std::min(loss[i], ceiling);
    }
    return sum / static_cast<double>(n);
}

double lr_sensitivity(const std::vector<double>& scores, double ceiling) {
    if (scores.empty()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0, best = std::numeric_limits<double>::infinity();
    for (double s : scores) {
        const double v = std::isfinite(s) ? std::min(s, ceiling) : ceiling;
        sum += v;
        best = std::min(best, v);
    }
    return sum / static_cast<double>(scores.size()) - best;
}

int largest_stable_index(const std::vector<bool>& stable) {
    for (std::size_t i = stable.size(); i-- > 0;)
        if (stable[i]) return static_cast<int>(i);
    return -1;
}

double unigram_entropy(const std::string& text) {
    if (text.empty()) return 0.0;
    std::vector<double> count(256, 0.0);
    for (unsigned char ch : text) count[ch] += 1.0;
    const double n = static_cast<double>(text.size());
    double h = 0;
    for (double c : count)
        if (c > 0) h -= (c / n) * std::log(c / n);
    return h;
}

namespace {

const std::vector<std::string> kVariants = {"none",      "post/layer", "post/layer+warmup",
                                            "pre/layer", "pre/rms",    "pre/rms+qknorm"};

// ---- one run ----------------------------------------------------------------------------------
class LrSweepJob final : public Job {
  public:
    LrSweepJob(const JobSpec& spec, const CharLmRunConfig& run, int patience, std::size_t window,
               const std::string* text, Json extra)
        : spec_(spec), window_(window), extra_(std::move(extra)) {
        if (!text) throw std::invalid_argument("this experiment trains on a text, and none was given");
        run_ = std::make_unique<CharLmRun>(run, *text);
        run_->trainer().set_layer_metrics(false);  // the sweep reads losses and logit statistics only
        ln_v_ = std::log(static_cast<double>(run_->data().vocab_size()));
        stop_.ceiling = ln_v_;
        stop_.patience = patience;
        unigram_ = unigram_entropy(*text);
    }
    int total_steps() const override { return static_cast<int>(run_->config().steps); }
    int steps_done() const override { return static_cast<int>(loss_.size()); }
    bool stopped_early() const override { return stop_.stopped; }

    Json advance(int max_steps) override {
        Json points = {{"step", Json::array()}, {"train_loss", Json::array()}};
        if (finished()) return points;
        for (int k = 0; k < max_steps && !finished(); k++) {
            const StepMetrics& m = run_->step();
            const double loss = m.diverged ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(m.loss);
            loss_.push_back(loss);
            // ℓ0 for the stop is the loss at initialisation (Wortsman et al.), at least ln V: a large
            // initialisation starts above ln V, and a slow start (a warm-up) is not a divergence
            if (loss_.size() == 1 && std::isfinite(loss)) stop_.ceiling = std::max(ln_v_, loss);
            const double logit = run_->model().max_attention_logit(), rms = run_->model().output_logit_rms();
            if (std::isfinite(logit)) max_logit_ = std::max(max_logit_, logit);
            if (std::isfinite(rms)) {
                max_rms_ = std::max(max_rms_, rms);
                last_rms_ = rms;
            }
            points["step"].push_back(m.step);
            points["train_loss"].push_back(std::isfinite(loss) ? Json(loss) : Json(nullptr));
            if (stop_.update(loss)) {
                stopped_at_ = static_cast<long>(m.step);
                points["diverged_at"] = m.step;
            }
        }
        if (finished()) {
            const Json r = result();
            for (const char* key : {"lr", "score", "max_attn_logit", "logit_rms"})
                points[key] = Json::array({r["metrics"][key]});
        }
        return points;
    }

    Json result() const override {
        Json metrics = extra_;
        const double score = sweep_score(loss_, window_, ln_v_, stop_.stopped);
        metrics["score"] = score;
        metrics["ln_vocab"] = ln_v_;
        metrics["stop_ceiling"] = stop_.ceiling;
        metrics["unigram_entropy"] = unigram_;
        metrics["stable"] = !stop_.stopped && score < unigram_;
        metrics["steps_run"] = loss_.size();
        metrics["max_attn_logit"] = max_logit_ > -1e300 ? Json(max_logit_) : Json(nullptr);
        metrics["logit_rms"] = last_rms_ >= 0 ? Json(last_rms_) : Json(nullptr);
        metrics["max_logit_rms"] = max_rms_ >= 0 ? Json(max_rms_) : Json(nullptr);
        Json train = Json::array();
        for (double v : loss_) train.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
        return {{"variant", spec_.variant},
                {"seed", spec_.seed},
                {"train_loss", train},
                {"val_loss", Json::array()},
                {"diverged_at", stopped_at_ >= 0 ? Json(stopped_at_) : Json(nullptr)},
                {"step_ms", Json::array()},
                {"metrics", metrics}};
    }

  private:
    JobSpec spec_;
    std::size_t window_;
    Json extra_;
    std::unique_ptr<CharLmRun> run_;
    SweepStop stop_;
    double ln_v_ = 0, unigram_ = 0;
    std::vector<double> loss_;
    double max_logit_ = -std::numeric_limits<double>::infinity(), max_rms_ = -1, last_rms_ = -1;
    long stopped_at_ = -1;
};

// ---- plan ---------------------------------------------------------------------------------------
struct Planned {
    std::string name;  // "<variant>/L<depth> lr=<lr>"; the chart's series is the first word
    std::string variant;
    std::size_t depth;
    double lr;
};

std::string lr_text(double lr) { return Json(lr).dump(); }

std::vector<double> sorted_lrs(const Json& c) {
    auto lrs = c["lrs"].get<std::vector<double>>();
    std::sort(lrs.begin(), lrs.end());
    return lrs;
}

std::vector<std::size_t> sorted_depths(const Json& c) {
    std::vector<std::size_t> d;
    for (const auto& x : c["depths"]) d.push_back(static_cast<std::size_t>(x.get<double>()));
    std::sort(d.begin(), d.end());
    return d;
}

std::string series_name(const std::string& variant, std::size_t depth) {
    return variant + "/L" + std::to_string(depth);
}

std::vector<Planned> planned_runs(const Json& c) {
    std::vector<Planned> out;
    for (std::size_t depth : sorted_depths(c))
        for (const auto& v : c["variants"])
            for (double lr : sorted_lrs(c)) {
                const std::string variant = v.get<std::string>();
                out.push_back({series_name(variant, depth) + " lr=" + lr_text(lr), variant, depth, lr});
            }
    return out;
}

CharLmRunConfig sweep_run_config(const Json& c, const Planned& p, std::uint64_t seed) {
    Json with_val = c;
    with_val["val_batches"] = 1;  // the sweep scores training losses; no validation pass
    const bool none = p.variant == "none";
    const bool post = p.variant.rfind("post/", 0) == 0;
    const NormType norm = p.variant.find("/rms") != std::string::npos ? NormType::rms : NormType::layer;
    const bool warmup = p.variant.find("+warmup") != std::string::npos;
    CharLmRunConfig r = char_lm_run_config(
        with_val, p.depth, none ? NormPlacement::none : (post ? NormPlacement::post : NormPlacement::pre), norm, p.lr,
        warmup ? c["warmup_steps"].get<std::size_t>() : 0, seed);
    r.model.qk_norm = p.variant.find("+qknorm") != std::string::npos;
    r.model.init_style = parse_char_lm_init(c["init"].get<std::string>());
    return r;
}

std::string settings_note(const Json& c) {
    std::ostringstream s;
    s << " [" << c["init"].get<std::string>() << " init, d_model " << c["d_model"].get<long>() << ", context "
      << c["context"].get<long>() << ", batch " << c["batch"].get<long>() << ", " << c["steps"].get<long>()
      << " steps, Adam, no clipping, warm-up " << c["warmup_steps"].get<long>() << " steps for +warmup"
      << (c["quick"].get<bool>() ? ", quick mode: smaller, shorter and a coarser grid than the default" : "") << "]";
    return s.str();
}

// ---- summary ----------------------------------------------------------------------------------
// One (seed, depth, variant) curve over the LR grid (ascending).
struct Curve {
    std::vector<double> score, max_logit, logit_rms;
    std::vector<bool> stable, stopped;
    std::vector<double> steps_run;
};

Json summarize_lr_sweep(const Json& c, const std::vector<Json>& results) {
    const auto lrs = sorted_lrs(c);
    const auto depths = sorted_depths(c);
    const std::size_t G = lrs.size();
    const std::string note = settings_note(c);
    // curves[depth][variant][seed]
    std::map<std::size_t, std::map<std::string, std::map<std::uint64_t, Curve>>> curves;
    double ln_v = NAN, h1 = NAN, steps_run = 0, budget = 0;
    for (const auto& r : results) {
        const Json& m = r["metrics"];
        const double lr = m["lr"].get<double>();
        const auto i = static_cast<std::size_t>(std::find(lrs.begin(), lrs.end(), lr) - lrs.begin());
        if (i >= G) continue;
        Curve& cv =
            curves[m["depth"].get<std::size_t>()][m["variant"].get<std::string>()][r["seed"].get<std::uint64_t>()];
        if (cv.score.empty()) {
            cv.score.assign(G, NAN);
            cv.max_logit.assign(G, NAN);
            cv.logit_rms.assign(G, NAN);
            cv.stable.assign(G, false);
            cv.stopped.assign(G, false);
            cv.steps_run.assign(G, 0);
        }
        cv.score[i] = m["score"].get<double>();
        cv.max_logit[i] = m["max_attn_logit"].is_number() ? m["max_attn_logit"].get<double>() : NAN;
        cv.logit_rms[i] = m["logit_rms"].is_number() ? m["logit_rms"].get<double>() : NAN;
        cv.stable[i] = m["stable"].get<bool>();
        cv.stopped[i] = !r["diverged_at"].is_null();
        cv.steps_run[i] = m["steps_run"].get<double>();
        ln_v = m["ln_vocab"].get<double>();
        h1 = m["unigram_entropy"].get<double>();
        steps_run += m["steps_run"].get<double>();
        budget += c["steps"].get<double>();
    }

    Json metrics = {{"lrs", lrs},
                    {"ln_vocab", ln_v},
                    {"unigram_entropy", h1},
                    {"stable_rule",
                     "a run is stable when it was not stopped early and its final loss (mean of the "
                     "last " +
                         std::to_string(c["final_window"].get<long>()) +
                         " steps) is below the unigram entropy H1 of the text (" + format3(h1) + " nats)"},
                    {"steps_budget", budget},
                    {"steps_run", steps_run},
                    {"early_stop_saved_fraction", budget > 0 ? Json(1.0 - steps_run / budget) : Json(nullptr)},
                    {"series", Json::object()}};
    auto mean_over = [&](const std::map<std::uint64_t, Curve>& seeds, auto get) {
        std::vector<double> out(G, 0.0);
        std::vector<int> n(G, 0);
        for (const auto& [_, cv] : seeds)
            for (std::size_t i = 0; i < G; i++) {
                const double v = get(cv, i);
                if (std::isfinite(v)) {
                    out[i] += v;
                    n[i]++;
                }
            }
        Json j = Json::array();
        for (std::size_t i = 0; i < G; i++) j.push_back(n[i] ? Json(out[i] / n[i]) : Json(nullptr));
        return j;
    };
    for (const auto& [depth, variants] : curves)
        for (const auto& [variant, seeds] : variants) {
            Json stable_lr = Json::array(), sens = Json::array();
            for (const auto& [seed, cv] : seeds) {
                const int k = largest_stable_index(cv.stable);
                stable_lr.push_back(k >= 0 ? Json(lrs[static_cast<std::size_t>(k)]) : Json(nullptr));
                sens.push_back(lr_sensitivity(cv.score, ln_v));
            }
            metrics["series"][series_name(variant, depth)] = {
                {"final_loss_by_lr", mean_over(seeds, [](const Curve& cv, std::size_t i) { return cv.score[i]; })},
                {"max_attn_logit_by_lr",
                 mean_over(seeds, [](const Curve& cv, std::size_t i) { return cv.max_logit[i]; })},
                {"logit_rms_by_lr", mean_over(seeds, [](const Curve& cv, std::size_t i) { return cv.logit_rms[i]; })},
                {"stopped_early_by_lr",
                 mean_over(seeds, [](const Curve& cv, std::size_t i) { return cv.stopped[i] ? 1.0 : 0.0; })},
                {"largest_stable_lr_per_seed", stable_lr},
                {"lr_sensitivity_per_seed", sens}};
        }

    // ---- claims: each decided per seed (experiments/report.h) ----
    const std::string grid_rule =
        "; effect in grid steps of the largest stable LR (below the grid = -1); steps are whole numbers, so a tie "
        "counts as neither sign";
    auto idx = [&](std::size_t depth, const std::string& variant, std::uint64_t seed) -> std::optional<int> {
        const auto d = curves.find(depth);
        if (d == curves.end()) return std::nullopt;
        const auto v = d->second.find(variant);
        if (v == d->second.end()) return std::nullopt;
        const auto s = v->second.find(seed);
        if (s == v->second.end()) return std::nullopt;
        return largest_stable_index(s->second.stable);
    };
    std::vector<std::uint64_t> seeds;
    for (const auto& r : results) {
        const auto s = r["seed"].get<std::uint64_t>();
        if (std::find(seeds.begin(), seeds.end(), s) == seeds.end()) seeds.push_back(s);
    }
    auto lr_at = [&](int k) { return k < 0 ? std::string("none") : format3(lrs[static_cast<std::size_t>(k)]); };
    // the claims as data (report.h): the settings and each seed's numbers as params too
    const Json settings = {{"init", c["init"]},   {"d_model", c["d_model"]}, {"context", c["context"]},
                           {"batch", c["batch"]}, {"steps", c["steps"]},     {"warmup", c["warmup_steps"]},
                           {"quick", c["quick"]}};
    auto stable_lr = [&](const std::string& variant, int k) {
        return Json{{"variant", variant},
                    {"stable", k >= 0},
                    {"lr", k >= 0 ? Json(lrs[static_cast<std::size_t>(k)]) : Json(nullptr)}};
    };
    // per seed: (index of a) - (index of b), with the text of both
    auto compare = [&](std::size_t depth, const std::string& a, const std::string& b, std::vector<double>& effects,
                       std::string& seen, Json& runs) {
        bool any = false;
        for (std::uint64_t s : seeds) {
            const auto ia = idx(depth, a, s), ib = idx(depth, b, s);
            if (!ia || !ib) continue;
            any = true;
            effects.push_back(static_cast<double>(*ia - *ib));
            seen += (seen.empty() ? "" : "; ") + std::string("seed ") + std::to_string(s) + ": " + a + " " +
                lr_at(*ia) + ", " + b + " " + lr_at(*ib);
            runs.push_back({{"seed", s}, {"a", stable_lr(a, *ia)}, {"b", stable_lr(b, *ib)}});
        }
        return any;
    };
    Json claims = Json::array();
    auto order_claim = [&](const std::string& id, const std::string& text, const std::string& a, const std::string& b) {
        for (std::size_t depth : depths) {
            std::vector<double> e;
            std::string seen;
            Json runs = Json::array();
            if (!compare(depth, a, b, e, seen, runs)) continue;
            claims.push_back(empirical_claim(id, text + " (L=" + std::to_string(depth) + ")",
                                             "largest stable LR, " + seen + grid_rule + note, e, 0.0,
                                             {{"depth", depth}, {"runs", runs}, {"settings", settings}}));
        }
    };
    order_claim("lr-sweep.nonorm-breaks-first",
                "No norm breaks at a lower learning rate than Pre-LN (LayerNorm): Pre-LN's largest stable LR is higher",
                "pre/layer", "none");
    order_claim("lr-sweep.postln-breaks-first",
                "Post-LN without warm-up breaks at a lower learning rate than Pre-LN (LayerNorm)", "pre/layer",
                "post/layer");
    order_claim("lr-sweep.warmup-helps-postln", "Warm-up moves Post-LN's breaking point to a higher learning rate",
                "post/layer+warmup", "post/layer");
    if (depths.size() > 1) {
        const std::size_t lo = depths.front(), hi = depths.back();
        std::vector<double> e;
        std::string seen;
        Json runs = Json::array();
        for (std::uint64_t s : seeds) {
            const auto pl = idx(lo, "pre/layer", s), ql = idx(lo, "post/layer", s);
            const auto ph = idx(hi, "pre/layer", s), qh = idx(hi, "post/layer", s);
            if (!pl || !ql || !ph || !qh) continue;
            const int gap_lo = *pl - *ql, gap_hi = *ph - *qh;
            e.push_back(static_cast<double>(gap_hi - gap_lo));
            seen += (seen.empty() ? "" : "; ") + std::string("seed ") + std::to_string(s) + ": L" + std::to_string(lo) +
                " " + std::to_string(gap_lo) + ", L" + std::to_string(hi) + " " + std::to_string(gap_hi);
            runs.push_back({{"seed", s}, {"lo", lo}, {"gap_lo", gap_lo}, {"hi", hi}, {"gap_hi", gap_hi}});
        }
        if (!e.empty())
            claims.push_back(empirical_claim(
                "lr-sweep.gap-grows-with-depth",
                "The gap between Pre-LN's and Post-LN's (no warm-up) breaking points grows with depth (L=" +
                    std::to_string(lo) + " to L=" + std::to_string(hi) + ")",
                "gap = Pre-LN's largest stable LR minus Post-LN's, in grid steps: " + seen +
                    "; effect = deep gap minus shallow gap" + grid_rule + note,
                e, 0.0, {{"lo", lo}, {"hi", hi}, {"runs", runs}, {"settings", settings}}));
    }
    for (std::size_t depth : depths) {
        std::vector<double> diff;
        std::string seen;
        Json runs = Json::array();
        if (!compare(depth, "pre/rms", "pre/layer", diff, seen, runs)) continue;
        std::vector<double> e;
        for (double d : diff) e.push_back(1.5 - std::fabs(d));  // > 0 when within one grid step
        claims.push_back(empirical_claim(
            "lr-sweep.rms-matches-layer",
            "RMSNorm and LayerNorm (Pre-LN) break within one grid step of each other (L=" + std::to_string(depth) + ")",
            "largest stable LR, " + seen +
                "; effect = 1.5 - |difference in grid steps| (positive within one step, negative at two or more)" +
                note,
            e, 0.0, {{"depth", depth}, {"runs", runs}, {"settings", settings}}));
    }
    for (std::size_t depth : depths) {
        std::vector<double> e;
        std::string seen;
        Json runs = Json::array();
        for (std::uint64_t s : seeds) {
            const auto d = curves.find(depth);
            if (d == curves.end()) break;
            const auto a = d->second.find("pre/rms"), b = d->second.find("pre/rms+qknorm");
            if (a == d->second.end() || b == d->second.end() || !a->second.count(s) || !b->second.count(s)) continue;
            auto grid_max = [](const std::vector<double>& v) {
                double m = -INFINITY;
                for (double x : v)
                    if (std::isfinite(x)) m = std::max(m, x);
                return m;
            };
            const double la = grid_max(a->second.at(s).max_logit), lb = grid_max(b->second.at(s).max_logit);
            if (!(la > 0) || !(lb > 0)) continue;
            e.push_back(std::log10(la) - std::log10(lb));
            seen += (seen.empty() ? "" : "; ") + std::string("seed ") + std::to_string(s) + ": without " + format3(la) +
                ", with " + format3(lb);
            runs.push_back({{"seed", s}, {"without", la}, {"with", lb}});
        }
        if (!e.empty())
            claims.push_back(empirical_claim(
                "lr-sweep.qknorm-bounds-logit",
                "QK-norm keeps the maximum attention logit bounded: over the LR grid it stays below Pre-LN RMSNorm's "
                "without QK-norm (L=" +
                    std::to_string(depth) + ")",
                "largest attention logit over every step and LR of the grid, " + seen +
                    "; effect = log10(without / with); |effect| <= 0.1 (a factor 1.26) counts as neither sign, the "
                    "seed-to-seed spread of a maximum" +
                    note,
                e, 0.1, {{"depth", depth}, {"runs", runs}, {"settings", settings}}));
    }
    order_claim("lr-sweep.qknorm-raises-lr",
                "QK-norm raises the largest stable learning rate (Pre-LN RMSNorm with QK-norm against without)",
                "pre/rms+qknorm", "pre/rms");
    if (claims.empty())
        claims.push_back(claim("lr-sweep.needs-variants", "The claims compare variants: select at least two of them",
                               "too few variants selected", std::nullopt, Json::object()));
    return {{"metrics", metrics}, {"claims", claims}};
}

}  // namespace

ExperimentDef lr_sweep_experiment() {
    ExperimentDef def;
    def.id = "lr-sweep";
    def.claim_ids = {"lr-sweep.nonorm-breaks-first",  "lr-sweep.postln-breaks-first", "lr-sweep.warmup-helps-postln",
                     "lr-sweep.gap-grows-with-depth", "lr-sweep.rms-matches-layer",   "lr-sweep.qknorm-bounds-logit",
                     "lr-sweep.qknorm-raises-lr",     "lr-sweep.needs-variants"};
    def.title = "Learning-rate sweep: where each norm breaks";
    def.question =
        "Across a grid of learning rates, at which rate does each variant stop training, and do norms, warm-up and "
        "QK-norm move that point?";
    def.look =
        "the final loss against the learning rate (log axis): each curve is U-shaped, and the point where it climbs "
        "to ln V (the loss of a uniform guess) is where that variant breaks; the table of largest stable learning "
        "rates, and how large the attention logits grow without QK-norm.";
    def.section = "pre-post";
    def.needs_text = true;
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"variants", "lrs", "depths", "init"};
    def.presets = {
        {"norms only",
         "No norm against Pre-LN's LayerNorm and RMSNorm: which one's final loss climbs to ln V first as the rate "
         "grows.",
         {"variants=none,pre/layer,pre/rms"}},
        {"Post-LN and warm-up",
         "Post-LN with and without warm-up beside Pre-LN: does a warm-up move Post-LN's breaking point to higher "
         "rates?",
         {"variants=post/layer,post/layer+warmup,pre/layer"}},
        {"QK-norm",
         "Pre-LN RMSNorm with and without QK-norm: see how large the attention logits grow without it, and "
         "whether bounding them lets the model train at higher rates.",
         {"variants=pre/rms,pre/rms+qknorm"}},
        {"deeper: 4 and 8",
         "Depths 4 and 8 instead of 2 and 4, about twice the default's time: in a one-seed native pilot Post-LN at "
         "depth 8 stalled at the unigram loss from 3e-3 up, with and without warm-up, while Pre-LN trained up to "
         "3e-2.",
         {"depths=4,8"}},
        {"the seed's setting",
         "GPT-2's 0.02 initialisation instead of Xavier: each block starts near the identity; see where the "
         "breaking points move.",
         {"init=gpt2"}},
    };
    using K = FieldSpec::Kind;
    def.fields = {
        {"variants", "Variants", K::ChoiceList, Json(kVariants), nullptr, 0, 0, false, kVariants,
         "none: no norm; post/layer: Post-LN LayerNorm; +warmup: with a linear warm-up; pre/layer, pre/rms: Pre-LN "
         "LayerNorm, RMSNorm; pre/rms+qknorm: Pre-LN RMSNorm with RMSNorm on each head's queries and keys"},
        {"lrs",
         "Learning rates (Adam)",
         K::FloatList,
         Json{1e-3, 3e-3, 1e-2, 3e-2, 1e-1},
         Json{1e-3, 1e-2, 1e-1},
         0,
         1,
         true,
         {},
         "a log-spaced grid reaching 1e-1: a width-64 model trains far above 1e-3 (Wortsman et al. sweep 3e-4 to "
         "3e-1); quick mode: 1e-3, 1e-2, 1e-1"},
        {"depths",
         "Depths (blocks)",
         K::FloatList,
         Json{2, 4},
         Json{2},
         1,
         24,
         false,
         {},
         "whole numbers; every variant runs the whole grid at each depth. 2 and 4 by default: a depth-8 run costs "
         "about twice a depth-4 one, and 4 and 8 would take the default past its 5-minute budget; quick mode: 2"},
        {"init",
         "Initialisation",
         K::Choice,
         "xavier",
         nullptr,
         0,
         0,
         false,
         {"xavier", "gpt2"},
         "xavier: Xavier-normal weights, embeddings at unit RMS (what Xiong et al. 2020 analyse); gpt2: N(0, 0.02²), "
         "a small init under which each block starts close to the identity, which hides Post-LN's trouble"},
        {"warmup_steps", "Warm-up steps (linear, +warmup variants)", K::Int, 40, 15, 1, 100000, false, {}, ""},
        {"d_model", "Width d_model", K::Int, 64, 32, 8, 1024, false, {}, "quick mode uses 32"},
        {"n_heads", "Attention heads", K::Int, 4, nullptr, 1, 64, false, {}, "must divide d_model"},
        {"context", "Context (characters)", K::Int, 32, 16, 2, 1024, false, {}, "quick mode uses 16"},
        {"batch", "Batch size", K::Int, 8, nullptr, 1, 256, false, {}, ""},
        {"steps", "Training steps per run", K::Int, 150, 60, 10, 100000, false, {}, "quick mode runs 60"},
        {"patience",
         "Early stop: steps above ln V",
         K::Int,
         20,
         10,
         1,
         100000,
         false,
         {},
         "a run stops (scored ln V) when its loss is non-finite or above ln V for this many steps in a row"},
        {"final_window",
         "Final loss: mean of the last (steps)",
         K::Int,
         20,
         10,
         1,
         100000,
         false,
         {},
         "clipped at ln V"},
    };
    def.check = [](const Json& c) {
        check_whole_numbers(c, "depths");
        check_unique(c, "depths");
        check_unique(c, "variants");
        check_unique(c, "lrs");
        if (c["depths"].size() > 4) throw SettingsError("atMostDepths", {{"max", 4}}, "depths: at most 4 depths");
        double deepest = 0;
        for (const auto& d : c["depths"]) deepest = std::max(deepest, d.get<double>());
        Json with_val = c;
        with_val["val_batches"] = 1;
        check_char_lm_settings(with_val, static_cast<std::size_t>(deepest));
        if (c["variants"].size() * c["lrs"].size() * c["depths"].size() > 120)
            throw SettingsError("atMostRuns", {{"keys", "variants x lrs x depths"}, {"max", 120}},
                                "variants x lrs x depths: at most 120 runs per seed");
        if (c["warmup_steps"].get<long>() > c["steps"].get<long>())
            throw SettingsError("warmupAtMostSteps", {{"steps", c["steps"]}},
                                "warmup_steps: must be at most steps (" + std::to_string(c["steps"].get<long>()) + ")");
    };
    def.plan = [](const Json& c) { return plan_each_seed(c, names_of(planned_runs(c))); };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string* text) -> std::unique_ptr<Job> {
        for (const auto& p : planned_runs(c)) {
            if (p.name != spec.variant) continue;
            return std::make_unique<LrSweepJob>(spec, sweep_run_config(c, p, spec.seed), c["patience"].get<int>(),
                                                c["final_window"].get<std::size_t>(), text,
                                                Json{{"lr", p.lr}, {"depth", p.depth}, {"variant", p.variant}});
        }
        throw std::invalid_argument("lr-sweep: unknown variant \"" + spec.variant + "\"");
    };
    def.summarize = summarize_lr_sweep;
    return def;
}

}  // namespace normlab
