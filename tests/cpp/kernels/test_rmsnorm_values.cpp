// RMSNorm forward values by hand, and the all-zero row (no NaN: ε inside the root).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/norms.h"

TEST(RmsNormValues, MatchesHandComputedValues) {
    // x = (3, 4): mean(x^2) = 12.5, rms = sqrt(12.5 + eps)
    const std::vector<float> x = {3.0f, 4.0f};
    std::vector<float> y(2), rstd(1);
    normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), nullptr, 1, 2, 1e-5f);
    const double rms = std::sqrt(12.5 + 1e-5);
    EXPECT_NEAR(y[0], 3.0 / rms, 1e-6);
    EXPECT_NEAR(y[1], 4.0 / rms, 1e-6);
    EXPECT_NEAR(rstd[0], 1.0 / rms, 1e-7);
}

TEST(RmsNormValues, AppliesGammaPerFeature) {
    const std::vector<float> x = {1.0f, -1.0f, 1.0f, -1.0f};
    const std::vector<float> gamma = {1.0f, 2.0f, 3.0f, 4.0f};
    std::vector<float> y(4);
    normlab::rmsnorm_forward(y.data(), nullptr, x.data(), gamma.data(), 1, 4, 0.0f);
    EXPECT_FLOAT_EQ(y[0], 1.0f);
    EXPECT_FLOAT_EQ(y[1], -2.0f);
    EXPECT_FLOAT_EQ(y[2], 3.0f);
    EXPECT_FLOAT_EQ(y[3], -4.0f);
}

TEST(RmsNormValues, AllZeroRowGivesZerosNotNaN) {
    const std::vector<float> x(7, 0.0f);
    std::vector<float> y(7, 123.0f), rstd(1);
    normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), nullptr, 1, 7, 1e-6f);
    for (float v : y) EXPECT_EQ(v, 0.0f);
    EXPECT_TRUE(std::isfinite(rstd[0]));
}

TEST(RmsNormValues, RowsAreIndependent) {
    const std::vector<float> x = {1.0f, 1.0f, 10.0f, 10.0f};
    std::vector<float> y(4);
    normlab::rmsnorm_forward(y.data(), nullptr, x.data(), nullptr, 2, 2, 0.0f);
    for (float v : y) EXPECT_FLOAT_EQ(v, 1.0f);
}
