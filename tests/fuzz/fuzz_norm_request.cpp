// libFuzzer target: any byte string given to `normlab norm` must produce either a response
// or a RequestError -- never a crash, a sanitizer report or another exception.
//   cmake --preset fuzz && cmake --build --preset fuzz
//   build/fuzz/fuzz_norm_request tests/fuzz/corpus -max_total_time=30
#include <cstddef>
#include <cstdint>
#include <string>

#include "norm_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string request(reinterpret_cast<const char*>(data), size);
    try {
        (void)normlab::run_norm_request(request);
    } catch (const normlab::RequestError&) {
        // a clear rejection is a correct answer
    }
    return 0;
}
