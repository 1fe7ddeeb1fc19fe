// Shared by the norm tests: loading the PyTorch reference fixtures written by
// scripts/make_reference.py, and the one comparison rule used against them.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace normlab::testing {

inline const char* kFixturePath = NORMLAB_SOURCE_DIR "/tests/fixtures/norms_reference.json";

inline nlohmann::json load_norm_fixtures() {
    std::ifstream in(kFixturePath);
    if (!in) {
        ADD_FAILURE() << "cannot open " << kFixturePath << " (run scripts/make_reference.py)";
        return nlohmann::json::object();
    }
    return nlohmann::json::parse(in);
}

inline std::vector<float> floats_of(const nlohmann::json& v) {
    if (v.is_null()) return {};
    return v.get<std::vector<float>>();
}

// Comparison rule against the reference (PyTorch in float64 from the float32 inputs,
// rounded to float32):
//     |ours - ref| <= kRelTol * max(|ref|, kFloorFraction * M)
// kRelTol = 1e-5 (~80 float32 ulps) bounds every element that is not small next to M,
// the magnitude the tensor is computed from: max|ref|, and the size of the terms it is made
// of: y = (x - mean) * rstd * gamma + beta, whose mean is rounded at the size of x, counts
// max|x| * max rstd * max|gamma|; dx = rstd * (g - mean(g) - xhat * mean(g xhat)) cancels
// terms of size max|dy| * max|gamma| * max rstd; dgamma = sum dy * xhat adds terms of size
// max|dy|.
// A float32 computation is accurate to about one ulp *of M*, not of each element: the
// mean of O(1) values is off by ~1e-7 max|x|, so an element of y near zero (beta cancelling
// the normalised term) or of dx after cancellation (a BatchNorm channel of two values
// outputs +-1 whatever its input, so dx ~ eps) carries an absolute error ~1e-7 M that no
// test relative to the element itself can accept. kFloorFraction = 1e-2 makes the
// absolute allowance 1e-7 M, about one float32 ulp of M. The measured worst cases (set
// NORMLAB_PRINT_ERRORS=1) use at most 0.63 of the allowance; a real bug (a wrong term, eps
// in the wrong place, a missing factor) is >= 1e-3 relative and fails by 100x or more.
// (1e-3 of max|ref|, the first choice, is tighter than float32 arithmetic: legitimate
// one-ulp errors of a near-zero y element then fail by up to 5x.)
constexpr double kRelTol = 1e-5;
constexpr double kFloorFraction = 1e-2;

inline double max_abs(const std::vector<float>& v) {
    double m = 0;
    for (float e : v) m = std::max(m, std::fabs(static_cast<double>(e)));
    return m;
}

// Largest |ours - ref| / (kRelTol * max(|ref|, floor)) over the tensor; <= 1 passes.
// `scale` is an extra magnitude for M (0: max|ref| alone). Reports the worst index.
inline double max_error_ratio(const std::vector<float>& ours, const std::vector<float>& ref, double scale = 0,
                              std::size_t* worst_index = nullptr) {
    const double floor = std::max(kFloorFraction * std::max(max_abs(ref), scale), 1e-30);
    double worst = 0;
    for (std::size_t i = 0; i < ref.size() && i < ours.size(); i++) {
        const double a = ours[i], b = ref[i];
        const double ratio = std::fabs(a - b) / (kRelTol * std::max(std::fabs(b), floor));
        if (!(ratio <= worst)) {  // also catches NaN
            worst = std::isnan(ratio) ? INFINITY : ratio;
            if (worst_index) *worst_index = i;
        }
    }
    return worst;
}

// gtest assertion: sizes match and every element passes the rule above.
inline ::testing::AssertionResult matches_reference(const std::vector<float>& ours, const std::vector<float>& ref,
                                                    double scale = 0) {
    if (ours.size() != ref.size())
        return ::testing::AssertionFailure() << "size " << ours.size() << " != reference size " << ref.size();
    std::size_t i = 0;
    const double ratio = max_error_ratio(ours, ref, scale, &i);
    if (ratio <= 1.0) return ::testing::AssertionSuccess() << "max error ratio " << ratio;
    return ::testing::AssertionFailure() << "max error ratio " << ratio << " at [" << i << "]: ours " << ours[i]
                                         << " vs reference " << ref[i];
}

// The term size max|v| * max|gamma| * max rstd (gamma / rstd absent count as 1): with v = x
// for y, v = dy for dx.
inline double term_scale(const std::vector<float>& v, const std::vector<float>& gamma, const std::vector<float>& rstd) {
    const double g = gamma.empty() ? 1.0 : max_abs(gamma);
    const double r = rstd.empty() ? 1.0 : max_abs(rstd);
    return max_abs(v) * g * r;
}

}  // namespace normlab::testing
