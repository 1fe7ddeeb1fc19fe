// The small CNN: whole-model gradchecks in double for every norm kind (BatchNorm in training
// mode), train/eval behaviour of BatchNorm, configuration errors, and a short training run on the
// synthetic shapes that learns.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/cnn.h"
#include "data/image_data.h"
#include "support/numgrad.h"
#include "engine/rng.h"
#include "engine/trainer.h"

using namespace normlab;
using namespace normlab::testing;

namespace {

CnnConfig tiny_cnn(NormType kind) {
    CnnConfig c;
    c.in_channels = 2;
    c.image_size = 5;  // odd: 5 -> 5 -> 3
    c.num_classes = 3;
    c.channels = {4, 4};
    c.strides = {1, 2};
    c.max_batch = 3;
    c.norm.kind = kind;
    c.norm.groups = 2;
    c.seed = 3;
    return c;
}

}  // namespace

class CnnGradcheck : public ::testing::TestWithParam<NormType> {};

TEST_P(CnnGradcheck, WholeModelInDouble) {
    const CnnConfig cfg = tiny_cnn(GetParam());
    Cnn<double> model(cfg);
    Rng rng(17);
    TensorSet<double>& ps = model.parameters();
    for (const auto& t : ps.tensors())  // norm affine away from 1 / 0
        if (t.name.find(".norm.") != std::string::npos)
            for (std::size_t i = 0; i < t.size; i++) ps.values()[t.offset + i] += 0.2 * rng.normal();
    const std::size_t B = 3;
    std::vector<double> x = random_vector(B * 2 * 5 * 5, rng);
    const std::vector<int> y = {0, 2, 1};
    BatchT<double> batch;
    batch.x = x.data();
    batch.targets = y.data();
    batch.batch_size = B;
    model.zero_grad();
    model.forward(batch);
    model.backward();
    const std::vector<double> analytic(ps.grads(), ps.grads() + ps.size());
    auto loss = [&] { return static_cast<double>(model.forward(batch)); };
    // ReLU kinks: where a ReLU input lies within 2h of zero the finite difference is meaningless;
    // such elements are detected (two step sizes disagree) and skipped, and must stay rare.
    std::size_t checked = 0, skipped = 0;
    for (const auto& t : ps.tensors()) {
        const GradCheckResult r = gradcheck(loss, ps.values() + t.offset, analytic.data() + t.offset, t.size, 1e-4,
                                            1e-6, 1000, /*skip_kinks=*/true);
        NORMLAB_EXPECT_GRAD(r, 1e-6, t.name);
        checked += r.checked;
        skipped += r.skipped;
    }
    EXPECT_LE(skipped * 50, checked) << skipped << " of " << checked + skipped << " elements skipped as kinks";
}

INSTANTIATE_TEST_SUITE_P(NormKinds, CnnGradcheck,
                         ::testing::Values(NormType::none, NormType::batch, NormType::group, NormType::instance,
                                           NormType::layer, NormType::rms, NormType::dyt),
                         [](const auto& info) { return std::string(norm_type_name(info.param)); });

TEST(Cnn, BatchNormEvalUsesRunningStatistics) {
    CnnConfig cfg = tiny_cnn(NormType::batch);
    Cnn<float> model(cfg);
    Rng rng(4);
    std::vector<float> x(3 * 2 * 5 * 5);
    for (float& v : x) v = 2.0f + rng.normal();
    const std::vector<int> y = {0, 1, 2};
    Batch full{x.data(), nullptr, y.data(), 3, 1};
    Batch one{x.data(), nullptr, y.data(), 1, 1};
    // training mode: the first image's logits depend on the rest of the batch
    model.forward(full);
    const std::vector<float> in_batch(model.logits(), model.logits() + 3);
    model.forward(one);
    const std::vector<float> alone(model.logits(), model.logits() + 3);
    EXPECT_NE(in_batch, alone);
    // eval mode: they do not, and the running statistics do not move
    model.set_training(false);
    model.forward(full);
    const std::vector<float> eval_batch(model.logits(), model.logits() + 3);
    model.forward(one);
    const std::vector<float> eval_alone(model.logits(), model.logits() + 3);
    EXPECT_EQ(eval_batch, eval_alone);
    model.forward(full);
    EXPECT_EQ(std::vector<float>(model.logits(), model.logits() + 3), eval_batch);
}

TEST(Cnn, BadConfigurationsThrowBeforeWork) {
    auto expect_error = [](const CnnConfig& c, const std::string& needle) {
        try {
            Cnn<float> m(c);
            FAIL() << "expected std::invalid_argument containing '" << needle << "'";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    const CnnConfig ok = tiny_cnn(NormType::batch);
    CnnConfig c = ok;
    c.in_channels = 0;
    expect_error(c, "in_channels");
    c = ok;
    c.channels = {};
    expect_error(c, "at least one conv block");
    c = ok;
    c.strides = {1};
    expect_error(c, "strides has 1 entries");
    c = ok;
    c.strides = {1, 3};
    expect_error(c, "must be 1 or 2");
    c = ok;
    c.channels = {4, 0};
    expect_error(c, "channels[1]");
    c = ok;
    c.norm.kind = NormType::group;
    c.norm.groups = 3;
    expect_error(c, "groups");
    c = ok;
    c.image_size = 2;
    c.strides = {2, 2};
    c.norm.kind = NormType::instance;  // 2 -> 1 -> 1: no spatial extent left to normalise over
    expect_error(c, "instance");
    c = ok;
    c.max_batch = 1 << 20;
    c.image_size = 64;
    c.channels = {64, 64};
    expect_error(c, "MiB");
    Cnn<float> model(ok);
    std::vector<float> x(4 * 2 * 25);
    std::vector<int> y = {0, 1, 3, 0};
    EXPECT_THROW(model.backward(), std::logic_error);                                              // no forward yet
    EXPECT_THROW(model.forward(Batch{x.data(), nullptr, y.data(), 4, 1}), std::invalid_argument);  // B > max
    EXPECT_THROW(model.forward(Batch{x.data(), nullptr, y.data(), 3, 1}), std::invalid_argument);  // target 3 >= K
}

TEST(Cnn, SharedTrainerWithAdamWLearnsTheShapes) {
    ShapeImagesConfig dc;
    dc.count = 200;
    dc.seed = 9;
    const ShapeImages data = make_shape_images(dc);
    for (NormType kind : {NormType::batch, NormType::group, NormType::instance, NormType::layer, NormType::none}) {
        CnnConfig cfg;
        cfg.channels = {8, 16};
        cfg.strides = {2, 2};
        cfg.max_batch = 32;
        cfg.norm.kind = kind;
        cfg.norm.groups = 4;
        Cnn<float> model(cfg);
        TrainConfig tc;
        tc.optimizer.kind = OptimizerKind::adamw;
        tc.optimizer.lr = 1e-2f;
        Trainer trainer(model, tc);
        ShapeBatchSource source(data, 32, 5);
        double first = 0.0, last = 0.0;  // mean loss of the first and the last 10 steps
        for (int step = 0; step < 150; step++) {
            const StepMetrics& m = trainer.step(source.next());
            ASSERT_FALSE(m.diverged) << norm_type_name(kind);
            if (step < 10) first += m.loss / 10.0;
            if (step >= 140) last += m.loss / 10.0;
        }
        EXPECT_LT(last, 0.75 * first) << norm_type_name(kind) << ": " << first << " -> " << last;
    }
}

// Precise BatchNorm: after recompute_batchnorm_statistics over a set, each block's running mean and
// variance equal the population mean and (biased) variance of that block's conv output over the
// whole set, as an eval-mode forward of the whole set in one batch sees it. The recomputation runs
// in chunks of max_batch (3 here) over 7 images, so chunking must not change the statistics.
TEST(Cnn, PreciseBatchNormStatisticsEqualThePopulations) {
    CnnConfig cfg = tiny_cnn(NormType::batch);
    const std::size_t count = 7, P = 2 * 5 * 5;
    Rng rng(21);
    std::vector<float> x(count * P);
    for (float& v : x) v = 1.5f + 2.0f * rng.normal();
    std::vector<int> y(count);
    for (std::size_t i = 0; i < count; i++) y[i] = static_cast<int>(i % 3);
    Cnn<float> model(cfg);
    // a few training steps so the running statistics are neither the initial ones nor the population's
    for (std::size_t first = 0; first + 3 <= count; first += 3) {
        Batch b{x.data() + first * P, nullptr, y.data() + first, 3, 1};
        model.forward(b);
    }
    model.recompute_batchnorm_statistics(x.data(), count);
    EXPECT_TRUE(model.training());  // left as it was
    // the reference: one eval-mode forward of all 7 images in a model with room for them
    CnnConfig big = cfg;
    big.max_batch = count;
    Cnn<float> ref(big);
    std::copy(model.parameters().values(), model.parameters().values() + model.parameters().size(),
              ref.parameters().values());
    ref.set_training(false);
    for (std::size_t i = 0; i < model.num_blocks(); i++) {
        // give the reference the recomputed statistics, then read block i's conv output for the whole set
        for (std::size_t j = 0; j < model.num_blocks(); j++) {
            const auto& src = model.block_norm(j);
            const auto& dst = ref.block_norm(j);
            std::copy(src.running_mean, src.running_mean + src.C, dst.running_mean);
            std::copy(src.running_var, src.running_var + src.C, dst.running_var);
        }
        Batch all{x.data(), nullptr, y.data(), count, 1};
        ref.forward(all);
        const auto& norm = model.block_norm(i);
        const std::size_t C = norm.C, S = norm.S;
        const float* conv = ref.block_conv_output(i);
        for (std::size_t c = 0; c < C; c++) {
            double sum = 0, n = 0;
            for (std::size_t b = 0; b < count; b++)
                for (std::size_t s = 0; s < S; s++, n++) sum += conv[(b * C + c) * S + s];
            const double mean = sum / n;
            double ss = 0;
            for (std::size_t b = 0; b < count; b++)
                for (std::size_t s = 0; s < S; s++) {
                    const double d = conv[(b * C + c) * S + s] - mean;
                    ss += d * d;
                }
            EXPECT_NEAR(norm.running_mean[c], mean, 1e-4 * (1.0 + std::fabs(mean)))
                << "block " << i << " channel " << c;
            EXPECT_NEAR(norm.running_var[c], ss / n, 1e-4 * (1.0 + ss / n)) << "block " << i << " channel " << c;
        }
    }
}

TEST(Cnn, PreciseBatchNormLeavesOtherNormsAlone) {
    Cnn<float> model(tiny_cnn(NormType::group));
    std::vector<float> before(model.parameters().values(), model.parameters().values() + model.parameters().size());
    std::vector<float> x(3 * 2 * 5 * 5, 1.0f);
    model.recompute_batchnorm_statistics(x.data(), 3);
    EXPECT_EQ(before,
              std::vector<float>(model.parameters().values(), model.parameters().values() + model.parameters().size()));
}
