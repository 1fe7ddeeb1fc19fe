// What every experiment's summary uses to turn measurements into text and numbers: the one
// number formatter of the core's claims and observations, and robust averages over runs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace normlab {

// A number for a claim's observed text: 3 significant digits ("0.0123", "1.5e+03").
// Non-finite values are spelled out, never hidden: "NaN", "inf", "-inf".
std::string format3(double v);

// The median of the finite values of v (NaN if there are none); the mean of the middle two for
// an even count.
double median_of(std::vector<double> v);

// Mean of the finite values in v[begin, end) (NaN if none).
double mean_of(const std::vector<double>& v, std::size_t begin, std::size_t end);

}  // namespace normlab
