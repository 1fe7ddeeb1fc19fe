// Embind declarations and conversions for the CNN's data: the synthetic shape images.
#include <emscripten/bind.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "convert.h"
#include "data/image_data.h"

namespace normlab::bindings {

namespace {

// A non-negative integer field of a JS object, or `fallback` when absent.
std::size_t size_field(const val& obj, const char* key, std::size_t fallback) {
    if (!obj.hasOwnProperty(key)) return fallback;
    const double v = obj[key].as<double>();
    if (!(v >= 0.0 && v <= 1e9) || v != static_cast<double>(static_cast<std::uint64_t>(v)))
        throw std::invalid_argument(std::string("makeShapeImages: ") + key + " must be a non-negative integer");
    return static_cast<std::size_t>(v);
}

}  // namespace

// makeShapeImages({count, channels, size, noise, seed}) ->
//   {images: Float32Array (count, channels, size, size), labels: Int32Array (count), count, channels,
//    size, fingerprint} | {error}
val make_shape_images_js(val settings) {
    return guarded([&] {
        if (settings.isNull() || settings.isUndefined()) settings = val::object();
        ShapeImagesConfig cfg;
        cfg.count = size_field(settings, "count", cfg.count);
        cfg.channels = size_field(settings, "channels", cfg.channels);
        cfg.size = size_field(settings, "size", cfg.size);
        cfg.seed = size_field(settings, "seed", static_cast<std::size_t>(cfg.seed));
        if (settings.hasOwnProperty("noise")) cfg.noise = static_cast<float>(settings["noise"].as<double>());
        if (cfg.count > 100000) throw std::invalid_argument("makeShapeImages: count must be at most 100000");
        const ShapeImages d = make_shape_images(cfg);
        val result = val::object();
        result.set("images", to_float32_array(d.images.data(), d.images.size()));
        result.set("labels", val(emscripten::typed_memory_view(d.labels.size(), d.labels.data())).call<val>("slice"));
        result.set("count", static_cast<double>(d.count));
        result.set("channels", static_cast<double>(d.channels));
        result.set("size", static_cast<double>(d.size));
        result.set("fingerprint", static_cast<double>(shape_images_fingerprint(d)));
        return result;
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_model_data) {
    emscripten::function("makeShapeImages", &normlab::bindings::make_shape_images_js);
}
