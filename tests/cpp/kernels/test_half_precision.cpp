// Emulated fp16 / bf16 rounding against known values of the formats.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/half_precision.h"

using normlab::round_to_bf16;
using normlab::round_to_fp16;

TEST(HalfPrecision, Fp16KnownValues) {
    EXPECT_EQ(round_to_fp16(1.0f), 1.0f);
    EXPECT_EQ(round_to_fp16(65504.0f), 65504.0f);      // largest finite fp16
    EXPECT_TRUE(std::isinf(round_to_fp16(65520.0f)));  // rounds past the largest: overflow
    EXPECT_EQ(round_to_fp16(65519.0f), 65504.0f);
    EXPECT_EQ(round_to_fp16(1.0f + 1.0f / 4096), 1.0f);                          // below half an ulp (2^-11) of 1
    EXPECT_EQ(round_to_fp16(1.0f + 1.0f / 2048), 1.0f);                          // exactly half: ties to even (1.0)
    EXPECT_EQ(round_to_fp16(1.0f + 3.0f / 2048), 1.0f + 2.0f / 1024);            // tie to even upward
    EXPECT_EQ(round_to_fp16(6.103515625e-05f), 6.103515625e-05f);                // smallest normal
    EXPECT_EQ(round_to_fp16(5.9604644775390625e-08f), 5.9604644775390625e-08f);  // smallest subnormal
    EXPECT_EQ(round_to_fp16(2.0e-8f), 0.0f);                                     // below half the smallest subnormal
    EXPECT_EQ(round_to_fp16(1e-5f), 1.0013580322265625e-05f);                    // eps = 1e-5 is subnormal in fp16
    EXPECT_EQ(round_to_fp16(-3.14159f), -3.140625f);
}

TEST(HalfPrecision, Bf16KnownValues) {
    EXPECT_EQ(round_to_bf16(1.0f), 1.0f);
    EXPECT_EQ(round_to_bf16(1.0f + 1.0f / 256), 1.0f);  // half an ulp of 1 (2^-8): ties to even
    EXPECT_EQ(round_to_bf16(1.0f + 3.0f / 256), 1.0f + 2.0f / 128);
    EXPECT_EQ(round_to_bf16(3.0e38f), 3.0040553e38f);  // fp32 range, 8 bits of precision
    EXPECT_EQ(round_to_bf16(-3.14159f), -3.140625f);
    EXPECT_FALSE(std::isinf(round_to_bf16(1e30f)));
}
