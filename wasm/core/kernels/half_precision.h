// Emulated low-precision rounding for the precision experiment: round a float to the nearest
// IEEE binary16 (fp16) or bfloat16 value (round to nearest, ties to even) and back to float.
// Overflow gives +-inf, as the hardware formats do.
#pragma once

#include <cstdint>
#include <cstring>

namespace normlab {

enum class HalfFormat { fp16, bf16 };

inline float round_to_bf16(float x) {
    std::uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    if ((bits & 0x7f800000u) == 0x7f800000u) return x;  // inf / nan stay
    const std::uint32_t lsb = (bits >> 16) & 1u;
    bits += 0x7fffu + lsb;  // ties to even on the 16 bits that are dropped
    bits &= 0xffff0000u;
    float out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}

inline float round_to_fp16(float x) {
    std::uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    const std::uint32_t sign = bits & 0x80000000u;
    std::uint32_t mag = bits & 0x7fffffffu;
    if (mag >= 0x7f800000u) return x;  // inf / nan
    float a;
    std::memcpy(&a, &mag, sizeof a);
    float r;
    if (a >= 65520.0f) {
        r = __builtin_inff();  // beyond the largest fp16 (65504) after rounding
    } else if (a < 6.103515625e-05f) {
        // subnormal range: a multiple of 2^-24; rounding to the grid is exact in float arithmetic
        const float q = 5.9604644775390625e-08f;  // 2^-24
        const float n = a / q;
        float k = static_cast<float>(static_cast<std::int64_t>(n));
        const float frac = n - k;
        if (frac > 0.5f || (frac == 0.5f && static_cast<std::int64_t>(k) % 2 == 1)) k += 1.0f;
        r = k * q;
    } else {
        // normal range: keep 10 mantissa bits of the float's 23, ties to even
        const std::uint32_t lsb = (mag >> 13) & 1u;
        mag += 0xfffu + lsb;
        mag &= 0xffffe000u;
        std::memcpy(&r, &mag, sizeof r);
        if (r > 65504.0f) r = __builtin_inff();
    }
    std::uint32_t rb;
    std::memcpy(&rb, &r, sizeof rb);
    rb |= sign;
    std::memcpy(&r, &rb, sizeof r);
    return r;
}

inline float round_to(HalfFormat f, float x) { return f == HalfFormat::fp16 ? round_to_fp16(x) : round_to_bf16(x); }

}  // namespace normlab
