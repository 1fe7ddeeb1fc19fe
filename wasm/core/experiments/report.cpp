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

const char* const kSeedVerdictRule =
    "with 3 or more paired seeds: holds if the effect has the predicted sign in every seed, does not hold if it "
    "has the opposite sign in every seed, inconclusive otherwise (an effect within the stated noise counts as "
    "neither); with fewer seeds the result is only indicative";

SeedVerdict decide_by_seeds(const std::vector<double>& per_seed_effect, double negligible) {
    SeedVerdict v;
    int positive = 0, negative = 0;
    double sum = 0;
    for (double e : per_seed_effect) {
        if (!std::isfinite(e)) continue;
        if (v.seeds == 0) v.spread_lo = v.spread_hi = e;
        v.spread_lo = std::min(v.spread_lo, e);
        v.spread_hi = std::max(v.spread_hi, e);
        sum += e;
        v.seeds++;
        if (e > negligible) positive++;
        if (e < -negligible) negative++;
    }
    if (v.seeds == 0) {
        v.effect = v.spread_lo = v.spread_hi = std::numeric_limits<double>::quiet_NaN();
        v.verdict = "inconclusive";
        return v;
    }
    v.effect = sum / v.seeds;
    if (v.seeds < kMinSeedsForVerdict)
        v.verdict = "indicative";
    else if (positive == v.seeds)
        v.verdict = "holds";
    else if (negative == v.seeds)
        v.verdict = "does not hold";
    else
        v.verdict = "inconclusive";
    return v;
}

nlohmann::json empirical_claim(const std::string& text, const std::string& observed,
                               const std::vector<double>& per_seed_effect, double negligible) {
    const SeedVerdict v = decide_by_seeds(per_seed_effect, negligible);
    nlohmann::json holds = nullptr;
    if (v.verdict == "holds") holds = true;
    if (v.verdict == "does not hold") holds = false;
    return {{"claim", text},
            {"observed", observed},
            {"holds", holds},
            {"verdict", v.verdict},
            {"kind", "empirical"},
            {"effect", finite_or_null(v.effect)},
            {"spread", {finite_or_null(v.spread_lo), finite_or_null(v.spread_hi)}},
            {"seeds", v.seeds},
            {"negligible", negligible},
            {"rule", kSeedVerdictRule}};
}

nlohmann::json empirical_claim(const std::string& id, const std::string& text, const std::string& observed,
                               const std::vector<double>& per_seed_effect, double negligible, nlohmann::json params) {
    nlohmann::json c = empirical_claim(text, observed, per_seed_effect, negligible);
    c["id"] = id;
    c["params"] = std::move(params);
    return c;
}

nlohmann::json finite_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json finite_or_null(const std::vector<double>& v, double scale) {
    nlohmann::json out = nlohmann::json::array();
    for (double x : v) out.push_back(finite_or_null(scale * x));
    return out;
}

ResultsBySeed results_by_seed(const std::vector<nlohmann::json>& results) {
    ResultsBySeed out;
    for (const auto& r : results) out[r.at("seed").get<std::uint64_t>()][r.at("variant").get<std::string>()] = &r;
    return out;
}

Quartiles quartiles_of(std::vector<double> v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
    Quartiles q;
    if (v.empty()) {
        q.q1 = q.median = q.q3 = std::numeric_limits<double>::quiet_NaN();
        return q;
    }
    std::sort(v.begin(), v.end());
    auto at = [&](double p) {
        const double pos = p * static_cast<double>(v.size() - 1);
        const auto i = static_cast<std::size_t>(pos);
        const double frac = pos - static_cast<double>(i);
        return i + 1 < v.size() ? v[i] + frac * (v[i + 1] - v[i]) : v[i];
    };
    q.q1 = at(0.25);
    q.median = at(0.5);
    q.q3 = at(0.75);
    return q;
}

double accuracy_difference_noise(double p1, double p2, std::size_t n) {
    if (n == 0 || !std::isfinite(p1) || !std::isfinite(p2)) return std::numeric_limits<double>::quiet_NaN();
    const double N = static_cast<double>(n);
    return 2.0 * std::sqrt(p1 * (1.0 - p1) / N + p2 * (1.0 - p2) / N);
}

double amdahl_speedup(double f, double s) {
    if (!(s > 0) || !std::isfinite(f)) return std::numeric_limits<double>::quiet_NaN();
    f = std::min(1.0, std::max(0.0, f));
    return 1.0 / (1.0 - f + f / s);
}

double amdahl_saving(double f, double s) {
    const double speedup = amdahl_speedup(f, s);
    return std::isfinite(speedup) ? 1.0 - 1.0 / speedup : speedup;
}

}  // namespace normlab
