// Central-difference gradient checks in double precision (shared by the layer and model tests).
//
// Recipe (ggml's test-backend-ops): a scalar loss L(θ) is evaluated at θ_i ± h and θ_i ± 2h; the
// fourth-order central difference
//   n = (8 (L(+h) - L(-h)) - (L(+2h) - L(-2h))) / 12h
// is compared with the analytic derivative a by the relative error
//   |a - n| / max(|a|, |n|, floor)
// whose floor keeps near-zero gradients from turning rounding noise into a large ratio.
// Errors of n in double: truncation ~h⁴ |L⁽⁵⁾| / 30, rounding ~|L| 1e-16 / h. With h = 1e-3 both
// are ~1e-13 for an O(1) loss, so even gradients of 1e-6 are checked to a few parts in 1e-6
// (the plain two-point difference with h = 1e-5 has ~1e-11 of rounding noise, too much for the
// small attention-weight gradients of a whole model). Near a kink (ReLU) pass a smaller h.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "engine/rng.h"

namespace normlab::testing {

struct GradCheckResult {
    double max_rel_err = 0.0;
    std::size_t worst = 0;
    double analytic = 0.0, numeric = 0.0;
    std::size_t checked = 0, skipped = 0;  // skipped: elements next to a kink (skip_kinks only)
};

// Fourth-order central difference of loss() in x[i] with step h (restores x[i]).
template <typename LossFn>
double numeric_derivative(LossFn& loss, double* x, std::size_t i, double h) {
    const double saved = x[i];
    x[i] = saved + h;
    const double lp = loss();
    x[i] = saved - h;
    const double lm = loss();
    x[i] = saved + 2.0 * h;
    const double lp2 = loss();
    x[i] = saved - 2.0 * h;
    const double lm2 = loss();
    x[i] = saved;
    return (8.0 * (lp - lm) - (lp2 - lm2)) / (12.0 * h);
}

// loss(): evaluates the scalar loss at the current contents of `x`.
// Perturbs x[i] for i in [0, n) (every `stride`-th element when n is large) and restores it.
// skip_kinks (models with ReLU): the derivative is also estimated with step h/4; where the two
// estimates disagree by more than 1e-4 relative, [x - 2h, x + 2h] contains a kink, the finite
// difference means nothing there, and the element is counted in `skipped` instead of compared.
template <typename LossFn>
GradCheckResult gradcheck(LossFn&& loss, double* x, const double* analytic, std::size_t n, double h = 1e-3,
                          double floor = 1e-6, std::size_t max_checks = 400, bool skip_kinks = false) {
    GradCheckResult r;
    const std::size_t stride = n > max_checks ? (n + max_checks - 1) / max_checks : 1;
    for (std::size_t i = 0; i < n; i += stride) {
        const double num = numeric_derivative(loss, x, i, h);
        if (skip_kinks) {
            const double fine = numeric_derivative(loss, x, i, 0.25 * h);
            if (std::fabs(fine - num) > 1e-4 * std::max({std::fabs(num), std::fabs(fine), floor})) {
                r.skipped++;
                continue;
            }
        }
        r.checked++;
        const double a = analytic[i];
        const double err = std::fabs(a - num) / std::max({std::fabs(a), std::fabs(num), floor});
        if (err > r.max_rel_err || !std::isfinite(err)) {
            r.max_rel_err = std::isfinite(err) ? err : INFINITY;
            r.worst = i;
            r.analytic = a;
            r.numeric = num;
        }
    }
    return r;
}

#define NORMLAB_EXPECT_GRAD(result, tol, what)                                                               \
    EXPECT_LE((result).max_rel_err, (tol)) << (what) << ": worst element " << (result).worst << " analytic " \
                                           << (result).analytic << " numeric " << (result).numeric

// n draws of offset + scale * N(0, 1) from the core's portable Rng, as T.
template <typename T>
std::vector<T> random_values(Rng& rng, std::size_t n, double scale = 1.0, double offset = 0.0) {
    std::vector<T> v(n);
    for (T& x : v) x = static_cast<T>(offset + scale * static_cast<double>(rng.normal()));
    return v;
}

inline std::vector<double> random_vector(std::size_t n, Rng& rng, double scale = 1.0) {
    return random_values<double>(rng, n, scale);
}

// L = sum_i w_i * y_i: a loss whose gradient with respect to y is exactly w.
inline double weighted_sum(const std::vector<double>& y, const std::vector<double>& w) {
    double s = 0.0;
    for (std::size_t i = 0; i < y.size(); i++) s += y[i] * w[i];
    return s;
}

}  // namespace normlab::testing
