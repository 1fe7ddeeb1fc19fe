// Tests of the normalization kernels (wasm/core/kernels/norms.h):
//   1. gradient checks in double precision (central differences) for every kernel;
//   2. agreement with PyTorch float32 results (tests/fixtures/norms_reference.json);
//   3. properties: zero input, d = 1, RMS identities, large offsets, GroupNorm's special
//      cases, BatchNorm eval / N = 1, and the eps-outside bug's exploding gradient.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "engine/rng.h"
#include "support/norm_fixtures.h"
#include "support/numgrad.h"
#include "kernels/norms.h"

namespace {

using normlab::Rng;
using normlab::testing::load_norm_fixtures;
using normlab::testing::matches_reference;
using normlab::testing::random_values;
using Vec = std::vector<double>;

template <typename T>
const T* or_null(const std::vector<T>& v) {
    return v.empty() ? nullptr : v.data();
}
template <typename T>
T* or_null(std::vector<T>& v) {
    return v.empty() ? nullptr : v.data();
}

// ============================================================================
// 1. Gradient checks (double precision)
// ============================================================================
// A differentiable function y = f(x; gamma, beta, alpha) and its backward. The loss is
// L = sum(dy * y) for a random dy, so dL/d(.) is exactly what the backward computes.
struct Params {
    Vec x, gamma, beta;  // gamma / beta empty = not a parameter of this problem
    double alpha = 0;
    bool has_alpha = false;
};
struct Grads {
    Vec dx, dgamma, dbeta;
    double dalpha = 0;
};
struct GradProblem {
    std::string name;
    Params params;
    std::function<void(Vec& y, const Params& p)> forward;
    // runs the forward for its caches, then the backward, accumulating into g
    std::function<void(Grads& g, const Params& p, const Vec& dy)> backward;
};

// Fourth-order central-difference step (support/numgrad.h): well below √ε ≈ 3e-3, the scale on
// which a norm of a near-constant row (d = 1, say) curves; rounding noise stays ~1e-11.
constexpr double kStep = 1e-5;
constexpr double kGradTol = 1e-5;         // relative error tolerance
constexpr double kGradFloor = 1e-3;       // ... relative to max(|g_i|, floor): floor = this x the largest |g|
constexpr double kAccumulateSeed = 0.25;  // grads start here: backward must ADD to it

// Compares analytic and numerical gradients of one parameter tensor `values`, which loss() reads:
// the test suite's one finite-difference checker (support/numgrad.h), every element checked.
template <typename LossFn>
void check_tensor(const char* what, double* values, const Vec& analytic, std::size_t n, LossFn&& loss) {
    double scale = 0;
    for (double g : analytic) scale = std::max(scale, std::fabs(g));
    const auto r =
        normlab::testing::gradcheck(loss, values, analytic.data(), n, kStep, std::max(kGradFloor * scale, 1e-12), n);
    NORMLAB_EXPECT_GRAD(r, kGradTol, what);
}

void expect_gradients_match(const GradProblem& prob, std::uint64_t seed = 1) {
    SCOPED_TRACE(prob.name);
    const Params& p = prob.params;
    Rng rng(seed);
    const Vec dy = random_values<double>(rng, p.x.size());
    auto loss = [&](const Params& q) {
        Vec y(q.x.size());
        prob.forward(y, q);
        double L = 0;
        for (std::size_t i = 0; i < y.size(); i++) L += dy[i] * y[i];
        return L;
    };
    Grads g;
    g.dx.assign(p.x.size(), kAccumulateSeed);
    g.dgamma.assign(p.gamma.size(), kAccumulateSeed);
    g.dbeta.assign(p.beta.size(), kAccumulateSeed);
    g.dalpha = kAccumulateSeed;
    prob.backward(g, p, dy);
    for (auto* v : {&g.dx, &g.dgamma, &g.dbeta})
        for (double& e : *v) e -= kAccumulateSeed;
    g.dalpha -= kAccumulateSeed;

    Params q = p;  // perturbed in place by the checker, restored after each element
    auto loss_q = [&] { return loss(q); };
    check_tensor("dx", q.x.data(), g.dx, q.x.size(), loss_q);
    if (!p.gamma.empty()) check_tensor("dgamma", q.gamma.data(), g.dgamma, q.gamma.size(), loss_q);
    if (!p.beta.empty()) check_tensor("dbeta", q.beta.data(), g.dbeta, q.beta.size(), loss_q);
    if (p.has_alpha) check_tensor("dalpha", &q.alpha, Vec{g.dalpha}, 1, loss_q);
}

Params random_params(std::size_t n, std::size_t param_size, bool gamma, bool beta, std::uint64_t seed) {
    Rng rng(seed);
    Params p;
    p.x = random_values<double>(rng, n);
    if (gamma) p.gamma = random_values<double>(rng, param_size, 0.5, 1.0);
    if (beta) p.beta = random_values<double>(rng, param_size, 0.3);
    return p;
}

std::string dims(std::initializer_list<std::size_t> sizes) {
    std::string s;
    for (std::size_t v : sizes) s += (s.empty() ? "" : "x") + std::to_string(v);
    return s;
}

constexpr double kEps = 1e-5;

GradProblem layernorm_problem(std::size_t rows, std::size_t d) {
    GradProblem prob{"layernorm " + dims({rows, d}), random_params(rows * d, d, true, true, rows * 31 + d), {}, {}};
    prob.forward = [=](Vec& y, const Params& p) {
        Vec mean(rows), rstd(rows);
        normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), p.x.data(), p.gamma.data(), p.beta.data(), rows,
                                   d, kEps);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        Vec y(rows * d), mean(rows), rstd(rows);
        normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), p.x.data(), p.gamma.data(), p.beta.data(), rows,
                                   d, kEps);
        normlab::layernorm_backward(g.dx.data(), g.dgamma.data(), g.dbeta.data(), dy.data(), p.x.data(), p.gamma.data(),
                                    mean.data(), rstd.data(), rows, d);
    };
    return prob;
}

GradProblem eps_outside_problem(std::size_t rows, std::size_t d) {
    GradProblem prob{
        "layernorm_eps_outside " + dims({rows, d}), random_params(rows * d, d, true, true, rows * 37 + d), {}, {}};
    prob.forward = [=](Vec& y, const Params& p) {
        Vec mean(rows), rstd(rows);
        normlab::layernorm_eps_outside_forward(y.data(), mean.data(), rstd.data(), p.x.data(), p.gamma.data(),
                                               p.beta.data(), rows, d, kEps);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        Vec y(rows * d), mean(rows), rstd(rows);
        normlab::layernorm_eps_outside_forward(y.data(), mean.data(), rstd.data(), p.x.data(), p.gamma.data(),
                                               p.beta.data(), rows, d, kEps);
        normlab::layernorm_eps_outside_backward(g.dx.data(), g.dgamma.data(), g.dbeta.data(), dy.data(), p.x.data(),
                                                p.gamma.data(), mean.data(), rstd.data(), rows, d);
    };
    return prob;
}

GradProblem rmsnorm_problem(std::size_t rows, std::size_t d, bool with_gamma) {
    GradProblem prob{"rmsnorm " + dims({rows, d}) + (with_gamma ? "" : " no gamma"),
                     random_params(rows * d, d, with_gamma, false, rows * 41 + d),
                     {},
                     {}};
    prob.forward = [=](Vec& y, const Params& p) {
        Vec rstd(rows);
        normlab::rmsnorm_forward(y.data(), rstd.data(), p.x.data(), or_null(p.gamma), rows, d, kEps);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        Vec y(rows * d), rstd(rows);
        normlab::rmsnorm_forward(y.data(), rstd.data(), p.x.data(), or_null(p.gamma), rows, d, kEps);
        normlab::rmsnorm_backward(g.dx.data(), or_null(g.dgamma), dy.data(), p.x.data(), or_null(p.gamma), rstd.data(),
                                  rows, d);
    };
    return prob;
}

GradProblem batchnorm_problem(std::size_t N, std::size_t C, std::size_t S, bool training) {
    GradProblem prob{std::string("batchnorm ") + (training ? "train " : "eval ") + dims({N, C, S}),
                     random_params(N * C * S, C, true, true, N * 43 + C * 7 + S),
                     {},
                     {}};
    Rng rng(C * 3 + 1);
    const Vec running_mean = random_values<double>(rng, C, 0.3);
    Vec running_var = random_values<double>(rng, C, 0.2);
    for (double& v : running_var) v = std::fabs(v) + 0.5;
    // training: no running-stat update (nullptr), so repeated forwards stay identical
    auto run_forward = [=](Vec& y, Vec& mean, Vec& rstd, const Params& p) {
        Vec rm = running_mean, rv = running_var;
        normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), training ? nullptr : rm.data(),
                                   training ? nullptr : rv.data(), p.x.data(), p.gamma.data(), p.beta.data(), N, C, S,
                                   kEps, 0.1, training);
    };
    prob.forward = [=](Vec& y, const Params& p) {
        Vec mean(C), rstd(C);
        run_forward(y, mean, rstd, p);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        Vec y(N * C * S), mean(C), rstd(C);
        run_forward(y, mean, rstd, p);
        normlab::batchnorm_backward(g.dx.data(), g.dgamma.data(), g.dbeta.data(), dy.data(), p.x.data(), p.gamma.data(),
                                    mean.data(), rstd.data(), N, C, S, training);
    };
    return prob;
}

GradProblem groupnorm_problem(std::size_t N, std::size_t C, std::size_t S, std::size_t G, bool affine) {
    GradProblem prob{"groupnorm " + dims({N, C, S}) + " G=" + std::to_string(G) + (affine ? "" : " no affine"),
                     random_params(N * C * S, C, affine, affine, N * 47 + C * 5 + S + G),
                     {},
                     {}};
    prob.forward = [=](Vec& y, const Params& p) {
        Vec mean(N * G), rstd(N * G);
        normlab::groupnorm_forward(y.data(), mean.data(), rstd.data(), p.x.data(), or_null(p.gamma), or_null(p.beta), N,
                                   C, S, G, kEps);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        Vec y(N * C * S), mean(N * G), rstd(N * G);
        normlab::groupnorm_forward(y.data(), mean.data(), rstd.data(), p.x.data(), or_null(p.gamma), or_null(p.beta), N,
                                   C, S, G, kEps);
        normlab::groupnorm_backward(g.dx.data(), or_null(g.dgamma), or_null(g.dbeta), dy.data(), p.x.data(),
                                    or_null(p.gamma), mean.data(), rstd.data(), N, C, S, G);
    };
    return prob;
}

GradProblem instancenorm_problem(std::size_t N, std::size_t C, std::size_t S, bool gamma, bool beta) {
    GradProblem prob{"instancenorm " + dims({N, C, S}) + (gamma ? " gamma" : "") + (beta ? " beta" : ""),
                     random_params(N * C * S, C, gamma, beta, N * 53 + C * 3 + S),
                     {},
                     {}};
    prob.forward = [=](Vec& y, const Params& p) {
        Vec mean(N * C), rstd(N * C);
        normlab::instancenorm_forward(y.data(), mean.data(), rstd.data(), p.x.data(), or_null(p.gamma), or_null(p.beta),
                                      N, C, S, kEps);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        Vec y(N * C * S), mean(N * C), rstd(N * C);
        normlab::instancenorm_forward(y.data(), mean.data(), rstd.data(), p.x.data(), or_null(p.gamma), or_null(p.beta),
                                      N, C, S, kEps);
        normlab::instancenorm_backward(g.dx.data(), or_null(g.dgamma), or_null(g.dbeta), dy.data(), p.x.data(),
                                       or_null(p.gamma), mean.data(), rstd.data(), N, C, S);
    };
    return prob;
}

GradProblem dyt_problem(std::size_t rows, std::size_t d, double alpha) {
    GradProblem prob{"dyt " + dims({rows, d}), random_params(rows * d, d, true, true, rows * 59 + d), {}, {}};
    prob.params.alpha = alpha;
    prob.params.has_alpha = true;
    prob.forward = [=](Vec& y, const Params& p) {
        normlab::dyt_forward(y.data(), p.x.data(), p.gamma.data(), p.beta.data(), rows, d, p.alpha);
    };
    prob.backward = [=](Grads& g, const Params& p, const Vec& dy) {
        normlab::dyt_backward(g.dx.data(), g.dgamma.data(), g.dbeta.data(), &g.dalpha, dy.data(), p.x.data(),
                              p.gamma.data(), rows, d, p.alpha);
    };
    return prob;
}

TEST(GradCheck, LayerNorm) {
    for (auto [rows, d] : {std::pair{3, 5}, {1, 7}, {2, 1}, {4, 13}, {2, 33}, {3, 100}})
        expect_gradients_match(layernorm_problem(rows, d));
}

TEST(GradCheck, LayerNormEpsOutsideOnWellConditionedInput) {
    for (auto [rows, d] : {std::pair{3, 5}, {1, 7}, {2, 17}}) expect_gradients_match(eps_outside_problem(rows, d));
}

TEST(GradCheck, RMSNorm) {
    for (auto [rows, d] : {std::pair{3, 5}, {1, 7}, {2, 1}, {4, 13}, {2, 33}})
        expect_gradients_match(rmsnorm_problem(rows, d, true));
    expect_gradients_match(rmsnorm_problem(3, 6, false));
}

TEST(GradCheck, BatchNormTraining) {
    expect_gradients_match(batchnorm_problem(4, 3, 1, true));    // (N, C)
    expect_gradients_match(batchnorm_problem(5, 7, 1, true));    // C not a multiple of 4
    expect_gradients_match(batchnorm_problem(2, 3, 5, true));    // (N, C, L)
    expect_gradients_match(batchnorm_problem(1, 2, 9, true));    // N = 1 with spatial extent
    expect_gradients_match(batchnorm_problem(3, 5, 4, true));    // (N, C, H, W) with H*W = 4
    expect_gradients_match(batchnorm_problem(3, 300, 1, true));  // more channels than one block
}

TEST(GradCheck, BatchNormEval) {
    expect_gradients_match(batchnorm_problem(4, 3, 1, false));
    expect_gradients_match(batchnorm_problem(1, 5, 1, false));
    expect_gradients_match(batchnorm_problem(2, 3, 6, false));
}

TEST(GradCheck, GroupNorm) {
    expect_gradients_match(groupnorm_problem(2, 6, 1, 3, true));  // (N, C)
    expect_gradients_match(groupnorm_problem(2, 6, 4, 2, true));
    expect_gradients_match(groupnorm_problem(1, 5, 3, 5, true));   // G = C
    expect_gradients_match(groupnorm_problem(3, 4, 2, 1, true));   // G = 1
    expect_gradients_match(groupnorm_problem(2, 9, 1, 3, false));  // no affine
    expect_gradients_match(groupnorm_problem(1, 10, 7, 5, true));
}

TEST(GradCheck, InstanceNorm) {
    expect_gradients_match(instancenorm_problem(2, 3, 4, true, true));
    expect_gradients_match(instancenorm_problem(2, 3, 4, false, false));
    expect_gradients_match(instancenorm_problem(1, 5, 7, true, false));
    expect_gradients_match(instancenorm_problem(3, 2, 5, false, true));
    expect_gradients_match(instancenorm_problem(2, 3, 1, true, true));  // S = 1: y == beta
}

TEST(GradCheck, DyT) {
    expect_gradients_match(dyt_problem(3, 5, 0.7));
    expect_gradients_match(dyt_problem(1, 1, 0.5));
    expect_gradients_match(dyt_problem(2, 9, 1.9));
}

// ============================================================================
// 2. PyTorch reference fixtures (float32)
// ============================================================================
struct KernelOutputs {
    std::vector<float> y, dx, dgamma, dbeta, mean, rstd, running_mean, running_var;
    float dalpha = 0;
};

// Runs one fixture case through the float kernels directly.
KernelOutputs run_case(const nlohmann::json& c) {
    using normlab::testing::floats_of;
    const std::string kind = c["kind"];
    const std::vector<std::size_t> shape = c["shape"].get<std::vector<std::size_t>>();
    std::size_t n = 1;
    for (std::size_t s : shape) n *= s;
    const std::vector<float> x = floats_of(c["x"]), dy = floats_of(c["dy"]);
    const std::vector<float> gamma = floats_of(c["gamma"]), beta = floats_of(c["beta"]);
    const float eps = c.value("eps", 1e-5f);
    KernelOutputs o;
    o.y.resize(n);
    o.dx.assign(n, 0.0f);
    if (!gamma.empty()) o.dgamma.assign(gamma.size(), 0.0f);
    if (!beta.empty()) o.dbeta.assign(beta.size(), 0.0f);
    const std::size_t d = shape.back(), rows = n / d;
    const std::size_t N = shape[0], C = shape.size() > 1 ? shape[1] : 1, S = n / (N * C);

    if (kind == "layer" || kind == "layer_eps_outside") {
        o.mean.resize(rows);
        o.rstd.resize(rows);
        const bool bug = kind == "layer_eps_outside";
        (bug ? normlab::layernorm_eps_outside_forward<float>
             : normlab::layernorm_forward<float>)(o.y.data(), o.mean.data(), o.rstd.data(), x.data(), gamma.data(),
                                                  beta.data(), rows, d, eps);
        (bug ? normlab::layernorm_eps_outside_backward<float>
             : normlab::layernorm_backward<float>)(o.dx.data(), o.dgamma.data(), o.dbeta.data(), dy.data(), x.data(),
                                                   gamma.data(), o.mean.data(), o.rstd.data(), rows, d);
    } else if (kind == "rms") {
        o.rstd.resize(rows);
        normlab::rmsnorm_forward(o.y.data(), o.rstd.data(), x.data(), or_null(gamma), rows, d, eps);
        normlab::rmsnorm_backward(o.dx.data(), or_null(o.dgamma), dy.data(), x.data(), or_null(gamma), o.rstd.data(),
                                  rows, d);
    } else if (kind == "batch") {
        o.mean.resize(C);
        o.rstd.resize(C);
        o.running_mean = floats_of(c["running_mean"]);
        o.running_var = floats_of(c["running_var"]);
        const bool training = c["training"];
        normlab::batchnorm_forward(o.y.data(), o.mean.data(), o.rstd.data(), o.running_mean.data(),
                                   o.running_var.data(), x.data(), gamma.data(), beta.data(), N, C, S, eps,
                                   c["momentum"].get<float>(), training);
        normlab::batchnorm_backward(o.dx.data(), o.dgamma.data(), o.dbeta.data(), dy.data(), x.data(), gamma.data(),
                                    o.mean.data(), o.rstd.data(), N, C, S, training);
    } else if (kind == "group" || kind == "instance") {
        const std::size_t G = kind == "group" ? c["groups"].get<std::size_t>() : C;
        o.mean.resize(N * G);
        o.rstd.resize(N * G);
        normlab::groupnorm_forward(o.y.data(), o.mean.data(), o.rstd.data(), x.data(), or_null(gamma), or_null(beta), N,
                                   C, S, G, eps);
        normlab::groupnorm_backward(o.dx.data(), or_null(o.dgamma), or_null(o.dbeta), dy.data(), x.data(),
                                    or_null(gamma), o.mean.data(), o.rstd.data(), N, C, S, G);
    } else if (kind == "dyt") {
        const float alpha = c["alpha"];
        normlab::dyt_forward(o.y.data(), x.data(), gamma.data(), beta.data(), rows, d, alpha);
        normlab::dyt_backward(o.dx.data(), o.dgamma.data(), o.dbeta.data(), &o.dalpha, dy.data(), x.data(),
                              gamma.data(), rows, d, alpha);
    } else {
        ADD_FAILURE() << "unknown fixture kind " << kind;
    }
    return o;
}

void expect_fixture_cases_match(const std::string& kind) {
    using normlab::testing::floats_of;
    const nlohmann::json fixtures = load_norm_fixtures();
    int cases = 0;
    for (const auto& c : fixtures.value("cases", nlohmann::json::array())) {
        if (c["kind"] != kind) continue;
        cases++;
        SCOPED_TRACE(c["name"].get<std::string>());
        const KernelOutputs o = run_case(c);
        auto check = [&](const char* field, const std::vector<float>& ours, double scale = 0) {
            if (!c.contains(field) || c[field].is_null()) return;
            EXPECT_TRUE(matches_reference(ours, floats_of(c[field]), scale)) << field;
            if (std::getenv("NORMLAB_PRINT_ERRORS"))
                std::printf("%-28s %-16s %.3f\n", c["name"].get<std::string>().c_str(), field,
                            normlab::testing::max_error_ratio(ours, floats_of(c[field]), scale));
        };
        // y's terms: (x - mean) * rstd * gamma, so the mean's rounding counts at max|x| rstd |gamma|
        check("y", o.y,
              o.rstd.empty() ? 0.0 : normlab::testing::term_scale(floats_of(c["x"]), floats_of(c["gamma"]), o.rstd));
        check("dx", o.dx, normlab::testing::term_scale(floats_of(c["dy"]), floats_of(c["gamma"]), o.rstd));
        check("dgamma", o.dgamma, normlab::testing::max_abs(floats_of(c["dy"])));
        check("dbeta", o.dbeta);
        check("mean", o.mean);
        check("rstd", o.rstd);
        check("running_mean_out", o.running_mean);
        check("running_var_out", o.running_var);
        if (c.contains("dalpha")) EXPECT_TRUE(matches_reference({o.dalpha}, {c["dalpha"].get<float>()})) << "dalpha";
    }
    EXPECT_GT(cases, 0) << "no fixture cases of kind " << kind;
}

TEST(PyTorchReference, LayerNorm) { expect_fixture_cases_match("layer"); }
TEST(PyTorchReference, LayerNormEpsOutside) { expect_fixture_cases_match("layer_eps_outside"); }
TEST(PyTorchReference, RMSNorm) { expect_fixture_cases_match("rms"); }
TEST(PyTorchReference, BatchNorm) { expect_fixture_cases_match("batch"); }
TEST(PyTorchReference, GroupNorm) { expect_fixture_cases_match("group"); }
TEST(PyTorchReference, InstanceNorm) { expect_fixture_cases_match("instance"); }
TEST(PyTorchReference, DyT) { expect_fixture_cases_match("dyt"); }

// ============================================================================
// 3. Properties
// ============================================================================
bool all_finite(const std::vector<float>& v) {
    return std::all_of(v.begin(), v.end(), [](float e) { return std::isfinite(e); });
}

// Every kernel, forward and backward, on an all-zero input: nothing NaN or infinite
// (eps inside the root keeps rstd = 1/sqrt(eps) finite). The eps-outside bug is tested below.
TEST(Properties, AllZeroInputGivesNoNaN) {
    const std::size_t N = 2, C = 6, S = 3, n = N * C * S, d = C * S, rows = N;
    Rng rng(7);
    const std::vector<float> x(n, 0.0f), dy = random_values<float>(rng, n);
    const std::vector<float> gamma(C * S, 1.5f), beta(C * S, 0.25f);
    std::vector<float> y(n), dx(n, 0.0f), dg(C * S, 0.0f), db(C * S, 0.0f), mean(N * C), rstd(N * C);
    std::vector<float> rm(C, 0.0f), rv(C, 1.0f);
    float dalpha = 0;
    auto expect_clean = [&](const char* what) {
        EXPECT_TRUE(all_finite(y)) << what << " y";
        EXPECT_TRUE(all_finite(dx)) << what << " dx";
        EXPECT_TRUE(all_finite(dg)) << what << " dgamma";
        EXPECT_TRUE(all_finite(db)) << what << " dbeta";
        EXPECT_TRUE(all_finite(mean) && all_finite(rstd)) << what << " stats";
    };
    normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), rows, d, 1e-5);
    normlab::layernorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), gamma.data(), mean.data(),
                                rstd.data(), rows, d);
    expect_clean("layernorm");
    normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), gamma.data(), rows, d, 1e-5f);
    normlab::rmsnorm_backward(dx.data(), dg.data(), dy.data(), x.data(), gamma.data(), rstd.data(), rows, d);
    expect_clean("rmsnorm");
    for (bool training : {true, false}) {
        normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), rm.data(), rv.data(), x.data(), gamma.data(),
                                   beta.data(), N, C, S, 1e-5, 0.1, training);
        normlab::batchnorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), gamma.data(), mean.data(),
                                    rstd.data(), N, C, S, training);
        expect_clean(training ? "batchnorm train" : "batchnorm eval");
        EXPECT_TRUE(all_finite(rm) && all_finite(rv));
    }
    normlab::groupnorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), N, C, S,
                               std::size_t{2}, 1e-5);
    normlab::groupnorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), gamma.data(), mean.data(),
                                rstd.data(), N, C, S, std::size_t{2});
    expect_clean("groupnorm");
    normlab::instancenorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), N, C, S,
                                  1e-5);
    normlab::instancenorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), gamma.data(), mean.data(),
                                   rstd.data(), N, C, S);
    expect_clean("instancenorm");
    normlab::dyt_forward(y.data(), x.data(), gamma.data(), beta.data(), rows, d, 0.5);
    normlab::dyt_backward(dx.data(), dg.data(), db.data(), &dalpha, dy.data(), x.data(), gamma.data(), rows, d, 0.5);
    expect_clean("dyt");
    EXPECT_TRUE(std::isfinite(dalpha));
}

// The epsilon lesson: on a constant row, LayerNorm's gradient stays finite, while the
// eps-outside variant's blows up (d sqrt(var)/d var = 1/(2 sqrt(var)) at var = 0).
TEST(Properties, EpsOutsideGradientExplodesOnConstantRowWhileLayerNormStaysFinite) {
    const std::size_t d = 8;
    const std::vector<float> x(d, 3.0f), gamma(d, 1.0f), beta(d, 0.0f);
    Rng rng(11);
    const std::vector<float> dy = random_values<float>(rng, d);
    std::vector<float> y(d), mean(1), rstd(1);

    std::vector<float> dx(d, 0.0f), dg(d, 0.0f), db(d, 0.0f);
    normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), 1, d, 1e-5);
    normlab::layernorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), gamma.data(), mean.data(),
                                rstd.data(), 1, d);
    EXPECT_TRUE(all_finite(dx));

    std::vector<float> bug_dx(d, 0.0f), bug_dg(d, 0.0f), bug_db(d, 0.0f);
    normlab::layernorm_eps_outside_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), 1,
                                           d, 1e-5);
    EXPECT_TRUE(all_finite(y)) << "the forward itself is fine: y = beta";
    normlab::layernorm_eps_outside_backward(bug_dx.data(), bug_dg.data(), bug_db.data(), dy.data(), x.data(),
                                            gamma.data(), mean.data(), rstd.data(), 1, d);
    const bool exploded =
        std::any_of(bug_dx.begin(), bug_dx.end(), [](float v) { return !std::isfinite(v) || std::fabs(v) > 1e6f; });
    EXPECT_TRUE(exploded) << "the eps-outside gradient should be non-finite or huge on a constant row";

    // a row one ulp away from constant: finite, but ~1/eps-sized where LayerNorm's
    // gradient on the same row is ~rstd-sized (measured: 1.3e5 vs 4e2)
    std::vector<float> x2(d, 3.0f);
    x2[0] = std::nextafter(3.0f, 4.0f);
    auto max_abs_dx = [&](bool bug) {
        std::vector<float> g_dx(d, 0.0f), g_dg(d, 0.0f), g_db(d, 0.0f);
        (bug ? normlab::layernorm_eps_outside_forward<float>
             : normlab::layernorm_forward<float>)(y.data(), mean.data(), rstd.data(), x2.data(), gamma.data(),
                                                  beta.data(), 1, d, 1e-5f);
        (bug ? normlab::layernorm_eps_outside_backward<float>
             : normlab::layernorm_backward<float>)(g_dx.data(), g_dg.data(), g_db.data(), dy.data(), x2.data(),
                                                   gamma.data(), mean.data(), rstd.data(), 1, d);
        float biggest = 0;
        for (float v : g_dx) biggest = std::max(biggest, std::isfinite(v) ? std::fabs(v) : INFINITY);
        return biggest;
    };
    EXPECT_GT(max_abs_dx(true), 100 * max_abs_dx(false));
}

TEST(Properties, LayerNormWithOneFeatureOutputsExactlyBeta) {
    const std::size_t rows = 5;
    Rng rng(3);
    const std::vector<float> x = random_values<float>(rng, rows, 10.0), gamma = {2.5f}, beta = {-0.75f};
    std::vector<float> y(rows), mean(rows), rstd(rows);
    normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), rows,
                               std::size_t{1}, 1e-5);
    for (float v : y) EXPECT_EQ(v, -0.75f);
}

TEST(Properties, RMSNormMeanSquareAndComponentwiseIdentity) {
    const std::size_t rows = 6, d = 50;
    const float eps = 1e-3f;  // large enough that the ms/(ms+eps) factor is visible
    Rng rng(5);
    std::vector<float> x = random_values<float>(rng, rows * d);
    for (std::size_t j = 0; j < d; j++) x[5 * d + j] *= 0.01f;  // a small row: eps matters there
    const std::vector<float> uniform_gamma(d, 1.7f);
    std::vector<float> y(rows * d), rstd(rows);
    normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), uniform_gamma.data(), rows, d, eps);
    for (std::size_t r = 0; r < rows; r++) {
        double ms = 0, my2 = 0;
        for (std::size_t j = 0; j < d; j++) {
            ms += double(x[r * d + j]) * x[r * d + j];
            my2 += double(y[r * d + j]) * y[r * d + j];
        }
        ms /= d;
        my2 /= d;
        const double expected = 1.7 * 1.7 * ms / (ms + eps);
        EXPECT_NEAR(my2, expected, 1e-5 * expected) << "row " << r;
    }
    // y^2 * rms^2 == gamma^2 x^2 elementwise, for any gamma
    const std::vector<float> gamma = random_values<float>(rng, d, 1.0, 0.5);
    normlab::rmsnorm_forward(y.data(), rstd.data(), x.data(), gamma.data(), rows, d, eps);
    for (std::size_t r = 0; r < rows; r++)
        for (std::size_t j = 0; j < d; j++) {
            const double rms = 1.0 / rstd[r];
            const double lhs = double(y[r * d + j]) * y[r * d + j] * rms * rms;
            const double rhs = double(gamma[j]) * gamma[j] * x[r * d + j] * x[r * d + j];
            EXPECT_NEAR(lhs, rhs, 1e-5 * rhs + 1e-12) << r << "," << j;
        }
}

// A row with mean 1e4 and std 1: E[x^2] - E[x]^2 in float would lose every digit
// (1e8 - 1e8); the two-pass variance normalises it like any other row.
TEST(Properties, LargeOffsetRowsNormaliseCorrectly) {
    const double kUlpAt1e4 = std::nextafter(1e4f, 2e4f) - 1e4f;  // 9.8e-4
    for (std::size_t d : {64, 768, 4096}) {
        SCOPED_TRACE("d = " + std::to_string(d));
        const std::size_t rows = 3;
        Rng rng(d);
        const std::vector<float> x = random_values<float>(rng, rows * d, 1.0, 1e4);
        const std::vector<float> gamma(d, 1.0f), beta(d, 0.0f);
        std::vector<float> y(rows * d), mean(rows), rstd(rows);
        normlab::layernorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), rows, d,
                                   1e-5);
        for (std::size_t r = 0; r < rows; r++) {
            double m = 0, v = 0;
            for (std::size_t j = 0; j < d; j++) m += y[r * d + j];
            m /= d;
            for (std::size_t j = 0; j < d; j++) v += (y[r * d + j] - m) * (y[r * d + j] - m);
            v /= d;
            // mean(y) = -(mean's rounding) * rstd: a float mean at 1e4 is exact to ulp(1e4)/2
            // = 4.9e-4, the resolution of the input itself, so one ulp of the offset is the
            // float tolerance. The variance is what E[x^2] - E[x]^2 would destroy (1e8 - 1e8
            // in float loses every digit); here it must be right to 1e-4.
            EXPECT_NEAR(m, 0.0, kUlpAt1e4);
            EXPECT_NEAR(v, 1.0, 1e-4);  // var/(var + eps) with var ~ 1
            // and the statistics themselves, against double
            double xm = 0, xv = 0;
            for (std::size_t j = 0; j < d; j++) xm += x[r * d + j];
            xm /= d;
            for (std::size_t j = 0; j < d; j++) xv += (x[r * d + j] - xm) * (x[r * d + j] - xm);
            xv /= d;
            EXPECT_NEAR(mean[r], xm, 1e-3);  // 1e-3 = one float ulp at 1e4
            EXPECT_NEAR(rstd[r], 1.0 / std::sqrt(xv + 1e-5), 1e-4);
        }
    }
    // the channel kernels use the same two-pass statistics
    const std::size_t N = 64, C = 3, S = 16;
    Rng rng(17);
    const std::vector<float> x = random_values<float>(rng, N * C * S, 1.0, 1e4);
    const std::vector<float> gamma(C, 1.0f), beta(C, 0.0f);
    std::vector<float> y(N * C * S), mean(N * C), rstd(N * C);
    for (const char* which : {"batch", "group"}) {
        SCOPED_TRACE(which);
        if (std::string(which) == "batch")
            normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), static_cast<float*>(nullptr),
                                       static_cast<float*>(nullptr), x.data(), gamma.data(), beta.data(), N, C, S, 1e-5,
                                       0.1, true);
        else
            normlab::groupnorm_forward(y.data(), mean.data(), rstd.data(), x.data(), gamma.data(), beta.data(), N, C, S,
                                       std::size_t{1}, 1e-5);
        double m = 0, v = 0;
        for (float e : y) m += e;
        m /= y.size();
        for (float e : y) v += (e - m) * (e - m);
        v /= y.size();
        EXPECT_NEAR(m, 0.0, kUlpAt1e4);
        EXPECT_NEAR(v, 1.0, 1e-4);
    }
}

TEST(Properties, GroupNormWithOneGroupIsLayerNormOverChannelsAndSpace) {
    const std::size_t N = 3, C = 5, S = 6, d = C * S;
    Rng rng(23);
    const std::vector<float> x = random_values<float>(rng, N * d), dy = random_values<float>(rng, N * d);
    const std::vector<float> gamma = random_values<float>(rng, C, 0.5, 1.0), beta = random_values<float>(rng, C, 0.3);
    // LayerNorm's elementwise affine with each channel's value repeated over its S positions
    std::vector<float> gamma_ln(d), beta_ln(d);
    for (std::size_t j = 0; j < d; j++) {
        gamma_ln[j] = gamma[j / S];
        beta_ln[j] = beta[j / S];
    }
    std::vector<float> y_gn(N * d), y_ln(N * d), m_gn(N), r_gn(N), m_ln(N), r_ln(N);
    normlab::groupnorm_forward(y_gn.data(), m_gn.data(), r_gn.data(), x.data(), gamma.data(), beta.data(), N, C, S,
                               std::size_t{1}, 1e-5);
    normlab::layernorm_forward(y_ln.data(), m_ln.data(), r_ln.data(), x.data(), gamma_ln.data(), beta_ln.data(), N, d,
                               1e-5);
    for (std::size_t i = 0; i < N * d; i++) EXPECT_NEAR(y_gn[i], y_ln[i], 1e-6) << i;
    std::vector<float> dx_gn(N * d, 0.0f), dg_gn(C, 0.0f), db_gn(C, 0.0f);
    std::vector<float> dx_ln(N * d, 0.0f), dg_ln(d, 0.0f), db_ln(d, 0.0f);
    normlab::groupnorm_backward(dx_gn.data(), dg_gn.data(), db_gn.data(), dy.data(), x.data(), gamma.data(),
                                m_gn.data(), r_gn.data(), N, C, S, std::size_t{1});
    normlab::layernorm_backward(dx_ln.data(), dg_ln.data(), db_ln.data(), dy.data(), x.data(), gamma_ln.data(),
                                m_ln.data(), r_ln.data(), N, d);
    for (std::size_t i = 0; i < N * d; i++) EXPECT_NEAR(dx_gn[i], dx_ln[i], 1e-5) << i;
    for (std::size_t c = 0; c < C; c++) {
        float dg = 0, db = 0;
        for (std::size_t s = 0; s < S; s++) {
            dg += dg_ln[c * S + s];
            db += db_ln[c * S + s];
        }
        EXPECT_NEAR(dg_gn[c], dg, 1e-4) << c;
        EXPECT_NEAR(db_gn[c], db, 1e-4) << c;
    }
}

TEST(Properties, GroupNormWithOneChannelPerGroupIsInstanceNorm) {
    const std::size_t N = 2, C = 4, S = 9;
    Rng rng(29);
    const std::vector<float> x = random_values<float>(rng, N * C * S);
    const std::vector<float> gamma = random_values<float>(rng, C, 0.5, 1.0), beta = random_values<float>(rng, C, 0.3);
    std::vector<float> y_gn(N * C * S), y_in(N * C * S), m(N * C), r(N * C);
    normlab::groupnorm_forward(y_gn.data(), m.data(), r.data(), x.data(), gamma.data(), beta.data(), N, C, S, C, 1e-5);
    normlab::instancenorm_forward(y_in.data(), m.data(), r.data(), x.data(), gamma.data(), beta.data(), N, C, S, 1e-5);
    // and InstanceNorm against its definition, computed in double
    for (std::size_t n = 0; n < N; n++)
        for (std::size_t c = 0; c < C; c++) {
            const float* xs = &x[(n * C + c) * S];
            double mean = 0, var = 0;
            for (std::size_t s = 0; s < S; s++) mean += xs[s];
            mean /= S;
            for (std::size_t s = 0; s < S; s++) var += (xs[s] - mean) * (xs[s] - mean);
            var /= S;
            for (std::size_t s = 0; s < S; s++) {
                const std::size_t i = (n * C + c) * S + s;
                EXPECT_FLOAT_EQ(y_gn[i], y_in[i]);
                EXPECT_NEAR(y_in[i], gamma[c] * (xs[s] - mean) / std::sqrt(var + 1e-5) + beta[c], 1e-5);
            }
        }
}

TEST(Properties, BatchNormEvalIsTheAffineMapOfTheRunningStatistics) {
    for (std::size_t S : {1, 5}) {
        const std::size_t N = 4, C = 7;
        Rng rng(31 + S);
        const std::vector<float> x = random_values<float>(rng, N * C * S, 2.0, 0.5);
        const std::vector<float> gamma = random_values<float>(rng, C, 0.5, 1.0),
                                 beta = random_values<float>(rng, C, 0.3);
        std::vector<float> rm = random_values<float>(rng, C, 0.5), rv = random_values<float>(rng, C, 0.5);
        for (float& v : rv) v = std::fabs(v) + 0.1f;
        const std::vector<float> rm0 = rm, rv0 = rv;
        std::vector<float> y(N * C * S), mean(C), rstd(C);
        normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), rm.data(), rv.data(), x.data(), gamma.data(),
                                   beta.data(), N, C, S, 1e-5, 0.1, false);
        EXPECT_EQ(rm, rm0) << "eval must not touch the running statistics";
        EXPECT_EQ(rv, rv0);
        for (std::size_t n = 0; n < N; n++)
            for (std::size_t c = 0; c < C; c++)
                for (std::size_t s = 0; s < S; s++) {
                    const std::size_t i = (n * C + c) * S + s;
                    const double expected =
                        (x[i] - double(rm[c])) / std::sqrt(double(rv[c]) + 1e-5) * gamma[c] + beta[c];
                    EXPECT_NEAR(y[i], expected, 1e-5 * (1 + std::fabs(expected)));
                }
    }
}

TEST(Properties, BatchNormTrainingUpdatesRunningStatisticsWithUnbiasedVariance) {
    const std::size_t N = 5, C = 3, S = 2;
    Rng rng(37);
    const std::vector<float> x = random_values<float>(rng, N * C * S, 1.5, 0.2);
    const std::vector<float> gamma(C, 1.0f), beta(C, 0.0f);
    std::vector<float> rm = {0.1f, -0.2f, 0.3f}, rv = {1.0f, 2.0f, 0.5f};
    const std::vector<float> rm0 = rm, rv0 = rv;
    std::vector<float> y(N * C * S), mean(C), rstd(C);
    const double momentum = 0.3;
    normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), rm.data(), rv.data(), x.data(), gamma.data(),
                               beta.data(), N, C, S, 1e-5, momentum, true);
    for (std::size_t c = 0; c < C; c++) {
        double m = 0, ss = 0;
        for (std::size_t n = 0; n < N; n++)
            for (std::size_t s = 0; s < S; s++) m += x[(n * C + c) * S + s];
        m /= N * S;
        for (std::size_t n = 0; n < N; n++)
            for (std::size_t s = 0; s < S; s++) ss += std::pow(x[(n * C + c) * S + s] - m, 2);
        EXPECT_NEAR(rm[c], (1 - momentum) * rm0[c] + momentum * m, 1e-6);
        EXPECT_NEAR(rv[c], (1 - momentum) * rv0[c] + momentum * ss / (N * S - 1), 1e-5);
        EXPECT_NEAR(rstd[c], 1 / std::sqrt(ss / (N * S) + 1e-5), 1e-5);
    }
}

TEST(Properties, BatchNormTrainingWithOneSampleOutputsExactlyBeta) {
    const std::size_t N = 1, C = 6;
    Rng rng(41);
    const std::vector<float> x = random_values<float>(rng, C, 3.0);
    const std::vector<float> gamma = random_values<float>(rng, C, 0.5, 1.0), beta = random_values<float>(rng, C);
    std::vector<float> y(C), mean(C), rstd(C), rm(C, 0.0f), rv(C, 1.0f);
    normlab::batchnorm_forward(y.data(), mean.data(), rstd.data(), rm.data(), rv.data(), x.data(), gamma.data(),
                               beta.data(), N, C, std::size_t{1}, 1e-5, 0.1, true);
    EXPECT_EQ(y, beta);
    EXPECT_EQ(rv, std::vector<float>(C, 1.0f)) << "unbiased variance undefined for one value: running_var kept";
    EXPECT_TRUE(all_finite(rm));
}

TEST(Properties, FloatRMSNormEntryPointKeepsItsSignature) {
    // the binding's call shape: plain nullptr gamma, float eps
    void (*entry)(float*, float*, const float*, const float*, std::size_t, std::size_t, float) =
        &normlab::rmsnorm_forward;
    const std::vector<float> x = {3.0f, 4.0f};
    std::vector<float> y(2), rstd(1);
    entry(y.data(), rstd.data(), x.data(), nullptr, 1, 2, 0.0f);
    EXPECT_NEAR(y[0], 3.0 / std::sqrt(12.5), 1e-6);
}

TEST(Properties, FloatAndDoubleKernelsAgree) {
    const std::size_t rows = 4, d = 37;
    Rng rng(43);
    const std::vector<double> xd = random_values<double>(rng, rows * d), gd = random_values<double>(rng, d, 0.5, 1.0),
                              bd = random_values<double>(rng, d, 0.3);
    const std::vector<float> xf(xd.begin(), xd.end()), gf(gd.begin(), gd.end()), bf(bd.begin(), bd.end());
    std::vector<double> yd(rows * d), md(rows), rd(rows);
    std::vector<float> yf(rows * d), mf(rows), rf(rows);
    normlab::layernorm_forward(yd.data(), md.data(), rd.data(), xd.data(), gd.data(), bd.data(), rows, d, 1e-5);
    normlab::layernorm_forward(yf.data(), mf.data(), rf.data(), xf.data(), gf.data(), bf.data(), rows, d, 1e-5);
    for (std::size_t i = 0; i < rows * d; i++) EXPECT_NEAR(yf[i], yd[i], 1e-5);
}

}  // namespace
