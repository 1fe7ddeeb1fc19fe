// Embind declarations of the NormLab core: names only; conversions live in *_calls.cpp.
#include <emscripten/bind.h>

#include "norm_calls.h"

EMSCRIPTEN_BINDINGS(normlab) {
    using namespace emscripten;
    function("version", +[]() { return std::string(NORMLAB_VERSION); });
    function("rmsnormForward", &normlab::bindings::rmsnorm_forward_js);
}
