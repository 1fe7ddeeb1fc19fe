// Per-op profile of one training step per model family (issue 19), shared by the native
// `normlab_profile` (bench/profile/profile_main.cpp) and the Node build's `profileSteps`
// (wasm/bindings/node_only/profile_bindings.cpp), so both print the same table from the same code.
//
// For each model: build it as the benchmarks do, take warm-up steps, turn the per-layer metrics off (as
// every experiment trains), then
//   1. time `steps` plain steps (profiling off): mean and best step time, data fetch included; each
//      step is preceded by a timing of the reference product below (best of kPairReferenceReps calls),
//      so every step has a GEMM rate measured seconds, not a minute, from it;
//   2. run `steps` more with kernels/op_profile.h on: exclusive time per op and per matrix-product
//      shape, plus "data" (the batch source) and "other" (step time no op claimed: in the
//      transformer the residual adds, the gradient zeroing and the model's own loops);
//   3. the step's floor: its matrix-product FLOPs (summed by the profile) divided by the GEMM rate
//      measured on 64 × 256 × 256 (gemm_nt, best of many calls) in the same run; share of floor =
//      floor / step time (best and mean). The robust figure is the per-pair one: share_i = step
//      FLOPs / rate_i / step_ms_i for each (reference, step) pair of 1., reported as the median with
//      quartiles and range, so a drift of the host's speed between two timings cannot decide it.
//      Two counts of the products: the GEMMs only (share_pairs), and the GEMMs plus attention's score
//      and value products over the whole T × T, as the issue's own figure counts them (68 ms a step at
//      d 64 "about 21 of the GEMM's 31 GFLOP/s" is 1.43 GFLOP: the GEMMs' 1.23 plus attention's 0.20
//      at full T × T; the causal half, 0.10, would give 19.6) and as Megatron-LM's and PaLM's model
//      FLOPs do (share_pairs_with_attention). The kernel computes the causal half only.
// Transformers also get attention forward + backward timed alone on the step's shapes (× layers), a
// check on the attention_fwd / attention_bwd rows (kernels/attention.cpp's own scopes).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/image_data.h"
#include "data/text_data.h"
#include "engine/rng.h"
#include "engine/trainer.h"
#include "experiments/report.h"
#include "kernels/attention.h"
#include "kernels/gemm.h"
#include "kernels/op_profile.h"
#include "models/cnn.h"
#include "models/transformer.h"
#include "runs/charlm_run.h"
#include "runs/mlp_run.h"

namespace normlab::bench {

using ProfileClock = std::chrono::steady_clock;

inline double profile_ms_since(ProfileClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(ProfileClock::now() - t0).count();
}

struct ProfileRow {
    std::string op;     // kernel name (kernels/op_profile.h), "data" or "other"
    std::string shape;  // "MxNxK" for products, sizes otherwise
    double calls_per_step = 0.0;
    double ms_per_step = 0.0;
    double share = 0.0;   // of the profiled step time
    double gflops = 0.0;  // products only
};

struct StepProfile {
    std::string model;
    double step_ms_mean = 0.0, step_ms_best = 0.0;  // profiling off, data fetch included
    double profiled_step_ms = 0.0;                  // profiling on (the rows' total)
    double matmul_gflop = 0.0;                      // per step: the GEMMs (gemm_*), the floor's FLOPs
    double attention_gflop = 0.0;                   // per step: attention's products as computed (causal)
    double attention_full_gflop = 0.0;  // per step: the same products over the whole T × T (the count)
    double floor_ms = 0.0;              // matmul_gflop / GEMM reference rate
    double share_of_floor_best = 0.0, share_of_floor_mean = 0.0;
    // the robust share: `steps` interleaved pairs (reference GEMM rate, then one step), share_i =
    // (step FLOPs / rate_i) / step_ms_i; median, quartiles and extremes of the per-pair shares
    double share_pairs_median = 0.0, share_pairs_q1 = 0.0, share_pairs_q3 = 0.0;
    double share_pairs_min = 0.0, share_pairs_max = 0.0;
    double pair_ref_gflops_median = 0.0, pair_ref_gflops_min = 0.0, pair_ref_gflops_max = 0.0;
    // the same pairs, the floor counting attention's products over the whole T × T as well
    double share_with_attention_median = 0.0, share_with_attention_q1 = 0.0, share_with_attention_q3 = 0.0;
    double share_with_attention_min = 0.0, share_with_attention_max = 0.0;
    int pairs = 0;
    double attention_standalone_ms = 0.0;  // transformers: attention fwd+bwd alone × layers
    std::vector<ProfileRow> rows;
};

// gemm_nt on 64 × 256 × 256 (the Linear forward product): its buffers made once, so a timing
// between two training steps (the interleaved pairs of profile_model) allocates nothing.
struct GemmReference {
    static constexpr std::size_t M = 64, N = 256, K = 256;
    GemmReference() : A(M * K), B(N * K), C(M * N) {
        Rng rng(1);
        for (float& v : A) v = rng.uniform(-1.0f, 1.0f);
        for (float& v : B) v = rng.uniform(-1.0f, 1.0f);
    }
    // GFLOP/s of the best of `reps` calls after one warm-up call.
    double gflops(int reps) {
        gemm_nt(C.data(), A.data(), B.data(), M, N, K, false);
        double best = 1e300;
        for (int r = 0; r < reps; r++) {
            const auto t0 = ProfileClock::now();
            gemm_nt(C.data(), A.data(), B.data(), M, N, K, false);
            best = std::min(best, profile_ms_since(t0));
        }
        return 2.0 * static_cast<double>(M * N * K) / (best * 1e6);
    }
    std::vector<float> A, B, C;
};

// gemm_nt on 64 × 256 × 256, best of `reps` calls after a warm-up.
inline double gemm_reference_gflops(int reps) { return GemmReference().gflops(reps); }

// Calls of the reference product per interleaved timing (best of these): ~4 ms at 20 GFLOP/s.
constexpr int kPairReferenceReps = 12;

// One model under test: a batch source and a trainer over a model (owned by the subclass).
struct ProfileSubject {
    virtual ~ProfileSubject() = default;
    virtual BatchSource& source() = 0;
    virtual Trainer& trainer() = 0;
    // transformers: attention fwd+bwd alone on the step's shapes, ms per step (0 otherwise)
    virtual double attention_ms(int /*reps*/) { return 0.0; }
};

struct MlpSubject : ProfileSubject {
    explicit MlpSubject(NormType norm) : run(mlp12x256_bench_config(norm)) {}
    BatchSource& source() override { return run.data(); }
    Trainer& trainer() override { return run.trainer(); }
    MlpRun run;
};

struct CharLmSubject : ProfileSubject {
    explicit CharLmSubject(const CharLmRunConfig& c) : cfg(c), data(synthetic_text(200000, 1)) {
        cfg.model.vocab_size = data.vocab_size();
        cfg.model.max_batch = cfg.batch_size;
        cfg.model.seed = cfg.seed;
        model = std::make_unique<CharTransformer<float>>(cfg.model);
        tr = std::make_unique<Trainer>(*model, cfg.train);
        src = std::make_unique<CharBatchSource>(data, Split::Train, cfg.batch_size, cfg.model.context,
                                                Rng(cfg.seed).fork(2).next_u32());
    }
    BatchSource& source() override { return *src; }
    Trainer& trainer() override { return *tr; }
    double attention_ms(int reps) override {
        const std::size_t B = cfg.batch_size, T = cfg.model.context, C = cfg.model.d_model, NH = cfg.model.n_heads;
        Rng rng(7);
        std::vector<float> qkv(B * T * 3 * C), out(B * T * C), att(B * NH * T * T), dqkv(B * T * 3 * C),
            dout(B * T * C), scratch(T);
        for (float& v : qkv) v = rng.uniform(-1.0f, 1.0f);
        for (float& v : dout) v = rng.uniform(-1.0f, 1.0f);
        double best = 1e300;
        for (int r = 0; r < reps + 1; r++) {
            const auto t0 = ProfileClock::now();
            attention_forward(out.data(), att.data(), qkv.data(), B, T, C, NH);
            attention_backward(dqkv.data(), scratch.data(), dout.data(), qkv.data(), att.data(), B, T, C, NH);
            if (r > 0) best = std::min(best, profile_ms_since(t0));
        }
        return best * static_cast<double>(cfg.model.n_layers);
    }
    CharLmRunConfig cfg;
    CharDataset data;
    std::unique_ptr<CharTransformer<float>> model;
    std::unique_ptr<Trainer> tr;
    std::unique_ptr<CharBatchSource> src;
};

struct CnnSubject : ProfileSubject {
    CnnSubject() : data(make_data()) {
        CnnConfig cfg;  // 16×16×1 -> 16 (s1) -> 32 (s2) -> 32 (s2), BatchNorm, as bench_models.cpp
        cfg.max_batch = 64;
        model = std::make_unique<Cnn<float>>(cfg);
        TrainConfig tc;
        tc.optimizer.kind = OptimizerKind::adamw;
        tc.optimizer.lr = 1e-3f;
        tr = std::make_unique<Trainer>(*model, tc);
        src = std::make_unique<ShapeBatchSource>(data, 64, 1);
    }
    static ShapeImages make_data() {
        ShapeImagesConfig dc;
        dc.count = 512;
        return make_shape_images(dc);
    }
    BatchSource& source() override { return *src; }
    Trainer& trainer() override { return *tr; }
    ShapeImages data;
    std::unique_ptr<Cnn<float>> model;
    std::unique_ptr<Trainer> tr;
    std::unique_ptr<ShapeBatchSource> src;
};

// The char transformer of the learning-rate sweep (d 64, 4 blocks, 4 heads) at the benchmarks' batch 16 and
// context 64 (the sweep's own batch and context: charlm_sweep below).
inline CharLmRunConfig charlm_4x64_profile_config() {
    CharLmRunConfig c = charlm_2x256_bench_config();
    c.model.d_model = 64;
    c.model.n_layers = 4;
    return c;
}

// The lr-sweep's own default run (lr_sweep.cpp's fields): d 64, 4 heads, batch 8, context 32, here at its
// deeper depth, 4 blocks; a quarter of charlm_4x64's rows, so per-call costs weigh more.
inline CharLmRunConfig charlm_sweep_profile_config() {
    CharLmRunConfig c = charlm_4x64_profile_config();
    c.batch_size = 8;
    c.model.context = 32;
    return c;
}

// The model names profile_model() accepts.
inline std::vector<std::string> profile_model_names() { return {"mlp12x256", "charlm_4x64", "charlm_2x256", "cnn16"}; }

inline std::unique_ptr<ProfileSubject> make_profile_subject(const std::string& name) {
    if (name == "mlp12x256") return std::make_unique<MlpSubject>(NormType::none);
    if (name == "mlp12x256_layer") return std::make_unique<MlpSubject>(NormType::layer);
    if (name == "charlm_4x64") return std::make_unique<CharLmSubject>(charlm_4x64_profile_config());
    if (name == "charlm_sweep") return std::make_unique<CharLmSubject>(charlm_sweep_profile_config());
    if (name == "charlm_2x256") return std::make_unique<CharLmSubject>(charlm_2x256_bench_config());
    if (name == "cnn16") return std::make_unique<CnnSubject>();
    throw std::invalid_argument("profile: unknown model '" + name + "'");
}

inline std::string shape_text(const OpProfileEntry& e) {
    std::string s = std::to_string(e.m);
    if (e.n) s += "x" + std::to_string(e.n);
    if (e.k) s += "x" + std::to_string(e.k);
    return s;
}

// Ops grouped by kind for the summary line: products, norms, activations, softmax/CE, optimizer
// (+ grad norm, zero_grad), bias, per-layer activation metrics, conv im2col/col2im/pooling,
// embedding, activation-gradient zeroing, data, other.
inline std::string op_group(const std::string& op) {
    if (op.rfind("gemm_", 0) == 0) return "matmul";
    if (op.find("norm") != std::string::npos && op != "grad_norm") return "norm";
    if (op.rfind("relu", 0) == 0 || op.rfind("gelu", 0) == 0 || op.rfind("tanh", 0) == 0) return "activation";
    if (op.rfind("softmax_ce", 0) == 0) return "softmax_ce";
    if (op.rfind("attention", 0) == 0) return "attention";
    if (op == "optimizer" || op == "grad_norm" || op == "zero_grad") return "optimizer";
    if (op.rfind("bias", 0) == 0) return "bias";
    if (op == "act_std_metric") return "metrics";
    if (op.rfind("conv_", 0) == 0 || op.rfind("avgpool", 0) == 0) return "conv_glue";
    if (op.rfind("embedding", 0) == 0) return "embedding";
    if (op == "zero_act_grads") return "zeroing";
    if (op == "data" || op == "other") return op;
    return "misc";
}

inline StepProfile profile_model(const std::string& name, int steps, double gemm_ref_gflops) {
    if (steps < 1) throw std::invalid_argument("profile: steps must be >= 1");
    std::unique_ptr<ProfileSubject> subject = make_profile_subject(name);
    BatchSource& src = subject->source();
    Trainer& trainer = subject->trainer();
    for (int i = 0; i < 3; i++) trainer.step(src.next());  // warm-up
    // Every experiment trains without the per-layer metrics (bn-eval, norm-ablation and the CNN jobs
    // from their first step, the char-LM jobs after it, the lr-sweep throughout), so the profiled steps
    // do too; a transformer keeps its logit statistics, which the lr-sweep reads at every step.
    trainer.set_layer_metrics(false);

    StepProfile p;
    p.model = name;
    // 1. plain steps, each after a timing of the reference product (reference, step, reference, step, …),
    //    so each step's share is taken against the GEMM rate of the same moment: a drift of the host's
    //    speed moves both timings of a pair together.
    GemmReference reference;
    std::vector<double> pair_ref(static_cast<std::size_t>(steps)), pair_ms(static_cast<std::size_t>(steps));
    double best = 1e300, sum = 0.0;
    for (int i = 0; i < steps; i++) {
        pair_ref[static_cast<std::size_t>(i)] = reference.gflops(kPairReferenceReps);
        const auto t0 = ProfileClock::now();
        trainer.step(src.next());
        const double ms = profile_ms_since(t0);
        pair_ms[static_cast<std::size_t>(i)] = ms;
        best = std::min(best, ms);
        sum += ms;
    }
    p.step_ms_mean = sum / steps;
    p.step_ms_best = best;

    // 2. profiled steps
    op_profile_reset();
    double data_ms = 0.0, total_ms = 0.0;
    op_profile_enable(true);
    for (int i = 0; i < steps; i++) {
        const auto t0 = ProfileClock::now();
        const Batch batch = src.next();
        const double d = profile_ms_since(t0);
        trainer.step(batch);
        data_ms += d;
        total_ms += profile_ms_since(t0);
    }
    op_profile_enable(false);

    const double n = static_cast<double>(steps);
    p.profiled_step_ms = total_ms / n;
    double claimed = data_ms;
    double flops = 0.0, attention_flops = 0.0, attention_full_flops = 0.0;
    for (std::size_t i = 0; i < op_profile_count(); i++) {
        const OpProfileEntry& e = op_profile_entry(i);
        ProfileRow r;
        r.op = e.name;
        r.shape = shape_text(e);
        r.calls_per_step = static_cast<double>(e.calls) / n;
        r.ms_per_step = e.ms / n;
        if (e.flops > 0.0 && e.ms > 0.0) r.gflops = e.flops / (e.ms * 1e6);
        claimed += e.ms;
        const std::string kind = op_group(r.op);
        if (kind == "matmul") flops += e.flops;
        if (kind == "attention") {
            // a causal row t has t + 1 of the T terms: the whole T × T is 2T / (T + 1) times the causal count
            const double T = static_cast<double>(e.n);
            attention_flops += e.flops;
            attention_full_flops += e.flops * 2.0 * T / (T + 1.0);
        }
        p.rows.push_back(r);
    }
    p.rows.push_back(ProfileRow{"data", "", 1.0, data_ms / n, 0.0, 0.0});
    p.rows.push_back(ProfileRow{"other", "", 1.0, std::max(0.0, total_ms - claimed) / n, 0.0, 0.0});
    for (ProfileRow& r : p.rows) r.share = p.profiled_step_ms > 0.0 ? r.ms_per_step / p.profiled_step_ms : 0.0;
    std::stable_sort(p.rows.begin(), p.rows.end(),
                     [](const ProfileRow& a, const ProfileRow& b) { return a.ms_per_step > b.ms_per_step; });

    // 3. the floor
    p.matmul_gflop = flops / n / 1e9;
    p.attention_gflop = attention_flops / n / 1e9;
    p.attention_full_gflop = attention_full_flops / n / 1e9;
    p.floor_ms = gemm_ref_gflops > 0.0 ? p.matmul_gflop / gemm_ref_gflops * 1e3 : 0.0;
    p.share_of_floor_best = p.floor_ms / p.step_ms_best;
    p.share_of_floor_mean = p.floor_ms / p.step_ms_mean;
    std::vector<double> shares(pair_ms.size());
    for (std::size_t i = 0; i < pair_ms.size(); i++) shares[i] = p.matmul_gflop / pair_ref[i] * 1e3 / pair_ms[i];
    p.pairs = steps;
    const Quartiles sq = quartiles_of(shares);
    p.share_pairs_median = sq.median;
    p.share_pairs_q1 = sq.q1;
    p.share_pairs_q3 = sq.q3;
    p.share_pairs_min = *std::min_element(shares.begin(), shares.end());
    p.share_pairs_max = *std::max_element(shares.begin(), shares.end());
    const double with_attention = (p.matmul_gflop + p.attention_full_gflop) / p.matmul_gflop;
    p.share_with_attention_median = sq.median * with_attention;
    p.share_with_attention_q1 = sq.q1 * with_attention;
    p.share_with_attention_q3 = sq.q3 * with_attention;
    p.share_with_attention_min = p.share_pairs_min * with_attention;
    p.share_with_attention_max = p.share_pairs_max * with_attention;
    p.pair_ref_gflops_median = quartiles_of(pair_ref).median;
    p.pair_ref_gflops_min = *std::min_element(pair_ref.begin(), pair_ref.end());
    p.pair_ref_gflops_max = *std::max_element(pair_ref.begin(), pair_ref.end());
    p.attention_standalone_ms = subject->attention_ms(std::max(3, steps / 2));
    return p;
}

// the step's share by kind of op (op_group), kinds in the order of their first row (largest first)
inline std::vector<std::pair<std::string, double>> share_by_kind(const StepProfile& p) {
    std::vector<std::pair<std::string, double>> groups;
    for (const ProfileRow& r : p.rows) {
        const std::string g = op_group(r.op);
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.first == g; });
        if (it == groups.end())
            groups.emplace_back(g, r.share);
        else
            it->second += r.share;
    }
    return groups;
}

inline std::string format_profile(const StepProfile& p, double gemm_ref_gflops) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line,
                  "\n== %s: step %.3f ms best, %.3f ms mean (profiled %.3f ms); matmul %.4f GFLOP/step; floor %.3f "
                  "ms at %.2f GFLOP/s -> %.0f%% of floor (best), %.0f%% (mean)\n",
                  p.model.c_str(), p.step_ms_best, p.step_ms_mean, p.profiled_step_ms, p.matmul_gflop, p.floor_ms,
                  gemm_ref_gflops, 100.0 * p.share_of_floor_best, 100.0 * p.share_of_floor_mean);
    out += line;
    std::snprintf(
        line, sizeof line,
        "   share of floor over %d interleaved (reference, step) pairs: median %.0f%% (quartiles %.0f-%.0f%%, "
        "range %.0f-%.0f%%); pair reference median %.2f GFLOP/s (%.2f-%.2f)\n",
        p.pairs, 100.0 * p.share_pairs_median, 100.0 * p.share_pairs_q1, 100.0 * p.share_pairs_q3,
        100.0 * p.share_pairs_min, 100.0 * p.share_pairs_max, p.pair_ref_gflops_median, p.pair_ref_gflops_min,
        p.pair_ref_gflops_max);
    out += line;
    std::snprintf(line, sizeof line, "  %-26s %-14s %7s %9s %7s %8s\n", "op", "shape", "calls", "ms/step", "share",
                  "GFLOP/s");
    out += line;
    for (const ProfileRow& r : p.rows) {
        char gf[32] = "";
        if (r.gflops > 0.0) std::snprintf(gf, sizeof gf, "%8.2f", r.gflops);
        std::snprintf(line, sizeof line, "  %-26s %-14s %7.1f %9.4f %6.1f%% %8s\n", r.op.c_str(), r.shape.c_str(),
                      r.calls_per_step, r.ms_per_step, 100.0 * r.share, gf);
        out += line;
    }
    out += "  by kind:";
    for (const auto& g : share_by_kind(p)) {
        std::snprintf(line, sizeof line, " %s %.1f%%", g.first.c_str(), 100.0 * g.second);
        out += line;
    }
    out += "\n";
    if (p.attention_standalone_ms > 0.0) {
        std::snprintf(line, sizeof line,
                      "  attention fwd+bwd timed alone on these shapes (x layers): %.3f ms = %.1f%% of the step\n",
                      p.attention_standalone_ms, 100.0 * p.attention_standalone_ms / p.profiled_step_ms);
        out += line;
    }
    if (p.attention_gflop > 0.0 && p.matmul_gflop > 0.0) {
        std::snprintf(line, sizeof line,
                      "  attention's products %.4f GFLOP/step as computed (causal), %.4f over the whole T x T; the "
                      "floor counting those too (the issue's count): pair median %.0f%% (quartiles %.0f-%.0f%%)\n",
                      p.attention_gflop, p.attention_full_gflop, 100.0 * p.share_with_attention_median,
                      100.0 * p.share_with_attention_q1, 100.0 * p.share_with_attention_q3);
        out += line;
    }
    return out;
}

inline nlohmann::json profile_json(const std::vector<StepProfile>& ps, double gemm_ref_gflops) {
    nlohmann::json out = {{"gemm_64x256x256_nt_gflops", gemm_ref_gflops}, {"models", nlohmann::json::object()}};
    for (const StepProfile& p : ps) {
        nlohmann::json ops = nlohmann::json::array();
        for (const ProfileRow& r : p.rows)
            ops.push_back({{"op", r.op},
                           {"shape", r.shape},
                           {"calls", r.calls_per_step},
                           {"ms", r.ms_per_step},
                           {"share", r.share},
                           {"gflops", r.gflops}});
        nlohmann::json by_kind = nlohmann::json::object();
        for (const auto& g : share_by_kind(p)) by_kind[g.first] = g.second;
        out["models"][p.model] = {{"step_ms_best", p.step_ms_best},
                                  {"step_ms_mean", p.step_ms_mean},
                                  {"profiled_step_ms", p.profiled_step_ms},
                                  {"matmul_gflop_per_step", p.matmul_gflop},
                                  {"attention_gflop_per_step", p.attention_gflop},
                                  {"attention_full_gflop_per_step", p.attention_full_gflop},
                                  {"floor_ms", p.floor_ms},
                                  {"share_of_floor_best", p.share_of_floor_best},
                                  {"share_of_floor_mean", p.share_of_floor_mean},
                                  {"share_pairs",
                                   {{"pairs", p.pairs},
                                    {"median", p.share_pairs_median},
                                    {"q1", p.share_pairs_q1},
                                    {"q3", p.share_pairs_q3},
                                    {"min", p.share_pairs_min},
                                    {"max", p.share_pairs_max},
                                    {"reference_gflops_median", p.pair_ref_gflops_median},
                                    {"reference_gflops_min", p.pair_ref_gflops_min},
                                    {"reference_gflops_max", p.pair_ref_gflops_max}}},
                                  {"share_pairs_with_attention",
                                   {{"median", p.share_with_attention_median},
                                    {"q1", p.share_with_attention_q1},
                                    {"q3", p.share_with_attention_q3},
                                    {"min", p.share_with_attention_min},
                                    {"max", p.share_with_attention_max}}},
                                  {"attention_standalone_ms", p.attention_standalone_ms},
                                  {"share_by_kind", by_kind},
                                  {"ops", ops}};
    }
    return out;
}

}  // namespace normlab::bench
