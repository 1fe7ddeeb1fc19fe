// normlab_profile: the per-op profile of one training step per model family, natively
// (bench/profile/step_profile.h). scripts/bench.sh runs it; the WASM twin is bench/profile_wasm.mjs.
//   normlab_profile [--steps N] [--models a,b,...] [--json FILE]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "step_profile.h"

int main(int argc, char** argv) {
    using namespace normlab::bench;
    int steps = 20;
    std::vector<std::string> models = profile_model_names();
    std::string json_path;
    for (int i = 1; i < argc; i++) {
        const std::string a = argv[i];
        if (a == "--steps" && i + 1 < argc) {
            steps = std::atoi(argv[++i]);
        } else if (a == "--models" && i + 1 < argc) {
            models.clear();
            std::stringstream ss(argv[++i]);
            for (std::string m; std::getline(ss, m, ',');) models.push_back(m);
        } else if (a == "--json" && i + 1 < argc) {
            json_path = argv[++i];
        } else {
            std::fprintf(stderr, "usage: normlab_profile [--steps N] [--models a,b,...] [--json FILE]\n");
            return 2;
        }
    }
    try {
        const double ref = gemm_reference_gflops(300);
        std::printf("GEMM reference 64x256x256 (nt): %.2f GFLOP/s\n", ref);
        std::vector<StepProfile> ps;
        for (const std::string& m : models) {
            ps.push_back(profile_model(m, steps, ref));
            std::fputs(format_profile(ps.back(), ref).c_str(), stdout);
            std::fflush(stdout);
        }
        if (!json_path.empty()) std::ofstream(json_path) << profile_json(ps, ref).dump(1) << "\n";
    } catch (const std::exception& e) {
        std::fprintf(stderr, "normlab_profile: %s\n", e.what());
        return 1;
    }
    return 0;
}
