// Char-level text data (tokenizer, 90/10 split, seeded windows) and synthetic shape images.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/image_data.h"
#include "engine/rng.h"
#include "data/text_data.h"

using namespace normlab;

namespace {

const std::string kText =
    "First Citizen:\nBefore we proceed any further, hear me speak.\n\n"
    "All:\nSpeak, speak.\n\nFirst Citizen:\nYou are all resolved rather to die than to famish?\n";

}  // namespace

TEST(CharTokenizer, VocabularyIsSortedUniqueBytes) {
    const CharTokenizer tok("hello world");
    const std::vector<unsigned char> expect = {' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w'};
    EXPECT_EQ(tok.vocab(), expect);
    EXPECT_EQ(tok.encode("hello"), (std::vector<std::int32_t>{3, 2, 4, 4, 5}));
}

TEST(CharTokenizer, RoundTripsAnyText) {
    const CharTokenizer tok(kText);
    EXPECT_EQ(tok.decode(tok.encode(kText)), kText);
    std::string bytes;
    for (int i = 0; i < 256; i++) bytes.push_back(static_cast<char>(i));
    const CharTokenizer all(bytes);
    EXPECT_EQ(all.vocab_size(), 256u);
    EXPECT_EQ(all.decode(all.encode(bytes)), bytes);
}

TEST(CharTokenizer, RejectsUnknownSymbolsAndIds) {
    const CharTokenizer tok("abc");
    EXPECT_THROW(tok.encode("abd"), std::invalid_argument);
    EXPECT_THROW(tok.decode({0, 3}), std::invalid_argument);
    EXPECT_THROW(tok.decode({-1}), std::invalid_argument);
    EXPECT_THROW(CharTokenizer(""), std::invalid_argument);
}

TEST(CharDataset, SplitsFirstNinetyLastTenPercent) {
    std::string text;
    for (int i = 0; i < 1000; i++) text.push_back(static_cast<char>('a' + i % 26));
    const CharDataset ds(text);
    EXPECT_EQ(ds.train_size(), 900u);
    EXPECT_EQ(ds.val_size(), 100u);
    EXPECT_EQ(ds.tokenizer().decode(ds.tokens(Split::Train)), text.substr(0, 900));
    EXPECT_EQ(ds.tokenizer().decode(ds.tokens(Split::Val)), text.substr(900));
    const CharDataset odd(kText);
    EXPECT_EQ(odd.train_size() + odd.val_size(), kText.size());
    EXPECT_EQ(odd.train_size(), kText.size() * 9 / 10);
}

TEST(CharDataset, WindowsAreReproducibleAndShifted) {
    const CharDataset ds(kText);
    const std::size_t B = 4, T = 8;
    std::vector<std::int32_t> x1(B * T), y1(B * T), x2(B * T), y2(B * T), x3(B * T), y3(B * T);
    Rng r1(7), r2(7), r3(8);
    ds.sample_batch(x1.data(), y1.data(), r1, Split::Train, B, T);
    ds.sample_batch(x2.data(), y2.data(), r2, Split::Train, B, T);
    ds.sample_batch(x3.data(), y3.data(), r3, Split::Train, B, T);
    EXPECT_EQ(x1, x2);
    EXPECT_EQ(y1, y2);
    EXPECT_NE(x1, x3);
    const std::string train = ds.tokenizer().decode(ds.tokens(Split::Train));
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t t = 0; t + 1 < T; t++) EXPECT_EQ(y1[b * T + t], x1[b * T + t + 1]);
        // the window (inputs + last target) is a substring of the training text
        std::vector<std::int32_t> win(x1.begin() + static_cast<long>(b * T), x1.begin() + static_cast<long>(b * T + T));
        win.push_back(y1[b * T + T - 1]);
        EXPECT_NE(train.find(ds.tokenizer().decode(win)), std::string::npos);
    }
}

TEST(CharDataset, ContextLongerThanSplitIsAClearError) {
    const CharDataset ds(kText);  // validation split: 18 tokens
    EXPECT_NO_THROW(ds.check_context(ds.val_size() - 1, Split::Val));
    try {
        ds.check_context(ds.val_size(), Split::Val);
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("validation split has only"), std::string::npos) << e.what();
    }
    EXPECT_THROW(ds.check_context(0, Split::Train), std::invalid_argument);
    std::vector<std::int32_t> x(1000), y(1000);
    Rng rng(1);
    EXPECT_THROW(ds.sample_batch(x.data(), y.data(), rng, Split::Train, 1, 500), std::invalid_argument);
    EXPECT_THROW(CharDataset("too short"), std::invalid_argument);
}

TEST(CharDataset, TinyShakespeareWhenPresent) {
    const std::string path = std::string(NORMLAB_SOURCE_DIR) + "/web/public/data/tinyshakespeare.txt";
    if (!std::ifstream(path)) GTEST_SKIP() << "TinyShakespeare not fetched: " << path;
    const CharDataset ds(read_text_file(path));
    EXPECT_EQ(ds.vocab_size(), 65u);
    EXPECT_EQ(ds.train_size() + ds.val_size(), 1115394u);
}

TEST(ShapeImages, BalancedSeededAndInRange) {
    ShapeImagesConfig cfg;
    cfg.count = 100;
    cfg.seed = 42;
    const ShapeImages a = make_shape_images(cfg), b = make_shape_images(cfg);
    EXPECT_EQ(a.images, b.images);
    EXPECT_EQ(a.labels, b.labels);
    std::vector<int> counts(kShapeClasses, 0);
    for (auto l : a.labels) counts[static_cast<std::size_t>(l)]++;
    for (int c : counts) EXPECT_EQ(c, 20);
    cfg.seed = 43;
    const ShapeImages c = make_shape_images(cfg);
    EXPECT_NE(a.labels, c.labels);
    EXPECT_NE(a.images, c.images);
    ASSERT_EQ(a.images.size(), 100u * 16 * 16);
    for (float v : a.images) {
        EXPECT_GE(v, -cfg.noise);
        EXPECT_LE(v, 1.0f + cfg.noise);
    }
}

TEST(ShapeImages, ShapesAreDrawnAndDiffer) {
    // without noise, every image has ink, and the mean image of each class is distinct
    ShapeImagesConfig cfg;
    cfg.count = 50;
    cfg.noise = 0.0f;
    cfg.channels = 3;
    const ShapeImages d = make_shape_images(cfg);
    const std::size_t P = 3 * 16 * 16;
    std::vector<double> area(kShapeClasses, 0.0);
    for (std::size_t n = 0; n < cfg.count; n++) {
        double ink = 0.0;
        for (std::size_t i = 0; i < P; i++) ink += d.images[n * P + i] > 0.0f ? 1.0 : 0.0;
        EXPECT_GT(ink, 3.0 * 3) << "image " << n << " (" << shape_class_name(static_cast<std::size_t>(d.labels[n]))
                                << ") is almost empty";
        area[static_cast<std::size_t>(d.labels[n])] += ink;
    }
    // the bar is thinner than the square on average
    EXPECT_LT(area[4], area[0]);
}

TEST(ShapeImages, RejectsBadConfigurations) {
    ShapeImagesConfig cfg;
    cfg.count = 0;
    EXPECT_THROW(make_shape_images(cfg), std::invalid_argument);
    cfg = {};
    cfg.channels = 2;
    EXPECT_THROW(make_shape_images(cfg), std::invalid_argument);
    cfg = {};
    cfg.size = 4;
    EXPECT_THROW(make_shape_images(cfg), std::invalid_argument);
    cfg = {};
    cfg.noise = -1.0f;
    EXPECT_THROW(make_shape_images(cfg), std::invalid_argument);
}

TEST(ShapeImages, BrightnessAndContrastVaryPerImageOnly) {
    // every pixel of image n is a_n v + b_n: the same shapes and noise as without the variation,
    // with one gain and one offset per image, within the configured ranges, differing between images
    ShapeImagesConfig cfg;
    cfg.count = 40;
    cfg.seed = 5;
    const ShapeImages plain = make_shape_images(cfg);
    cfg.brightness = 0.5f;
    cfg.contrast = 0.4f;
    const ShapeImages varied = make_shape_images(cfg);
    EXPECT_EQ(plain.labels, varied.labels);
    const std::size_t P = 16 * 16;
    std::vector<double> gains, offsets;
    for (std::size_t n = 0; n < cfg.count; n++) {
        // two pixels of different value give the image's a and b; every other pixel must follow them
        const float* p = plain.images.data() + n * P;
        const float* v = varied.images.data() + n * P;
        std::size_t i = 0, j = 1;
        for (; j < P; j++)
            if (std::fabs(p[j] - p[i]) > 0.5f) break;
        ASSERT_LT(j, P) << "image " << n << " has no contrast to measure";
        const double a = (v[j] - v[i]) / (static_cast<double>(p[j]) - p[i]), b = v[i] - a * p[i];
        EXPECT_GE(a, 1.0 - 0.4 - 1e-4);
        EXPECT_LE(a, 1.0 + 0.4 + 1e-4);
        EXPECT_GE(b, -0.5 - 1e-4);
        EXPECT_LE(b, 0.5 + 1e-4);
        for (std::size_t k = 0; k < P; k++) ASSERT_NEAR(v[k], a * p[k] + b, 1e-4) << "image " << n << " pixel " << k;
        gains.push_back(a);
        offsets.push_back(b);
    }
    const auto [glo, ghi] = std::minmax_element(gains.begin(), gains.end());
    const auto [blo, bhi] = std::minmax_element(offsets.begin(), offsets.end());
    EXPECT_GT(*ghi - *glo, 0.2);
    EXPECT_GT(*bhi - *blo, 0.3);
    cfg.contrast = 0.95f;
    EXPECT_THROW(make_shape_images(cfg), std::invalid_argument);
    cfg.contrast = 0.0f;
    cfg.brightness = 1.5f;
    EXPECT_THROW(make_shape_images(cfg), std::invalid_argument);
}

TEST(ShapeImages, FingerprintPinsTheGeneratorBitForBit) {
    // The same constant is checked against the WASM build in tests/web/wasm-model-data.test.mjs,
    // so native and WASM generate identical images. A deliberate change to the generator updates
    // both constants.
    ShapeImagesConfig cfg;
    cfg.count = 20;
    cfg.channels = 3;
    cfg.seed = 2024;
    const ShapeImages d = make_shape_images(cfg);
    EXPECT_EQ(shape_images_fingerprint(d), 3690702746u) << "fingerprint " << shape_images_fingerprint(d);
}
