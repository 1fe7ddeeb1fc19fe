// The summaries' shared helpers (experiments/report.h, engine/fingerprint.h): the number format,
// the median, FNV-1a, and the seed-verdict rule on constructed per-seed effects.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/fingerprint.h"
#include "experiments/report.h"

namespace {

using namespace normlab;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Report, Format3SignificantDigitsAndSpellsOutNonFinite) {
    EXPECT_EQ(format3(0.0123456), "0.0123");
    EXPECT_EQ(format3(1534.0), "1.53e+03");
    EXPECT_EQ(format3(2.0), "2");
    EXPECT_EQ(format3(kNaN), "NaN");
    EXPECT_EQ(format3(kInf), "inf");
    EXPECT_EQ(format3(-kInf), "-inf");
}

TEST(Report, MedianSkipsNonFiniteAndAveragesTheMiddlePair) {
    EXPECT_EQ(median_of({3, 1, 2}), 2);
    EXPECT_EQ(median_of({4, 1, 3, 2}), 2.5);
    EXPECT_EQ(median_of({5, kNaN, 1, kInf, 3}), 3);
    EXPECT_TRUE(std::isnan(median_of({kNaN})));
    EXPECT_TRUE(std::isnan(median_of({})));
}

TEST(Report, Fnv1aMatchesPublishedVectorsAndContinues) {
    EXPECT_EQ(fnv1a("", 0), 0x811c9dc5u);
    EXPECT_EQ(fnv1a("a", 1), 0xe40c292cu);
    EXPECT_EQ(fnv1a("foobar", 6), 0xbf9cf968u);
    EXPECT_EQ(fnv1a("bar", 3, fnv1a("foo", 3)), fnv1a("foobar", 6));
}

TEST(Verdict, OneOrTwoSeedsAreOnlyIndicative) {
    EXPECT_EQ(decide_by_seeds({0.5}).verdict, "indicative");
    EXPECT_EQ(decide_by_seeds({0.5, 0.7}).verdict, "indicative");
    EXPECT_EQ(decide_by_seeds({-0.5}).verdict, "indicative");
}

TEST(Verdict, ConsistentSignDecidesWithThreeSeeds) {
    const SeedVerdict h = decide_by_seeds({0.2, 0.5, 0.1});
    EXPECT_EQ(h.verdict, "holds");
    EXPECT_EQ(h.seeds, 3);
    EXPECT_NEAR(h.effect, 0.8 / 3, 1e-15);
    EXPECT_EQ(h.spread_lo, 0.1);
    EXPECT_EQ(h.spread_hi, 0.5);
    EXPECT_EQ(decide_by_seeds({-0.2, -0.5, -0.1}).verdict, "does not hold");
}

TEST(Verdict, MixedSignsOrSubNoiseDifferencesAreInconclusive) {
    EXPECT_EQ(decide_by_seeds({0.2, -0.1, 0.3}).verdict, "inconclusive");
    // The quick norm-compare case of the issue: 0.00469 vs 0.00460 is a 9e-5 effect; against a
    // noise level of 1e-3 it decides nothing, whatever its sign in each seed.
    EXPECT_EQ(decide_by_seeds({9e-5, 2e-4, 5e-5}, 1e-3).verdict, "inconclusive");
    EXPECT_EQ(decide_by_seeds({9e-5, 2e-4, 5e-5}, 0.0).verdict, "holds");
}

TEST(Verdict, NonFiniteEffectsAreNotSeeds) {
    const SeedVerdict v = decide_by_seeds({0.3, kNaN, 0.2, 0.4});
    EXPECT_EQ(v.seeds, 3);
    EXPECT_EQ(v.verdict, "holds");
    EXPECT_EQ(decide_by_seeds({kNaN, kNaN}).verdict, "inconclusive");
}

TEST(Verdict, EmpiricalClaimCarriesTheRuleAndNumbers) {
    const auto c = empirical_claim("X beats Y", "by 0.1", {0.1, 0.2, 0.05}, 0.01);
    EXPECT_EQ(c["verdict"], "holds");
    EXPECT_EQ(c["holds"], true);
    EXPECT_EQ(c["kind"], "empirical");
    EXPECT_EQ(c["seeds"], 3);
    EXPECT_EQ(c["spread"][0], 0.05);
    EXPECT_EQ(c["spread"][1], 0.2);
    EXPECT_EQ(c["rule"], kSeedVerdictRule);
    EXPECT_TRUE(empirical_claim("X", "", {0.1})["holds"].is_null());
}

}  // namespace
