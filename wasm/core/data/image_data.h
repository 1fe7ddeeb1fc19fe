// Synthetic small images for the CNN: procedurally drawn shapes, one class per shape.
//
// Classes (kShapeClasses = 5): 0 filled square, 1 filled disc, 2 filled triangle (apex up),
// 3 plus-shaped cross, 4 horizontal bar. Each image draws one shape at a random centre and
// half-size (the shape always fits inside the image), with intensity 1 on a 0 background
// (3 channels: a random colour with every channel in [0.4, 1]), plus uniform pixel noise in
// [-noise, noise]. Per-image photometric variation (off by default): every pixel of image n becomes
// a_n * v + b_n with contrast a_n uniform in [1 - contrast, 1 + contrast] and brightness b_n uniform
// in [-brightness, brightness] (drawn from their own stream, so sets without it are unchanged), the
// variation between images that batch statistics see and per-image norms remove. Labels are exactly balanced (i mod 5, then shuffled with the same Rng).
//
// Only +, -, *, / and comparisons of floats and the integer PCG32 stream are used, so a seed gives
// bit-identical images natively and in WASM.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/model.h"
#include "engine/rng.h"

namespace normlab {

constexpr std::size_t kShapeClasses = 5;

struct ShapeImagesConfig {
    std::size_t count = 256;   // number of images
    std::size_t channels = 1;  // 1 or 3
    std::size_t size = 16;     // H = W, 8 .. 64
    float noise = 0.1f;        // amplitude of the uniform pixel noise, 0 .. 1
    float brightness = 0.0f;   // per-image offset amplitude, 0 .. 1
    float contrast = 0.0f;     // per-image gain spread, 0 .. 0.9
    std::uint64_t seed = 1;
};

struct ShapeImages {
    std::size_t count = 0, channels = 0, size = 0;
    std::vector<float> images;         // (count, channels, size, size)
    std::vector<std::int32_t> labels;  // (count), each in [0, kShapeClasses)
};

// Throws std::invalid_argument for a bad configuration (count 0, channels not 1 or 3, size outside
// 8..64, noise or brightness outside 0..1, contrast outside 0..0.9).
ShapeImages make_shape_images(const ShapeImagesConfig& cfg);

// Batches for the Trainer: B images drawn uniformly with replacement from Rng(seed). The images
// must outlive the source; next() copies into its own (B, C, H, W) buffer and does not allocate.
class ShapeBatchSource : public BatchSource {
  public:
    // Throws std::invalid_argument if B is 0 or the set is empty.
    ShapeBatchSource(const ShapeImages& data, std::size_t B, std::uint64_t seed);
    Batch next() override;

  private:
    const ShapeImages& data_;
    std::size_t B_;
    Rng rng_;
    std::vector<float> x_;  // (B, C, H, W)
    std::vector<int> y_;    // (B)
};

// FNV-1a (32-bit) over the bytes of the images' float32 bit patterns (little-endian) and then the
// labels' int32 bytes: one number that pins a generated set bit for bit, natively and in WASM.
std::uint32_t shape_images_fingerprint(const ShapeImages& d);

// Name of a class, for logs and the site ("square", "disc", "triangle", "cross", "bar").
const char* shape_class_name(std::size_t label);

}  // namespace normlab
