// JS-facing calls of the normalization kernels (converted arguments in, result objects out).
// Every call returns a plain object; a core error comes back as {error: message}.
#pragma once

#include <emscripten/val.h>

namespace normlab::bindings {

// rmsnormForward(x: Float32Array, gamma: Float32Array | null, rows, d, eps) -> {y, rstd}
emscripten::val rmsnorm_forward_js(emscripten::val x, emscripten::val gamma, int rows, int d, double eps);

// normalize({kind, shape, x, gamma?, beta?, eps?, groups?, alpha?, momentum?, training?,
//            running_mean?, running_var?, dy?}) -> {y, mean?, rstd?, dx?, dgamma?, dbeta?, dalpha?,
//            running_mean?, running_var?}: the same request as `normlab norm`, typed arrays in and out.
emscripten::val normalize_js(emscripten::val request);

// gradcheckNorm(kind, rows, d, seed) -> {results: [{name, count, maxRelError}]}
emscripten::val gradcheck_norm_js(std::string kind, int rows, int d, double seed);

}  // namespace normlab::bindings
