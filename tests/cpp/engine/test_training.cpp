// The training infrastructure: TensorSet, init, optimizers (one step by hand), schedules,
// clipping, divergence detection, metrics, config validation, synthetic data, determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/init.h"
#include "runs/mlp_run.h"
#include "engine/optim.h"
#include "engine/rng.h"
#include "engine/tensor_buffers.h"
#include "engine/trainer.h"

using namespace normlab;

namespace {

// ---- TensorSet ----------------------------------------------------------------

TEST(TrainingTensorSet, OneAllocationWithOffsetsAndSlots) {
    ParameterSet ps;
    float *w = nullptr, *dw = nullptr, *b = nullptr, *db = nullptr;
    ps.add("w", {3, 2}, 0, true, &w, &dw);
    ps.add("b", {3}, 1, false, &b, &db);
    EXPECT_EQ(w, nullptr);
    ps.allocate();
    EXPECT_EQ(ps.size(), 9u);
    EXPECT_EQ(ps.num_layers(), 2);
    EXPECT_EQ(w, ps.values());
    EXPECT_EQ(b, ps.values() + 6);
    EXPECT_EQ(dw, ps.grads());
    EXPECT_EQ(db, ps.grads() + 6);
    EXPECT_EQ(ps.tensor(ps.find("b")).offset, 6u);
    EXPECT_FALSE(ps.tensor(1).decay);
    db[2] = 5.0f;
    ps.zero_grad();
    EXPECT_EQ(db[2], 0.0f);
    EXPECT_THROW(ps.add("late", {1}, 0, true, nullptr, nullptr), std::logic_error);
    EXPECT_THROW(ps.find("nope"), std::invalid_argument);
}

TEST(TrainingTensorSet, ZeroExtentIsRejected) {
    ParameterSet ps;
    EXPECT_THROW(ps.add("w", {3, 0}, 0, true, nullptr, nullptr), std::invalid_argument);
}

// ---- init -------------------------------------------------------------------------

double sample_std(const std::vector<float>& v) {
    double m = 0, s = 0;
    for (float x : v) m += x;
    m /= static_cast<double>(v.size());
    for (float x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size()));
}

TEST(TrainingInit, SchemesHaveTheirBoundsAndStds) {
    Rng rng(1);
    const std::size_t fan_in = 100, fan_out = 50, n = 20000;
    std::vector<float> w(n);
    auto run = [&](InitScheme s, float std_ = 0.02f) {
        InitConfig c;
        c.scheme = s;
        c.std = std_;
        init_weight(w.data(), n, fan_in, fan_out, c, rng);
    };
    auto max_abs = [&] {
        float m = 0;
        for (float x : w) m = std::max(m, std::fabs(x));
        return m;
    };
    run(InitScheme::pytorch_default);
    EXPECT_LE(max_abs(), 0.1f);
    EXPECT_NEAR(sample_std(w), 0.1 / std::sqrt(3.0), 0.003);
    run(InitScheme::kaiming_normal);
    EXPECT_NEAR(sample_std(w), std::sqrt(2.0 / 100), 0.004);
    run(InitScheme::kaiming_uniform);
    EXPECT_LE(max_abs(), std::sqrt(6.0f / 100));
    EXPECT_NEAR(sample_std(w), std::sqrt(2.0 / 100), 0.004);
    run(InitScheme::xavier_uniform);
    EXPECT_LE(max_abs(), std::sqrt(6.0f / 150));
    EXPECT_NEAR(sample_std(w), std::sqrt(2.0 / 150), 0.003);
    run(InitScheme::xavier_normal);
    EXPECT_NEAR(sample_std(w), std::sqrt(2.0 / 150), 0.003);
    run(InitScheme::normal, 0.5f);
    EXPECT_NEAR(sample_std(w), 0.5, 0.01);
    std::vector<float> b(1000);
    InitConfig pd;
    init_bias(b.data(), b.size(), 4, pd, rng);
    for (float x : b) EXPECT_LE(std::fabs(x), 0.5f);
    InitConfig kn;
    kn.scheme = InitScheme::kaiming_normal;
    init_bias(b.data(), b.size(), 4, kn, rng);
    for (float x : b) EXPECT_EQ(x, 0.0f);
}

// ---- optimizers: one step by hand ----------------------------------------------------

struct OneParam {
    ParameterSet ps;
    float *p = nullptr, *g = nullptr;
    explicit OneParam(std::vector<float> values) {
        ps.add("p", {values.size()}, 0, true, &p, &g);
        ps.allocate();
        for (std::size_t i = 0; i < values.size(); i++) p[i] = values[i];
    }
};

TEST(TrainingOptim, SgdPlainAndWeightDecay) {
    OneParam x({1.0f, -2.0f});
    OptimizerConfig c;
    c.lr = 0.1f;
    c.weight_decay = 0.5f;
    Optimizer opt(c, x.ps);
    x.g[0] = 0.5f;
    x.g[1] = 1.0f;
    opt.step(x.ps, c.lr, nullptr, nullptr);
    // p -= lr (g + wd p): 1 - 0.1 (0.5 + 0.5) = 0.9;  -2 - 0.1 (1 - 1) = -2
    EXPECT_FLOAT_EQ(x.p[0], 0.9f);
    EXPECT_FLOAT_EQ(x.p[1], -2.0f);
}

TEST(TrainingOptim, SgdMomentumAndNesterovFollowPyTorch) {
    OptimizerConfig c;
    c.lr = 0.1f;
    c.momentum = 0.9f;
    OneParam x({1.0f});
    Optimizer opt(c, x.ps);
    x.g[0] = 1.0f;
    opt.step(x.ps, c.lr, nullptr, nullptr);  // buf = 1 (first step: no dampening); p = 0.9
    EXPECT_FLOAT_EQ(x.p[0], 0.9f);
    x.g[0] = 0.5f;
    opt.step(x.ps, c.lr, nullptr, nullptr);  // buf = 0.9 + 0.5 = 1.4; p = 0.9 - 0.14 = 0.76
    EXPECT_FLOAT_EQ(x.p[0], 0.76f);

    c.nesterov = true;
    OneParam y({1.0f});
    Optimizer nes(c, y.ps);
    y.g[0] = 1.0f;
    nes.step(y.ps, c.lr, nullptr, nullptr);  // buf = 1; d = 1 + 0.9 * 1 = 1.9; p = 0.81
    EXPECT_FLOAT_EQ(y.p[0], 0.81f);
}

TEST(TrainingOptim, AdamFirstStepIsLrTimesSign) {
    OptimizerConfig c;
    c.kind = OptimizerKind::adam;
    c.lr = 0.01f;
    OneParam x({1.0f, 1.0f});
    Optimizer opt(c, x.ps);
    x.g[0] = 3.0f;
    x.g[1] = -0.2f;
    opt.step(x.ps, c.lr, nullptr, nullptr);
    // m_hat = g, v_hat = g^2: p -= lr g / (|g| + eps)
    EXPECT_NEAR(x.p[0], 1.0f - 0.01f * 3.0f / (3.0f + 1e-8f), 1e-7);
    EXPECT_NEAR(x.p[1], 1.0f + 0.01f * 0.2f / (0.2f + 1e-8f), 1e-7);
    // second step by hand with g = 1: m = 0.9*0.3 + 0.1 = 0.37, v = 0.999*0.009 + 0.001*1
    const double m = 0.9 * 0.3 + 0.1, v = 0.999 * 0.009 + 0.001;
    const double mh = m / (1 - 0.81), vh = v / (1 - 0.999 * 0.999);
    const double expect = x.p[0] - 0.01 * mh / (std::sqrt(vh) + 1e-8);
    x.g[0] = 1.0f;
    opt.step(x.ps, c.lr, nullptr, nullptr);
    EXPECT_NEAR(x.p[0], expect, 1e-6);
}

TEST(TrainingOptim, AdamL2VersusAdamWDecoupledDecay) {
    OptimizerConfig c;
    c.lr = 0.1f;
    c.weight_decay = 0.5f;
    c.kind = OptimizerKind::adamw;
    OneParam w({2.0f});
    Optimizer adamw(c, w.ps);
    w.g[0] = 1.0f;
    adamw.step(w.ps, c.lr, nullptr, nullptr);
    EXPECT_NEAR(w.p[0], 2.0f * (1.0f - 0.05f) - 0.1f, 1e-6);  // decay, then lr * sign(g)
    c.kind = OptimizerKind::adam;
    OneParam a({2.0f});
    Optimizer adam(c, a.ps);
    a.g[0] = -0.5f;  // g + wd p = -0.5 + 1 = 0.5 > 0
    adam.step(a.ps, c.lr, nullptr, nullptr);
    EXPECT_NEAR(a.p[0], 2.0f - 0.1f, 1e-6);
}

// Optimizer::step(..., zero_grad = true) zeroes each gradient in the update's own pass: the
// parameters, the optimizer state and the metric sums must be the very same bits as without it.
TEST(TrainingOptim, ZeroingTheGradientInTheUpdatePassChangesNoBit) {
    struct TwoTensors {
        ParameterSet ps;
        float *a = nullptr, *da = nullptr, *b = nullptr, *db = nullptr;
        TwoTensors() {
            ps.add("a", {701}, 0, true, &a, &da);  // several 256-element chunks and a tail of 1
            ps.add("b", {259}, 1, false, &b, &db);
            ps.allocate();
            Rng rng(5);
            for (std::size_t i = 0; i < ps.size(); i++) ps.values()[i] = rng.uniform(-1.0f, 1.0f);
        }
    };
    std::vector<OptimizerConfig> configs(4);
    configs[0].weight_decay = 0.1f;
    configs[1].momentum = 0.9f;
    configs[1].nesterov = true;
    configs[2].kind = OptimizerKind::adam;
    configs[2].weight_decay = 0.01f;
    configs[3].kind = OptimizerKind::adamw;
    configs[3].weight_decay = 0.1f;
    for (const OptimizerConfig& c : configs) {
        SCOPED_TRACE(optimizer_kind_name(c.kind));
        TwoTensors keep, zero;
        Optimizer opt_keep(c, keep.ps), opt_zero(c, zero.ps);
        Rng rng(9);
        for (int step = 0; step < 3; step++) {
            for (std::size_t i = 0; i < keep.ps.size(); i++)
                keep.ps.grads()[i] = zero.ps.grads()[i] = rng.uniform(-2.0f, 2.0f);
            const std::vector<float> grads(keep.ps.grads(), keep.ps.grads() + keep.ps.size());
            double su_keep[2], sw_keep[2], su_zero[2], sw_zero[2];
            opt_keep.step(keep.ps, 0.05f, su_keep, sw_keep, false);
            opt_zero.step(zero.ps, 0.05f, su_zero, sw_zero, true);
            EXPECT_EQ(std::memcmp(keep.ps.values(), zero.ps.values(), keep.ps.size() * sizeof(float)), 0);
            EXPECT_EQ(std::memcmp(su_keep, su_zero, sizeof su_keep), 0);
            EXPECT_EQ(std::memcmp(sw_keep, sw_zero, sizeof sw_keep), 0);
            EXPECT_GT(su_keep[0], 0.0);
            EXPECT_EQ(std::memcmp(keep.ps.grads(), grads.data(), grads.size() * sizeof(float)), 0);
            for (std::size_t i = 0; i < zero.ps.size(); i++) ASSERT_EQ(zero.ps.grads()[i], 0.0f) << i;
        }
    }
}

TEST(TrainingOptim, DecayFlagIsRespected) {
    ParameterSet ps;
    float *p = nullptr, *g = nullptr;
    ps.add("p", {1}, 0, /*decay=*/false, &p, &g);
    ps.allocate();
    p[0] = 1.0f;
    OptimizerConfig c;
    c.lr = 0.1f;
    c.weight_decay = 1.0f;
    Optimizer opt(c, ps);
    opt.step(ps, c.lr, nullptr, nullptr);
    EXPECT_EQ(p[0], 1.0f);
}

// ---- schedules ----------------------------------------------------------------------

TEST(TrainingSchedule, ValuesAtGivenSteps) {
    ScheduleConfig s;
    EXPECT_FLOAT_EQ(learning_rate_at(s, 0.1f, 0), 0.1f);
    EXPECT_FLOAT_EQ(learning_rate_at(s, 0.1f, 1000), 0.1f);
    s.kind = ScheduleKind::linear_warmup;
    s.warmup_steps = 10;
    EXPECT_FLOAT_EQ(learning_rate_at(s, 0.1f, 0), 0.01f);
    EXPECT_FLOAT_EQ(learning_rate_at(s, 0.1f, 4), 0.05f);
    EXPECT_FLOAT_EQ(learning_rate_at(s, 0.1f, 9), 0.1f);
    EXPECT_FLOAT_EQ(learning_rate_at(s, 0.1f, 500), 0.1f);
    s.kind = ScheduleKind::cosine;
    s.total_steps = 110;
    s.min_lr_ratio = 0.1f;
    EXPECT_FLOAT_EQ(learning_rate_at(s, 1.0f, 4), 0.5f);    // warm-up
    EXPECT_FLOAT_EQ(learning_rate_at(s, 1.0f, 10), 1.0f);   // q = 0
    EXPECT_FLOAT_EQ(learning_rate_at(s, 1.0f, 60), 0.55f);  // q = 1/2: midway between 1 and 0.1
    EXPECT_FLOAT_EQ(learning_rate_at(s, 1.0f, 110), 0.1f);  // q = 1
    EXPECT_FLOAT_EQ(learning_rate_at(s, 1.0f, 999), 0.1f);  // clamped
    EXPECT_NEAR(learning_rate_at(s, 1.0f, 35), 0.1 + 0.9 * 0.5 * (1 + std::cos(M_PI * 0.25)), 1e-6);
}

TEST(TrainingSchedule, Validation) {
    ScheduleConfig s;
    s.kind = ScheduleKind::cosine;
    s.warmup_steps = 10;
    s.total_steps = 10;
    EXPECT_THROW(validate(s), std::invalid_argument);
    s.kind = ScheduleKind::linear_warmup;
    s.warmup_steps = 0;
    EXPECT_THROW(validate(s), std::invalid_argument);
}

// ---- clipping -----------------------------------------------------------------------

TEST(TrainingClip, NormAfterClippingIsTheMax) {
    OneParam x({0, 0, 0, 0});
    x.g[0] = 3;
    x.g[1] = 4;
    x.g[2] = 12;  // norm 13
    std::vector<double> sq(1);
    const double norm = gradient_norms(x.ps, sq.data());
    EXPECT_DOUBLE_EQ(norm, 13.0);
    EXPECT_DOUBLE_EQ(sq[0], 169.0);
    const float s = clip_scale(norm, 2.0f);
    scale_gradients(x.ps, s);
    EXPECT_NEAR(gradient_norms(x.ps, nullptr), 2.0, 1e-6);
    EXPECT_EQ(clip_scale(1.5, 2.0f), 1.0f);  // below max: untouched
    EXPECT_EQ(clip_scale(1e9, 0.0f), 1.0f);  // 0: off
}

// ---- Trainer: metrics, clipping, divergence --------------------------------------------

MlpRunConfig small_run() {
    MlpRunConfig c;
    for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{{"input_dim", "4"},
                                                                        {"num_classes", "3"},
                                                                        {"num_samples", "256"},
                                                                        {"hidden_dim", "16"},
                                                                        {"num_layers", "3"},
                                                                        {"batch_size", "16"},
                                                                        {"steps", "50"},
                                                                        {"lr", "0.05"},
                                                                        {"seed", "7"}})
        apply_setting(c, k, v);
    return c;
}

TEST(TrainingTrainer, MetricsAreConsistent) {
    MlpRunConfig c = small_run();
    apply_setting(c, "norm", "layer");
    MlpRun run(c);
    const StepMetrics& m = run.step();
    ASSERT_EQ(m.layer_grad_norm.size(), 4u);  // 3 hidden + head
    double sum_sq = 0;
    for (float g : m.layer_grad_norm) sum_sq += static_cast<double>(g) * g;
    EXPECT_NEAR(std::sqrt(sum_sq), m.grad_norm, 1e-5 * m.grad_norm);
    for (float s : m.layer_act_std) EXPECT_GT(s, 0.0f);
    for (float r : m.layer_update_ratio) EXPECT_GT(r, 0.0f);
    EXPECT_GT(m.update_ratio, 0.0f);
    EXPECT_GT(m.step_ms, 0.0);
    EXPECT_EQ(m.step, 0u);
    EXPECT_FALSE(m.diverged);
    EXPECT_EQ(run.step().step, 1u);
}

// Per-layer metrics turned off after the first step (as the char-LM jobs do): their vectors empty from
// then on, and the training itself the same bit for bit as with them on (SGD with momentum and Adam).
TEST(TrainingTrainer, LayerMetricsOffChangeNothingButTheMetrics) {
    for (const char* optimizer : {"sgd", "adam"}) {
        MlpRunConfig c = small_run();
        apply_setting(c, "norm", "layer");
        apply_setting(c, "optimizer", optimizer);
        apply_setting(c, "momentum", "0.9");
        apply_setting(c, "lr", "0.01");
        MlpRun with(c), without(c);
        for (int s = 0; s < 20; s++) {
            const StepMetrics& a = with.step();
            const StepMetrics& b = without.step();
            ASSERT_EQ(std::memcmp(&a.loss, &b.loss, sizeof a.loss), 0) << optimizer << " step " << s;
            ASSERT_EQ(std::memcmp(&a.grad_norm, &b.grad_norm, sizeof a.grad_norm), 0) << optimizer << " step " << s;
            EXPECT_EQ(a.layer_grad_norm.size(), 4u);
            EXPECT_EQ(b.layer_grad_norm.size(), s == 0 ? 4u : 0u);
            EXPECT_EQ(b.layer_act_std.size(), b.layer_grad_norm.size());
            EXPECT_EQ(b.layer_update_ratio.size(), b.layer_grad_norm.size());
            if (s > 0) EXPECT_EQ(b.update_ratio, 0.0f);
            if (s == 0) without.trainer().set_layer_metrics(false);
        }
        const ParameterSet &pa = with.model().parameters(), &pb = without.model().parameters();
        EXPECT_EQ(std::memcmp(pa.values(), pb.values(), pa.size() * sizeof(float)), 0) << optimizer;
        EXPECT_TRUE(with.model().collects_activation_std());
        EXPECT_FALSE(without.model().collects_activation_std());  // the model's activation std off with them
    }
    // and on again, from a trainer built without them: every per-layer metric filled, activation std too
    MlpRunConfig c = small_run();
    apply_setting(c, "layer_metrics", "false");
    MlpRun run(c);
    EXPECT_TRUE(run.step().layer_grad_norm.empty());
    run.trainer().set_layer_metrics(true);
    const StepMetrics& m = run.step();
    ASSERT_EQ(m.layer_act_std.size(), 4u);
    for (float s : m.layer_act_std) EXPECT_GT(s, 0.0f);
    for (float r : m.layer_update_ratio) EXPECT_GT(r, 0.0f);
}

// The trainer's optimizer leaves the gradients at 0, in its own pass (the next step skips zero_grad).
TEST(TrainingTrainer, StepsLeaveTheGradientsAtZero) {
    MlpRunConfig c = small_run();
    apply_setting(c, "optimizer", "adamw");
    apply_setting(c, "clip_grad_norm", "0.5");
    MlpRun run(c);
    for (int s = 0; s < 3; s++) {
        const StepMetrics& m = run.step();
        EXPECT_GT(m.grad_norm, 0.0f);
        const ParameterSet& ps = run.model().parameters();
        for (std::size_t i = 0; i < ps.size(); i++) ASSERT_EQ(ps.grads()[i], 0.0f) << i;
    }
}

TEST(TrainingTrainer, ClippingCapsTheAppliedUpdate) {
    MlpRunConfig c = small_run();
    apply_setting(c, "clip_grad_norm", "1e-3");
    MlpRun run(c);
    const StepMetrics& m = run.step();
    EXPECT_GT(m.grad_norm, 1e-3f);
    EXPECT_NEAR(m.clip_scale * m.grad_norm, 1e-3, 1e-8);
}

// Batches from a real source, with a NaN planted in the inputs at step k.
class PoisonedSource : public BatchSource {
  public:
    PoisonedSource(BatchSource& inner, std::size_t k, std::size_t d) : inner_(inner), k_(k), d_(d) {}
    Batch next() override {
        Batch b = inner_.next();
        if (step_++ == k_) {
            buf_.assign(b.x, b.x + b.batch_size * d_);
            buf_[3] = std::numeric_limits<float>::quiet_NaN();
            b.x = buf_.data();
        }
        return b;
    }

  private:
    BatchSource& inner_;
    std::size_t k_, d_, step_ = 0;
    std::vector<float> buf_;
};

TEST(TrainingTrainer, NaNAtStepKReportsDivergedAtKAndStopsCleanly) {
    const MlpRunConfig c = small_run();
    SyntheticClassification data(c.data, c.model.batch_size);
    PoisonedSource src(data, 7, c.data.input_dim);
    Mlp model(c.model);
    Trainer trainer(model, c.train);
    std::size_t steps = 0;
    std::vector<float> before;
    while (!trainer.stopped() && steps < 20) {
        before.assign(model.parameters().values(), model.parameters().values() + model.parameters().size());
        const StepMetrics& m = trainer.step(src.next());
        steps++;
        if (m.diverged) { EXPECT_EQ(m.step, 7u); }
    }
    EXPECT_TRUE(trainer.diverged());
    EXPECT_EQ(trainer.diverged_step(), 7u);
    EXPECT_EQ(steps, 8u);
    // the diverged step left the parameters as they were
    for (std::size_t i = 0; i < before.size(); i++) ASSERT_EQ(before[i], model.parameters().values()[i]);
    // further calls are no-ops returning the same report
    const StepMetrics& again = trainer.step(data.next());
    EXPECT_TRUE(again.diverged);
    EXPECT_EQ(again.step, 7u);
    EXPECT_EQ(trainer.steps_done(), 8u);
}

TEST(TrainingTrainer, ExplodingLearningRateDivergesWithoutException) {
    MlpRunConfig c = small_run();
    apply_setting(c, "lr", "1e30");
    apply_setting(c, "steps", "100");
    std::vector<float> losses;
    EXPECT_NO_THROW(losses = run_mlp_loss_curve(c));
    ASSERT_LT(losses.size(), 100u);
    EXPECT_FALSE(std::isfinite(losses.back()) && losses.size() == 100u);
}

// ---- config validation --------------------------------------------------------------------

void expect_invalid(const MlpRunConfig& c, const std::string& needle) {
    try {
        MlpRun run(c);
        FAIL() << "expected std::invalid_argument containing '" << needle << "'";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

TEST(TrainingConfig, BadConfigurationsThrowClearMessages) {
    auto with = [](const char* k, const char* v) {
        MlpRunConfig c = small_run();
        apply_setting(c, k, v);
        return c;
    };
    expect_invalid(with("hidden_dim", "0"), "hidden_dim must be >= 1");
    expect_invalid(with("num_layers", "0"), "num_layers must be >= 1");
    expect_invalid(with("batch_size", "0"), "batch_size must be >= 1");
    expect_invalid(with("input_dim", "0"), "input_dim must be >= 1");
    expect_invalid(with("num_classes", "1"), "num_classes must be >= 2");
    expect_invalid(with("steps", "0"), "steps must be >= 1");
    expect_invalid(with("lr", "-0.1"), "learning rate must be a finite number >= 0");
    expect_invalid(with("momentum", "1.5"), "momentum must be in [0, 1)");
    expect_invalid(with("clip_grad_norm", "-1"), "clip_grad_norm");
    expect_invalid(with("norm", "instance"), "instance norm needs a spatial size > 1");
    MlpRunConfig g = with("norm", "group");
    apply_setting(g, "norm_groups", "5");
    expect_invalid(g, "must be >= 1 and divide the channel count (16)");
    MlpRunConfig big = with("hidden_dim", "20000");
    apply_setting(big, "num_layers", "100");
    expect_invalid(big, "more than the budget of 1024 MiB");
    MlpRunConfig bigb = with("batch_size", "10000000");
    expect_invalid(bigb, "more than the budget");
    MlpRunConfig opt = with("optimizer", "adam");
    apply_setting(opt, "beta2", "1");
    expect_invalid(opt, "beta2 must be in [0, 1)");
}

TEST(TrainingConfig, SettingParsingErrors) {
    MlpRunConfig c;
    EXPECT_THROW(apply_setting(c, "no_such_key", "1"), std::invalid_argument);
    EXPECT_THROW(apply_setting(c, "hidden_dim", "12abc"), std::invalid_argument);
    EXPECT_THROW(apply_setting(c, "hidden_dim", "-3"), std::invalid_argument);
    EXPECT_THROW(apply_setting(c, "hidden_dim", "2.5"), std::invalid_argument);
    EXPECT_THROW(apply_setting(c, "norm", "weight"), std::invalid_argument);
    EXPECT_THROW(apply_setting(c, "bias", "yes"), std::invalid_argument);
    EXPECT_THROW(apply_setting(c, "lr", "nan"), std::invalid_argument);
    apply_setting(c, "norm", "rms");
    EXPECT_EQ(c.model.norm.kind, NormType::rms);
    apply_setting(c, "norm_position", "after_activation");
    EXPECT_EQ(c.model.norm_position, NormPosition::after_activation);
}

// ---- data and determinism ------------------------------------------------------------------

TEST(TrainingData, SameSeedSameDataAndBothKindsAreBalancedEnough) {
    SyntheticConfig c;
    c.input_dim = 5;
    c.num_classes = 3;
    c.num_samples = 3000;
    c.seed = 4;
    SyntheticClassification a(c, 8), b(c, 8);
    for (std::size_t i = 0; i < 3000 * 5; i++) ASSERT_EQ(a.x()[i], b.x()[i]);
    for (double f : a.class_fractions()) EXPECT_GT(f, 0.05);
    c.kind = SyntheticKind::gaussian_mixture;
    SyntheticClassification m(c, 8);
    for (double f : m.class_fractions()) EXPECT_NEAR(f, 1.0 / 3.0, 0.05);
    c.seed = 5;
    SyntheticClassification other(c, 8);
    EXPECT_NE(other.x()[0], m.x()[0]);
}

TEST(TrainingRun, SameSeedSameLossCurveAndTrainingLearns) {
    for (const char* norm : {"none", "batch", "layer", "rms", "group", "dyt"}) {
        MlpRunConfig c = small_run();
        apply_setting(c, "norm", norm);
        apply_setting(c, "norm_groups", "4");
        apply_setting(c, "optimizer", "adam");
        apply_setting(c, "lr", "0.003");
        apply_setting(c, "steps", "150");
        const std::vector<float> a = run_mlp_loss_curve(c), b = run_mlp_loss_curve(c);
        ASSERT_EQ(a.size(), 150u) << norm;
        for (std::size_t i = 0; i < a.size(); i++) ASSERT_EQ(a[i], b[i]) << norm << " step " << i;
        double first = 0, last = 0;
        for (std::size_t i = 0; i < 10; i++) {
            first += a[i];
            last += a[a.size() - 1 - i];
        }
        EXPECT_LT(last, 0.8 * first) << norm;
    }
}

}  // namespace
