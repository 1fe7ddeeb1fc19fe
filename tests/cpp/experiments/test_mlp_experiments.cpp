// The MLP experiments signal, norm-ablation and bn-eval: the claims that are properties of the
// maths (not of training luck) are asserted, and so are pairing (variants of one seed share their
// initialisation where shapes agree and their inputs / batches) and determinism (same seed, same
// result). Jobs run through the catalogue's make_job, as the CLI and the site run them.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "experiments/experiment.h"

using normlab::Json;

namespace {

Json run(const std::string& id, const Json& settings, const std::string& variant, bool quick = true,
         std::uint64_t seed = 1) {
    const auto& def = normlab::find_experiment(id);
    const Json config = normlab::resolve_config(def, settings, quick);
    auto job = def.make_job(config, {variant, seed}, nullptr);
    return normlab::run_job_to_end(*job, 7);
}

std::string error_of(const std::string& id, const Json& settings) {
    try {
        normlab::resolve_config(normlab::find_experiment(id), settings, false);
    } catch (const std::invalid_argument& e) { return e.what(); }
    return "no error";
}

std::size_t index_of(const Json& list, double value) {
    for (std::size_t i = 0; i < list.size(); i++)
        if (list[i].get<double>() == value) return i;
    return list.size();
}

}  // namespace

// ---- signal ------------------------------------------------------------------------------------

TEST(SignalExperiment, DefaultInitCollapsesAtDefaultSettings) {
    // Var(w) = 1/(3D), ReLU c = 1/2: the variance shrinks 6x per layer, so after 10 layers the std
    // is ~6^-5 of the input's, far below 1%. Default (not quick) settings: L 10, D 512, batch 100.
    const Json r = run("signal", {{"inits", {"pytorch_default"}}, {"norms", {"none"}}}, "pytorch_default/none", false);
    const auto& s = r["metrics"]["act_std"];
    ASSERT_EQ(s.size(), 11u);
    EXPECT_NEAR(s[0].get<double>(), 1.0, 0.05) << "the input is N(0, 1)";
    EXPECT_LT(s[10].get<double>(), 0.01 * s[0].get<double>());
    EXPECT_LT(r["metrics"]["predicted_std"][10].get<double>(), 0.01);
    // and the gradient reaching the input vanishes the same way (square layers: same gain backward)
    const auto& g = r["metrics"]["grad_norm"];
    EXPECT_LT(g[0].get<double>(), 0.01 * g[10].get<double>());
}

TEST(SignalExperiment, RmsNormKeepsTheScaleAndKaimingPreservesIt) {
    for (const char* v : {"pytorch_default/rms", "kaiming/none"}) {
        const Json r = run("signal", {{"inits", {"pytorch_default", "kaiming"}}, {"norms", {"none", "rms"}}}, v);
        const auto& s = r["metrics"]["act_std"];
        for (std::size_t l = 1; l < s.size(); l++) {
            EXPECT_GT(s[l].get<double>(), 0.5) << v << " layer " << l;
            EXPECT_LT(s[l].get<double>(), 2.0) << v << " layer " << l;
        }
    }
}

TEST(SignalExperiment, VariantsOfAnInitShareWeightsAndAllShareInputs) {
    const Json settings = {{"inits", {"kaiming", "normal"}}, {"norms", {"none", "rms"}}};
    const Json a = run("signal", settings, "kaiming/none"), b = run("signal", settings, "kaiming/rms");
    const Json c = run("signal", settings, "normal/none");
    EXPECT_EQ(a["metrics"]["weight_fingerprint"], b["metrics"]["weight_fingerprint"]);
    EXPECT_NE(a["metrics"]["weight_fingerprint"], c["metrics"]["weight_fingerprint"]);
    EXPECT_EQ(a["metrics"]["input_fingerprint"], b["metrics"]["input_fingerprint"]);
    EXPECT_EQ(a["metrics"]["input_fingerprint"], c["metrics"]["input_fingerprint"]);
    // layer 0 is the shared input itself
    EXPECT_EQ(a["metrics"]["act_std"][0], c["metrics"]["act_std"][0]);
    // same seed, same result
    EXPECT_EQ(a["metrics"]["act_std"], run("signal", settings, "kaiming/none")["metrics"]["act_std"]);
    EXPECT_EQ(a["metrics"]["grad_norm"], run("signal", settings, "kaiming/none")["metrics"]["grad_norm"]);
    EXPECT_NE(a["metrics"]["act_std"], run("signal", settings, "kaiming/none", true, 2)["metrics"]["act_std"]);
}

TEST(SignalExperiment, MemoryCheckNamesTheSettings) {
    EXPECT_NE(error_of("signal", {{"layers", 200}, {"width", 4096}}).find("layers, width"), std::string::npos);
    EXPECT_EQ(error_of("signal", {{"layers", 20}}), "no error");
    EXPECT_NE(error_of("signal", {{"norms", {"rms", "rms"}}}).find("norms: each choice may appear once"),
              std::string::npos);
}

// ---- bn-eval -----------------------------------------------------------------------------------

TEST(BnEvalExperiment, TrainModeAtBatchOneOutputsExactlyBeta) {
    // (N, C) BatchNorm in train mode with N = 1: mu = x, var = 0, x_hat = 0, y = beta exactly, at
    // every BN layer, so every input gets the same logits.
    const Json r = run("bn-eval", Json::object(), "train");
    const auto& m = r["metrics"];
    const std::size_t i1 = index_of(m["batch_sizes"], 1);
    ASSERT_LT(i1, m["batch_sizes"].size());
    EXPECT_EQ(m["first_bn_max_abs_minus_beta"][i1].get<double>(), 0.0);
    EXPECT_EQ(m["max_abs_bn_minus_beta"][i1].get<double>(), 0.0);
    EXPECT_EQ(m["logit_spread"][i1].get<double>(), 0.0);
    EXPECT_GT(m["mean_abs_beta"].get<double>(), 0.0) << "beta was learnt, so 'exactly beta' is not 'exactly 0'";
    // at larger batches the BN outputs do depend on the input
    const std::size_t i64 = index_of(m["batch_sizes"], 64);
    EXPECT_GT(m["max_abs_bn_minus_beta"][i64].get<double>(), 0.1);
    // train-mode forwards update the running statistics (the second footgun); the experiment
    // restores them, so the model is left as training left it
    for (const auto& touched : m["eval_touched_running_stats"]) EXPECT_EQ(touched, true);
    EXPECT_EQ(m["running_stats_fingerprint_before_eval"], m["running_stats_fingerprint_after_eval"]);
}

TEST(BnEvalExperiment, EvalModePredictionsDoNotDependOnTheBatchSize) {
    const Json r = run("bn-eval", Json::object(), "eval");
    const auto& preds = r["metrics"]["predictions"];
    for (std::size_t i = 1; i < preds.size(); i++)
        EXPECT_EQ(preds[i], preds[0]) << "batch " << r["metrics"]["batch_sizes"][i];
    for (const auto& touched : r["metrics"]["eval_touched_running_stats"]) EXPECT_EQ(touched, false);
}

TEST(BnEvalExperiment, BothModesTrainTheSameModelAndRunsRepeat) {
    const Json e = run("bn-eval", {{"steps", 30}}, "eval"), t = run("bn-eval", {{"steps", 30}}, "train");
    EXPECT_EQ(e["train_loss"], t["train_loss"]) << "same seed: same init and batches";
    const Json t2 = run("bn-eval", {{"steps", 30}}, "train");
    EXPECT_EQ(t["train_loss"], t2["train_loss"]);
    EXPECT_EQ(t["metrics"]["accuracy"], t2["metrics"]["accuracy"]);
    EXPECT_NE(t["train_loss"], run("bn-eval", {{"steps", 30}}, "train", true, 2)["train_loss"]);
}

TEST(BnEvalExperiment, BadBatchSizesAreRejected) {
    EXPECT_NE(error_of("bn-eval", {{"eval_batch_sizes", {1, 2.5}}}).find("eval_batch_sizes"), std::string::npos);
    EXPECT_NE(error_of("bn-eval", {{"eval_batch_sizes", {0}}}).find("eval_batch_sizes"), std::string::npos);
}

// ---- norm-ablation -----------------------------------------------------------------------------

TEST(NormAblationExperiment, VariantsShareInitAndBatchesAndRunsRepeat) {
    const Json s = {{"steps", 10}, {"hidden", 64}, {"layers", 4}, {"val_samples", 64}, {"eval_every", 5}};
    const Json none = run("norm-ablation", s, "none"), rms = run("norm-ablation", s, "rms");
    const Json layer = run("norm-ablation", s, "layer");
    EXPECT_EQ(none["metrics"]["init_fingerprint"], rms["metrics"]["init_fingerprint"]);
    EXPECT_EQ(none["metrics"]["init_fingerprint"], layer["metrics"]["init_fingerprint"]);
    EXPECT_EQ(none["metrics"]["first_batch_fingerprint"], rms["metrics"]["first_batch_fingerprint"]);
    EXPECT_EQ(none["metrics"]["first_batch_fingerprint"], layer["metrics"]["first_batch_fingerprint"]);
    // at initialisation LayerNorm and RMSNorm see the same weights but compute different functions
    EXPECT_NE(layer["train_loss"][0], rms["train_loss"][0]);
    EXPECT_EQ(rms["train_loss"], run("norm-ablation", s, "rms")["train_loss"]);
    EXPECT_EQ(rms["val_loss"], run("norm-ablation", s, "rms")["val_loss"]);
    EXPECT_EQ(rms["train_loss"].size(), 10u);
    EXPECT_EQ(rms["step_ms"].size(), 10u);
    // held-out loss at step 0, 5 and 10
    EXPECT_EQ(rms["val_loss"].size(), 3u);
}

TEST(NormAblationExperiment, TheLayerNormJobTimesBothNormsInterleaved) {
    const Json s = {{"steps", 10}, {"hidden", 32}, {"layers", 4}, {"val_samples", 64}, {"eval_every", 5}};
    const Json layer = run("norm-ablation", s, "layer"), rms = run("norm-ablation", s, "rms");
    // the timings live on the LayerNorm job only: kernels alone and whole steps, both norms, the
    // same number of rounds (one warm-up round dropped), every sample a positive time
    const Json& m = layer["metrics"];
    for (const char* key :
         {"kernel_ms_layer", "kernel_ms_rms", "step_ms_layer_interleaved", "step_ms_rms_interleaved"}) {
        ASSERT_TRUE(m.contains(key)) << key;
        EXPECT_FALSE(m[key].empty()) << key;
        for (const auto& v : m[key]) EXPECT_GT(v.get<double>(), 0.0) << key;
    }
    EXPECT_EQ(m["step_ms_layer_interleaved"].size(), m["step_ms_rms_interleaved"].size());
    EXPECT_FALSE(rms["metrics"].contains("step_ms_rms_interleaved"));
    // the summary's saving and Amdahl claims read those interleaved times
    const auto& def = normlab::find_experiment("norm-ablation");
    const Json config = normlab::resolve_config(def, s, true);
    const Json summary = def.summarize(config, {layer, rms});
    int timing_claims = 0;
    for (const auto& c : summary["claims"])
        if (c["observed"].get<std::string>().find("timed interleaved") != std::string::npos) timing_claims++;
    EXPECT_EQ(timing_claims, 3) << "faster, Amdahl, the quoted 30-40%";
}

TEST(NormAblationExperiment, WithoutRmsNormInTheRunNothingIsTimed) {
    const Json s = {{"steps", 10},       {"hidden", 32},    {"layers", 4},
                    {"val_samples", 64}, {"eval_every", 5}, {"norms", Json{"none", "layer"}}};
    const Json layer = run("norm-ablation", s, "layer");
    const Json& m = layer["metrics"];
    for (const char* key : {"kernel_ms_layer", "kernel_ms_rms", "step_ms_layer_interleaved", "step_ms_rms_interleaved"})
        EXPECT_TRUE(!m.contains(key) || m[key].empty()) << key << ": a comparison with no RMSNorm run to compare";
}

TEST(NormAblationExperiment, DivergenceStopsTheJobAndIsReported) {
    const Json r = run("norm-ablation", {{"steps", 50}, {"hidden", 64}, {"lr", 10.0}, {"val_samples", 64}}, "none");
    ASSERT_TRUE(r["diverged_at"].is_number());
    const auto at = r["diverged_at"].get<std::size_t>();
    EXPECT_EQ(r["train_loss"].size(), at + 1) << "no step after the divergence";
    EXPECT_TRUE(r["train_loss"][at].is_null());
}

TEST(NormAblationExperiment, MemoryCheckNamesTheSettings) {
    EXPECT_NE(error_of("norm-ablation", {{"hidden", 4096}, {"layers", 64}}).find("layers, hidden, batch"),
              std::string::npos);
    EXPECT_NE(error_of("norm-ablation", {{"norms", {"rms", "rms"}}}).find("norms"), std::string::npos);
}
