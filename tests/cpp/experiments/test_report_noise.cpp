// The noise levels and predictions the claims use (experiments/report.h): quartiles, the sampling
// noise of an accuracy difference, Amdahl's law.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "experiments/report.h"

namespace {

using namespace normlab;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Quartiles, InterpolateBetweenOrderStatisticsAndSkipNonFinite) {
    const Quartiles q = quartiles_of({5, 1, kNaN, 3, 2, 4});  // 1 2 3 4 5
    EXPECT_DOUBLE_EQ(q.q1, 2.0);
    EXPECT_DOUBLE_EQ(q.median, 3.0);
    EXPECT_DOUBLE_EQ(q.q3, 4.0);
    EXPECT_DOUBLE_EQ(q.iqr(), 2.0);
    const Quartiles e = quartiles_of({1, 2, 3, 4});  // positions 0.75, 1.5, 2.25
    EXPECT_DOUBLE_EQ(e.q1, 1.75);
    EXPECT_DOUBLE_EQ(e.median, 2.5);
    EXPECT_DOUBLE_EQ(e.q3, 3.25);
    EXPECT_TRUE(std::isnan(quartiles_of({kNaN}).median));
    EXPECT_DOUBLE_EQ(quartiles_of({7}).iqr(), 0.0);
}

TEST(AccuracyNoise, IsTwoBinomialStandardErrorsOfTheDifference) {
    // p = 0.5 on 100 examples: SE 0.05 each, difference SE sqrt(2) * 0.05
    EXPECT_NEAR(accuracy_difference_noise(0.5, 0.5, 100), 2.0 * std::sqrt(2.0) * 0.05, 1e-12);
    EXPECT_DOUBLE_EQ(accuracy_difference_noise(1.0, 0.0, 100), 0.0);  // no spread at certainty
    EXPECT_LT(accuracy_difference_noise(0.8, 0.8, 1000), accuracy_difference_noise(0.8, 0.8, 100));
    EXPECT_TRUE(std::isnan(accuracy_difference_noise(0.5, 0.5, 0)));
}

TEST(Amdahl, PredictsTheStepSpeedUpFromTheShareAndTheKernelSpeedUp) {
    // the research notes' figures for s = 1.3: f 10% -> 2.3% saved, 30% -> 6.9%, 50% -> 11.5%
    EXPECT_NEAR(amdahl_saving(0.1, 1.3), 0.1 * (1 - 1 / 1.3), 1e-12);
    EXPECT_NEAR(amdahl_saving(0.1, 1.3), 0.0231, 1e-4);
    EXPECT_NEAR(amdahl_speedup(0.5, 1.3), 1.0 / (0.5 + 0.5 / 1.3), 1e-12);
    EXPECT_NEAR(amdahl_speedup(0.3, 1.3), 1.0744, 1e-4);  // the notes' "30% -> 7.4%" is this speed-up
    EXPECT_DOUBLE_EQ(amdahl_speedup(0.0, 10.0), 1.0);     // a part that takes no time gains nothing
    EXPECT_DOUBLE_EQ(amdahl_speedup(1.0, 2.0), 2.0);      // the whole step sped up
    EXPECT_DOUBLE_EQ(amdahl_speedup(0.4, 1.0), 1.0);      // no kernel speed-up, no gain
    EXPECT_LT(amdahl_saving(0.4, 0.8), 0.0);              // a slower kernel costs time
    EXPECT_DOUBLE_EQ(amdahl_speedup(1.5, 2.0), 2.0);      // f clamped to [0, 1]
    EXPECT_TRUE(std::isnan(amdahl_speedup(0.5, 0.0)));
    EXPECT_TRUE(std::isnan(amdahl_saving(kNaN, 1.3)));
}

}  // namespace
