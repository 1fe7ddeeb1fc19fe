// Timing shared by the WASM benchmark bindings (Node build only): steady_clock inside C++, so the
// JS call overhead is not measured.
#pragma once

#include <emscripten/val.h>

#include <chrono>

namespace normlab::bindings {

using BenchClock = std::chrono::steady_clock;

inline double ms_since(BenchClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(BenchClock::now() - t0).count();
}

// {ms, best_ms}: mean wall time of run.step() over `steps` timed steps, and the best step_ms the
// run reported, after `warmup` untimed steps (first-touch allocation, caches).
template <typename Run>
emscripten::val time_training_steps(Run& run, int warmup, int steps) {
    for (int i = 0; i < warmup; i++) run.step();
    double best = 1e300;
    const auto t0 = BenchClock::now();
    for (int i = 0; i < steps; i++) {
        const double ms = run.step().step_ms;
        if (ms < best) best = ms;
    }
    emscripten::val result = emscripten::val::object();
    result.set("ms", ms_since(t0) / steps);
    result.set("best_ms", best);
    return result;
}

}  // namespace normlab::bindings
