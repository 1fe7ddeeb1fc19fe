#include "data/image_data.h"
#include "engine/fingerprint.h"

#include <cstring>
#include <stdexcept>
#include <string>

#include "engine/rng.h"

namespace normlab {

namespace {

// Is pixel (px, py) inside shape `label` centred at (cx, cy) with half-size s?
bool inside_shape(std::size_t label, float px, float py, float cx, float cy, float s) {
    const float dx = px - cx, dy = py - cy;
    const float adx = dx < 0 ? -dx : dx, ady = dy < 0 ? -dy : dy;
    const float t = s / 3.0f < 0.75f ? 0.75f : s / 3.0f;  // half-thickness of bars and crosses
    switch (label) {
        case 0:  // square
            return adx <= s && ady <= s;
        case 1:  // disc
            return dx * dx + dy * dy <= s * s;
        case 2:  // triangle, apex at the top (dy = -s), base at dy = +s
            return ady <= s && adx <= 0.5f * (dy + s);
        case 3:  // cross (plus sign)
            return (adx <= t && ady <= s) || (ady <= t && adx <= s);
        default:  // horizontal bar
            return ady <= t && adx <= s;
    }
}

}  // namespace

const char* shape_class_name(std::size_t label) {
    static const char* names[kShapeClasses] = {"square", "disc", "triangle", "cross", "bar"};
    return label < kShapeClasses ? names[label] : "unknown";
}

ShapeImages make_shape_images(const ShapeImagesConfig& cfg) {
    if (cfg.count == 0) throw std::invalid_argument("shape images: count must be at least 1");
    if (cfg.channels != 1 && cfg.channels != 3)
        throw std::invalid_argument("shape images: channels must be 1 or 3, got " + std::to_string(cfg.channels));
    if (cfg.size < 8 || cfg.size > 64)
        throw std::invalid_argument("shape images: size must be in 8..64, got " + std::to_string(cfg.size));
    if (!(cfg.noise >= 0.0f && cfg.noise <= 1.0f)) throw std::invalid_argument("shape images: noise must be in [0, 1]");
    if (!(cfg.brightness >= 0.0f && cfg.brightness <= 1.0f))
        throw std::invalid_argument("shape images: brightness must be in [0, 1]");
    if (!(cfg.contrast >= 0.0f && cfg.contrast <= 0.9f))
        throw std::invalid_argument("shape images: contrast must be in [0, 0.9]");

    ShapeImages out;
    out.count = cfg.count;
    out.channels = cfg.channels;
    out.size = cfg.size;
    const std::size_t S = cfg.size, C = cfg.channels;
    out.images.assign(cfg.count * C * S * S, 0.0f);
    out.labels.resize(cfg.count);

    Rng rng(cfg.seed);
    Rng label_rng = rng.fork(1), shape_rng = rng.fork(2), noise_rng = rng.fork(3), photo_rng = rng.fork(4);

    // balanced labels, Fisher-Yates shuffled
    for (std::size_t i = 0; i < cfg.count; i++) out.labels[i] = static_cast<std::int32_t>(i % kShapeClasses);
    for (std::size_t i = cfg.count; i > 1; i--) {
        const std::size_t j = label_rng.below(static_cast<std::uint32_t>(i));
        const std::int32_t tmp = out.labels[i - 1];
        out.labels[i - 1] = out.labels[j];
        out.labels[j] = tmp;
    }

    const float fs = static_cast<float>(S);
    const float s_min = 0.15f * fs, s_max = 0.33f * fs;  // half-size range: 2.4 .. 5.3 px at 16×16
    for (std::size_t n = 0; n < cfg.count; n++) {
        const std::size_t label = static_cast<std::size_t>(out.labels[n]);
        const float s = shape_rng.uniform(s_min, s_max);
        // centre so that the shape lies within [0, S - 1]
        const float cx = shape_rng.uniform(s, fs - 1.0f - s);
        const float cy = shape_rng.uniform(s, fs - 1.0f - s);
        float colour[3] = {1.0f, 1.0f, 1.0f};
        if (C == 3)
            for (float& c : colour) c = shape_rng.uniform(0.4f, 1.0f);
        const bool photometric = cfg.contrast > 0.0f || cfg.brightness > 0.0f;
        float gain = 1.0f, offset = 0.0f;  // per-image contrast and brightness
        if (cfg.contrast > 0.0f) gain = photo_rng.uniform(1.0f - cfg.contrast, 1.0f + cfg.contrast);
        if (cfg.brightness > 0.0f) offset = photo_rng.uniform(-cfg.brightness, cfg.brightness);
        float* img = out.images.data() + n * C * S * S;
        for (std::size_t y = 0; y < S; y++) {
            for (std::size_t x = 0; x < S; x++) {
                const bool in = inside_shape(label, static_cast<float>(x), static_cast<float>(y), cx, cy, s);
                for (std::size_t c = 0; c < C; c++) {
                    const float e = cfg.noise * (2.0f * noise_rng.uniform() - 1.0f);
                    const float v = (in ? colour[c] : 0.0f) + e;
                    img[(c * S + y) * S + x] = photometric ? gain * v + offset : v;
                }
            }
        }
    }
    return out;
}

ShapeBatchSource::ShapeBatchSource(const ShapeImages& data, std::size_t B, std::uint64_t seed)
    : data_(data), B_(B), rng_(seed) {
    if (B == 0) throw std::invalid_argument("batch size must be at least 1");
    if (data.count == 0) throw std::invalid_argument("the image set is empty");
    x_.resize(B * data.channels * data.size * data.size);
    y_.resize(B);
}

Batch ShapeBatchSource::next() {
    const std::size_t P = data_.channels * data_.size * data_.size;
    for (std::size_t b = 0; b < B_; b++) {
        const std::size_t i = rng_.below(static_cast<std::uint32_t>(data_.count));
        std::memcpy(x_.data() + b * P, data_.images.data() + i * P, P * sizeof(float));
        y_[b] = data_.labels[i];
    }
    Batch batch;
    batch.x = x_.data();
    batch.targets = y_.data();
    batch.batch_size = B_;
    return batch;
}

std::uint32_t shape_images_fingerprint(const ShapeImages& d) {
    std::uint32_t h = kFnv1aOffset;
    auto add_word = [&h](std::uint32_t w) {
        const unsigned char le[4] = {static_cast<unsigned char>(w), static_cast<unsigned char>(w >> 8),
                                     static_cast<unsigned char>(w >> 16), static_cast<unsigned char>(w >> 24)};
        h = fnv1a(le, 4, h);  // little-endian byte order, whatever the host's
    };
    for (float v : d.images) {
        std::uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        add_word(bits);
    }
    for (std::int32_t l : d.labels) add_word(static_cast<std::uint32_t>(l));
    return h;
}

}  // namespace normlab
