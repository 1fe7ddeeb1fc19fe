// Embind declarations and conversions of the training engine (engine A): a whole MLP-lab run
// from one plain JS settings object. Settings are the keys of apply_setting() (mlp_experiment.h);
// every value is turned into the string a user would type, so native tools and WASM parse the
// same text the same way.
#include <emscripten/bind.h>

#include <cstdio>
#include <string>
#include <vector>

#include "convert.h"
#include "mlp_experiment.h"

namespace normlab::bindings {

namespace {

std::string setting_text(const val& v, const std::string& key) {
    const std::string type = v.typeOf().as<std::string>();
    if (type == "string") return v.as<std::string>();
    if (type == "boolean") return v.as<bool>() ? "true" : "false";
    if (type == "number") {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", v.as<double>());
        return buf;
    }
    throw std::invalid_argument(key + ": expected a number, string or boolean");
}

}  // namespace

// Builds an MlpRunConfig from a JS object {key: value, ...}.
MlpRunConfig mlp_run_config_from_js(const val& settings) {
    if (settings.isNull() || settings.isUndefined() || settings.typeOf().as<std::string>() != "object")
        throw std::invalid_argument("settings must be an object");
    MlpRunConfig c;
    const val keys = val::global("Object").call<val>("keys", settings);
    const int n = keys["length"].as<int>();
    // "steps" first so an explicit total_steps given in any order wins
    if (settings.hasOwnProperty("steps")) apply_setting(c, "steps", setting_text(settings["steps"], "steps"));
    for (int i = 0; i < n; i++) {
        const std::string key = keys[i].as<std::string>();
        apply_setting(c, key, setting_text(settings[key], key));
    }
    validate(c);
    return c;
}

// trainMlpLossCurve(settings) -> {losses: Float32Array} | {error: string}
val train_mlp_loss_curve_js(val settings) {
    return guarded([&] {
        const std::vector<float> losses = run_mlp_loss_curve(mlp_run_config_from_js(settings));
        val result = val::object();
        result.set("losses", to_float32_array(losses.data(), losses.size()));
        return result;
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_engine) {
    emscripten::function("trainMlpLossCurve", &normlab::bindings::train_mlp_loss_curve_js);
}
