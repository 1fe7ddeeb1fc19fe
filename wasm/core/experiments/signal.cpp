// Experiment "signal": why normalize. A stack of L Linear(D -> D) layers, each followed by an
// activation (relu | tanh | none) and optionally a norm (none | layer | rms) placed after the
// activation or before it, fed a batch of N(0, 1) inputs. Per layer: the forward activation std,
// the norm of the gradient of a fixed loss with respect to the layer's output, and the std that
// variance propagation predicts, for several initialisations and norms in one run.
//
//   y_0 = x (B, D) ~ N(0, 1)
//   z_l = y_{l-1} W_lᵀ (+ b_l)                 Linear (kernels/layers.h)
//   norm none:   y_l = act(z_l)
//   after:       y_l = norm(act(z_l))           NormLayer (engine/norm_layer.h)
//   before:      y_l = act(norm(z_l))
//   loss:        L = (1/B) sum_{b,j} y_L[b,j] g[b,j], g (B, D) ~ N(0, 1) fixed by the seed, so
//                dL/dy_L = g / B whatever y_L is: the backward is not scaled by the forward's size
//                (L = mean(y_L^2)/2 would multiply the gradient by y_L and mix the two effects).
//
// Variants are "<init>/<norm>"; all variants of a seed see the same x and g, and the variants of
// one init share their weights (drawn from the same seed-derived stream), so the only difference
// between two curves of one init is the norm.
//
// Prediction (variance propagation, zero-mean Gaussian pre-activations):
//   q_z,l = D Var(w) q_{l-1} + Var(b),  q_0 = E[x^2] = 1
//   act: E[act(z)^2] = c q_z, std(act(z)) = f sqrt(q_z); relu c = 1/2, f = sqrt(1/2 - 1/(2 pi));
//        none c = f = 1; tanh c = f = 1 (the small-signal approximation tanh(z) ~ z: it
//        overestimates once |z| is not small, since tanh saturates at 1).
//   a norm resets the scale: before the activation the pre-activation is ~N(0, 1) (q_z = 1);
//   after it, the output has second moment 1 (rms: std sqrt(1 - 1/pi) after relu, whose outputs
//   have mean^2 / E[a^2] = 1/pi; layer: std 1).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <sstream>
#include <vector>

#include "experiments/definitions.h"
#include "engine/timing_clock.h"
#include "experiments/report.h"
#include "engine/fingerprint.h"
#include "engine/init.h"
#include "kernels/layers.h"
#include "engine/norm_layer.h"
#include "engine/rng.h"
#include "engine/tensor_buffers.h"

namespace normlab {
namespace {

constexpr double kPi = 3.14159265358979323846;

enum class Act { relu, tanh, none };

Act parse_act(const std::string& s) { return s == "relu" ? Act::relu : s == "tanh" ? Act::tanh : Act::none; }

// The experiment's init names -> engine/init.h's schemes (kaiming and xavier are the normal forms).
InitConfig init_config(const std::string& name, double sigma) {
    InitConfig c;
    if (name == "pytorch_default")
        c.scheme = InitScheme::pytorch_default;
    else if (name == "kaiming")
        c.scheme = InitScheme::kaiming_normal;
    else if (name == "xavier")
        c.scheme = InitScheme::xavier_normal;
    else {
        c.scheme = InitScheme::normal;
        c.std = static_cast<float>(sigma);
    }
    return c;
}

double weight_variance(const std::string& init, double d, double sigma) {
    if (init == "pytorch_default") return 1.0 / (3.0 * d);  // U(-b, b) with b = 1/sqrt(d): b^2 / 3
    if (init == "kaiming") return 2.0 / d;
    if (init == "xavier") return 2.0 / (d + d);
    return sigma * sigma;
}

// Predicted std of y_0..y_L (see the header comment).
std::vector<double> predicted_std(const std::string& init, const std::string& norm, Act act, bool after, bool bias,
                                  std::size_t layers, double d, double sigma) {
    const double c = act == Act::relu ? 0.5 : 1.0;
    const double f = act == Act::relu ? std::sqrt(0.5 - 1.0 / (2.0 * kPi)) : 1.0;
    const double var_w = weight_variance(init, d, sigma);
    const double var_b = bias && init == "pytorch_default" ? 1.0 / (3.0 * d) : 0.0;
    std::vector<double> s = {1.0};
    double q = 1.0;  // second moment of the previous layer's output
    for (std::size_t l = 1; l <= layers; l++) {
        const double qz = d * var_w * q + var_b;
        if (norm == "none") {
            q = c * qz;
            s.push_back(f * std::sqrt(qz));
        } else if (!after) {  // norm(z) has second moment 1, then the activation
            q = c;
            s.push_back(f);
        } else {  // the norm's output has second moment 1
            q = 1.0;
            s.push_back(norm == "rms" && act == Act::relu ? std::sqrt(1.0 - 1.0 / kPi) : 1.0);
        }
    }
    return s;
}

double memory_bytes(const Json& c) {
    const double L = c["layers"].get<double>(), D = c["width"].get<double>(), B = c["batch"].get<double>();
    // weights (L, D, D) + one weight-gradient scratch (D, D) + biases; z, mid, y, dy per layer; scratch
    return 4.0 * (L * D * D + D * D + 2.0 * L * D + 4.0 * (L + 1.0) * B * D + 4.0 * B * D);
}

class SignalJob final : public Job {
  public:
    SignalJob(const Json& c, const JobSpec& spec)
        : spec_(spec),
          L_(c["layers"].get<std::size_t>()),
          D_(c["width"].get<std::size_t>()),
          B_(c["batch"].get<std::size_t>()),
          act_(parse_act(c["activation"].get<std::string>())),
          after_(c["placement"].get<std::string>() == "after"),
          bias_(c["bias"].get<bool>()),
          sigma_(c["sigma"].get<double>()) {
        const auto slash = spec.variant.find('/');
        init_ = spec.variant.substr(0, slash);
        norm_ = spec.variant.substr(slash + 1);
        predicted_ = predicted_std(init_, norm_, act_, after_, bias_, L_, static_cast<double>(D_), sigma_);
    }

    int total_steps() const override { return static_cast<int>(L_ + 1); }
    int steps_done() const override { return static_cast<int>(emitted_); }

    // Step l reports layer l (0 = the input). The whole forward and backward run at the first call
    // (one job is a few hundred milliseconds at most); later calls hand out the per-layer points.
    Json advance(int max_steps) override {
        if (!computed_) compute();
        Json points = {{"step", Json::array()},
                       {"act_std", Json::array()},
                       {"grad_norm", Json::array()},
                       {"predicted_std", Json::array()}};
        for (int k = 0; k < max_steps && !finished(); k++, emitted_++) {
            points["step"].push_back(emitted_);
            points["act_std"].push_back(finite_or_null(act_std_[emitted_]));
            points["grad_norm"].push_back(finite_or_null(grad_norm_[emitted_]));
            points["predicted_std"].push_back(finite_or_null(predicted_[emitted_]));
        }
        return points;
    }

    Json result() const override {
        auto list = [](const std::vector<double>& v) {
            Json a = Json::array();
            for (double x : v) a.push_back(finite_or_null(x));
            return a;
        };
        std::vector<std::size_t> layer(L_ + 1);
        for (std::size_t l = 0; l <= L_; l++) layer[l] = l;
        return {{"variant", spec_.variant},
                {"seed", spec_.seed},
                {"train_loss", Json::array()},
                {"val_loss", Json::array()},
                {"diverged_at", nullptr},
                {"step_ms", step_ms_},
                {"metrics",
                 {{"layer", layer},
                  {"act_std", list(act_std_)},
                  {"grad_norm", list(grad_norm_)},
                  {"weight_grad_norm", list(weight_grad_norm_)},
                  {"predicted_std", list(predicted_)},
                  {"weight_fingerprint", weight_fingerprint_},
                  {"input_fingerprint", input_fingerprint_}}}};
    }

  private:
    static double frobenius(const float* v, std::size_t n) {
        double s = 0;
        for (std::size_t i = 0; i < n; i++) s += static_cast<double>(v[i]) * static_cast<double>(v[i]);
        return std::sqrt(s);
    }

    void act_forward(float* out, const float* inp, std::size_t n) const {
        if (act_ == Act::relu)
            relu_forward(out, inp, n);
        else if (act_ == Act::tanh)
            tanh_forward(out, inp, n);
        else
            std::memcpy(out, inp, n * sizeof(float));
    }
    // inp / out: the activation's forward input and output; accumulates into dinp
    void act_backward(float* dinp, const float* dout, const float* inp, const float* out, std::size_t n) const {
        if (act_ == Act::relu)
            relu_backward(dinp, dout, inp, n);
        else if (act_ == Act::tanh)
            tanh_backward(dinp, dout, out, n);
        else
            for (std::size_t i = 0; i < n; i++) dinp[i] += dout[i];
    }

    void compute() {
        computed_ = true;
        const std::size_t L = L_, D = D_, B = B_, BD = B_ * D_;
        const bool has_norm = norm_ != "none";
        std::vector<float> w(L * D * D), b(bias_ ? L * D : 0), dw(D * D), db(D);  // w (L, D, D), b (L, D)
        std::vector<float> z(L * BD), mid(has_norm ? L * BD : 0), y((L + 1) * BD), dy((L + 1) * BD);
        std::vector<float> dz(BD), dmid(BD), g(BD);
        // the same weights for every norm of an init, the same x and g for every variant
        Rng wrng = Rng(spec_.seed).fork(0x1417);
        const InitConfig icfg = init_config(init_, sigma_);
        for (std::size_t l = 0; l < L; l++) {
            init_weight(&w[l * D * D], D * D, D, D, icfg, wrng);
            if (bias_) init_bias(&b[l * D], D, D, icfg, wrng);
        }
        Rng xrng = Rng(spec_.seed).fork(1);
        for (std::size_t i = 0; i < BD; i++) y[i] = xrng.normal();
        Rng grng = Rng(spec_.seed).fork(2);
        for (auto& v : g) v = grng.normal();
        weight_fingerprint_ = fnv1a(w.data(), w.size() * sizeof(float));
        input_fingerprint_ = fnv1a(y.data(), BD * sizeof(float));

        ParameterSet params;
        ActivationArena arena;
        std::vector<NormLayer<float>> norms(L);
        NormConfig ncfg;
        ncfg.kind = has_norm ? parse_norm_type(norm_) : NormType::none;
        if (has_norm)
            for (std::size_t l = 0; l < L; l++)
                norms[l].declare(params, arena, "norm" + std::to_string(l + 1), static_cast<int>(l), ncfg, B, D, 1);
        params.allocate();
        arena.allocate();
        for (auto& n : norms) n.init();

        std::vector<double> fwd_ms(L + 1, 0.0), bwd_ms(L + 1, 0.0);
        auto ms_since = [](double t0) { return timing_clock_ms() - t0; };
        // forward
        for (std::size_t l = 1; l <= L; l++) {
            const double t0 = timing_clock_ms();
            float* zl = &z[(l - 1) * BD];
            float* yl = &y[l * BD];
            linear_forward(zl, &y[(l - 1) * BD], &w[(l - 1) * D * D],
                           bias_ ? &b[(l - 1) * D] : static_cast<const float*>(nullptr), B, D, D);
            if (!has_norm) {
                act_forward(yl, zl, BD);
            } else if (after_) {
                act_forward(&mid[(l - 1) * BD], zl, BD);
                norms[l - 1].forward(yl, &mid[(l - 1) * BD], B, true);
            } else {
                norms[l - 1].forward(&mid[(l - 1) * BD], zl, B, true);
                act_forward(yl, &mid[(l - 1) * BD], BD);
            }
            fwd_ms[l] = ms_since(t0);
        }
        for (std::size_t l = 0; l <= L; l++) act_std_.push_back(buffer_std(&y[l * BD], BD));
        // backward: dL/dy_L = g / B, then every layer in reverse (the kernels accumulate)
        for (std::size_t i = 0; i < BD; i++) dy[L * BD + i] = g[i] / static_cast<float>(B);
        weight_grad_norm_.assign(L + 1, 0.0);
        for (std::size_t l = L; l >= 1; l--) {
            const double t0 = timing_clock_ms();
            const float* dyl = &dy[l * BD];
            std::fill(dz.begin(), dz.end(), 0.0f);
            if (!has_norm) {
                act_backward(dz.data(), dyl, &z[(l - 1) * BD], &y[l * BD], BD);
            } else if (after_) {
                std::fill(dmid.begin(), dmid.end(), 0.0f);
                norms[l - 1].backward(dmid.data(), dyl, &mid[(l - 1) * BD], B, true);
                act_backward(dz.data(), dmid.data(), &z[(l - 1) * BD], &mid[(l - 1) * BD], BD);
            } else {
                std::fill(dmid.begin(), dmid.end(), 0.0f);
                act_backward(dmid.data(), dyl, &mid[(l - 1) * BD], &y[l * BD], BD);
                norms[l - 1].backward(dz.data(), dmid.data(), &z[(l - 1) * BD], B, true);
            }
            std::fill(dw.begin(), dw.end(), 0.0f);
            std::fill(db.begin(), db.end(), 0.0f);
            linear_backward(&dy[(l - 1) * BD], dw.data(), bias_ ? db.data() : static_cast<float*>(nullptr), dz.data(),
                            &y[(l - 1) * BD], &w[(l - 1) * D * D], B, D, D);
            weight_grad_norm_[l] = frobenius(dw.data(), dw.size());
            bwd_ms[l] = ms_since(t0);
        }
        for (std::size_t l = 0; l <= L; l++) {
            grad_norm_.push_back(frobenius(&dy[l * BD], BD));
            step_ms_.push_back(fwd_ms[l] + bwd_ms[l]);
        }
    }

    JobSpec spec_;
    std::size_t L_, D_, B_;
    Act act_;
    bool after_, bias_;
    double sigma_;
    std::string init_, norm_;
    bool computed_ = false;
    std::size_t emitted_ = 0;
    std::vector<double> act_std_, grad_norm_, weight_grad_norm_, predicted_, step_ms_;
    std::uint32_t weight_fingerprint_ = 0, input_fingerprint_ = 0;
};

// A std ratio std_l / std_0 of one result (NaN when not finite).
double std_ratio(const Json& r, std::size_t l) {
    const auto& s = r["metrics"]["act_std"];
    return s[0].is_number() && s[l].is_number() ? s[l].get<double>() / s[0].get<double>() : NAN;
}

// How far inside [lo, hi] (in factors of 2) the std ratio stays over layers 1..L of one result:
// min over layers of min(log2(hi / x), log2(x / lo)); negative when a layer leaves the band,
// -inf for a non-finite std. Writes the range of the ratios to *mn, *mx.
double band_margin(const Json& r, std::size_t L, double lo, double hi, double* mn, double* mx) {
    double margin = INFINITY;
    for (std::size_t l = 1; l <= L; l++) {
        const double x = std_ratio(r, l);
        if (!std::isfinite(x) || x <= 0) return -INFINITY;
        margin = std::min(margin, std::min(std::log2(hi / x), std::log2(x / lo)));
        *mn = std::min(*mn, x);
        *mx = std::max(*mx, x);
    }
    return margin;
}

// A finite stand-in for an overflowed std (the decision rule skips non-finite effects): as far out
// as a float can be, log10(FLT_MAX) ~ 38.
constexpr double kOverflowLog10 = 38.0;

std::string list3(const std::vector<double>& v, double scale = 1.0, const std::string& unit = "") {
    std::string out;
    for (double x : v) out += (out.empty() ? "" : ", ") + format3(scale * x) + unit;
    return out;
}

Json summarize_signal(const Json& config, const std::vector<Json>& results) {
    const std::size_t L = config["layers"].get<std::size_t>();
    const ResultsBySeed seeds = results_by_seed(results);
    Json per_variant = Json::object();
    for (const auto& r : results) {
        const std::string v = r["variant"];
        const auto& gn = r["metrics"]["grad_norm"];
        const double gr = gn[0].is_number() && gn[L].is_number() ? gn[0].get<double>() / gn[L].get<double>() : NAN;
        const double sr = std_ratio(r, L);
        per_variant[v]["std_ratio_at_L"].push_back(std::isfinite(sr) ? Json(sr) : Json(nullptr));
        per_variant[v]["grad_ratio_input_to_output"].push_back(std::isfinite(gr) ? Json(gr) : Json(nullptr));
    }
    auto has = [&](const std::string& v) {
        for (const auto& [seed, vs] : seeds)
            if (vs.count(v)) return true;
        return false;
    };
    const std::string act = config["activation"];
    const std::string tag =
        " (" + act + ", " + std::to_string(L) + " layers of width " + std::to_string(config["width"].get<long>()) + ")";
    const std::string margin_note =
        " Effect per seed: how far inside the criterion the seed lands (positive: inside), in ";
    // the claims as data (report.h): a claim this run cannot decide has the param absent = true
    const Json tag_params = {{"act", act}, {"layers", L}, {"width", config["width"]}};
    const Json absent = {{"absent", true}, {"tag", tag_params}};
    Json claims = Json::array();
    // 1. the default init collapses without a norm
    {
        const std::string v = "pytorch_default/none";
        const std::string text =
            "PyTorch's default init without a norm collapses the signal: std at layer L below 1% of the input's" + tag;
        if (has(v)) {
            std::vector<double> ratio, effect, gratio, geffect;
            for (const auto& [seed, vs] : seeds) {
                if (!vs.count(v)) continue;
                const Json& r = *vs.at(v);
                const double x = std_ratio(r, L);
                ratio.push_back(x);
                effect.push_back(std::isfinite(x) && x > 0 ? std::log10(0.01 / x) : NAN);
                const auto& gn = r["metrics"]["grad_norm"];
                const double g =
                    gn[0].is_number() && gn[L].is_number() ? gn[0].get<double>() / gn[L].get<double>() : NAN;
                gratio.push_back(g);
                geffect.push_back(std::isfinite(g) && g > 0 ? std::log10(0.01 / g) : NAN);
            }
            claims.push_back(empirical_claim(
                "signal.default-collapses", text,
                "std at layer " + std::to_string(L) + " per seed: " + list3(ratio, 100.0, "%") + " of the input's" +
                    (config["bias"].get<bool>() ? " (with biases: they set a floor)" : "") + "." + margin_note +
                    "decades (log10 of 1% / ratio)",
                effect, 0.0,
                {{"absent", false},
                 {"layers", L},
                 {"tag", tag_params},
                 {"ratio", finite_or_null(ratio, 100.0)},
                 {"bias", {{"bias", config["bias"]}}}}));
            claims.push_back(empirical_claim(
                "signal.gradients-vanish",
                "Gradients vanish with it: the gradient at the input is below 1% of the gradient at layer L" + tag,
                "|dL/dx| / |dL/dy_L| per seed: " + list3(gratio) + "." + margin_note + "decades (log10 of 1% / ratio)",
                geffect, 0.0, {{"tag", tag_params}, {"gratio", finite_or_null(gratio)}}));
        } else {
            claims.push_back(claim("signal.default-collapses", text,
                                   "not in this run (add pytorch_default to inits and none to norms)", std::nullopt,
                                   absent));
        }
    }
    // 2. RMSNorm keeps the std in [0.5, 2] at every layer, whatever the init
    {
        const std::string text =
            "With RMSNorm the std stays within [0.5, 2] x the input's at every layer, for every init" + tag;
        std::vector<double> effect;
        double mn = INFINITY, mx = 0;
        std::string variants;
        Json variant_list = Json::array();
        for (const auto& [seed, vs] : seeds) {
            double worst = INFINITY;
            for (const auto& [v, r] : vs) {
                if (v.size() < 4 || v.substr(v.size() - 4) != "/rms") continue;
                worst = std::min(worst, band_margin(*r, L, 0.5, 2.0, &mn, &mx));
                if (seed != seeds.begin()->first) continue;
                variants += (variants.empty() ? "" : ", ") + v;
                variant_list.push_back(v);
            }
            if (worst != INFINITY) effect.push_back(worst == -INFINITY ? -kOverflowLog10 : worst);
        }
        claims.push_back(
            effect.empty()
                ? claim("signal.rms-keeps-std", text, "not in this run (add rms to norms)", std::nullopt, absent)
                : empirical_claim("signal.rms-keeps-std", text,
                                  variants + ": std / input std from " + format3(mn) + " to " + format3(mx) +
                                      " over layers 1-" + std::to_string(L) + " and seeds." + margin_note +
                                      "factors of 2 (the worst layer and init of the seed)",
                                  effect, 0.0,
                                  {{"absent", false},
                                   {"layers", L},
                                   {"tag", tag_params},
                                   {"variants", variant_list},
                                   {"min", finite_or_null(mn)},
                                   {"max", finite_or_null(mx)}}));
    }
    // 3. N(0, sigma^2) explodes without a norm
    {
        const std::string v = "normal/none";
        const std::string text = "N(0, " + format3(config["sigma"].get<double>()) +
            "^2) init without a norm explodes: std at layer L above 100 x the input's" + tag;
        if (has(v)) {
            std::vector<double> ratio, effect;
            for (const auto& [seed, vs] : seeds) {
                if (!vs.count(v)) continue;
                const double x = std_ratio(*vs.at(v), L);
                ratio.push_back(x);
                effect.push_back(std::isfinite(x) && x > 0 ? std::log10(x / 100.0) : kOverflowLog10);
            }
            claims.push_back(empirical_claim("signal.normal-explodes", text,
                                             "std at layer " + std::to_string(L) + " per seed: " + list3(ratio) +
                                                 " x the input's (NaN: overflowed, counted as exploded)." +
                                                 margin_note + "decades (log10 of ratio / 100)",
                                             effect, 0.0,
                                             {{"absent", false},
                                              {"layers", L},
                                              {"tag", tag_params},
                                              {"sigma", config["sigma"]},
                                              {"ratio", finite_or_null(ratio)}}));
        } else {
            Json p = absent;
            p["sigma"] = config["sigma"];
            claims.push_back(claim("signal.normal-explodes", text,
                                   "not in this run (add normal to inits and none to norms)", std::nullopt, p));
        }
    }
    // 4. Kaiming keeps it roughly constant without a norm
    {
        const std::string v = "kaiming/none";
        const std::string text =
            "Kaiming init without a norm keeps the std roughly constant: within [0.5, 2] x the input's at every layer" +
            tag;
        if (has(v)) {
            std::vector<double> effect;
            double mn = INFINITY, mx = 0;
            for (const auto& [seed, vs] : seeds)
                if (vs.count(v)) {
                    const double m = band_margin(*vs.at(v), L, 0.5, 2.0, &mn, &mx);
                    effect.push_back(m == -INFINITY ? -kOverflowLog10 : m);
                }
            claims.push_back(empirical_claim("signal.kaiming-constant", text,
                                             v + ": std / input std from " + format3(mn) + " to " + format3(mx) +
                                                 " over layers 1-" + std::to_string(L) + " and seeds." + margin_note +
                                                 "factors of 2 (the worst layer of the seed)",
                                             effect, 0.0,
                                             {{"absent", false},
                                              {"layers", L},
                                              {"tag", tag_params},
                                              {"variant", v},
                                              {"min", finite_or_null(mn)},
                                              {"max", finite_or_null(mx)}}));
        } else {
            claims.push_back(claim("signal.kaiming-constant", text,
                                   "not in this run (add kaiming to inits and none to norms)", std::nullopt, absent));
        }
    }
    // 5. variance propagation predicts the no-norm curves (relu and none; tanh's small-signal
    //    approximation is shown but not checked)
    {
        const std::string text =
            "Variance propagation predicts the measured std within a factor 2 at every layer (no-norm variants)";
        if (act == "tanh") {
            claims.push_back(
                claim("signal.variance-predicts", text,
                      "tanh uses the small-signal approximation c = 1, which ignores saturation: not checked",
                      std::nullopt, {{"case", "tanh"}}));
        } else {
            std::vector<double> effect, worst_per_seed;
            std::string worst_v;
            double worst_all = 1.0;
            for (const auto& [seed, vs] : seeds) {
                double worst = 1.0;
                bool any = false;
                for (const auto& [v, r] : vs) {
                    if (v.size() < 5 || v.substr(v.size() - 5) != "/none") continue;
                    any = true;
                    for (std::size_t l = 1; l <= L; l++) {
                        const auto& m = (*r)["metrics"]["act_std"][l];
                        const auto& p = (*r)["metrics"]["predicted_std"][l];
                        if (!m.is_number() || !p.is_number()) continue;  // overflowed: nothing to compare
                        const double q = m.get<double>() / p.get<double>();
                        const double off = std::max(q, 1.0 / q);
                        worst = std::max(worst, off);
                        if (off > worst_all) {
                            worst_all = off;
                            worst_v = v;
                        }
                    }
                }
                if (!any) continue;
                worst_per_seed.push_back(worst);
                effect.push_back(std::log2(2.0 / worst));
            }
            if (!effect.empty())
                claims.push_back(
                    empirical_claim("signal.variance-predicts", text,
                                    "largest measured/predicted factor per seed: " + list3(worst_per_seed) +
                                        (worst_v.empty() ? "" : " (worst: " + worst_v + ")") + "." + margin_note +
                                        "factors of 2 (log2 of 2 / factor)",
                                    effect, 0.0,
                                    {{"case", "measured"},
                                     {"worst", finite_or_null(worst_per_seed)},
                                     {"worst_variant", {{"has", !worst_v.empty()}, {"variant", worst_v}}}}));
            else
                claims.push_back(claim("signal.variance-predicts", text, "not in this run (add none to norms)",
                                       std::nullopt, {{"case", "absent"}}));
        }
    }
    return {{"metrics", {{"variants", per_variant}, {"layers", L}}}, {"claims", claims}};
}

}  // namespace

ExperimentDef signal_experiment() {
    ExperimentDef def;
    def.id = "signal";
    def.claim_ids = {"signal.default-collapses", "signal.gradients-vanish", "signal.rms-keeps-std",
                     "signal.normal-explodes",   "signal.kaiming-constant", "signal.variance-predicts"};
    def.title = "Signal through depth";
    def.question =
        "What happens to activation and gradient scale through a deep stack, with and without normalization?";
    def.look =
        "how the activation std changes from layer to layer (solid) against what variance propagation predicts (dashed): without a norm it shrinks or explodes with depth; with one it stays put.";
    // lesson-lab: the knobs shown first and the presets (a learner's starting points)
    def.primary = {"layers", "inits", "norms", "activation"};
    def.presets = {
        {"see it vanish",
         "With PyTorch's default init and no norm, 50 layers show the signal's std shrinking layer after layer.",
         {"layers=50", "inits=pytorch_default", "norms=none"}},
        {"the fix",
         "The same 50 layers with an RMSNorm after each: the std is put back to 1 at every layer.",
         {"layers=50", "inits=pytorch_default", "norms=none,rms"}},
        {"init alone",
         "Kaiming's init matches ReLU's halving of the variance, so even without a norm the std can hold over 50 layers.",
         {"layers=50", "inits=kaiming", "norms=none"}},
    };
    def.section = "why-normalize";
    def.default_seeds = 3;
    const std::vector<std::string> inits = {"pytorch_default", "kaiming", "xavier", "normal"};
    const std::vector<std::string> norms = {"none", "layer", "rms"};
    def.fields = {
        {"layers",
         "Layers L",
         FieldSpec::Kind::Int,
         10,
         nullptr,
         1,
         200,
         false,
         {},
         "Linear(D -> D) layers in the stack"},
        {"width", "Width D", FieldSpec::Kind::Int, 512, 256, 2, 4096, false, {}, "features per layer"},
        {"batch", "Batch size", FieldSpec::Kind::Int, 100, 64, 1, 4096, false, {}, "rows of N(0, 1) input"},
        {"activation",
         "Activation",
         FieldSpec::Kind::Choice,
         "relu",
         nullptr,
         0,
         0,
         false,
         {"relu", "tanh", "none"},
         ""},
        {"inits", "Initialisations", FieldSpec::Kind::ChoiceList, Json{"pytorch_default", "kaiming", "normal"}, nullptr,
         0, 0, false, inits,
         "pytorch_default U(±1/√D); kaiming N(0, 2/D); xavier N(0, 1/D) for a square layer; normal N(0, σ²)"},
        {"norms", "Norms", FieldSpec::Kind::ChoiceList, Json{"none", "rms"}, nullptr, 0, 0, false, norms, ""},
        {"placement",
         "Norm placement",
         FieldSpec::Kind::Choice,
         "after",
         nullptr,
         0,
         0,
         false,
         {"after", "before"},
         "after: Linear -> activation -> norm; before: Linear -> norm -> activation"},
        {"sigma", "σ of the normal init", FieldSpec::Kind::Float, 1.0, nullptr, 0, 100, true, {}, "weights ~ N(0, σ²)"},
        {"bias",
         "Biases",
         FieldSpec::Kind::Bool,
         false,
         nullptr,
         0,
         0,
         false,
         {},
         "PyTorch-default biases U(±1/√D) (other inits: zero biases); they put a floor under the collapse"},
    };
    def.check = [](const Json& c) {
        for (const char* key : {"inits", "norms"})
            for (std::size_t i = 0; i < c[key].size(); i++)
                for (std::size_t j = 0; j < i; j++)
                    if (c[key][i] == c[key][j])
                        throw SettingsError("eachChoiceOnce", {{"key", key}},
                                            std::string(key) + ": each choice may appear once");
        const double bytes = memory_bytes(c);
        if (bytes > 1024.0 * 1024.0 * 1024.0) {
            std::ostringstream msg;
            msg << "layers, width, batch: one job would need about " << std::round(bytes / (1024.0 * 1024.0))
                << " MiB (weights layers x width^2, activations layers x batch x width), more than 1024 MiB: lower layers or width";
            throw SettingsError("signalMemory", {{"mib", std::round(bytes / (1024.0 * 1024.0))}, {"max", 1024}},
                                msg.str());
        }
    };
    def.plan = [](const Json& c) {
        std::vector<std::string> variants;  // init/norm
        for (const auto& i : c["inits"])
            for (const auto& n : c["norms"]) variants.push_back(i.get<std::string>() + "/" + n.get<std::string>());
        return plan_each_seed(c, variants);
    };
    def.make_job = [](const Json& c, const JobSpec& spec, const std::string*) -> std::unique_ptr<Job> {
        return std::make_unique<SignalJob>(c, spec);
    };
    def.summarize = summarize_signal;
    return def;
}

}  // namespace normlab
