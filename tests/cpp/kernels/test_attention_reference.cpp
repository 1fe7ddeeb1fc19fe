// Causal multi-head self-attention (fused QKV Linear -> attention -> output Linear) and the fused
// softmax cross-entropy in float32 against PyTorch, from tests/fixtures/attention_reference.json
// (scripts/make_attention_reference.py: float64 reference from the recorded float32 inputs).
//
// Comparison rule, per tensor:
//     |ours - ref| <= 1e-5 * max(|ref|, 0.1 * max_i |ref_i|)
// 1e-5 relative (~80 float32 ulps) for every element within 10x of the tensor's largest; below
// that the allowance becomes absolute, 1e-6 * max|ref|, about 8 float32 ulps of the tensor's
// scale. The floor is needed because a float32 sum is accurate to a few ulps of the size of its
// terms, not of its result: dW = sum over rows of dout x, whose terms are as large as the
// largest gradient, cancels to elements 100x smaller that carry an absolute error of ~1 ulp of
// the largest (measured: 7e-7 on an element 0.06 of a tensor whose max is 8.5, i.e. 1.2e-5
// relative to the element). Summation order (the blocked gemm) moves these errors around by a
// few ulps, hence 8 rather than 1. A real bug (a wrong scale, a missing term, an off-by-one in
// the mask) is wrong by 1e-2 or more of the tensor's scale and fails by 1e4. Set
// NORMLAB_PRINT_ERRORS=1 to print the worst fraction of the allowance each tensor uses.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "kernels/attention.h"
#include "kernels/layers.h"

namespace {

using nlohmann::json;

json load_fixture() {
    const std::string path = std::string(NORMLAB_SOURCE_DIR) + "/tests/fixtures/attention_reference.json";
    std::ifstream in(path);
    if (!in) {
        ADD_FAILURE() << "cannot open " << path << " (run /usr/bin/python3 scripts/make_attention_reference.py)";
        return json::object();
    }
    return json::parse(in);
}

std::vector<float> floats(const json& v) { return v.get<std::vector<float>>(); }

void expect_close(const std::vector<float>& ours, const std::vector<float>& ref, const std::string& what) {
    ASSERT_EQ(ours.size(), ref.size()) << what;
    double scale = 0.0;
    for (float r : ref) scale = std::max(scale, std::fabs(static_cast<double>(r)));
    double worst = 0.0;
    std::size_t worst_i = 0;
    for (std::size_t i = 0; i < ref.size(); i++) {
        const double allow = 1e-5 * std::max(std::fabs(static_cast<double>(ref[i])), 0.1 * scale);
        const double frac = std::fabs(static_cast<double>(ours[i]) - ref[i]) / allow;
        if (!(frac <= worst)) {  // also catches NaN
            worst = std::isnan(frac) ? INFINITY : frac;
            worst_i = i;
        }
    }
    if (std::getenv("NORMLAB_PRINT_ERRORS"))
        std::printf("%-28s uses %.3f of the allowance (element %g, tensor max %g)\n", what.c_str(), worst,
                    static_cast<double>(ref[worst_i]), scale);
    EXPECT_LE(worst, 1.0) << what << ": element " << worst_i << " ours " << ours[worst_i] << " ref " << ref[worst_i];
}

}  // namespace

TEST(AttentionReference, CausalMhaMatchesPyTorch) {
    const json doc = load_fixture();
    ASSERT_TRUE(doc.contains("mha"));
    ASSERT_GE(doc["mha"].size(), 1u);
    for (const json& c : doc["mha"]) {
        const std::string name = c["name"];
        const std::size_t B = c["B"], T = c["T"], C = c["C"], NH = c["NH"], BT = B * T;
        const std::vector<float> x = floats(c["x"]), wqkv = floats(c["w_qkv"]), bqkv = floats(c["b_qkv"]);
        const std::vector<float> wproj = floats(c["w_proj"]), bproj = floats(c["b_proj"]), dy = floats(c["dy"]);

        // forward: qkv = x Wqkvᵀ + b; attention; y = heads Wprojᵀ + b
        std::vector<float> qkv(BT * 3 * C), att(B * NH * T * T), heads(BT * C), y(BT * C);
        normlab::linear_forward(qkv.data(), x.data(), wqkv.data(), bqkv.data(), BT, C, 3 * C);
        normlab::attention_forward(heads.data(), att.data(), qkv.data(), B, T, C, NH);
        normlab::linear_forward(y.data(), heads.data(), wproj.data(), bproj.data(), BT, C, C);
        expect_close(y, floats(c["y"]), name + " y");
        expect_close(att, floats(c["att"]), name + " att");

        // backward of L = sum(dy * y)
        std::vector<float> dheads(BT * C, 0.0f), dqkv(BT * 3 * C, 0.0f), dx(BT * C, 0.0f), scratch(T);
        std::vector<float> dwqkv(wqkv.size(), 0.0f), dbqkv(bqkv.size(), 0.0f), dwproj(wproj.size(), 0.0f),
            dbproj(bproj.size(), 0.0f);
        normlab::linear_backward(dheads.data(), dwproj.data(), dbproj.data(), dy.data(), heads.data(), wproj.data(), BT,
                                 C, C);
        normlab::attention_backward(dqkv.data(), scratch.data(), dheads.data(), qkv.data(), att.data(), B, T, C, NH);
        normlab::linear_backward(dx.data(), dwqkv.data(), dbqkv.data(), dqkv.data(), x.data(), wqkv.data(), BT, C,
                                 3 * C);
        expect_close(dx, floats(c["dx"]), name + " dx");
        expect_close(dwqkv, floats(c["dw_qkv"]), name + " dw_qkv");
        expect_close(dbqkv, floats(c["db_qkv"]), name + " db_qkv");
        expect_close(dwproj, floats(c["dw_proj"]), name + " dw_proj");
        expect_close(dbproj, floats(c["db_proj"]), name + " db_proj");
    }
}

TEST(AttentionReference, CrossEntropyMatchesPyTorch) {
    const json doc = load_fixture();
    ASSERT_TRUE(doc.contains("cross_entropy"));
    for (const json& c : doc["cross_entropy"]) {
        const std::string name = c["name"];
        const std::size_t N = c["N"], V = c["V"];
        const std::vector<float> logits = floats(c["logits"]);
        const std::vector<int> targets = c["targets"].get<std::vector<int>>();
        std::vector<float> probs(N * V), dlogits(N * V, 0.0f);
        const float loss = normlab::softmax_cross_entropy_forward(probs.data(), logits.data(), targets.data(), N, V);
        normlab::softmax_cross_entropy_backward(dlogits.data(), probs.data(), targets.data(), N, V, 1.0f);
        expect_close({loss}, {c["loss"].get<float>()}, name + " loss");
        expect_close(dlogits, floats(c["dlogits"]), name + " dlogits");
    }
}
