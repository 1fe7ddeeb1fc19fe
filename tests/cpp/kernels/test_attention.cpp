// Causal self-attention and embedding kernels: double-precision gradchecks and causality.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/attention.h"
#include "kernels/embedding.h"
#include "support/numgrad.h"
#include "engine/rng.h"

using normlab::Rng;
using namespace normlab::testing;

namespace {

struct AttnCase {
    std::size_t B, T, C, NH;
};

void check_attention_grad(const AttnCase& c, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<double> qkv = random_vector(c.B * c.T * 3 * c.C, rng);
    const std::vector<double> w = random_vector(c.B * c.T * c.C, rng);
    std::vector<double> out(c.B * c.T * c.C), att(c.B * c.NH * c.T * c.T);

    auto loss = [&] {
        normlab::attention_forward(out.data(), att.data(), qkv.data(), c.B, c.T, c.C, c.NH);
        return weighted_sum(out, w);
    };
    loss();
    std::vector<double> dqkv(qkv.size(), 0.0), scratch(c.T);
    normlab::attention_backward(dqkv.data(), scratch.data(), w.data(), qkv.data(), att.data(), c.B, c.T, c.C, c.NH);
    const GradCheckResult r = gradcheck(loss, qkv.data(), dqkv.data(), qkv.size(), 1e-3, 1e-6, 100000);
    NORMLAB_EXPECT_GRAD(r, 1e-6, "dqkv");
}

}  // namespace

TEST(Attention, GradcheckSingleHead) { check_attention_grad({1, 5, 4, 1}, 11); }
TEST(Attention, GradcheckMultiHeadBatch) { check_attention_grad({2, 6, 12, 3}, 12); }
TEST(Attention, GradcheckLengthOne) { check_attention_grad({3, 1, 6, 2}, 13); }

TEST(Attention, BackwardAccumulates) {
    const std::size_t B = 1, T = 4, C = 4, NH = 2;
    Rng rng(3);
    const std::vector<double> qkv = random_vector(B * T * 3 * C, rng), g = random_vector(B * T * C, rng);
    std::vector<double> out(B * T * C), att(B * NH * T * T), scratch(T);
    normlab::attention_forward(out.data(), att.data(), qkv.data(), B, T, C, NH);
    std::vector<double> once(qkv.size(), 0.0), twice(qkv.size(), 0.0);
    normlab::attention_backward(once.data(), scratch.data(), g.data(), qkv.data(), att.data(), B, T, C, NH);
    normlab::attention_backward(twice.data(), scratch.data(), g.data(), qkv.data(), att.data(), B, T, C, NH);
    normlab::attention_backward(twice.data(), scratch.data(), g.data(), qkv.data(), att.data(), B, T, C, NH);
    for (std::size_t i = 0; i < once.size(); i++) EXPECT_NEAR(twice[i], 2.0 * once[i], 1e-12);
}

TEST(Attention, ProbabilitiesAreCausalRowsSummingToOne) {
    const std::size_t B = 2, T = 7, C = 8, NH = 2;
    Rng rng(4);
    std::vector<float> qkv(B * T * 3 * C);
    for (float& x : qkv) x = 3.0f * rng.normal();
    std::vector<float> out(B * T * C), att(B * NH * T * T, 123.0f);
    normlab::attention_forward(out.data(), att.data(), qkv.data(), B, T, C, NH);
    for (std::size_t row = 0; row < B * NH * T; row++) {
        const std::size_t t = row % T;
        double sum = 0.0;
        for (std::size_t t2 = 0; t2 < T; t2++) {
            const float p = att[row * T + t2];
            if (t2 > t)
                EXPECT_EQ(p, 0.0f);
            else
                EXPECT_GE(p, 0.0f);
            sum += p;
        }
        EXPECT_NEAR(sum, 1.0, 1e-6);
    }
}

TEST(Attention, LargeScoresDoNotOverflow) {
    // scores of order 1e4: without max-subtraction exp would overflow to inf and give NaN
    const std::size_t B = 1, T = 3, C = 2, NH = 1;
    std::vector<float> qkv(B * T * 3 * C, 100.0f);
    std::vector<float> out(B * T * C), att(B * NH * T * T);
    normlab::attention_forward(out.data(), att.data(), qkv.data(), B, T, C, NH);
    for (float v : out) EXPECT_FLOAT_EQ(v, 100.0f);
}

TEST(Attention, FutureTokensNeverChangeEarlierOutputs) {
    // Changing position t0's q, k, v leaves outputs before t0 bitwise identical, in float.
    const std::size_t B = 2, T = 9, C = 12, NH = 3;
    Rng rng(5);
    std::vector<float> qkv(B * T * 3 * C);
    for (float& x : qkv) x = rng.normal();
    std::vector<float> out1(B * T * C), out2(B * T * C), att(B * NH * T * T);
    normlab::attention_forward(out1.data(), att.data(), qkv.data(), B, T, C, NH);
    const std::size_t t0 = 5;
    for (std::size_t b = 0; b < B; b++)
        for (std::size_t i = 0; i < 3 * C; i++) qkv[(b * T + t0) * 3 * C + i] += 10.0f * rng.normal();
    normlab::attention_forward(out2.data(), att.data(), qkv.data(), B, T, C, NH);
    for (std::size_t b = 0; b < B; b++)
        for (std::size_t t = 0; t < T; t++) {
            const bool same = std::memcmp(&out1[(b * T + t) * C], &out2[(b * T + t) * C], C * sizeof(float)) == 0;
            if (t < t0)
                EXPECT_TRUE(same) << "b " << b << " t " << t;
            else if (t == t0)
                EXPECT_FALSE(same);
        }
}

namespace {

// The row-by-row definition of the attention kernels (one score, one dot product at a time), as
// kernels/attention.cpp computed them before it was vectorised: the kernels must keep its bits.
void attention_forward_rowwise(float* out, float* att, const float* qkv, std::size_t B, std::size_t Tn, std::size_t C,
                               std::size_t NH) {
    const std::size_t C3 = 3 * C, hs = C / NH;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
    for (std::size_t b = 0; b < B; b++)
        for (std::size_t h = 0; h < NH; h++)
            for (std::size_t t = 0; t < Tn; t++) {
                const float* q = qkv + (b * Tn + t) * C3 + h * hs;
                float* p = att + ((b * NH + h) * Tn + t) * Tn;
                float maxval = -INFINITY;
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const float* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                    float s = 0.0f;
                    for (std::size_t i = 0; i < hs; i++) s += q[i] * k[i];
                    s *= scale;
                    p[t2] = s;
                    if (s > maxval) maxval = s;
                }
                float sum = 0.0f;
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const float e = std::exp(p[t2] - maxval);
                    p[t2] = e;
                    sum += e;
                }
                const float inv = 1.0f / sum;
                for (std::size_t t2 = 0; t2 <= t; t2++) p[t2] *= inv;
                for (std::size_t t2 = t + 1; t2 < Tn; t2++) p[t2] = 0.0f;
                float* o = out + (b * Tn + t) * C + h * hs;
                for (std::size_t i = 0; i < hs; i++) o[i] = 0.0f;
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const float* v = qkv + (b * Tn + t2) * C3 + 2 * C + h * hs;
                    for (std::size_t i = 0; i < hs; i++) o[i] += p[t2] * v[i];
                }
            }
}

void attention_backward_rowwise(float* dqkv, float* dp, const float* dout, const float* qkv, const float* att,
                                std::size_t B, std::size_t Tn, std::size_t C, std::size_t NH) {
    const std::size_t C3 = 3 * C, hs = C / NH;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
    for (std::size_t b = 0; b < B; b++)
        for (std::size_t h = 0; h < NH; h++)
            for (std::size_t t = 0; t < Tn; t++) {
                const float* p = att + ((b * NH + h) * Tn + t) * Tn;
                const float* g = dout + (b * Tn + t) * C + h * hs;
                const float* q = qkv + (b * Tn + t) * C3 + h * hs;
                float* dq = dqkv + (b * Tn + t) * C3 + h * hs;
                float pdp = 0.0f;
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const float* v = qkv + (b * Tn + t2) * C3 + 2 * C + h * hs;
                    float* dv = dqkv + (b * Tn + t2) * C3 + 2 * C + h * hs;
                    float s = 0.0f;
                    for (std::size_t i = 0; i < hs; i++) {
                        s += g[i] * v[i];
                        dv[i] += p[t2] * g[i];
                    }
                    dp[t2] = s;
                    pdp += p[t2] * s;
                }
                for (std::size_t t2 = 0; t2 <= t; t2++) {
                    const float ds = p[t2] * (dp[t2] - pdp) * scale;
                    const float* k = qkv + (b * Tn + t2) * C3 + C + h * hs;
                    float* dk = dqkv + (b * Tn + t2) * C3 + C + h * hs;
                    for (std::size_t i = 0; i < hs; i++) {
                        dq[i] += ds * k[i];
                        dk[i] += ds * q[i];
                    }
                }
            }
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

TEST(Attention, VectorisedKernelsKeepTheRowByRowBits) {
    // shapes of the lr-sweep and the benchmarks (hs 8, 16, 64), odd sizes, one whose (T, T) does not
    // fit the kernels' scratch (the backward's row-by-row path) and one whose (hs, T) does not either
    const AttnCase cases[] = {{2, 16, 32, 4}, {1, 64, 64, 4},  {1, 64, 256, 4}, {2, 7, 12, 3},
                              {1, 1, 4, 1},   {1, 200, 32, 2}, {1, 300, 128, 1}};
    for (const AttnCase& c : cases) {
        Rng rng(c.B * 1000 + c.T * 10 + c.C);
        std::vector<float> qkv(c.B * c.T * 3 * c.C), dout(c.B * c.T * c.C);
        for (float& x : qkv) x = 2.0f * rng.normal();
        for (float& x : dout) x = rng.normal();
        std::vector<float> out(c.B * c.T * c.C), att(c.B * c.NH * c.T * c.T), out_ref(out), att_ref(att);
        float max_logit = 0.0f;
        normlab::attention_forward(out.data(), att.data(), qkv.data(), c.B, c.T, c.C, c.NH, &max_logit);
        attention_forward_rowwise(out_ref.data(), att_ref.data(), qkv.data(), c.B, c.T, c.C, c.NH);
        EXPECT_TRUE(same_bits(out, out_ref)) << "out, T=" << c.T << " C=" << c.C;
        EXPECT_TRUE(same_bits(att, att_ref)) << "att, T=" << c.T << " C=" << c.C;
        const float m = normlab::attention_max_logit(qkv.data(), c.B, c.T, c.C, c.NH);
        EXPECT_EQ(std::memcmp(&max_logit, &m, sizeof m), 0) << "max logit " << max_logit << " vs " << m;
        // backward accumulates into a non-zero buffer, as in training after other terms
        std::vector<float> dqkv(qkv.size()), scratch(c.T), scratch_ref(c.T);
        for (float& x : dqkv) x = 0.5f * rng.normal();
        std::vector<float> dqkv_ref = dqkv;
        normlab::attention_backward(dqkv.data(), scratch.data(), dout.data(), qkv.data(), att.data(), c.B, c.T, c.C,
                                    c.NH);
        attention_backward_rowwise(dqkv_ref.data(), scratch_ref.data(), dout.data(), qkv.data(), att.data(), c.B, c.T,
                                   c.C, c.NH);
        EXPECT_TRUE(same_bits(dqkv, dqkv_ref)) << "dqkv, T=" << c.T << " C=" << c.C;
    }
}

TEST(Attention, MaxLogitOfTheForwardPropagatesNaN) {
    const std::size_t B = 1, T = 3, C = 4, NH = 1;
    std::vector<float> qkv(B * T * 3 * C, 0.5f), out(B * T * C), att(B * NH * T * T);
    qkv[1 * 3 * C + C] = NAN;  // key of position 1
    float m = 0.0f;
    normlab::attention_forward(out.data(), att.data(), qkv.data(), B, T, C, NH, &m);
    EXPECT_TRUE(std::isnan(m));
    EXPECT_TRUE(std::isnan(normlab::attention_max_logit(qkv.data(), B, T, C, NH)));
}

TEST(Attention, MaxLogitOfTheForwardMatchesTheScanOnLongRows) {
    // rows long enough for the vectorised maximum (groups of four): random scores, scores that are all
    // zero (the scan keeps the first of equal maxima), and a NaN score inside a group
    const std::size_t B = 2, T = 16, C = 16, NH = 2;
    Rng rng(5);
    std::vector<float> qkv(B * T * 3 * C), out(B * T * C), att(B * NH * T * T);
    for (float& x : qkv) x = rng.normal();
    auto expect_same_max = [&](const char* what) {
        float m = 1.0f;
        normlab::attention_forward(out.data(), att.data(), qkv.data(), B, T, C, NH, &m);
        const float scan = normlab::attention_max_logit(qkv.data(), B, T, C, NH);
        EXPECT_TRUE(std::memcmp(&m, &scan, sizeof m) == 0 || (std::isnan(m) && std::isnan(scan)))
            << what << ": " << m << " vs " << scan;
        return m;
    };
    expect_same_max("random");
    std::vector<float> zero_queries = qkv;
    for (std::size_t row = 0; row < B * T; row++)
        for (std::size_t i = 0; i < C; i++) zero_queries[row * 3 * C + i] = 0.0f;
    std::swap(qkv, zero_queries);
    EXPECT_EQ(expect_same_max("zero scores"), 0.0f);
    std::swap(qkv, zero_queries);
    qkv[(T + 9) * 3 * C + C + 1] = NAN;  // a key of batch row 1, position 9, head 0
    EXPECT_TRUE(std::isnan(expect_same_max("NaN key")));
}

TEST(Embedding, ForwardAddsTokenAndPositionRows) {
    const std::size_t B = 1, T = 2, C = 3;
    const std::vector<std::int32_t> tok = {2, 0};
    const std::vector<float> wte = {1, 2, 3, 4, 5, 6, 7, 8, 9};  // (3, 3)
    const std::vector<float> wpe = {10, 20, 30, 40, 50, 60};     // (2, 3)
    std::vector<float> out(B * T * C);
    normlab::embedding_forward(out.data(), tok.data(), wte.data(), wpe.data(), B, T, C);
    const std::vector<float> expect = {17, 28, 39, 41, 52, 63};
    EXPECT_EQ(out, expect);
}

TEST(Embedding, Gradcheck) {
    const std::size_t B = 3, T = 4, C = 5, V = 6, maxT = 7;
    Rng rng(21);
    std::vector<std::int32_t> tok(B * T);
    for (auto& t : tok) t = static_cast<std::int32_t>(rng.below(V));
    tok[0] = tok[1] = 2;  // a repeated token: its row must get both contributions
    std::vector<double> wte = random_vector(V * C, rng), wpe = random_vector(maxT * C, rng);
    const std::vector<double> w = random_vector(B * T * C, rng);
    std::vector<double> out(B * T * C);
    auto loss = [&] {
        normlab::embedding_forward(out.data(), tok.data(), wte.data(), wpe.data(), B, T, C);
        return weighted_sum(out, w);
    };
    std::vector<double> dwte(wte.size(), 0.0), dwpe(wpe.size(), 0.0);
    normlab::embedding_backward(dwte.data(), dwpe.data(), w.data(), tok.data(), B, T, C);
    NORMLAB_EXPECT_GRAD(gradcheck(loss, wte.data(), dwte.data(), wte.size()), 1e-6, "dwte");
    NORMLAB_EXPECT_GRAD(gradcheck(loss, wpe.data(), dwpe.data(), wpe.size()), 1e-6, "dwpe");
    // positions beyond T receive no gradient
    for (std::size_t i = T * C; i < maxT * C; i++) EXPECT_EQ(dwpe[i], 0.0);
}
