// The char transformer: whole-model gradchecks in double for every placement × norm kind,
// causality at the model level, configuration errors, and a short training run that learns.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "runs/charlm_run.h"
#include "support/backward_checks.h"
#include "support/numgrad.h"
#include "support/tiny_charlm.h"
#include "engine/rng.h"
#include "data/text_data.h"
#include "engine/trainer.h"
#include "models/transformer.h"

using namespace normlab;
using namespace normlab::testing;

namespace {

CharTransformerConfig tiny_config(NormPlacement placement, NormType kind) {
    CharTransformerConfig c;
    c.vocab_size = 7;
    c.context = 5;
    c.d_model = 8;
    c.n_heads = 2;
    c.n_layers = 2;
    c.max_batch = 2;
    c.placement = placement;
    c.norm.kind = kind;
    c.init = InitConfig{InitScheme::pytorch_default,
                        0.0f};  // U(±1/sqrt(fan_in)): larger than GPT-2's 0.02, visible gradients
    c.seed = 5;
    return c;
}

struct TokenBatch {
    std::vector<int> tokens, targets;
};

TokenBatch random_tokens(std::size_t B, std::size_t T, std::size_t V, std::uint64_t seed) {
    Rng rng(seed);
    TokenBatch b;
    for (std::size_t i = 0; i < B * T; i++) {
        b.tokens.push_back(static_cast<int>(rng.below(static_cast<std::uint32_t>(V))));
        b.targets.push_back(static_cast<int>(rng.below(static_cast<std::uint32_t>(V))));
    }
    return b;
}

void gradcheck_model(const CharTransformerConfig& cfg, std::size_t B, std::size_t T) {
    CharTransformer<double> model(cfg);
    // Perturb the norm parameters away from 1 / 0 so their gradients are generic too, and scale
    // the embeddings from N(0, 0.02²) up to std 0.5: a norm of a row with std 0.02 is so curved
    // (rstd ~ 50) that any finite-difference step would be dominated by truncation error.
    Rng rng(99);
    TensorSet<double>& ps = model.parameters();
    for (const auto& t : ps.tensors()) {
        double* v = ps.values() + t.offset;
        if (t.name == "wte" || t.name == "wpe")
            for (std::size_t i = 0; i < t.size; i++) v[i] *= 25.0;
        if (t.name.find(".n") != std::string::npos || t.name.rfind("nf.", 0) == 0)
            for (std::size_t i = 0; i < t.size; i++) v[i] += 0.1 * rng.normal();
    }
    const TokenBatch tb = random_tokens(B, T, cfg.vocab_size, 7);
    BatchT<double> batch;
    batch.tokens = tb.tokens.data();
    batch.targets = tb.targets.data();
    batch.batch_size = B;
    batch.seq_len = T;

    model.zero_grad();
    model.forward(batch);
    model.backward();
    const std::vector<double> analytic(ps.grads(), ps.grads() + ps.size());
    auto loss = [&] { return static_cast<double>(model.forward(batch)); };
    for (const auto& t : ps.tensors()) {
        const GradCheckResult r =
            gradcheck(loss, ps.values() + t.offset, analytic.data() + t.offset, t.size, 1e-3, 1e-6, 200);
        NORMLAB_EXPECT_GRAD(r, 1e-6, t.name);
    }
}

}  // namespace

class TransformerGradcheck : public ::testing::TestWithParam<std::tuple<NormPlacement, NormType>> {};

TEST_P(TransformerGradcheck, WholeModelInDouble) {
    const auto [placement, kind] = GetParam();
    gradcheck_model(tiny_config(placement, kind), 2, 5);
}

INSTANTIATE_TEST_SUITE_P(PlacementsAndNorms, TransformerGradcheck,
                         ::testing::Combine(::testing::Values(NormPlacement::pre, NormPlacement::post,
                                                              NormPlacement::none),
                                            ::testing::Values(NormType::layer, NormType::rms, NormType::dyt)),
                         [](const auto& info) {
                             return std::string(norm_placement_name(std::get<0>(info.param))) + "_" +
                                 norm_type_name(std::get<1>(info.param));
                         });

TEST(CharTransformer, GradcheckTiedHeadShorterSequence) {
    CharTransformerConfig cfg = tiny_config(NormPlacement::pre, NormType::layer);
    cfg.tied_head = true;
    gradcheck_model(cfg, 1, 3);  // T < context, B < max_batch
}

TEST(CharTransformer, FutureTokenNeverChangesEarlierLogitsOrLoss) {
    for (NormPlacement placement : {NormPlacement::pre, NormPlacement::post, NormPlacement::none}) {
        CharTransformerConfig cfg;
        cfg.vocab_size = 11;
        cfg.context = 12;
        cfg.d_model = 16;
        cfg.n_heads = 4;
        cfg.n_layers = 2;
        cfg.max_batch = 2;
        cfg.placement = placement;
        cfg.norm.kind = NormType::rms;
        CharTransformer<float> model(cfg);
        TokenBatch tb = random_tokens(2, 12, 11, 3);
        Batch batch{nullptr, tb.tokens.data(), tb.targets.data(), 2, 12};
        model.forward(batch);
        const std::vector<float> before(model.logits(), model.logits() + 2 * 12 * 11);
        const std::size_t t0 = 7;
        for (std::size_t b = 0; b < 2; b++) {
            tb.tokens[b * 12 + t0] = (tb.tokens[b * 12 + t0] + 5) % 11;
            for (std::size_t t = t0 + 1; t < 12; t++) tb.targets[b * 12 + t] = (tb.targets[b * 12 + t] + 1) % 11;
        }
        model.forward(batch);
        const float* after = model.logits();
        for (std::size_t b = 0; b < 2; b++)
            for (std::size_t t = 0; t < 12; t++) {
                const bool same =
                    std::memcmp(before.data() + (b * 12 + t) * 11, after + (b * 12 + t) * 11, 11 * sizeof(float)) == 0;
                if (t < t0)
                    EXPECT_TRUE(same) << norm_placement_name(placement) << " b " << b << " t " << t;
                else
                    EXPECT_FALSE(same) << norm_placement_name(placement) << " b " << b << " t " << t;
            }
    }
}

// The Trainer's backward gives every gradient the bits of zero_grad() then backward(), with the head
// tied to the embedding too (the head's product writes the gradient the embedding's backward adds to)
TEST(CharTransformer, BackwardOntoZeroedGradsHasTheBitsOfBackward) {
    for (NormPlacement placement : {NormPlacement::pre, NormPlacement::post})
        for (bool tied : {false, true}) {
            CharTransformerConfig cfg = tiny_config(placement, NormType::layer);
            cfg.tied_head = tied;
            CharTransformer<float> model(cfg);
            const TokenBatch tb = random_tokens(2, 5, 7, 11);
            const Batch batch{nullptr, tb.tokens.data(), tb.targets.data(), 2, 5};
            EXPECT_TRUE(onto_zeroed_grads_match_backward(model, batch))
                << norm_placement_name(placement) << (tied ? " tied" : " untied");
        }
}

TEST(CharTransformer, BadConfigurationsThrowBeforeWork) {
    const CharTransformerConfig ok = tiny_config(NormPlacement::pre, NormType::layer);
    auto expect_error = [](CharTransformerConfig c, const std::string& needle) {
        try {
            CharTransformer<float> m(c);
            FAIL() << "expected std::invalid_argument containing '" << needle << "'";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    CharTransformerConfig c = ok;
    c.d_model = 0;
    expect_error(c, "d_model");
    c = ok;
    c.vocab_size = 0;
    expect_error(c, "vocab_size");
    c = ok;
    c.context = 0;
    expect_error(c, "context");
    c = ok;
    c.n_layers = 0;
    expect_error(c, "n_layers");
    c = ok;
    c.n_heads = 3;
    expect_error(c, "must divide d_model");
    c = ok;
    c.norm.kind = NormType::instance;
    expect_error(c, "instance");
    c = ok;
    c.norm.kind = NormType::group;
    c.norm.groups = 3;
    expect_error(c, "groups");
    c = ok;
    c.d_model = 4096;
    c.n_heads = 8;
    c.context = 1024;
    c.max_batch = 64;
    expect_error(c, "MiB");
    EXPECT_GT(char_transformer_memory_bytes(c, 4), c.memory_budget_bytes);
}

// The memory estimate that refuses too-large models bounds what a model allocates: parameters,
// gradients and two Adam moments, plus every activation and backward scratch buffer.
TEST(CharTransformer, MemoryEstimateBoundsWhatTheModelAllocates) {
    for (NormPlacement placement : {NormPlacement::pre, NormPlacement::post})
        for (bool qk_norm : {false, true}) {
            CharTransformerConfig c = tiny_config(placement, NormType::layer);
            c.qk_norm = qk_norm;
            CharTransformer<float> model(c);
            const std::size_t allocated = sizeof(float) * (4 * model.parameters().size() + model.activation_elements());
            EXPECT_GE(char_transformer_memory_bytes(c, sizeof(float)), allocated)
                << (placement == NormPlacement::pre ? "pre" : "post") << (qk_norm ? " qk_norm" : "");
        }
}

TEST(CharTransformer, BadBatchesThrow) {
    CharTransformer<float> model(tiny_config(NormPlacement::pre, NormType::layer));
    TokenBatch tb = random_tokens(2, 5, 7, 1);
    Batch batch{nullptr, tb.tokens.data(), tb.targets.data(), 3, 5};
    EXPECT_THROW(model.forward(batch), std::invalid_argument);  // B > max_batch
    batch.batch_size = 2;
    batch.seq_len = 6;
    EXPECT_THROW(model.forward(batch), std::invalid_argument);  // T > context
    batch.seq_len = 5;
    tb.tokens[3] = 7;
    EXPECT_THROW(model.forward(batch), std::invalid_argument);  // id outside the vocabulary
    CharTransformer<float> fresh(tiny_config(NormPlacement::pre, NormType::layer));
    EXPECT_THROW(fresh.backward(), std::logic_error);
}

TEST(CharTransformer, InitialLossIsNearLogVocab) {
    // GPT-2 init (N(0, 0.02²)) gives near-uniform predictions: loss ≈ ln V
    CharTransformerConfig cfg;
    cfg.vocab_size = 30;
    cfg.context = 8;
    cfg.d_model = 32;
    cfg.n_heads = 4;
    cfg.max_batch = 4;
    CharTransformer<float> model(cfg);
    TokenBatch tb = random_tokens(4, 8, 30, 2);
    const float loss = model.forward(Batch{nullptr, tb.tokens.data(), tb.targets.data(), 4, 8});
    EXPECT_NEAR(loss, std::log(30.0), 0.05);
    ASSERT_EQ(model.activation_std().size(), 4u);
    EXPECT_GT(model.activation_std()[1], 0.0);
    EXPECT_EQ(model.metric_layer_name(0), "embedding");
    EXPECT_EQ(model.metric_layer_name(2), "block2");
    EXPECT_EQ(model.metric_layer_name(3), "head");
}

TEST(CharTransformer, SharedTrainerWithAdamWReducesTheLossOnARepeatingText) {
    std::string text;
    for (int i = 0; i < 200; i++) text += "the cat sat. ";
    const CharDataset ds(text);
    for (NormPlacement placement : {NormPlacement::pre, NormPlacement::post, NormPlacement::none}) {
        CharTransformerConfig cfg;
        cfg.vocab_size = ds.vocab_size();
        cfg.context = 16;
        cfg.d_model = 32;
        cfg.n_heads = 4;
        cfg.n_layers = 1;
        cfg.max_batch = 8;
        cfg.placement = placement;
        cfg.norm.kind = NormType::layer;
        CharTransformer<float> model(cfg);
        TrainConfig tc;
        tc.optimizer.kind = OptimizerKind::adamw;
        tc.optimizer.lr = 3e-3f;
        tc.optimizer.weight_decay = 0.01f;
        Trainer trainer(model, tc);
        CharBatchSource source(ds, Split::Train, 8, 16, 11);
        float first = 0.0f, last = 0.0f;
        for (int step = 0; step < 60; step++) {
            const StepMetrics& m = trainer.step(source.next());
            if (step == 0) first = m.loss;
            last = m.loss;
            ASSERT_FALSE(m.diverged);
        }
        EXPECT_EQ(trainer.last().layer_act_std.size(), 3u);
        EXPECT_LT(last, 0.5f * first) << norm_placement_name(placement) << ": " << first << " -> " << last;
    }
}

TEST(CharLmRun, ContextLongerThanTheTextIsAClearErrorBeforeWork) {
    std::string text;
    for (int i = 0; i < 30; i++) text += "to be or not. ";  // 420 bytes: validation split 42
    CharLmRunConfig cfg;
    cfg.model.context = 64;
    cfg.model.d_model = 16;
    cfg.model.n_heads = 2;
    cfg.model.n_layers = 1;
    cfg.batch_size = 2;
    try {
        CharLmRun run(cfg, text);
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("validation split has only 42 tokens"), std::string::npos) << e.what();
    }
    cfg.model.context = 16;
    cfg.model.n_heads = 5;
    EXPECT_THROW(CharLmRun(cfg, text), std::invalid_argument);
}

TEST(CharLmRun, SameSeedSameRunAndValLossIsStable) {
    const std::string text = synthetic_text(5000, 3);
    CharLmRunConfig cfg = tiny_charlm_config(1, 7);
    cfg.train.optimizer.kind = OptimizerKind::adamw;
    cfg.train.optimizer.lr = 1e-3f;
    CharLmRun a(cfg, text), b(cfg, text);
    EXPECT_EQ(a.model().config().vocab_size, 65u);
    for (int i = 0; i < 5; i++) EXPECT_EQ(a.step().loss, b.step().loss) << "step " << i;
    const double v1 = a.val_loss(), v2 = a.val_loss();
    EXPECT_EQ(v1, v2);  // the same validation batches each call
    EXPECT_EQ(v1, b.val_loss());
    EXPECT_TRUE(a.model().training());
}

// Layer metrics off (as every experiment runs after its first step) stop the per-layer activation std
// but leave the logit statistics the learning-rate sweep reads at every step; training is unchanged;
// and an evaluation (collect_stats off for its forwards, as val_loss does) still computes neither.
TEST(CharLmRun, LayerMetricsOffStopTheActivationStdButNotTheLogitStatistics) {
    const std::string text = synthetic_text(5000, 3);
    const CharLmRunConfig cfg = tiny_charlm_config(2, 7);
    CharLmRun with(cfg, text), without(cfg, text);
    with.step();
    without.step();
    without.trainer().set_layer_metrics(false);
    EXPECT_TRUE(with.model().collects_activation_std());
    EXPECT_FALSE(without.model().collects_activation_std());
    EXPECT_TRUE(without.model().collect_stats());
    const std::vector<double> first_std = without.model().activation_std();  // the first step's
    for (int i = 0; i < 3; i++) {
        const StepMetrics& a = with.step();
        const StepMetrics& b = without.step();
        ASSERT_EQ(std::memcmp(&a.loss, &b.loss, sizeof a.loss), 0) << "step " << i;
        EXPECT_FALSE(a.layer_act_std.empty());
        EXPECT_TRUE(b.layer_act_std.empty());
        // the same forward, so the same logit statistics, bit for bit
        const double la = with.model().max_attention_logit(), lb = without.model().max_attention_logit();
        const double ra = with.model().output_logit_rms(), rb = without.model().output_logit_rms();
        EXPECT_NE(lb, 0.0);
        EXPECT_GT(rb, 0.0);
        EXPECT_EQ(std::memcmp(&la, &lb, sizeof la), 0);
        EXPECT_EQ(std::memcmp(&ra, &rb, sizeof ra), 0);
        // the forward no longer takes the activation std: the model keeps the first step's values,
        // where the run with the metrics has new ones
        EXPECT_EQ(without.model().activation_std(), first_std);
        EXPECT_NE(with.model().activation_std(), first_std);
    }
    // an evaluation's forwards take no statistics (they would overwrite the training step's), and
    // leave collect_stats as it was
    without.val_loss();
    EXPECT_EQ(without.model().max_attention_logit(), 0.0);
    EXPECT_EQ(without.model().output_logit_rms(), 0.0);
    EXPECT_TRUE(without.model().collect_stats());
}

// ---- QK-norm and the initialisation styles ----------------------------------------------------

TEST(CharTransformer, GradcheckWithQkNorm) {
    for (NormPlacement placement : {NormPlacement::pre, NormPlacement::post, NormPlacement::none}) {
        SCOPED_TRACE(norm_placement_name(placement));
        CharTransformerConfig cfg = tiny_config(placement, NormType::rms);
        cfg.qk_norm = true;
        gradcheck_model(cfg, 2, 5);  // the gains attn.nq / attn.nk are perturbed away from 1 there
    }
}

TEST(CharTransformer, QkNormBoundsTheAttentionLogits) {
    // Huge weights make the plain model's logits huge; with QK-norm (gains 1) every logit is a dot
    // product of two vectors of RMS ~1 over hs values, divided by sqrt(hs): at most sqrt(hs).
    for (bool qk : {false, true}) {
        CharTransformerConfig cfg = tiny_config(NormPlacement::pre, NormType::rms);
        cfg.qk_norm = qk;
        cfg.init = InitConfig{InitScheme::normal, 3.0f};
        CharTransformer<double> model(cfg);
        const TokenBatch tb = random_tokens(2, 5, cfg.vocab_size, 3);
        model.forward(BatchT<double>{nullptr, tb.tokens.data(), tb.targets.data(), 2, 5});
        const double hs = static_cast<double>(cfg.d_model / cfg.n_heads);
        EXPECT_GT(model.output_logit_rms(), 0.0);
        if (qk)
            EXPECT_LE(model.max_attention_logit(), std::sqrt(hs) + 1e-6);
        else
            EXPECT_GT(model.max_attention_logit(), 10.0 * std::sqrt(hs));
    }
}

TEST(CharTransformer, XavierInitHasTheStatisticsXiongAssumes) {
    CharTransformerConfig cfg;
    cfg.vocab_size = 65;
    cfg.context = 64;
    cfg.d_model = 64;
    cfg.n_heads = 4;
    cfg.n_layers = 2;
    cfg.max_batch = 8;
    cfg.init_style = CharLmInit::xavier;
    CharTransformer<float> model(cfg);
    const TensorSet<float>& ps = model.parameters();
    auto stats = [&](const std::string& name, double& mean, double& rms) {
        for (const auto& t : ps.tensors())
            if (t.name == name) {
                double s = 0, sq = 0;
                for (std::size_t i = 0; i < t.size; i++) {
                    s += ps.values()[t.offset + i];
                    sq += double(ps.values()[t.offset + i]) * ps.values()[t.offset + i];
                }
                mean = s / double(t.size);
                rms = std::sqrt(sq / double(t.size));
                return t.shape;
            }
        ADD_FAILURE() << "no tensor " << name;
        return std::vector<std::size_t>{};
    };
    double mean = 0, rms = 0;
    for (const char* name : {"blocks.0.attn.qkv.weight", "blocks.0.attn.proj.weight", "blocks.1.mlp.fc.weight",
                             "blocks.1.mlp.proj.weight", "head.weight"}) {
        SCOPED_TRACE(name);
        const auto shape = stats(name, mean, rms);
        ASSERT_EQ(shape.size(), 2u);
        const double expected = std::sqrt(2.0 / double(shape[0] + shape[1]));  // fan_out = rows, fan_in = cols
        EXPECT_NEAR(rms, expected, 0.05 * expected);
        EXPECT_NEAR(mean, 0.0, 0.05 * expected);
    }
    for (const char* name :
         {"blocks.0.attn.qkv.bias", "blocks.0.attn.proj.bias", "blocks.1.mlp.fc.bias", "blocks.1.mlp.proj.bias"}) {
        stats(name, mean, rms);
        EXPECT_EQ(rms, 0.0) << name;
    }
    // the embedding the first block sees, wte[token] + wpe[position], has unit RMS
    std::vector<int> tokens(8 * 64), targets(8 * 64, 0);
    for (std::size_t i = 0; i < tokens.size(); i++) tokens[i] = static_cast<int>(i % 65);
    model.forward(Batch{nullptr, tokens.data(), targets.data(), 8, 64});
    EXPECT_NEAR(model.activation_std()[0], 1.0, 0.05);
    stats("wte", mean, rms);
    EXPECT_NEAR(rms, std::sqrt(0.5), 0.03);
    // GPT-2 style keeps 0.02
    cfg.init_style = CharLmInit::gpt2;
    CharTransformer<float> gpt2(cfg);
    for (const auto& t : gpt2.parameters().tensors())
        if (t.name == "blocks.0.mlp.proj.weight") {
            double sq = 0;
            for (std::size_t i = 0; i < t.size; i++)
                sq += double(gpt2.parameters().values()[t.offset + i]) * gpt2.parameters().values()[t.offset + i];
            EXPECT_NEAR(std::sqrt(sq / double(t.size)), 0.02, 0.001);
        }
    EXPECT_EQ(parse_char_lm_init("xavier"), CharLmInit::xavier);
    EXPECT_THROW(parse_char_lm_init("he"), std::invalid_argument);
}
