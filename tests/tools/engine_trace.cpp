// normlab_engine_trace: runs one MLP-lab training run natively and prints its loss curve as JSON,
// for the native-vs-WASM determinism test (tests/web/engine-determinism.test.mjs).
//
//   normlab_engine_trace '{"norm": "layer", "steps": 50, "seed": 3, ...}'
//   -> {"losses":[2.30258512,...]}            (exit 0)
//   -> {"error":"learning rate must be ..."}   (exit 2) for a bad configuration
//
// The settings object is the same one the WASM binding trainMlpLossCurve() takes; every value is
// turned into the same text (numbers with %.17g) and parsed by the core's apply_setting().
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "runs/mlp_run.h"

namespace {

std::string setting_text(const nlohmann::json& v, const std::string& key) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
        return buf;
    }
    throw std::invalid_argument(key + ": expected a number, string or boolean");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc != 2) throw std::invalid_argument("usage: normlab_engine_trace '<settings JSON object>'");
        const nlohmann::json settings = nlohmann::json::parse(argv[1]);
        if (!settings.is_object()) throw std::invalid_argument("settings must be a JSON object");
        normlab::MlpRunConfig c;
        if (settings.contains("steps")) normlab::apply_setting(c, "steps", setting_text(settings["steps"], "steps"));
        for (const auto& [key, value] : settings.items()) normlab::apply_setting(c, key, setting_text(value, key));
        const std::vector<float> losses = normlab::run_mlp_loss_curve(c);
        std::string out = "{\"losses\":[";
        for (std::size_t i = 0; i < losses.size(); i++) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(losses[i]));
            if (i) out += ",";
            out += std::isfinite(losses[i]) ? buf : "null";
        }
        out += "]}";
        std::cout << out << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cout << nlohmann::json({{"error", e.what()}}).dump() << "\n";
        return 2;
    }
}
