// Embind declarations of the training engine: names only; conversions live in
// engine_calls.cpp.
#include <emscripten/bind.h>

#include "engine_calls.h"

EMSCRIPTEN_BINDINGS(normlab_engine) {
    emscripten::function("trainMlpLossCurve", &normlab::bindings::train_mlp_loss_curve_js);
}
