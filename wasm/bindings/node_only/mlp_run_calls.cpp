#include "mlp_run_calls.h"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert.h"

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

MlpRunConfig mlp_run_config_from_js(const val& settings) {
    if (settings.isNull() || settings.isUndefined() || settings.typeOf().as<std::string>() != "object")
        throw std::invalid_argument("settings must be an object");
    MlpRunConfig c;
    const val keys = val::global("Object").call<val>("keys", settings);
    const int n = keys["length"].as<int>();
    // "steps" first, so that an explicit total_steps wins whatever the key order
    if (settings.hasOwnProperty("steps")) apply_setting(c, "steps", setting_text(settings["steps"], "steps"));
    for (int i = 0; i < n; i++) {
        const std::string key = keys[i].as<std::string>();
        apply_setting(c, key, setting_text(settings[key], key));
    }
    validate(c);
    return c;
}

val train_mlp_loss_curve_js(val settings) {
    return guarded([&] {
        const std::vector<float> losses = run_mlp_loss_curve(mlp_run_config_from_js(settings));
        val result = val::object();
        result.set("losses", to_float32_array(losses.data(), losses.size()));
        return result;
    });
}

}  // namespace normlab::bindings
