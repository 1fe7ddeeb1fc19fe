// The mechanics of lr-sweep (early stop, scoring clipped at ln V, Wortsman's LR sensitivity on a
// hand-made curve, the largest stable LR) and of pre-post's expected gradient (the average of the
// gradients over batches before the norm), then a tiny sweep end to end on a synthetic text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "experiments/experiment.h"
#include "experiments/lr_sweep.h"
#include "runs/charlm_run.h"
#include "support/tiny_charlm.h"

using namespace normlab;

TEST(LrSweepStop, StopsAfterPatienceStepsAboveTheCeilingInARow) {
    SweepStop stop{4.0, 3};
    EXPECT_FALSE(stop.update(5.0));
    EXPECT_FALSE(stop.update(5.0));
    EXPECT_FALSE(stop.update(3.9));  // back below: the count restarts
    EXPECT_FALSE(stop.update(4.1));
    EXPECT_FALSE(stop.update(4.1));
    EXPECT_TRUE(stop.update(4.1));  // the third in a row
    EXPECT_TRUE(stop.update(1.0));  // stays stopped
}

TEST(LrSweepStop, StopsAtOnceOnANonFiniteLoss) {
    SweepStop stop{4.0, 20};
    EXPECT_FALSE(stop.update(3.0));
    EXPECT_TRUE(stop.update(std::numeric_limits<double>::quiet_NaN()));
    SweepStop inf{4.0, 20};
    EXPECT_TRUE(inf.update(std::numeric_limits<double>::infinity()));
}

TEST(LrSweepScore, MeanOfTheLastStepsClippedAtTheCeilingAndStoppedRunsScoreTheCeiling) {
    const double lnv = std::log(65.0);
    EXPECT_DOUBLE_EQ(sweep_score({9, 9, 2, 3}, 2, lnv, false), 2.5);
    EXPECT_DOUBLE_EQ(sweep_score({1, 3, 9}, 2, lnv, false), (3 + lnv) / 2);  // 9 clipped at ln V
    EXPECT_DOUBLE_EQ(sweep_score({2, 2}, 5, lnv, false), 2.0);               // window longer than the run
    EXPECT_DOUBLE_EQ(sweep_score({2, 2}, 2, lnv, true), lnv);                // stopped early
    EXPECT_DOUBLE_EQ(sweep_score({2, std::nan("")}, 2, lnv, false), lnv);
    EXPECT_DOUBLE_EQ(sweep_score({}, 2, lnv, false), lnv);
}

TEST(LrSweepSensitivity, WortsmansMeanExcessOverTheBestOnAHandMadeCurve) {
    // a U-shaped curve over 5 learning rates, the last one broken (scored above the ceiling 4)
    const std::vector<double> curve = {3.0, 2.0, 1.5, 2.5, 7.0};
    // min(l, 4) = 3, 2, 1.5, 2.5, 4 -> mean 2.6; best 1.5 -> 1.1
    EXPECT_NEAR(lr_sensitivity(curve, 4.0), 1.1, 1e-12);
    EXPECT_NEAR(lr_sensitivity({2.0, 2.0, 2.0}, 4.0), 0.0, 1e-12);  // flat: insensitive
    EXPECT_NEAR(lr_sensitivity({1.0, std::nan("")}, 4.0), 1.5, 1e-12);
    EXPECT_TRUE(std::isnan(lr_sensitivity({}, 4.0)));
}

TEST(LrSweepStable, LargestStableIndexAndUnigramEntropy) {
    EXPECT_EQ(largest_stable_index({true, true, false, true, false}), 3);
    EXPECT_EQ(largest_stable_index({false, false}), -1);
    EXPECT_EQ(largest_stable_index({}), -1);
    EXPECT_NEAR(unigram_entropy("abab"), std::log(2.0), 1e-12);
    EXPECT_NEAR(unigram_entropy("aaaa"), 0.0, 1e-12);
    EXPECT_NEAR(unigram_entropy("aabc"), -(0.5 * std::log(0.5) + 2 * 0.25 * std::log(0.25)), 1e-12);
}

TEST(ExpectedGradient, AveragesTheGradientsBeforeTakingTheNorm) {
    GradientAverage a;
    const std::vector<float> g = {3, 4}, minus = {-3, -4}, other = {0, 2};
    a.add(g.data(), 2);
    a.add(minus.data(), 2);
    EXPECT_DOUBLE_EQ(a.expected_norm(), 0.0);    // opposite batches cancel in the mean
    EXPECT_DOUBLE_EQ(a.mean_batch_norm(), 5.0);  // but each batch's norm is 5
    GradientAverage b;
    b.add(g.data(), 2);
    b.add(other.data(), 2);
    EXPECT_DOUBLE_EQ(b.expected_norm(), std::sqrt(1.5 * 1.5 + 3.0 * 3.0));  // mean (1.5, 3)
    EXPECT_DOUBLE_EQ(b.mean_batch_norm(), 3.5);
    EXPECT_THROW(b.add(g.data(), 1), std::invalid_argument);
    EXPECT_DOUBLE_EQ(GradientAverage{}.expected_norm(), 0.0);
}

TEST(ExpectedGradient, ProfileOfATinyRunMatchesItsOwnBatches) {
    const std::string text = synthetic_text(4000, 5);
    CharLmRunConfig c = tiny_charlm_config(3, 3);
    c.model.init_style = CharLmInit::xavier;
    CharLmRun run(c, text);
    const FfnGradientProfile one = ffn_gradient_profile(run, 1);
    const FfnGradientProfile four = ffn_gradient_profile(run, 4);
    ASSERT_EQ(one.expected.size(), 3u);
    ASSERT_EQ(four.per_batch.size(), 3u);
    for (std::size_t l = 0; l < 3; l++) {
        EXPECT_DOUBLE_EQ(one.expected[l], one.per_batch[l]);  // one batch: the two agree
        EXPECT_GT(four.expected[l], 0.0);
        EXPECT_LE(four.expected[l], four.per_batch[l] * (1 + 1e-9));  // triangle inequality
    }
    // the profile does not touch the training stream: the first training batch is the same as a fresh run's
    CharLmRun fresh(c, text);
    run.step();
    fresh.step();
    EXPECT_EQ(run.trainer().last().loss, fresh.trainer().last().loss);
}

// The Trainer skips zero_grad after a completed step (the optimizer zeroed the gradients in its
// pass), so a profile taken between two steps must leave the gradients at zero: the next step is
// then bit for bit the step of a run that took no profile.
TEST(ExpectedGradient, AProfileBetweenStepsLeavesTheNextStepUnchanged) {
    const std::string text = synthetic_text(4000, 5);
    const CharLmRunConfig c = tiny_charlm_config(2, 7);
    CharLmRun profiled(c, text), plain(c, text);
    profiled.step();
    plain.step();
    ffn_gradient_profile(profiled, 2);
    profiled.step();
    plain.step();
    const auto& a = profiled.model().parameters();
    const auto& b = plain.model().parameters();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); i++) ASSERT_EQ(a.values()[i], b.values()[i]) << "parameter " << i;
}

TEST(LrSweep, ATinySweepStopsBrokenRunsEarlyAndReportsEveryRun) {
    const auto& def = find_experiment("lr-sweep");
    const Json settings = {{"d_model", 16},
                           {"n_heads", 2},
                           {"context", 8},
                           {"batch", 4},
                           {"steps", 40},
                           {"warmup_steps", 5},
                           {"patience", 5},
                           {"final_window", 5},
                           {"depths", Json{2}},
                           {"lrs", Json{1e-3, 1.0}},
                           {"variants", Json{"none", "pre/rms", "pre/rms+qknorm"}}};
    const Json config = resolve_config(def, settings, true);
    const auto plan = def.plan(config);
    ASSERT_EQ(plan.size(), 6u);
    const std::string text = synthetic_text(4000, 5);
    std::vector<Json> results;
    for (const auto& spec : plan) {
        auto job = def.make_job(config, spec, &text);
        results.push_back(run_job_to_end(*job, 7));
        const Json& m = results.back()["metrics"];
        const double lnv = m["ln_vocab"].get<double>();
        EXPECT_LE(m["score"].get<double>(), lnv + 1e-12) << spec.variant;
        if (!results.back()["diverged_at"].is_null()) {
            EXPECT_DOUBLE_EQ(m["score"].get<double>(), lnv) << spec.variant;
            EXPECT_LT(m["steps_run"].get<int>(), 40) << spec.variant;
            EXPECT_FALSE(m["stable"].get<bool>());
        } else {
            EXPECT_EQ(m["steps_run"].get<int>(), 40) << spec.variant;
        }
        // QK-norm bounds a logit by sqrt(hs) g_q g_k; at lr 1e-3 Adam moves each gain by at most ~1e-3 a step
        if (spec.variant.find("qknorm") != std::string::npos && m["lr"].get<double>() < 0.01) {
            ASSERT_TRUE(m["max_attn_logit"].is_number());
            EXPECT_LE(m["max_attn_logit"].get<double>(), std::sqrt(8.0) * 1.1 * 1.1);
        }
    }
    const Json out = def.summarize(config, results);
    const Json& metrics = out["metrics"];
    ASSERT_TRUE(metrics["series"].contains("none/L2"));
    EXPECT_EQ(metrics["series"]["none/L2"]["final_loss_by_lr"].size(), 2u);
    const double saved = metrics["early_stop_saved_fraction"].get<double>();
    EXPECT_GE(saved, 0.0);
    EXPECT_LT(saved, 1.0);
    EXPECT_DOUBLE_EQ(metrics["steps_budget"].get<double>(), 6 * 40.0);
    ASSERT_FALSE(out["claims"].empty());
    for (const auto& c : out["claims"]) EXPECT_TRUE(c.contains("verdict")) << c.dump();
}
