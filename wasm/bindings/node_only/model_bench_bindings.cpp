// Benchmark entry points of the transformer and CNN for the WASM build (bench/bench_models_wasm.mjs).
// Timing happens here in C++ with steady_clock (the Trainer's own step_ms), so JS call overhead
// is not measured.
#include <emscripten/bind.h>

#include <stdexcept>

#include "bench_timing.h"
#include "runs/charlm_run.h"
#include "convert.h"

namespace normlab::bindings {

// benchCharLmStep(steps) -> {ms, best_ms} | {error}
// Mean and best wall time of one Trainer step of the charlm_2x256 configuration (2 Pre-LN blocks,
// d 256, 4 heads, context 64, batch 16, AdamW) after 2 warm-up steps.
val bench_charlm_step_js(int steps) {
    return guarded([&] {
        if (steps < 1 || steps > 10000) throw std::invalid_argument("benchCharLmStep: steps in [1, 10000]");
        CharLmRun run(charlm_2x256_bench_config(), synthetic_text(200000, 1));
        return time_training_steps(run, 2, steps);
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_model_bench) {
    emscripten::function("benchCharLmStep", &normlab::bindings::bench_charlm_step_js);
}
