// Conversions between JS values and the core's flat buffers. The only place
// that knows both worlds; bindings.cpp itself holds declarations only.
#pragma once

#include <emscripten/val.h>

#include <exception>
#include <string>
#include <vector>

namespace normlab::bindings {

using emscripten::val;

// Copies a JS typed array (or plain array) of numbers into a float vector in one bulk set.
inline std::vector<float> to_floats(const val& array) { return emscripten::convertJSArrayToNumberVector<float>(array); }

// Copies float data out into a new JS-owned Float32Array (no view into WASM memory escapes,
// so memory growth can never invalidate what JS holds).
inline val to_float32_array(const float* data, std::size_t n) {
    return val(emscripten::typed_memory_view(n, data)).call<val>("slice");
}

// Runs `body` and returns its result object; a C++ exception becomes {error: message} so the
// JS wrapper can throw a real Error with the same text (and no C++ object is leaked on the way).
template <typename Body>
val guarded(Body&& body) {
    std::string message;
    try {
        return body();
    } catch (const std::exception& e) { message = e.what(); } catch (...) {
        message = "unknown error in the NormLab core";
    }
    val result = val::object();
    result.set("error", message);
    return result;
}

// The result of a bit-for-bit check binding (exp_exact, the fused optimizers): how many cases ran,
// how many differed, and which was the first to differ (a value or a description).
template <typename First>
val check_summary(double checked, double mismatches, const First& first_mismatch) {
    val out = val::object();
    out.set("checked", checked);
    out.set("mismatches", mismatches);
    out.set("firstMismatch", first_mismatch);
    return out;
}

}  // namespace normlab::bindings
