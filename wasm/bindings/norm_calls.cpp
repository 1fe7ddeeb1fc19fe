#include "norm_calls.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "convert.h"
#include "ops/norm_gradcheck.h"
#include "ops/norm_op.h"
#include "kernels/norms.h"

namespace normlab::bindings {

val rmsnorm_forward_js(val x_js, val gamma_js, int rows, int d, double eps) {
    return guarded([&] {
        if (rows < 1 || d < 1) throw std::invalid_argument("rows and d must be at least 1");
        if (!std::isfinite(eps) || eps < 0) throw std::invalid_argument("eps must be a finite number >= 0");
        const std::vector<float> x = to_floats(x_js);
        const std::size_t n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(d);
        if (x.size() != n)
            throw std::invalid_argument("x has " + std::to_string(x.size()) +
                                        " values but rows*d = " + std::to_string(n));
        std::vector<float> gamma;
        if (!gamma_js.isNull() && !gamma_js.isUndefined()) {
            gamma = to_floats(gamma_js);
            if (gamma.size() != static_cast<std::size_t>(d))
                throw std::invalid_argument("gamma has " + std::to_string(gamma.size()) +
                                            " values but d = " + std::to_string(d));
        }
        std::vector<float> y(n), rstd(static_cast<std::size_t>(rows));
        rmsnorm_forward(y.data(), rstd.data(), x.data(), gamma.empty() ? nullptr : gamma.data(),
                        static_cast<std::size_t>(rows), static_cast<std::size_t>(d), static_cast<float>(eps));
        val result = val::object();
        result.set("y", to_float32_array(y.data(), y.size()));
        result.set("rstd", to_float32_array(rstd.data(), rstd.size()));
        return result;
    });
}

namespace {

bool present(const val& v) { return !v.isUndefined() && !v.isNull(); }

double number_field(const val& request, const char* name, double fallback) {
    const val v = request[name];
    if (!present(v)) return fallback;
    if (!v.isNumber()) throw std::invalid_argument(std::string(name) + " must be a number");
    return v.as<double>();
}

}  // namespace

val normalize_js(val request) {
    return guarded([&] {
        if (!present(request) || request.typeOf().as<std::string>() != "object")
            throw std::invalid_argument("the request must be an object");
        NormSpec spec;
        const val kind = request["kind"];
        if (!kind.isString()) throw std::invalid_argument("kind must be a string");
        spec.kind = parse_norm_kind(kind.as<std::string>());
        const val shape = request["shape"];
        if (!present(shape) || !shape.isArray()) throw std::invalid_argument("shape must be an array of sizes");
        const std::vector<double> dims = emscripten::vecFromJSArray<double>(shape);
        for (double dim : dims) {
            if (!std::isfinite(dim) || std::floor(dim) != dim)
                throw std::invalid_argument("shape sizes must be whole numbers");
            spec.shape.push_back(static_cast<std::int64_t>(dim));
        }
        spec.eps = number_field(request, "eps", spec.eps);
        spec.alpha = number_field(request, "alpha", spec.alpha);
        spec.momentum = number_field(request, "momentum", spec.momentum);
        const double groups = number_field(request, "groups", 1);
        if (std::floor(groups) != groups) throw std::invalid_argument("groups must be a whole number");
        spec.groups = static_cast<std::int64_t>(groups);
        if (present(request["training"])) spec.training = request["training"].as<bool>();

        // Owned copies of the arrays (one bulk copy each); the spec points into them.
        std::vector<float> x, gamma, beta, dy, running_mean, running_var;
        auto take = [&](const char* name, std::vector<float>& store, InputArray& into) {
            const val v = request[name];
            if (!present(v)) return;
            store = to_floats(v);
            into = input_array(store);
        };
        take("x", x, spec.x);
        take("gamma", gamma, spec.gamma);
        take("beta", beta, spec.beta);
        take("dy", dy, spec.dy);
        take("running_mean", running_mean, spec.running_mean);
        take("running_var", running_var, spec.running_var);

        NormBuffers out;
        run_norm(spec, out);
        val result = val::object();
        auto put = [&](const char* name, const std::vector<float>& v) {
            if (!v.empty()) result.set(name, to_float32_array(v.data(), v.size()));
        };
        put("y", out.y);
        put("mean", out.mean);
        put("rstd", out.rstd);
        put("running_mean", out.running_mean);
        put("running_var", out.running_var);
        put("dx", out.dx);
        put("dgamma", out.dgamma);
        put("dbeta", out.dbeta);
        if (out.has_dalpha) result.set("dalpha", out.dalpha);
        return result;
    });
}

val gradcheck_norm_js(std::string kind, int rows, int d, double seed) {
    return guarded([&] {
        if (rows < 1 || d < 1) throw std::invalid_argument("rows and d must be at least 1");
        const auto entries = gradcheck_norm(parse_norm_kind(kind), static_cast<std::size_t>(rows),
                                            static_cast<std::size_t>(d), static_cast<std::uint64_t>(seed));
        val results = val::array();
        for (const auto& e : entries) {
            val item = val::object();
            item.set("name", e.name);
            item.set("count", static_cast<double>(e.count));
            item.set("maxRelError", e.max_rel_error);
            results.call<void>("push", item);
        }
        val result = val::object();
        result.set("results", results);
        return result;
    });
}

}  // namespace normlab::bindings
