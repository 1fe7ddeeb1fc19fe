// JS-facing calls of one MLP run (runs/mlp_run.h), for the Node build's tests and benchmarks: converted arguments in, result objects out.
#pragma once

#include <emscripten/val.h>

#include "runs/mlp_run.h"

namespace normlab::bindings {

// Builds an MlpRunConfig from a plain JS object {key: value} (keys of apply_setting(); values are
// numbers, strings or booleans, turned into the text a user would type: numbers with %.17g).
// Throws std::invalid_argument for unknown keys and bad values.
MlpRunConfig mlp_run_config_from_js(const emscripten::val& settings);

// trainMlpLossCurve(settings) -> {losses: Float32Array} | {error: string}
emscripten::val train_mlp_loss_curve_js(emscripten::val settings);

}  // namespace normlab::bindings
