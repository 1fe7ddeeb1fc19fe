// Conv2d (3×3, padding 1, stride 1 or 2) and global average pooling: forward against a direct
// loop, double-precision gradchecks on odd sizes.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/conv.h"
#include "support/numgrad.h"
#include "engine/rng.h"

using normlab::Rng;
using namespace normlab::testing;

namespace {

// The definition, written out as nested loops.
std::vector<double> conv_direct(const std::vector<double>& x, const std::vector<double>& w,
                                const std::vector<double>& b, std::size_t N, std::size_t Cin, std::size_t H,
                                std::size_t W, std::size_t Cout, std::size_t s) {
    const std::size_t Ho = normlab::conv2d_out_size(H, s), Wo = normlab::conv2d_out_size(W, s);
    std::vector<double> y(N * Cout * Ho * Wo, 0.0);
    for (std::size_t n = 0; n < N; n++)
        for (std::size_t o = 0; o < Cout; o++)
            for (std::size_t oy = 0; oy < Ho; oy++)
                for (std::size_t ox = 0; ox < Wo; ox++) {
                    double acc = b.empty() ? 0.0 : b[o];
                    for (std::size_t c = 0; c < Cin; c++)
                        for (std::size_t ky = 0; ky < 3; ky++)
                            for (std::size_t kx = 0; kx < 3; kx++) {
                                const long iy = static_cast<long>(s * oy + ky) - 1;
                                const long ix = static_cast<long>(s * ox + kx) - 1;
                                if (iy < 0 || ix < 0 || iy >= static_cast<long>(H) || ix >= static_cast<long>(W))
                                    continue;
                                acc += w[((o * Cin + c) * 3 + ky) * 3 + kx] *
                                    x[((n * Cin + c) * H + static_cast<std::size_t>(iy)) * W +
                                      static_cast<std::size_t>(ix)];
                            }
                    y[((n * Cout + o) * Ho + oy) * Wo + ox] = acc;
                }
    return y;
}

struct ConvCase {
    std::size_t N, Cin, H, W, Cout, stride;
    bool bias;
};

void check_conv(const ConvCase& c, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<double> x = random_vector(c.N * c.Cin * c.H * c.W, rng);
    std::vector<double> w = random_vector(c.Cout * c.Cin * 9, rng, 0.5);
    std::vector<double> b = c.bias ? random_vector(c.Cout, rng) : std::vector<double>();
    const std::size_t Ho = normlab::conv2d_out_size(c.H, c.stride), Wo = normlab::conv2d_out_size(c.W, c.stride);
    const std::vector<double> g = random_vector(c.N * c.Cout * Ho * Wo, rng);
    std::vector<double> y(g.size()), col(normlab::conv2d_col_size(c.Cin, c.H, c.W, c.stride));
    const double* bp = c.bias ? b.data() : nullptr;

    normlab::conv2d_forward(y.data(), col.data(), x.data(), w.data(), bp, c.N, c.Cin, c.H, c.W, c.Cout, c.stride);
    const std::vector<double> ref = conv_direct(x, w, b, c.N, c.Cin, c.H, c.W, c.Cout, c.stride);
    ASSERT_EQ(y.size(), ref.size());
    for (std::size_t i = 0; i < y.size(); i++) EXPECT_NEAR(y[i], ref[i], 1e-12) << i;

    auto loss = [&] {
        normlab::conv2d_forward(y.data(), col.data(), x.data(), w.data(), bp, c.N, c.Cin, c.H, c.W, c.Cout, c.stride);
        return weighted_sum(y, g);
    };
    std::vector<double> dx(x.size(), 0.0), dw(w.size(), 0.0), db(b.size(), 0.0), scratch(2 * col.size());
    normlab::conv2d_backward(dx.data(), dw.data(), c.bias ? db.data() : nullptr, scratch.data(), g.data(), x.data(),
                             w.data(), c.N, c.Cin, c.H, c.W, c.Cout, c.stride);
    NORMLAB_EXPECT_GRAD(gradcheck(loss, x.data(), dx.data(), x.size(), 1e-3, 1e-6, 100000), 1e-6, "dinp");
    NORMLAB_EXPECT_GRAD(gradcheck(loss, w.data(), dw.data(), w.size(), 1e-3, 1e-6, 100000), 1e-6, "dweight");
    if (c.bias) NORMLAB_EXPECT_GRAD(gradcheck(loss, b.data(), db.data(), b.size()), 1e-6, "dbias");
}

}  // namespace

TEST(Conv2d, OutputSizes) {
    EXPECT_EQ(normlab::conv2d_out_size(16, 1), 16u);
    EXPECT_EQ(normlab::conv2d_out_size(16, 2), 8u);
    EXPECT_EQ(normlab::conv2d_out_size(7, 2), 4u);
    EXPECT_EQ(normlab::conv2d_out_size(1, 2), 1u);
}

TEST(Conv2d, GradcheckStride1OddSizes) { check_conv({2, 2, 5, 7, 3, 1, true}, 31); }
TEST(Conv2d, GradcheckStride2OddSizes) { check_conv({2, 3, 7, 5, 2, 2, true}, 32); }
TEST(Conv2d, GradcheckStride2EvenSizesNoBias) { check_conv({1, 2, 6, 6, 4, 2, false}, 33); }
TEST(Conv2d, GradcheckOnePixel) { check_conv({2, 1, 1, 1, 2, 2, true}, 34); }

TEST(Conv2d, FloatMatchesDoubleAtTrainingSizes) {
    // the float path (kernels/gemm.h) against the double path at a CNN size: 8 -> 16 channels, 16×16, stride 2
    const std::size_t N = 2, Cin = 8, H = 16, W = 16, Cout = 16, s = 2;
    Rng rng(35);
    std::vector<double> xd = random_vector(N * Cin * H * W, rng), wd = random_vector(Cout * Cin * 9, rng, 0.3);
    std::vector<float> xf(xd.begin(), xd.end()), wf(wd.begin(), wd.end());
    const std::size_t ysz = N * Cout * normlab::conv2d_out_size(H, s) * normlab::conv2d_out_size(W, s);
    std::vector<double> yd(ysz), cold(normlab::conv2d_col_size(Cin, H, W, s));
    std::vector<float> yf(ysz), colf(cold.size());
    normlab::conv2d_forward(yd.data(), cold.data(), xd.data(), wd.data(), static_cast<const double*>(nullptr), N, Cin,
                            H, W, Cout, s);
    normlab::conv2d_forward(yf.data(), colf.data(), xf.data(), wf.data(), static_cast<const float*>(nullptr), N, Cin, H,
                            W, Cout, s);
    for (std::size_t i = 0; i < ysz; i++) EXPECT_NEAR(yf[i], yd[i], 1e-4) << i;
}

TEST(AvgPool, ForwardIsTheMean) {
    const std::vector<float> x = {1, 2, 3, 4, 10, 20, 30, 40};  // (1, 2, 4)
    std::vector<float> y(2);
    normlab::avgpool_forward(y.data(), x.data(), 1, 2, 4);
    EXPECT_FLOAT_EQ(y[0], 2.5f);
    EXPECT_FLOAT_EQ(y[1], 25.0f);
}

TEST(AvgPool, Gradcheck) {
    const std::size_t N = 2, C = 3, HW = 5 * 3;
    Rng rng(36);
    std::vector<double> x = random_vector(N * C * HW, rng);
    const std::vector<double> g = random_vector(N * C, rng);
    std::vector<double> y(N * C);
    auto loss = [&] {
        normlab::avgpool_forward(y.data(), x.data(), N, C, HW);
        return weighted_sum(y, g);
    };
    std::vector<double> dx(x.size(), 0.0);
    normlab::avgpool_backward(dx.data(), g.data(), N, C, HW);
    NORMLAB_EXPECT_GRAD(gradcheck(loss, x.data(), dx.data(), x.size()), 1e-6, "dinp");
}
