#include "experiments/report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace normlab {

std::string format3(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

double median_of(std::vector<double> v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    const std::size_t h = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h), v.end());
    const double hi = v[h];
    if (v.size() % 2) return hi;
    const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h));
    return 0.5 * (lo + hi);
}

double mean_of(const std::vector<double>& v, std::size_t begin, std::size_t end) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = begin; i < std::min(end, v.size()); i++)
        if (std::isfinite(v[i])) {
            sum += v[i];
            n++;
        }
    return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace normlab
