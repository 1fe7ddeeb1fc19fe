// kernels/op_profile.h: the per-op profile records nothing when off, one entry per (op, shape)
// when on, FLOPs for the products, nested scopes kept apart; profiling never changes results.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "kernels/layers.h"
#include "kernels/op_profile.h"
#include "profile/step_profile.h"

namespace {

using namespace normlab;

const OpProfileEntry* find_entry(const char* name) {
    for (std::size_t i = 0; i < op_profile_count(); i++)
        if (std::strcmp(op_profile_entry(i).name, name) == 0) return &op_profile_entry(i);
    return nullptr;
}

struct LinearFixture {
    std::size_t B = 8, C = 16, OC = 12;
    std::vector<float> inp = std::vector<float>(B * C, 0.5f), w = std::vector<float>(OC * C, 0.25f),
                       b = std::vector<float>(OC, 1.0f), out = std::vector<float>(B * OC);
    void forward() { linear_forward(out.data(), inp.data(), w.data(), b.data(), B, C, OC); }
};

TEST(OpProfile, OffRecordsNothing) {
    op_profile_reset();
    op_profile_enable(false);
    LinearFixture f;
    f.forward();
    EXPECT_EQ(op_profile_count(), 0u);
}

TEST(OpProfile, OnRecordsOpsShapesCallsAndFlops) {
    op_profile_reset();
    op_profile_enable(true);
    LinearFixture f;
    f.forward();
    f.forward();
    relu_forward(f.out.data(), f.out.data(), f.B * f.OC);
    op_profile_enable(false);
    const OpProfileEntry* g = find_entry("gemm_nt");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->m, f.B);
    EXPECT_EQ(g->n, f.OC);
    EXPECT_EQ(g->k, f.C);
    EXPECT_EQ(g->calls, 2);
    EXPECT_DOUBLE_EQ(g->flops, 2.0 * 2.0 * static_cast<double>(f.B * f.OC * f.C));
    // the float Linear adds its bias in the GEMM's output pass (gemm_nt_bias): no separate bias pass
    EXPECT_EQ(find_entry("bias_add"), nullptr);
    const OpProfileEntry* relu = find_entry("relu_fwd");
    ASSERT_NE(relu, nullptr);
    EXPECT_EQ(relu->m, f.B * f.OC);
    EXPECT_EQ(relu->calls, 1);
    for (std::size_t i = 0; i < op_profile_count(); i++) EXPECT_GE(op_profile_entry(i).ms, 0.0);
    EXPECT_EQ(op_profile_dropped(), 0);
    // the profile does not change results: same output as with profiling off
    std::vector<float> profiled = f.out;
    f.forward();
    relu_forward(f.out.data(), f.out.data(), f.B * f.OC);
    EXPECT_EQ(profiled, f.out);
}

TEST(OpProfile, NestedScopesKeepTheirOwnEntries) {
    op_profile_reset();
    op_profile_enable(true);
    for (int r = 0; r < 3; r++) {
        OpScope outer("outer", 1);
        OpScope inner("inner", 2);
    }
    OpScope after("after");  // the stack is balanced: a later scope is recorded on its own
    op_profile_enable(false);
    const OpProfileEntry* outer = find_entry("outer");
    const OpProfileEntry* inner = find_entry("inner");
    ASSERT_NE(outer, nullptr);
    ASSERT_NE(inner, nullptr);
    EXPECT_EQ(outer->calls, 3);
    EXPECT_EQ(inner->calls, 3);
    EXPECT_EQ(outer->m, 1u);
    EXPECT_EQ(inner->m, 2u);
    EXPECT_NE(find_entry("after"), nullptr);
    EXPECT_GE(outer->ms, 0.0);
    EXPECT_GE(inner->ms, 0.0);
    op_profile_reset();
    EXPECT_EQ(op_profile_count(), 0u);
}

// The step profile's summary by kind (bench/profile/step_profile.h), printed and written as JSON for
// the Node and Chromium columns: rows summed into their kind, kinds in the order of first appearance.
TEST(StepProfile, ShareByKindSumsRowsIntoTheirKindInBothOutputs) {
    bench::StepProfile p;
    p.model = "m";
    const std::vector<std::pair<const char*, double>> rows = {{"gemm_nt", 0.5},    {"attention_fwd", 0.2},
                                                              {"gemm_tn", 0.1},    {"optimizer", 0.05},
                                                              {"grad_norm", 0.05}, {"layernorm_bwd", 0.1}};
    for (const auto& [op, share] : rows) {
        bench::ProfileRow r;
        r.op = op;
        r.share = share;
        p.rows.push_back(r);
    }
    const auto kinds = bench::share_by_kind(p);
    ASSERT_EQ(kinds.size(), 4u);
    EXPECT_EQ(kinds[0].first, "matmul");
    EXPECT_DOUBLE_EQ(kinds[0].second, 0.5 + 0.1);
    EXPECT_EQ(kinds[1].first, "attention");
    EXPECT_EQ(kinds[2].first, "optimizer");
    EXPECT_DOUBLE_EQ(kinds[2].second, 0.05 + 0.05);
    EXPECT_EQ(kinds[3].first, "norm");
    const nlohmann::json j = bench::profile_json({p}, 20.0)["models"]["m"]["share_by_kind"];
    EXPECT_DOUBLE_EQ(j["matmul"].get<double>(), 0.5 + 0.1);
    EXPECT_DOUBLE_EQ(j["attention"].get<double>(), 0.2);
    EXPECT_DOUBLE_EQ(j["norm"].get<double>(), 0.1);
    EXPECT_NE(bench::format_profile(p, 20.0).find("by kind: matmul 60.0% attention 20.0% optimizer 10.0% norm 10.0%"),
              std::string::npos);
}

// The floor's FLOPs two ways: the GEMMs only, and the GEMMs plus attention's products over the whole
// T × T (the count); attention's products as computed (causal) are reported apart. All against
// the model's shapes worked by hand: the sweep's run, d 64, 4 blocks, 4 heads, batch 8, context 32
// (BT = 256 rows), the vocabulary of the profile's synthetic text.
TEST(StepProfile, TheFloorCountsTheGemmsAndAttentionApart) {
    const CharLmRunConfig c = bench::charlm_sweep_profile_config();
    const bench::StepProfile p = bench::profile_model("charlm_sweep", 1, 50.0);
    const double BT = 8.0 * 32.0, C = 64.0, L = 4.0, T = 32.0, heads = 8.0 * 4.0, hs = 16.0;
    ASSERT_EQ(c.model.d_model, 64u);
    ASSERT_EQ(c.model.n_layers, 4u);
    // per block qkv (3C), proj (C), fc (4C), fc2 (4C) weights of C inputs each; the head's V × C
    // weights; forward 2 FLOPs a weight a row, backward twice that
    const double block_weights = C * (3.0 * C + C + 4.0 * C + 4.0 * C);
    const double V = static_cast<double>(CharDataset(synthetic_text(200000, 1)).vocab_size());  // as the subject
    EXPECT_NEAR(p.matmul_gflop * 1e9, 3.0 * 2.0 * BT * (L * block_weights + V * C), 1.0);
    // attention: 2 products forward, 4 backward, row t of each with t + 1 terms of hs multiply-adds
    const double causal = T * (T + 1.0) / 2.0;
    EXPECT_NEAR(p.attention_gflop * 1e9, L * 6.0 * heads * causal * hs * 2.0, 1.0);
    EXPECT_NEAR(p.attention_full_gflop * 1e9, L * 6.0 * heads * T * T * hs * 2.0, 1.0);
    // the same pairs, the floor larger by the attention products' share of the GEMMs'
    const double with_attention = (p.matmul_gflop + p.attention_full_gflop) / p.matmul_gflop;
    EXPECT_GT(p.share_pairs_median, 0.0);
    EXPECT_DOUBLE_EQ(p.share_with_attention_median, p.share_pairs_median * with_attention);
    EXPECT_DOUBLE_EQ(p.share_with_attention_min, p.share_pairs_min * with_attention);
    EXPECT_DOUBLE_EQ(p.share_with_attention_max, p.share_pairs_max * with_attention);
}

// Without attention (the MLP) both counts are the same floor.
TEST(StepProfile, WithoutAttentionBothCountsAgree) {
    const bench::StepProfile p = bench::profile_model("mlp12x256", 1, 50.0);
    EXPECT_EQ(p.attention_full_gflop, 0.0);
    EXPECT_DOUBLE_EQ(p.share_with_attention_median, p.share_pairs_median);
}

}  // namespace
