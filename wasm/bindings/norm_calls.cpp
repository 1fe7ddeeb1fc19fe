#include "norm_calls.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "convert.h"
#include "norms.h"

namespace normlab::bindings {

val rmsnorm_forward_js(val x_js, val gamma_js, int rows, int d, double eps) {
    return guarded([&] {
        if (rows < 1 || d < 1) throw std::invalid_argument("rows and d must be at least 1");
        if (!std::isfinite(eps) || eps < 0) throw std::invalid_argument("eps must be a finite number >= 0");
        const std::vector<float> x = to_floats(x_js);
        const std::size_t n = static_cast<std::size_t>(rows) * static_cast<std::size_t>(d);
        if (x.size() != n)
            throw std::invalid_argument("x has " + std::to_string(x.size()) + " values but rows*d = " +
                                        std::to_string(n));
        std::vector<float> gamma;
        if (!gamma_js.isNull() && !gamma_js.isUndefined()) {
            gamma = to_floats(gamma_js);
            if (gamma.size() != static_cast<std::size_t>(d))
                throw std::invalid_argument("gamma has " + std::to_string(gamma.size()) + " values but d = " +
                                            std::to_string(d));
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

}  // namespace normlab::bindings
