// The per-op step profile for the WASM build (Node build only; bench/profile_wasm.mjs and the
// Chromium benchmark page call it). Same code as the native normlab_profile: bench/profile/step_profile.h.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "convert.h"
#include "profile/step_profile.h"

namespace normlab::bindings {

// gemmReferenceGflops(reps) -> GFLOP/s of gemm_nt on 64x256x256, best of reps calls
double gemm_reference_gflops_js(int reps) { return bench::gemm_reference_gflops(reps < 1 ? 1 : reps); }

// profileSteps(models: "a,b,...", steps, gemmGflops) -> {json, text} | {error}
// json: the profile as a JSON string; text: the printed table. gemmGflops <= 0 measures it here.
val profile_steps_js(std::string models, int steps, double gemm_gflops) {
    return guarded([&] {
        if (steps < 1 || steps > 10000) throw std::invalid_argument("profileSteps: steps in [1, 10000]");
        const double ref = gemm_gflops > 0.0 ? gemm_gflops : bench::gemm_reference_gflops(300);
        std::vector<bench::StepProfile> ps;
        std::string text;
        std::size_t start = 0;
        while (start <= models.size()) {
            const std::size_t comma = models.find(',', start);
            const std::string m = models.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!m.empty()) {
                ps.push_back(bench::profile_model(m, steps, ref));
                text += bench::format_profile(ps.back(), ref);
            }
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        val result = val::object();
        result.set("json", bench::profile_json(ps, ref).dump());
        result.set("text", text);
        return result;
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_profile) {
    emscripten::function("gemmReferenceGflops", &normlab::bindings::gemm_reference_gflops_js);
    emscripten::function("profileSteps", &normlab::bindings::profile_steps_js);
}
