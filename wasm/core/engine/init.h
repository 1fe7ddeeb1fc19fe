// Weight initialisation schemes, drawn from the portable Rng (same values natively and in WASM,
// and the same values for a float and a double model built from the same seed: every number is
// drawn as a float and then converted).
//
//   scheme            weight                                     bias
//   pytorch_default   U(-1/sqrt(fan_in), +1/sqrt(fan_in))        U(-1/sqrt(fan_in), +1/sqrt(fan_in))
//                     (nn.Linear / nn.Conv2d: kaiming_uniform_ with a = sqrt(5) gives exactly this bound)
//   kaiming_normal    N(0, 2 / fan_in)          (ReLU gain sqrt 2, fan_in mode)        0
//   kaiming_uniform   U(-sqrt(6 / fan_in), +sqrt(6 / fan_in))                          0
//   xavier_uniform    U(-sqrt(6 / (fan_in + fan_out)), +...)   (gain 1)                0
//   xavier_normal     N(0, 2 / (fan_in + fan_out))             (gain 1)                0
//   normal            N(0, std^2) with InitConfig::std chosen by the user             0
//
// fan_in / fan_out of a Linear (OC, C): C / OC; of a conv (Cout, Cin, k, k): Cin*k*k / Cout*k*k.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "engine/rng.h"

namespace normlab {

enum class InitScheme { pytorch_default, kaiming_normal, kaiming_uniform, xavier_uniform, xavier_normal, normal };

struct InitConfig {
    InitScheme scheme = InitScheme::pytorch_default;
    float std = 0.02f;  // only for InitScheme::normal
};

inline const char* init_scheme_name(InitScheme s) {
    switch (s) {
        case InitScheme::pytorch_default: return "pytorch_default";
        case InitScheme::kaiming_normal: return "kaiming_normal";
        case InitScheme::kaiming_uniform: return "kaiming_uniform";
        case InitScheme::xavier_uniform: return "xavier_uniform";
        case InitScheme::xavier_normal: return "xavier_normal";
        case InitScheme::normal: return "normal";
    }
    return "?";
}

inline InitScheme parse_init_scheme(const std::string& s) {
    for (InitScheme k : {InitScheme::pytorch_default, InitScheme::kaiming_normal, InitScheme::kaiming_uniform,
                         InitScheme::xavier_uniform, InitScheme::xavier_normal, InitScheme::normal})
        if (s == init_scheme_name(k)) return k;
    throw std::invalid_argument("unknown init scheme '" + s +
                                "' (expected pytorch_default, kaiming_normal, kaiming_uniform, xavier_uniform, "
                                "xavier_normal or normal)");
}

inline void validate(const InitConfig& c) {
    if (c.scheme == InitScheme::normal && !(std::isfinite(c.std) && c.std >= 0.0f))
        throw std::invalid_argument("init std must be a finite number >= 0");
}

// Fills w (n) for a layer with the given fans.
template <typename T>
void init_weight(T* w, std::size_t n, std::size_t fan_in, std::size_t fan_out, const InitConfig& cfg, Rng& rng) {
    const double fi = static_cast<double>(fan_in), fo = static_cast<double>(fan_out);
    auto uniform = [&](double bound) {
        const float b = static_cast<float>(bound);
        for (std::size_t i = 0; i < n; i++) w[i] = static_cast<T>(rng.uniform(-b, b));
    };
    auto normal = [&](double stddev) {
        const float s = static_cast<float>(stddev);
        for (std::size_t i = 0; i < n; i++) w[i] = static_cast<T>(rng.normal(0.0f, s));
    };
    switch (cfg.scheme) {
        case InitScheme::pytorch_default: uniform(1.0 / std::sqrt(fi)); break;
        case InitScheme::kaiming_normal: normal(std::sqrt(2.0 / fi)); break;
        case InitScheme::kaiming_uniform: uniform(std::sqrt(6.0 / fi)); break;
        case InitScheme::xavier_uniform: uniform(std::sqrt(6.0 / (fi + fo))); break;
        case InitScheme::xavier_normal: normal(std::sqrt(2.0 / (fi + fo))); break;
        case InitScheme::normal: normal(cfg.std); break;
    }
}

// Fills b (n): U(±1/sqrt(fan_in)) for pytorch_default, zeros otherwise.
template <typename T>
void init_bias(T* b, std::size_t n, std::size_t fan_in, const InitConfig& cfg, Rng& rng) {
    if (cfg.scheme == InitScheme::pytorch_default) {
        const float bound = static_cast<float>(1.0 / std::sqrt(static_cast<double>(fan_in)));
        for (std::size_t i = 0; i < n; i++) b[i] = static_cast<T>(rng.uniform(-bound, bound));
    } else {
        for (std::size_t i = 0; i < n; i++) b[i] = T(0);
    }
}

}  // namespace normlab
