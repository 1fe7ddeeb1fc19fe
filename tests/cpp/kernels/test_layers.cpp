// The training engine's building blocks: GEMM against a naive reference, double-precision gradchecks of every
// layer (Linear with/without bias, ReLU away from kinks, GELU, tanh, softmax-CE) and of the whole
// MLP with each norm kind that applies to it, before and after the activation.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/double_sums.h"
#include "kernels/gemm.h"
#include "kernels/layers.h"
#include "models/mlp.h"
#include "support/backward_checks.h"
#include "support/numgrad.h"
#include "engine/rng.h"

using namespace normlab;
using namespace normlab::testing;

namespace {

// ---- GEMM ------------------------------------------------------------------

std::vector<float> random_floats(std::size_t n, Rng& rng) {
    std::vector<float> v(n);
    for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
    return v;
}

// reference in double: C = op(A) op(B) (+ C0)
void gemm_reference(std::vector<double>& C, const std::vector<float>& A, const std::vector<float>& B, std::size_t M,
                    std::size_t N, std::size_t K, char variant) {
    for (std::size_t i = 0; i < M; i++)
        for (std::size_t j = 0; j < N; j++) {
            double s = 0.0;
            for (std::size_t k = 0; k < K; k++) {
                const double a = variant == 't' ? A[k * M + i] : A[i * K + k];
                const double b = variant == 'n' ? B[j * K + k] : B[k * N + j];  // 'n' = nt
                s += a * b;
            }
            C[i * N + j] += s;
        }
}

void check_gemm(std::size_t M, std::size_t N, std::size_t K, char variant, bool accumulate) {
    Rng rng(M * 1000003 + N * 1009 + K);
    const std::vector<float> A = random_floats(M * K, rng), B = random_floats(K * N, rng);
    std::vector<float> C = random_floats(M * N, rng);
    std::vector<double> ref(M * N, 0.0);
    if (accumulate)
        for (std::size_t i = 0; i < M * N; i++) ref[i] = C[i];
    gemm_reference(ref, A, B, M, N, K, variant);
    if (variant == 'm') gemm_nn(C.data(), A.data(), B.data(), M, N, K, accumulate);
    if (variant == 'n') gemm_nt(C.data(), A.data(), B.data(), M, N, K, accumulate);
    if (variant == 't') gemm_tn(C.data(), A.data(), B.data(), M, N, K, accumulate);
    double worst = 0.0;
    for (std::size_t i = 0; i < M * N; i++) worst = std::max(worst, std::fabs(C[i] - ref[i]));
    EXPECT_LE(worst, 1e-5 * std::sqrt(static_cast<double>(K)) + 1e-6)
        << "variant " << variant << " M=" << M << " N=" << N << " K=" << K << " acc=" << accumulate;
}

TEST(Gemm, AllVariantsMatchReferenceOnAwkwardSizes) {
    const std::size_t sizes[][3] = {{1, 1, 1},    {3, 5, 7},     {4, 16, 8},    {7, 17, 33}, {64, 256, 256},
                                    {13, 9, 300}, {65, 130, 70}, {128, 3, 513}, {2, 300, 1}};
    for (const auto& s : sizes)
        for (char v : {'m', 'n', 't'})
            for (bool acc : {false, true}) check_gemm(s[0], s[1], s[2], v, acc);
}

TEST(Gemm, OverwriteIgnoresGarbageInC) {
    std::vector<float> A = {1, 2, 3, 4}, B = {5, 6, 7, 8}, C(4, NAN);
    gemm_nn(C.data(), A.data(), B.data(), 2, 2, 2, false);
    EXPECT_FLOAT_EQ(C[0], 19.0f);
    EXPECT_FLOAT_EQ(C[1], 22.0f);
    EXPECT_FLOAT_EQ(C[2], 43.0f);
    EXPECT_FLOAT_EQ(C[3], 50.0f);
}

// A product written over garbage has the bits of the same product added to zeros (what
// linear_backward's dweight_zeroed relies on): every sum starts from +0, so it is never -0 and
// 0 + x = x, for one k-block and for several (K > 256), with sums that cancel to exactly zero.
TEST(Gemm, WritingEqualsAddingToZerosBitForBit) {
    for (const auto& s : std::vector<std::array<std::size_t, 3>>{{64, 256, 64}, {13, 9, 600}, {8, 8, 4}})
        for (char v : {'m', 'n', 't'}) {
            const std::size_t M = s[0], N = s[1], K = s[2];
            Rng rng(M + N + K);
            std::vector<float> A = random_floats(M * K, rng), B = random_floats(K * N, rng);
            for (std::size_t i = 0; i < M * K; i += 3) A[i] = -0.0f;  // products of -0
            for (std::size_t j = 0; j < K * N; j += 5) B[j] = 0.0f;   // and of +0
            if (K == 4) A.assign(M * K, 0.0f);                        // whole sums of zeros
            std::vector<float> added(M * N, 0.0f), written(M * N, NAN);
            auto run = [&](std::vector<float>& C, bool accumulate) {
                if (v == 'm') gemm_nn(C.data(), A.data(), B.data(), M, N, K, accumulate);
                if (v == 'n') gemm_nt(C.data(), A.data(), B.data(), M, N, K, accumulate);
                if (v == 't') gemm_tn(C.data(), A.data(), B.data(), M, N, K, accumulate);
            };
            run(added, true);
            run(written, false);
            EXPECT_EQ(std::memcmp(added.data(), written.data(), M * N * sizeof(float)), 0)
                << "variant " << v << " M=" << M << " N=" << N << " K=" << K;
        }
}

// linear_backward's write_dinp: the input gradient written over whatever dinp held (NaN here) has the
// bits of the same gradient added to a zeroed dinp, the weight and bias gradients unchanged.
TEST(Layers, LinearBackwardWritingTheInputGradientEqualsAddingItToZeros) {
    const std::size_t B = 5, C = 7, OC = 300;  // OC > 256: the input-gradient product has two k-blocks
    Rng rng(8);
    const std::vector<float> dout = random_floats(B * OC, rng), inp = random_floats(B * C, rng),
                             w = random_floats(OC * C, rng);
    std::vector<float> dinp_added(B * C, 0.0f), dinp_written(B * C, std::nanf(""));
    std::vector<float> dw_a(OC * C, 0.0f), dw_b(OC * C, 0.0f), db_a(OC, 0.0f), db_b(OC, 0.0f);
    linear_backward(dinp_added.data(), dw_a.data(), db_a.data(), dout.data(), inp.data(), w.data(), B, C, OC);
    linear_backward(dinp_written.data(), dw_b.data(), db_b.data(), dout.data(), inp.data(), w.data(), B, C, OC,
                    /*dweight_zeroed=*/false, /*write_dinp=*/true);
    EXPECT_EQ(std::memcmp(dinp_added.data(), dinp_written.data(), dinp_added.size() * sizeof(float)), 0);
    EXPECT_EQ(std::memcmp(dw_a.data(), dw_b.data(), dw_a.size() * sizeof(float)), 0);
    EXPECT_EQ(std::memcmp(db_a.data(), db_b.data(), db_a.size() * sizeof(float)), 0);
}

TEST(Layers, ActivationBackwardOverwritingFeedsALinearBackwardTheSameBits) {
    // An activation's backward with overwrite writes the term where add mode gives 0 + term: equal
    // except that a -0 term stays -0. The models use it only where a Linear's backward reads the result,
    // whose products and sums must then give the same bits either way.
    const std::size_t B = 6, C = 5, OC = 40;
    Rng rng(21);
    std::vector<float> pre = random_floats(B * OC, rng), dout = random_floats(B * OC, rng);
    for (std::size_t i = 0; i < B * OC; i += 3) {  // zero gradients at negative inputs give -0 terms
        pre[i] = -2.0f - pre[i] * pre[i];
        dout[i] = 0.0f;
    }
    const std::vector<float> inp = random_floats(B * C, rng), w = random_floats(OC * C, rng);
    std::vector<float> act(B * OC), dydx(B * OC);
    gelu_forward(act.data(), dydx.data(), pre.data(), B * OC);
    std::vector<float> tanh_out(B * OC);
    tanh_forward(tanh_out.data(), pre.data(), B * OC);
    for (int kind = 0; kind < 3; kind++) {
        std::vector<float> added(B * OC, 0.0f), written(B * OC, std::nanf(""));
        for (int mode = 0; mode < 2; mode++) {
            float* d = mode == 0 ? added.data() : written.data();
            const bool overwrite = mode == 1;
            if (kind == 0) relu_backward(d, dout.data(), pre.data(), B * OC, overwrite);
            if (kind == 1) gelu_backward(d, dout.data(), static_cast<const float*>(dydx.data()), B * OC, overwrite);
            if (kind == 2) tanh_backward(d, dout.data(), static_cast<const float*>(tanh_out.data()), B * OC, overwrite);
        }
        std::size_t negative_zeros = 0;
        for (std::size_t i = 0; i < B * OC; i++) {
            EXPECT_EQ(added[i], written[i]) << "kind " << kind << " at " << i;  // values equal (-0 == +0)
            negative_zeros += written[i] == 0.0f && std::signbit(written[i]);
        }
        if (kind == 1) EXPECT_GT(negative_zeros, 0u);  // GELU's negative slope makes -0 terms: exercised
        // a Linear's backward onto zeroed and onto non-zero grads: the same bits from either
        for (const bool zeroed : {true, false}) {
            std::vector<float> dinp_a(B * C), dinp_b(B * C), dw_a(OC * C, zeroed ? 0.0f : 0.5f),
                dw_b = dw_a, db_a(OC, zeroed ? 0.0f : 0.25f), db_b = db_a;
            linear_backward(dinp_a.data(), dw_a.data(), db_a.data(), added.data(), inp.data(), w.data(), B, C, OC,
                            zeroed, /*write_dinp=*/true);
            linear_backward(dinp_b.data(), dw_b.data(), db_b.data(), written.data(), inp.data(), w.data(), B, C, OC,
                            zeroed, /*write_dinp=*/true);
            EXPECT_EQ(std::memcmp(dinp_a.data(), dinp_b.data(), dinp_a.size() * sizeof(float)), 0) << kind;
            EXPECT_EQ(std::memcmp(dw_a.data(), dw_b.data(), dw_a.size() * sizeof(float)), 0) << kind;
            EXPECT_EQ(std::memcmp(db_a.data(), db_b.data(), db_a.size() * sizeof(float)), 0) << kind;
        }
    }
}

TEST(DoubleSums, TwoBuffersAtOnceHaveTheBitsOfOneAtATime) {
    // sum_squares_two runs two sums side by side over their common length, then each alone: every
    // length pairing (shorter first or second, tails of 0-3 elements) must give each buffer's own bits
    Rng rng(5);
    const std::vector<float> x = random_floats(203, rng), y = random_floats(203, rng);
    for (const std::size_t nx : {0, 1, 4, 7, 64, 203})
        for (const std::size_t ny : {0, 3, 8, 66, 203}) {
            double sx = -1.0, sy = -1.0;
            sum_squares_two(x.data(), nx, y.data(), ny, &sx, &sy);
            const double ax = sum_squares_about(x.data(), nx, 0.0), ay = sum_squares_about(y.data(), ny, 0.0);
            EXPECT_EQ(std::memcmp(&sx, &ax, sizeof sx), 0) << nx << " " << ny;
            EXPECT_EQ(std::memcmp(&sy, &ay, sizeof sy), 0) << nx << " " << ny;
        }
    // and the plain sum of squares by fours, written out
    double s[4] = {0.0, 0.0, 0.0, 0.0};
    for (std::size_t i = 0; i < 203; i++) s[i < 200 ? i % 4 : 0] += static_cast<double>(x[i]) * x[i];
    const double expected = (s[0] + s[1]) + (s[2] + s[3]), got = sum_squares_about(x.data(), 203, 0.0);
    EXPECT_EQ(std::memcmp(&expected, &got, sizeof got), 0);
}

TEST(Gemm, BiasInTheOutputPassRoundsAsASeparatePass) {
    // gemm_nt_bias must give the bits of gemm_nt followed by C[i][j] += bias[j], including edge tiles
    // and K over one k-block (the bias then comes after the last block's add)
    const std::size_t sizes[][3] = {{1, 1, 1}, {3, 5, 7}, {64, 256, 256}, {1024, 64, 64}, {65, 130, 300}, {7, 17, 0}};
    for (const auto& s : sizes) {
        const std::size_t M = s[0], N = s[1], K = s[2];
        Rng rng(M + 7 * N + 13 * K);
        const std::vector<float> A = random_floats(M * K, rng), B = random_floats(N * K, rng),
                                 bias = random_floats(N, rng);
        std::vector<float> fused(M * N, NAN), separate(M * N);
        gemm_nt_bias(fused.data(), A.data(), B.data(), bias.data(), M, N, K);
        gemm_nt(separate.data(), A.data(), B.data(), M, N, K, false);
        for (std::size_t i = 0; i < M; i++)
            for (std::size_t j = 0; j < N; j++) separate[i * N + j] += bias[j];
        EXPECT_EQ(std::memcmp(fused.data(), separate.data(), M * N * sizeof(float)), 0)
            << "M=" << M << " N=" << N << " K=" << K;
    }
}

// ---- layer gradchecks ------------------------------------------------------

void check_linear(bool with_bias) {
    const std::size_t B = 3, C = 5, OC = 4;
    Rng rng(with_bias ? 11 : 12);
    std::vector<double> x = random_vector(B * C, rng), w = random_vector(OC * C, rng), b = random_vector(OC, rng);
    const std::vector<double> dy = random_vector(B * OC, rng);
    std::vector<double> y(B * OC);
    const double* bias = with_bias ? b.data() : nullptr;
    auto loss = [&] {
        linear_forward(y.data(), x.data(), w.data(), bias, B, C, OC);
        return weighted_sum(y, dy);
    };
    // backward accumulates: start from non-zero buffers and subtract the start afterwards
    std::vector<double> dx(B * C, 0.5), dw(OC * C, -0.25), db(OC, 2.0);
    linear_backward(dx.data(), dw.data(), with_bias ? db.data() : nullptr, dy.data(), x.data(), w.data(), B, C, OC);
    for (double& v : dx) v -= 0.5;
    for (double& v : dw) v += 0.25;
    for (double& v : db) v -= 2.0;
    NORMLAB_EXPECT_GRAD(gradcheck(loss, x.data(), dx.data(), x.size()), 1e-8, "linear dx");
    NORMLAB_EXPECT_GRAD(gradcheck(loss, w.data(), dw.data(), w.size()), 1e-8, "linear dw");
    if (with_bias) NORMLAB_EXPECT_GRAD(gradcheck(loss, b.data(), db.data(), b.size()), 1e-8, "linear db");
}

TEST(Layers, LinearWithBiasGradcheck) { check_linear(true); }
TEST(Layers, LinearWithoutBiasGradcheck) { check_linear(false); }

TEST(Layers, LinearForwardMatchesHand) {
    // x (1, 2) = [1, 2]; W (2, 2) = [[1, 0], [3, -1]]; b = [0.5, -0.5] -> y = [1.5, 0.5]
    const std::vector<float> x = {1, 2}, w = {1, 0, 3, -1}, b = {0.5f, -0.5f};
    std::vector<float> y(2);
    linear_forward(y.data(), x.data(), w.data(), b.data(), 1, 2, 2);
    EXPECT_FLOAT_EQ(y[0], 1.5f);
    EXPECT_FLOAT_EQ(y[1], 0.5f);
}

template <typename Fwd, typename Bwd>
void check_elementwise(Fwd fwd, Bwd bwd, std::vector<double> x, double tol, const char* what) {
    Rng rng(7);
    const std::vector<double> dy = random_vector(x.size(), rng);
    std::vector<double> y(x.size());
    auto loss = [&] {
        fwd(y.data(), x.data(), x.size());
        return weighted_sum(y, dy);
    };
    loss();
    std::vector<double> dx(x.size(), 0.0);
    bwd(dx.data(), dy.data(), x.data(), y.data(), x.size());
    NORMLAB_EXPECT_GRAD(gradcheck(loss, x.data(), dx.data(), x.size(), 1e-3, 1e-4), tol, what);
}

std::vector<double> spread(std::size_t n, double lo, double hi) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; i++) x[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
    return x;
}

TEST(Layers, ReluGradcheckAwayFromKink) {
    std::vector<double> x = spread(40, -3.0, 3.0);
    for (double& v : x)
        if (std::fabs(v) < 0.05) v = 0.3;  // keep h-neighbourhoods off the kink
    check_elementwise([](double* y, const double* a, std::size_t n) { relu_forward(y, a, n); },
                      [](double* dx, const double* dy, const double* a, const double*, std::size_t n) {
                          relu_backward(dx, dy, a, n);
                      },
                      x, 1e-9, "relu");
}

TEST(Layers, GeluTanhApproximationGradcheckAndValues) {
    std::vector<double> dydx(41);  // the forward's derivative, read by the backward
    check_elementwise([&](double* y, const double* a, std::size_t n) { gelu_forward(y, dydx.data(), a, n); },
                      [&](double* dx, const double* dy, const double*, const double*, std::size_t n) {
                          gelu_backward(dx, dy, static_cast<const double*>(dydx.data()), n);
                      },
                      spread(41, -5.0, 5.0), 1e-7, "gelu");
    // torch.nn.functional.gelu(x, approximate='tanh') at 1.0 and -0.5
    const double x[2] = {1.0, -0.5};
    double y[2], d[2];
    gelu_forward(y, d, x, 2);
    EXPECT_NEAR(y[0], 0.8411919906082768, 1e-12);
    EXPECT_NEAR(y[1], -0.15428599017485606, 1e-12);
}

TEST(Layers, TanhGradcheck) {
    check_elementwise([](double* y, const double* a, std::size_t n) { tanh_forward(y, a, n); },
                      [](double* dx, const double* dy, const double*, const double* y, std::size_t n) {
                          tanh_backward(dx, dy, y, n);
                      },
                      spread(31, -4.0, 4.0), 1e-7, "tanh");
}

TEST(Layers, SoftmaxCrossEntropyGradcheck) {
    const std::size_t B = 4, V = 6;
    Rng rng(5);
    std::vector<double> z = random_vector(B * V, rng, 2.0), p(B * V);
    const std::vector<int> t = {0, 5, 2, 2};
    auto loss = [&] { return softmax_cross_entropy_forward(p.data(), z.data(), t.data(), B, V); };
    loss();
    std::vector<double> dz(B * V, 0.0);
    softmax_cross_entropy_backward(dz.data(), p.data(), t.data(), B, V, 1.0);
    NORMLAB_EXPECT_GRAD(gradcheck(loss, z.data(), dz.data(), z.size()), 1e-8, "softmax-CE dlogits");
}

TEST(Layers, SoftmaxCrossEntropyIsStableForHugeLogits) {
    // logits 1000 apart: a naive exp overflows; the loss must be exactly the gap, finite
    const std::vector<float> z = {1000.0f, 0.0f, -1000.0f, 3000.0f};
    std::vector<float> p(4);
    const std::vector<int> t = {1, 1};
    const float l = softmax_cross_entropy_forward(p.data(), z.data(), t.data(), 2, 2);
    // row 0: lse = 1000, loss = 1000; row 1: lse = 3000, loss = 3000 - (-1000)... target 1 = 3000 -> 0
    EXPECT_FLOAT_EQ(l, 500.0f);
    for (float v : p) EXPECT_TRUE(std::isfinite(v));
    EXPECT_FLOAT_EQ(p[0], 1.0f);
    EXPECT_FLOAT_EQ(p[1], 0.0f);
}

TEST(Layers, UniformLogitsGiveLogV) {
    const std::vector<float> z(10, 0.25f);
    std::vector<float> p(10);
    const std::vector<int> t = {3};
    EXPECT_NEAR(softmax_cross_entropy_forward(p.data(), z.data(), t.data(), 1, 10), std::log(10.0), 1e-6);
}

TEST(Layers, CountCorrectUsesFirstArgmax) {
    const std::vector<float> z = {0.1f, 0.9f, 0.0f, 2.0f, 2.0f, -1.0f, 0.0f, 0.0f, 5.0f};
    const std::vector<int> t = {1, 1, 2};
    EXPECT_EQ(count_correct(z.data(), t.data(), 3, 3), 2u);  // row 1 ties: argmax is 0
}

// ---- whole MLP gradcheck (double) ---------------------------------------------

void check_mlp(NormType kind, NormPosition pos, Activation act, bool bias) {
    MlpConfig c;
    c.input_dim = 3;
    c.hidden_dim = 4;
    c.num_layers = 2;
    c.num_classes = 3;
    c.batch_size = 5;
    c.activation = act;
    c.norm.kind = kind;
    c.norm.groups = 2;
    c.norm.dyt_alpha = 0.7f;
    c.norm_position = pos;
    c.bias = bias;
    c.init.scheme = InitScheme::kaiming_normal;  // biases zero...
    c.seed = 99;
    MlpT<double> model(c);
    // ...so give biases and norm affine parameters non-trivial values
    Rng rng(3);
    TensorSet<double>& ps = model.parameters();
    for (std::size_t i = 0; i < ps.size(); i++) ps.values()[i] += 0.3 * rng.normal();
    const std::vector<double> x = random_vector(c.batch_size * c.input_dim, rng);
    const std::vector<int> y = {0, 2, 1, 1, 0};
    BatchT<double> batch;
    batch.x = x.data();
    batch.targets = y.data();
    batch.batch_size = c.batch_size;
    auto loss = [&] { return model.forward(batch); };
    // the parameters perturbed one at a time; batch norm running stats change on each forward
    // but do not enter the training-mode loss
    model.zero_grad();
    loss();
    model.backward();
    const std::vector<double> analytic(ps.grads(), ps.grads() + ps.size());
    const double h = act == Activation::relu ? 1e-5 : 1e-4;
    const GradCheckResult r = gradcheck(loss, ps.values(), analytic.data(), ps.size(), h, 1e-5, 100000);
    NORMLAB_EXPECT_GRAD(r, act == Activation::relu ? 1e-5 : 1e-6,
                        std::string("mlp norm=") + norm_type_name(kind) + " " + norm_position_name(pos) + " " +
                            activation_name(act) + " tensor " + ps.tensors()[0].name);
}

TEST(MlpModel, GradcheckEveryNormKindBothPlacements) {
    for (NormType k : {NormType::none, NormType::batch, NormType::layer, NormType::rms, NormType::group, NormType::dyt})
        for (NormPosition p : {NormPosition::before_activation, NormPosition::after_activation})
            check_mlp(k, p, Activation::tanh, true);
}

TEST(MlpModel, GradcheckActivationsAndNoBias) {
    for (Activation a : {Activation::gelu, Activation::relu}) {
        check_mlp(NormType::layer, NormPosition::before_activation, a, true);
        check_mlp(NormType::none, NormPosition::before_activation, a, false);
    }
}

// the float MLP of the two tests below: 8 inputs, 3 hidden layers of 16, 4 classes, batch 8
MlpConfig small_mlp_config(NormType kind) {
    MlpConfig c;
    c.input_dim = 8;
    c.hidden_dim = 16;
    c.num_layers = 3;
    c.num_classes = 4;
    c.batch_size = 8;
    c.norm.kind = kind;
    return c;
}
const std::vector<int> kSmallMlpTargets = {0, 1, 2, 3, 3, 2, 1, 0};

TEST(MlpModel, BackwardOntoZeroedGradsHasTheBitsOfBackward) {
    for (NormType k : {NormType::none, NormType::layer}) {
        Mlp model(small_mlp_config(k));
        Rng rng(2);
        std::vector<float> x(64);
        for (float& v : x) v = rng.normal();
        const Batch batch{x.data(), nullptr, kSmallMlpTargets.data(), 8, 1};
        EXPECT_TRUE(onto_zeroed_grads_match_backward(model, batch)) << norm_type_name(k);
    }
}

// The memory estimate that refuses too-large MLPs bounds what one allocates (parameters, gradients, two
// optimizer states, every activation and its gradient), GELU's derivative buffer included.
TEST(MlpModel, MemoryEstimateBoundsWhatTheModelAllocates) {
    for (Activation a : {Activation::relu, Activation::gelu})
        for (NormType k : {NormType::none, NormType::layer}) {
            MlpConfig c = small_mlp_config(k);
            c.activation = a;
            c.batch_size = 64;  // activations, not the estimate's per-layer slack, dominate
            Mlp model(c);
            const double allocated =
                static_cast<double>(sizeof(float) * (4 * model.parameters().size() + model.activation_elements()));
            EXPECT_GE(mlp_memory_bytes(c), allocated) << norm_type_name(k) << (a == Activation::gelu ? " gelu" : "");
        }
}

TEST(MlpModel, DoubleAndFloatModelsAgree) {
    const MlpConfig c = small_mlp_config(NormType::layer);
    Mlp mf(c);
    MlpT<double> md(c);
    Rng rng(1);
    std::vector<float> xf(64);
    std::vector<double> xd(64);
    for (std::size_t i = 0; i < 64; i++) xd[i] = xf[i] = rng.normal();
    const std::vector<int>& y = kSmallMlpTargets;
    Batch bf;
    bf.x = xf.data();
    bf.targets = y.data();
    bf.batch_size = 8;
    BatchT<double> bd;
    bd.x = xd.data();
    bd.targets = y.data();
    bd.batch_size = 8;
    EXPECT_NEAR(mf.forward(bf), md.forward(bd), 1e-5);
}

}  // namespace
