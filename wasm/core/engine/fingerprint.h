// FNV-1a (32-bit): the one hash of the core. Tests and experiments use it to show that two runs
// saw the same bytes (paired variants share their first batch and initialisation); it is a
// fingerprint, not a cryptographic hash.
#pragma once

#include <cstddef>
#include <cstdint>

namespace normlab {

constexpr std::uint32_t kFnv1aOffset = 2166136261u;
constexpr std::uint32_t kFnv1aPrime = 16777619u;

// FNV-1a over `bytes` raw bytes, continuing from h (start with kFnv1aOffset).
inline std::uint32_t fnv1a(const void* data, std::size_t bytes, std::uint32_t h = kFnv1aOffset) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; i++) h = (h ^ p[i]) * kFnv1aPrime;
    return h;
}

}  // namespace normlab
