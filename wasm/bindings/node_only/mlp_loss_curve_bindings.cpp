// Embind declaration of trainMlpLossCurve (Node build only: the native = WASM determinism test);
// conversions live in mlp_run_calls.cpp.
#include <emscripten/bind.h>

#include "mlp_run_calls.h"

EMSCRIPTEN_BINDINGS(normlab_engine) {
    emscripten::function("trainMlpLossCurve", &normlab::bindings::train_mlp_loss_curve_js);
}
