// The vectorisable float exp / tanh / sech² of kernels/fast_math.h against double libm over dense
// sweeps, in units in the last place of the float result, and at the special values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels/fast_math.h"

namespace {

// |got - want| in units of the float spacing at want (relative ulp: |err| / (|want| 2^-23)).
double ulp_error(float got, double want) {
    const double spacing = std::ldexp(1.0, std::ilogb(static_cast<float>(want)) - 23);
    return std::fabs(static_cast<double>(got) - want) / spacing;
}

template <typename F, typename R>
double max_ulp_over(double lo, double hi, int n, F fast, R ref) {
    double worst = 0;
    for (int i = 0; i <= n; i++) {
        const float x = static_cast<float>(lo + (hi - lo) * i / n);
        const double want = ref(static_cast<double>(x));
        if (want == 0 || std::fabs(want) < 1e-30) continue;  // below the clamp of exp_nonpositive
        worst = std::max(worst, ulp_error(fast(x), want));
    }
    return worst;
}

}  // namespace

TEST(FastMath, ExpNonpositiveWithinTwoUlp) {
    const auto fast = [](float y) { return normlab::exp_nonpositive(y); };
    const auto ref = [](double y) { return std::exp(y); };
    EXPECT_LE(max_ulp_over(-87.0, 0.0, 2000000, fast, ref), 2.0);
    EXPECT_LE(max_ulp_over(-1e-3, 0.0, 100000, fast, ref), 1.0);
    EXPECT_EQ(normlab::exp_nonpositive(0.0f), 1.0f);
    // below -87 the result is ~1.6e-38: an absolute error under 2e-38
    EXPECT_LT(normlab::exp_nonpositive(-1000.0f), 2e-38f);
    EXPECT_LT(normlab::exp_nonpositive(-std::numeric_limits<float>::infinity()), 2e-38f);
    EXPECT_TRUE(std::isnan(normlab::exp_nonpositive(std::nanf(""))));
}

TEST(FastMath, ExactExpWithinOneUlpAndLibmSpecialCases) {
    // exp_exact is libm's expf algorithm (same bits as musl's expf: tests/web/exp-exact.test.mjs
    // checks that in the WASM build); here its accuracy against double exp, and its special cases
    const auto fast = [](float x) { return normlab::exp_exact(x); };
    const auto ref = [](double x) { return std::exp(x); };
    EXPECT_LE(max_ulp_over(-87.0, 88.0, 2000000, fast, ref), 1.0);
    EXPECT_EQ(normlab::exp_exact(0.0f), 1.0f);
    EXPECT_EQ(normlab::exp_exact(-0.0f), 1.0f);
    const float inf = std::numeric_limits<float>::infinity();
    EXPECT_EQ(normlab::exp_exact(-inf), 0.0f);
    EXPECT_EQ(normlab::exp_exact(inf), inf);
    EXPECT_TRUE(std::isnan(normlab::exp_exact(std::nanf(""))));
    EXPECT_EQ(normlab::exp_exact(89.0f), inf);     // above ln(2^128)
    EXPECT_EQ(normlab::exp_exact(-104.0f), 0.0f);  // below ln(2^-150)
    // between -103.97 and -87.3 the result is subnormal: still the nearest float (within 1 ulp of it)
    EXPECT_GT(normlab::exp_exact(-100.0f), 0.0f);
    EXPECT_LE(std::fabs(static_cast<double>(normlab::exp_exact(-100.0f)) - std::exp(-100.0)), 0x1p-149);
}

TEST(FastMath, ExpShiftedIsExactExpOfTheDifferences) {
    // the blocked array form (two lanes at a time in WASM) against the scalar function, including
    // groups that hold a special lane (|x| >= 88, infinity, NaN) and a tail shorter than a group
    std::vector<float> x;
    for (int i = 0; i < 4001; i++) x.push_back(-60.0f + 0.03f * static_cast<float>(i));
    x[7] = -std::numeric_limits<float>::infinity();
    x[13] = std::nanf("");
    x[22] = -95.0f;
    x[101] = 200.0f;
    const float shift = 1.5f;
    std::vector<float> y(x.size()), in_place = x;
    normlab::exp_shifted(y.data(), x.data(), x.size(), shift);
    normlab::exp_shifted(in_place.data(), in_place.data(), in_place.size(), shift);
    for (std::size_t i = 0; i < x.size(); i++) {
        const float want = normlab::exp_exact(x[i] - shift);
        EXPECT_EQ(normlab::float_bits(y[i]), normlab::float_bits(want)) << "i " << i << " x " << x[i];
        EXPECT_EQ(normlab::float_bits(in_place[i]), normlab::float_bits(want)) << "in place, i " << i;
    }
    std::vector<double> xd = {-2.0, 0.0, 1.0}, yd(xd.size());
    normlab::exp_shifted(yd.data(), xd.data(), xd.size(), 0.5);
    for (std::size_t i = 0; i < xd.size(); i++) EXPECT_EQ(yd[i], std::exp(xd[i] - 0.5));
}

TEST(FastMath, TanhWithinThreeUlpAndOdd) {
    const auto fast = [](float x) { return normlab::tanh_fast(x); };
    const auto ref = [](double x) { return std::tanh(x); };
    EXPECT_LE(max_ulp_over(-12.0, 12.0, 4000000, fast, ref), 3.0);
    EXPECT_LE(max_ulp_over(-1e-3, 1e-3, 200000, fast, ref), 1.0);  // tanh x ~ x: relative accuracy kept
    EXPECT_LE(max_ulp_over(0.49, 0.51, 200000, fast, ref), 3.0);   // across the switch of formulas
    for (float x : {0.1f, 0.5f, 1.7f, 9.0f, 30.0f}) EXPECT_EQ(normlab::tanh_fast(-x), -normlab::tanh_fast(x));
    const float inf = std::numeric_limits<float>::infinity();
    EXPECT_EQ(normlab::tanh_fast(inf), 1.0f);
    EXPECT_EQ(normlab::tanh_fast(-inf), -1.0f);
    EXPECT_EQ(normlab::tanh_fast(100.0f), 1.0f);
    EXPECT_EQ(normlab::tanh_fast(0.0f), 0.0f);
    EXPECT_TRUE(std::signbit(normlab::tanh_fast(-0.0f)));
    EXPECT_TRUE(std::isnan(normlab::tanh_fast(std::nanf(""))));
    // the double overload is libm's
    EXPECT_EQ(normlab::tanh_fast(0.3), std::tanh(0.3));
}

TEST(FastMath, Sech2WithinSixUlpWithoutOverflow) {
    const auto fast = [](float x) { return normlab::sech2_fast(x); };
    const auto ref = [](double x) {
        const double c = std::cosh(x);
        return 1.0 / (c * c);
    };
    EXPECT_LE(max_ulp_over(-40.0, 40.0, 4000000, fast, ref), 6.0);
    EXPECT_EQ(normlab::sech2_fast(0.0f), 1.0f);
    // where cosh^2 overflows float, the derivative is (numerically) zero, not NaN
    for (float x : {50.0f, 1e6f, std::numeric_limits<float>::infinity()}) {
        EXPECT_GE(normlab::sech2_fast(x), 0.0f);
        EXPECT_LT(normlab::sech2_fast(x), 1e-37f);
        EXPECT_EQ(normlab::sech2_fast(-x), normlab::sech2_fast(x));
    }
}

TEST(FastMath, TanhAndSech2TogetherEqualTheSeparateOnes) {
    for (int i = -4000; i <= 4000; i++) {
        const float x = static_cast<float>(i) * 0.01f;
        float t, s2;
        normlab::tanh_sech2_fast(x, &t, &s2);
        EXPECT_EQ(t, normlab::tanh_fast(x)) << x;
        EXPECT_EQ(s2, normlab::sech2_fast(x)) << x;
    }
}

// The sign-bit helpers must give the bits of the std functions they replace in the hot loops, for
// every kind of float: zeros, subnormals, normals, infinities and NaNs of either sign.
TEST(FastMath, SignBitHelpersEqualTheStdFunctionsBitForBit) {
    const std::uint32_t sign = 0x80000000u;
    std::vector<float> xs;
    for (std::uint32_t bits = 0; bits < 0xffffffffu - 9973u * 16; bits += 9973u * 16)
        xs.push_back(normlab::float_from_bits(bits));
    for (float v : {0.0f, -0.0f, 1e-45f, -1e-45f, 1.0f, -1.0f, INFINITY, -INFINITY, NAN, -NAN}) xs.push_back(v);
    for (float x : xs) {
        const std::uint32_t b = normlab::float_bits(x);
        EXPECT_EQ(normlab::float_bits(normlab::abs_bits(x, sign)), normlab::float_bits(std::fabs(x))) << b;
        EXPECT_EQ(normlab::float_bits(normlab::minus_abs(x, sign)), normlab::float_bits(-std::fabs(x))) << b;
        for (float s : {0.0f, -0.0f, 2.5f, -INFINITY, -NAN})
            EXPECT_EQ(normlab::float_bits(normlab::copysign_bits(x, s, sign)), normlab::float_bits(std::copysign(x, s)))
                << b;
    }
}
