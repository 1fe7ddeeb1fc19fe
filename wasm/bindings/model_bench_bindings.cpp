// Benchmark entry points of engine B's models for the WASM build (bench/bench_models_wasm.mjs).
// Timing happens here in C++ with steady_clock (the Trainer's own step_ms), so JS call overhead
// is not measured.
#include <emscripten/bind.h>

#include <chrono>
#include <stdexcept>

#include "charlm_experiment.h"
#include "convert.h"

namespace normlab::bindings {

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
}  // namespace

// benchCharLmStep(steps) -> {ms, best_ms} | {error}
// Mean and best wall time of one Trainer step of the charlm_2x256 configuration (2 Pre-LN blocks,
// d 256, 4 heads, context 64, batch 16, AdamW) after 2 warm-up steps.
val bench_charlm_step_js(int steps) {
    return guarded([&] {
        if (steps < 1 || steps > 10000) throw std::invalid_argument("benchCharLmStep: steps in [1, 10000]");
        CharLmExperiment run(charlm_2x256_bench_config(), synthetic_text(200000, 1));
        for (int i = 0; i < 2; i++) run.step();
        double best = 1e300;
        const auto t0 = Clock::now();
        for (int i = 0; i < steps; i++) {
            const double ms = run.step().step_ms;
            if (ms < best) best = ms;
        }
        val result = val::object();
        result.set("ms", ms_since(t0) / steps);
        result.set("best_ms", best);
        return result;
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_model_bench) {
    emscripten::function("benchCharLmStep", &normlab::bindings::bench_charlm_step_js);
}
