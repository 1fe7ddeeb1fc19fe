// Test-only (Node build): engine/optim.cpp's sgd_update and adam_update, which in WASM run as one
// fused SIMD pass, against the same formulas one element at a time, bit for bit: the parameters,
// the optimizer state, the gradient (zeroed or kept) and the metric sums
// (tests/web/optim-fused.test.mjs). The fused pass exists only in WASM, so this is checked there.
#include <emscripten/bind.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "convert.h"
#include "engine/optim.h"
#include "engine/rng.h"

namespace normlab::bindings {

namespace {

// acc[j] and acc[4 + j] take element i of each group of four with i mod 4 = j; the elements past
// the last multiple of 4 go to acc[0] and acc[4] (the order the optimizers document)
void reference_sums(double* acc, float p_new, float old, std::size_t i, std::size_t n) {
    const std::size_t j = i < n - n % 4 ? i % 4 : 0;
    const double o = static_cast<double>(old);
    const double u = static_cast<double>(p_new) - o;
    acc[j] += u * u;
    acc[4 + j] += o * o;
}

struct Case {
    bool adam;
    float weight_decay, momentum, dampening;
    bool nesterov, first_step, decoupled, sums, zero_grad;
};

struct Buffers {
    std::vector<float> p, g, m, v;
    double su = 0.0, sw = 0.0;
};

Buffers random_buffers(std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    Buffers b;
    for (auto* x : {&b.p, &b.g, &b.m}) {
        x->resize(n);
        for (float& e : *x) e = rng.uniform(-2.0f, 2.0f);
    }
    b.v.resize(n);
    for (float& e : b.v) e = rng.uniform(0.0f, 1.0f);
    return b;
}

// the optimizers' formulas one element at a time, in their float operations
void reference_step(const Case& c, Buffers& b, float lr, std::int64_t t) {
    const std::size_t n = b.p.size();
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    const float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
    const double bc1 = 1.0 - std::pow(static_cast<double>(beta1), static_cast<double>(t));
    const double bc2 = 1.0 - std::pow(static_cast<double>(beta2), static_cast<double>(t));
    const float step_size = static_cast<float>(static_cast<double>(lr) / bc1);
    const float bc2_sqrt = static_cast<float>(std::sqrt(bc2));
    const float decay = c.decoupled ? static_cast<float>(1.0 - static_cast<double>(lr) * c.weight_decay) : 1.0f;
    const float l2 = c.decoupled ? 0.0f : c.weight_decay;
    for (std::size_t i = 0; i < n; i++) {
        const float o = b.p[i];
        if (c.adam) {
            const float w = c.decoupled && c.weight_decay != 0.0f ? o * decay : o;
            const float gi = l2 != 0.0f ? b.g[i] + l2 * o : b.g[i];
            b.m[i] = beta1 * b.m[i] + (1.0f - beta1) * gi;
            b.v[i] = beta2 * b.v[i] + (1.0f - beta2) * gi * gi;
            b.p[i] = w - step_size * (b.m[i] / (std::sqrt(b.v[i]) / bc2_sqrt + eps));
        } else {
            float d = b.g[i];
            if (c.weight_decay != 0.0f) d += c.weight_decay * o;
            if (c.momentum != 0.0f) {
                b.m[i] = c.first_step ? d : c.momentum * b.m[i] + (1.0f - c.dampening) * d;
                d = c.nesterov ? d + c.momentum * b.m[i] : b.m[i];
            }
            b.p[i] = o - lr * d;
        }
        if (c.zero_grad) b.g[i] = 0.0f;
        reference_sums(acc, b.p[i], o, i, n);
    }
    if (c.sums) {
        b.su = (acc[0] + acc[1]) + (acc[2] + acc[3]);
        b.sw = (acc[4] + acc[5]) + (acc[6] + acc[7]);
    }
}

void kernel_step(const Case& c, Buffers& b, float lr, std::int64_t t) {
    double* su = c.sums ? &b.su : nullptr;
    double* sw = c.sums ? &b.sw : nullptr;
    if (c.adam)
        adam_update(b.p.data(), b.g.data(), b.m.data(), b.v.data(), b.p.size(), lr, 0.9f, 0.999f, 1e-8f, c.weight_decay,
                    c.decoupled, t, su, sw, c.zero_grad);
    else
        sgd_update(b.p.data(), b.g.data(), b.m.data(), b.p.size(), lr, c.momentum, c.dampening, c.nesterov,
                   c.weight_decay, c.first_step, su, sw, c.zero_grad);
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

// optimizerFusedCheck() -> {checked, mismatches, firstMismatch}: every case below on several sizes
// (tails of 0 to 3 past a multiple of 4, one and several 256-element chunks); firstMismatch names
// the first case that differs, or is "".
val optimizer_fused_check_js() {
    return guarded([&] {
        const Case cases[] = {
            {false, 0.0f, 0.0f, 0.0f, false, false, false, true, true},     // plain SGD
            {false, 0.1f, 0.0f, 0.0f, false, false, false, true, false},    // + weight decay, grad kept
            {false, 0.0f, 0.9f, 0.0f, false, true, false, true, true},      // momentum, first step
            {false, 0.05f, 0.9f, 0.25f, false, false, false, false, true},  // momentum, dampening, no sums
            {false, 0.0f, 0.9f, 0.0f, true, false, false, true, true},      // Nesterov
            {true, 0.0f, 0.0f, 0.0f, false, false, false, true, true},      // Adam
            {true, 0.01f, 0.0f, 0.0f, false, false, false, true, false},    // Adam + L2
            {true, 0.1f, 0.0f, 0.0f, false, false, true, true, true},       // AdamW
        };
        const std::size_t sizes[] = {1, 3, 4, 7, 256, 259, 701, 1030};
        double checked = 0.0, mismatches = 0.0;
        std::string first;
        std::uint64_t seed = 1;
        for (std::size_t ci = 0; ci < sizeof cases / sizeof cases[0]; ci++)
            for (std::size_t n : sizes)
                for (std::int64_t t = 1; t <= 3; t++) {
                    Buffers want = random_buffers(n, seed++);
                    Buffers got = want;
                    reference_step(cases[ci], want, 0.05f, t);
                    kernel_step(cases[ci], got, 0.05f, t);
                    const bool same = same_bits(want.p, got.p) && same_bits(want.g, got.g) &&
                        same_bits(want.m, got.m) && same_bits(want.v, got.v) &&
                        std::memcmp(&want.su, &got.su, sizeof(double)) == 0 &&
                        std::memcmp(&want.sw, &got.sw, sizeof(double)) == 0;
                    checked += 1.0;
                    if (!same) {
                        if (first.empty())
                            first =
                                "case " + std::to_string(ci) + " n " + std::to_string(n) + " t " + std::to_string(t);
                        mismatches += 1.0;
                    }
                }
        return check_summary(checked, mismatches, first);
    });
}

}  // namespace normlab::bindings

EMSCRIPTEN_BINDINGS(normlab_optim_check) {
    emscripten::function("optimizerFusedCheck", &normlab::bindings::optimizer_fused_check_js);
}
