#include "ops/norm_gradcheck.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "kernels/norms.h"
#include "engine/rng.h"

namespace normlab {
namespace {

using Vec = std::vector<double>;
// y = f(x, gamma, beta); grads of sum(dy * y) accumulate into dx, dgamma, dbeta.
struct Op {
    std::function<void(Vec& y, const Vec& x, const Vec& g, const Vec& b)> forward;
    std::function<void(Vec& dx, Vec& dg, Vec& db, const Vec& dy, const Vec& x, const Vec& g, const Vec& b)> backward;
    std::size_t param_size;
    bool has_beta = true;
};

Op make_op(NormKind kind, std::size_t rows, std::size_t d) {
    const double eps = 1e-5;
    switch (kind) {
        case NormKind::layer:
        case NormKind::layer_eps_outside: {
            const bool outside = kind == NormKind::layer_eps_outside;
            auto fwd = [=](Vec& y, Vec& m, Vec& r, const Vec& x, const Vec& g, const Vec& b) {
                if (outside)
                    layernorm_eps_outside_forward(y.data(), m.data(), r.data(), x.data(), g.data(), b.data(), rows, d,
                                                  eps);
                else
                    layernorm_forward(y.data(), m.data(), r.data(), x.data(), g.data(), b.data(), rows, d, eps);
            };
            return {[=](Vec& y, const Vec& x, const Vec& g, const Vec& b) {
                        Vec m(rows), r(rows);
                        fwd(y, m, r, x, g, b);
                    },
                    [=](Vec& dx, Vec& dg, Vec& db, const Vec& dy, const Vec& x, const Vec& g, const Vec& b) {
                        Vec y(rows * d), m(rows), r(rows);
                        fwd(y, m, r, x, g, b);
                        if (outside)
                            layernorm_eps_outside_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(),
                                                           g.data(), m.data(), r.data(), rows, d);
                        else
                            layernorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), g.data(), m.data(),
                                               r.data(), rows, d);
                    },
                    d};
        }
        case NormKind::rms:
            return {[=](Vec& y, const Vec& x, const Vec& g, const Vec&) {
                        rmsnorm_forward(y.data(), static_cast<double*>(nullptr), x.data(), g.data(), rows, d, eps);
                    },
                    [=](Vec& dx, Vec& dg, Vec&, const Vec& dy, const Vec& x, const Vec& g, const Vec&) {
                        Vec y(rows * d), r(rows);
                        rmsnorm_forward(y.data(), r.data(), x.data(), g.data(), rows, d, eps);
                        rmsnorm_backward(dx.data(), dg.data(), dy.data(), x.data(), g.data(), r.data(), rows, d);
                    },
                    d, false};
        case NormKind::batch:
            return {[=](Vec& y, const Vec& x, const Vec& g, const Vec& b) {
                        Vec m(d), r(d);
                        batchnorm_forward(y.data(), m.data(), r.data(), static_cast<double*>(nullptr),
                                          static_cast<double*>(nullptr), x.data(), g.data(), b.data(), rows, d, 1, eps,
                                          0.1, true);
                    },
                    [=](Vec& dx, Vec& dg, Vec& db, const Vec& dy, const Vec& x, const Vec& g, const Vec& b) {
                        Vec y(rows * d), m(d), r(d);
                        batchnorm_forward(y.data(), m.data(), r.data(), static_cast<double*>(nullptr),
                                          static_cast<double*>(nullptr), x.data(), g.data(), b.data(), rows, d, 1, eps,
                                          0.1, true);
                        batchnorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), g.data(), m.data(),
                                           r.data(), rows, d, 1, true);
                    },
                    d};
        case NormKind::group: {
            const std::size_t G = d % 2 == 0 ? 2 : 1;
            return {
                [=](Vec& y, const Vec& x, const Vec& g, const Vec& b) {
                    Vec m(rows * G), r(rows * G);
                    groupnorm_forward(y.data(), m.data(), r.data(), x.data(), g.data(), b.data(), rows, d, 1, G, eps);
                },
                [=](Vec& dx, Vec& dg, Vec& db, const Vec& dy, const Vec& x, const Vec& g, const Vec& b) {
                    Vec y(rows * d), m(rows * G), r(rows * G);
                    groupnorm_forward(y.data(), m.data(), r.data(), x.data(), g.data(), b.data(), rows, d, 1, G, eps);
                    groupnorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), g.data(), m.data(),
                                       r.data(), rows, d, 1, G);
                },
                d};
        }
        case NormKind::instance:
            return {
                [=](Vec& y, const Vec& x, const Vec& g, const Vec& b) {
                    Vec m(rows), r(rows);
                    instancenorm_forward(y.data(), m.data(), r.data(), x.data(), g.data(), b.data(), 1, rows, d, eps);
                },
                [=](Vec& dx, Vec& dg, Vec& db, const Vec& dy, const Vec& x, const Vec& g, const Vec& b) {
                    Vec y(rows * d), m(rows), r(rows);
                    instancenorm_forward(y.data(), m.data(), r.data(), x.data(), g.data(), b.data(), 1, rows, d, eps);
                    instancenorm_backward(dx.data(), dg.data(), db.data(), dy.data(), x.data(), g.data(), m.data(),
                                          r.data(), 1, rows, d);
                },
                rows};
        case NormKind::dyt:
            return {[=](Vec& y, const Vec& x, const Vec& g, const Vec& b) {
                        dyt_forward(y.data(), x.data(), g.data(), b.data(), rows, d, 0.5);
                    },
                    [=](Vec& dx, Vec& dg, Vec& db, const Vec& dy, const Vec& x, const Vec& g, const Vec& b) {
                        double dalpha = 0;
                        dyt_backward(dx.data(), dg.data(), db.data(), &dalpha, dy.data(), x.data(), g.data(), rows, d,
                                     0.5);
                        (void)b;
                    },
                    d};
    }
    throw std::invalid_argument("unknown norm kind");
}

double loss(const Op& op, const Vec& dy, const Vec& x, const Vec& g, const Vec& b) {
    Vec y(x.size());
    op.forward(y, x, g, b);
    double s = 0;
    for (std::size_t i = 0; i < y.size(); i++) s += dy[i] * y[i];
    return s;
}

}  // namespace

std::vector<GradcheckEntry> gradcheck_norm(NormKind kind, std::size_t rows, std::size_t d, std::uint64_t seed) {
    if (rows < 1 || d < 1 || rows * d > 4096) throw std::invalid_argument("gradcheck needs 1 <= rows*d <= 4096");
    if (kind == NormKind::batch && rows < 2)
        throw std::invalid_argument("BatchNorm in training mode needs at least 2 rows");
    if (kind == NormKind::instance && d < 2) throw std::invalid_argument("InstanceNorm needs d >= 2 spatial values");
    const Op op = make_op(kind, rows, d);
    Rng rng(seed);
    Vec x(rows * d), dy(rows * d), g(op.param_size), b(op.param_size);
    for (auto& v : x) v = rng.normal();
    for (auto& v : dy) v = rng.normal();
    for (auto& v : g) v = 1.0 + 0.5 * rng.normal();
    for (auto& v : b) v = 0.5 * rng.normal();

    Vec dx(x.size(), 0.0), dg(g.size(), 0.0), db(b.size(), 0.0);
    op.backward(dx, dg, db, dy, x, g, b);

    auto check = [&](const char* name, Vec& param, const Vec& analytic) {
        GradcheckEntry e{name, param.size(), 0.0};
        const double h = 1e-6;
        for (std::size_t i = 0; i < param.size(); i++) {
            const double keep = param[i];
            param[i] = keep + h;
            const double up = loss(op, dy, x, g, b);
            param[i] = keep - h;
            const double down = loss(op, dy, x, g, b);
            param[i] = keep;
            const double numeric = (up - down) / (2 * h);
            // relative to max(|analytic|, |numeric|, 0.1): entries near zero are compared
            // absolutely, so a 1e-12 gradient does not turn rounding noise into a large ratio
            const double scale = std::max({std::fabs(analytic[i]), std::fabs(numeric), 0.1});
            const double err = std::fabs(analytic[i] - numeric) / scale;
            e.max_rel_error = std::max(e.max_rel_error, err);
        }
        return e;
    };
    std::vector<GradcheckEntry> out;
    out.push_back(check("dx", x, dx));
    out.push_back(check("dgamma", g, dg));
    if (op.has_beta) out.push_back(check("dbeta", b, db));
    return out;
}

}  // namespace normlab
