// JS-facing calls of the normalization kernels (converted arguments in, result objects out).
#pragma once

#include <emscripten/val.h>

namespace normlab::bindings {

// rmsnormForward(x: Float32Array, gamma: Float32Array | null, rows, d, eps)
//   -> {y: Float32Array, rstd: Float32Array} | {error: string}
emscripten::val rmsnorm_forward_js(emscripten::val x, emscripten::val gamma, int rows, int d, double eps);

}  // namespace normlab::bindings
