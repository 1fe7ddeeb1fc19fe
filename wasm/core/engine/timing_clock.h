// The clock for timings that compare two pieces of code (RMSNorm against LayerNorm, one kernel
// against another). Natively it reads the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so
// that other programs on a busy machine do not add their time to whichever variant happened to be
// running when they woke; cache and memory-bus sharing still show. In WASM it reads wall time
// (steady_clock), the only clock a browser worker has. Training steps keep wall time (step_ms):
// that is what the learner waits for.
#pragma once

#include <chrono>

#if !defined(__EMSCRIPTEN__) && defined(__unix__)
#include <time.h>
#define NORMLAB_THREAD_CPU_CLOCK 1
#endif

namespace normlab {

// Milliseconds on the timing clock (only differences are meaningful).
inline double timing_clock_ms() {
#ifdef NORMLAB_THREAD_CPU_CLOCK
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
#else
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
#endif
}

// What the timing clock measures, for the reports.
inline const char* timing_clock_name() {
#ifdef NORMLAB_THREAD_CPU_CLOCK
    return "the thread's CPU time";
#else
    return "wall time";
#endif
}

// The same as a stable id, for claims given as data: "cpu" or "wall".
inline const char* timing_clock_id() {
#ifdef NORMLAB_THREAD_CPU_CLOCK
    return "cpu";
#else
    return "wall";
#endif
}

}  // namespace normlab
