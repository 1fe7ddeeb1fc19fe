// Norm layer wrapper: one object that any model family (MLP, char transformer, CNN) drops in
// where a normalization goes, whose kind is chosen at run time. It owns no memory: it declares
// its parameters in the model's TensorSet and its caches in the model's Arena, then calls the
// kernels of kernels/norms.h (it implements no normalization maths itself).
//
// The input is viewed as (N, C, S): N samples, C channels/features, S spatial positions.
//   MLP (B, H):             N = B,   C = H, S = 1
//   transformer (B, T, C):  N = B*T, C = C, S = 1     (each token is a row)
//   CNN (B, C, H, W):       N = B,   C = C, S = H*W
//
//   kind      statistics over                     affine params            kernel
//   none      —  (identity: out = inp)            —                        —
//   batch     (N, S) per channel                  gamma, beta (C)          batchnorm_*  (+ running stats)
//   layer     (C*S) per sample                    gamma, beta (C*S)        layernorm_*  rows = N, d = C*S
//   rms       (C*S) per sample                    gamma (C*S)              rmsnorm_*    rows = N, d = C*S
//   group     (C/G * S) per (sample, group)       gamma, beta (C)          groupnorm_*
//   instance  (S) per (sample, channel); S > 1    gamma, beta (C)          instancenorm_*
//   dyt       none: y = gamma tanh(alpha x)+beta  gamma, beta (C*S), alpha (1)  dyt_*
//
// layer / rms / dyt follow PyTorch's LayerNorm / RMSNorm(normalized_shape = [C, H, W]) with an
// elementwise affine; for a CNN LayerNorm with per-channel affine use group with groups = 1.
//
// Usage (model construction, then each step):
//   NormLayer<float> norm;
//   norm.declare(params, arena, "block3.norm", /*layer=*/3, cfg, N_max, C, S);   // before allocate()
//   ... params.allocate(); arena.allocate(); norm.init();                        // gamma = 1, ...
//   norm.forward(out, inp, n, training);            // n <= N_max samples this step
//   norm.backward(dinp, dout, inp, n, training);    // accumulates into dinp and the param grads
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>

#include "kernels/norms.h"
#include "kernels/op_profile.h"
#include "engine/tensor_buffers.h"

namespace normlab {

// The wrapper's kinds. (Not ops/norm_op.h's NormType: that one names the kernels a norm *request*
// can run, including the deliberate layer_eps_outside bug, and has no "none".)
enum class NormType { none, batch, layer, rms, group, instance, dyt };

inline const char* norm_type_name(NormType k) {
    switch (k) {
        case NormType::none: return "none";
        case NormType::batch: return "batch";
        case NormType::layer: return "layer";
        case NormType::rms: return "rms";
        case NormType::group: return "group";
        case NormType::instance: return "instance";
        case NormType::dyt: return "dyt";
    }
    return "?";
}

inline NormType parse_norm_type(const std::string& s) {
    for (NormType k : {NormType::none, NormType::batch, NormType::layer, NormType::rms, NormType::group,
                       NormType::instance, NormType::dyt})
        if (s == norm_type_name(k)) return k;
    throw std::invalid_argument("unknown norm '" + s + "' (expected none, batch, layer, rms, group, instance or dyt)");
}

struct NormConfig {
    NormType kind = NormType::none;
    float eps = 1e-5f;       // inside the square root (all kinds but dyt)
    float momentum = 0.1f;   // batch: running-statistics momentum (PyTorch convention)
    std::size_t groups = 8;  // group: number of groups G (must divide C)
    float dyt_alpha = 0.5f;  // dyt: initial alpha
};

// Throws std::invalid_argument when cfg cannot normalise an (N, C, S) input.
inline void validate(const NormConfig& cfg, std::size_t C, std::size_t S) {
    if (cfg.kind == NormType::none) return;
    if (!(std::isfinite(cfg.eps) && cfg.eps >= 0.0f))
        throw std::invalid_argument("norm eps must be a finite number >= 0");
    if (cfg.kind == NormType::batch && !(cfg.momentum >= 0.0f && cfg.momentum <= 1.0f))
        throw std::invalid_argument("batch norm momentum must be in [0, 1]");
    if (cfg.kind == NormType::group) {
        if (cfg.groups == 0 || C % cfg.groups != 0)
            throw std::invalid_argument("group norm: groups (" + std::to_string(cfg.groups) +
                                        ") must be >= 1 and divide the channel count (" + std::to_string(C) + ")");
    }
    if (cfg.kind == NormType::instance && S < 2)
        throw std::invalid_argument(
            "instance norm needs a spatial size > 1 (it normalises each channel over its own positions); "
            "an MLP or a transformer has none — use layer, rms or group");
    if (cfg.kind == NormType::dyt && !std::isfinite(cfg.dyt_alpha))
        throw std::invalid_argument("dyt alpha must be finite");
}

template <typename T>
struct NormLayer {
    // the op names of kernels/op_profile.h's per-op profile
    static const char* profile_name(NormType k, bool fwd) {
        switch (k) {
            case NormType::none: return fwd ? "norm_none_copy" : "norm_none_add";
            case NormType::batch: return fwd ? "batchnorm_fwd" : "batchnorm_bwd";
            case NormType::layer: return fwd ? "layernorm_fwd" : "layernorm_bwd";
            case NormType::rms: return fwd ? "rmsnorm_fwd" : "rmsnorm_bwd";
            case NormType::group: return fwd ? "groupnorm_fwd" : "groupnorm_bwd";
            case NormType::instance: return fwd ? "instancenorm_fwd" : "instancenorm_bwd";
            case NormType::dyt: return fwd ? "dyt_fwd" : "dyt_bwd";
        }
        return "norm";
    }

    NormConfig cfg;
    std::size_t N = 0, C = 0, S = 1;  // N = the most samples a forward may see

    // parameters (nullptr when the kind has none)
    T* gamma = nullptr;  // (C) or (C*S), see the table above
    T* dgamma = nullptr;
    T* beta = nullptr;
    T* dbeta = nullptr;
    T* alpha = nullptr;  // (1) dyt only
    T* dalpha = nullptr;
    // caches and state in the model's arena
    T* mean = nullptr;          // batch (C); layer (N); group (N, G); instance (N, C)
    T* rstd = nullptr;          // same shape as mean; rms (N)
    T* running_mean = nullptr;  // batch (C)
    T* running_var = nullptr;   // batch (C)

    // Number of values one affine parameter vector holds.
    std::size_t affine_size() const {
        switch (cfg.kind) {
            case NormType::layer:
            case NormType::rms:
            case NormType::dyt: return C * S;
            default: return C;
        }
    }

    // Declares parameters (named prefix.gamma / .beta / .alpha, metric layer `layer`) and caches.
    void declare(TensorSet<T>& params, Arena<T>& arena, const std::string& prefix, int layer, const NormConfig& config,
                 std::size_t max_n, std::size_t channels, std::size_t spatial) {
        validate(config, channels, spatial);
        cfg = config;
        N = max_n;
        C = channels;
        S = spatial;
        const std::size_t a = affine_size();
        switch (cfg.kind) {
            case NormType::none: break;
            case NormType::batch:
                params.add(prefix + ".gamma", {a}, layer, true, &gamma, &dgamma);
                params.add(prefix + ".beta", {a}, layer, true, &beta, &dbeta);
                arena.add(prefix + ".mean", C, &mean);
                arena.add(prefix + ".rstd", C, &rstd);
                arena.add(prefix + ".running_mean", C, &running_mean);
                arena.add(prefix + ".running_var", C, &running_var);
                break;
            case NormType::layer:
                params.add(prefix + ".gamma", {a}, layer, true, &gamma, &dgamma);
                params.add(prefix + ".beta", {a}, layer, true, &beta, &dbeta);
                arena.add(prefix + ".mean", N, &mean);
                arena.add(prefix + ".rstd", N, &rstd);
                break;
            case NormType::rms:
                params.add(prefix + ".gamma", {a}, layer, true, &gamma, &dgamma);
                arena.add(prefix + ".rstd", N, &rstd);
                break;
            case NormType::group:
                params.add(prefix + ".gamma", {a}, layer, true, &gamma, &dgamma);
                params.add(prefix + ".beta", {a}, layer, true, &beta, &dbeta);
                arena.add(prefix + ".mean", N * cfg.groups, &mean);
                arena.add(prefix + ".rstd", N * cfg.groups, &rstd);
                break;
            case NormType::instance:
                params.add(prefix + ".gamma", {a}, layer, true, &gamma, &dgamma);
                params.add(prefix + ".beta", {a}, layer, true, &beta, &dbeta);
                arena.add(prefix + ".mean", N * C, &mean);
                arena.add(prefix + ".rstd", N * C, &rstd);
                break;
            case NormType::dyt:
                params.add(prefix + ".gamma", {a}, layer, true, &gamma, &dgamma);
                params.add(prefix + ".beta", {a}, layer, true, &beta, &dbeta);
                params.add(prefix + ".alpha", {1}, layer, true, &alpha, &dalpha);
                break;
        }
    }

    // After allocation: gamma = 1, beta = 0, alpha = dyt_alpha, running mean 0 / var 1.
    void init() {
        const std::size_t a = affine_size();
        if (gamma)
            for (std::size_t i = 0; i < a; i++) gamma[i] = T(1);
        if (beta)
            for (std::size_t i = 0; i < a; i++) beta[i] = T(0);
        if (alpha) *alpha = static_cast<T>(cfg.dyt_alpha);
        if (running_mean)
            for (std::size_t i = 0; i < C; i++) running_mean[i] = T(0);
        if (running_var)
            for (std::size_t i = 0; i < C; i++) running_var[i] = T(1);
    }

    // out, inp: (n, C, S), n <= N. training selects batch statistics (batch norm only).
    void forward(T* out, const T* inp, std::size_t n, bool training) {
        const std::size_t d = C * S;
        OpScope scope(profile_name(cfg.kind, true), n, C, S);
        switch (cfg.kind) {
            case NormType::none: std::memcpy(out, inp, n * d * sizeof(T)); break;
            case NormType::batch:
                batchnorm_forward(out, mean, rstd, running_mean, running_var, inp, static_cast<const T*>(gamma),
                                  static_cast<const T*>(beta), n, C, S, cfg.eps, cfg.momentum, training);
                break;
            case NormType::layer:
                layernorm_forward(out, mean, rstd, inp, static_cast<const T*>(gamma), static_cast<const T*>(beta), n, d,
                                  cfg.eps);
                break;
            case NormType::rms: rmsnorm_forward(out, rstd, inp, static_cast<const T*>(gamma), n, d, cfg.eps); break;
            case NormType::group:
                groupnorm_forward(out, mean, rstd, inp, static_cast<const T*>(gamma), static_cast<const T*>(beta), n, C,
                                  S, cfg.groups, cfg.eps);
                break;
            case NormType::instance:
                instancenorm_forward(out, mean, rstd, inp, static_cast<const T*>(gamma), static_cast<const T*>(beta), n,
                                     C, S, cfg.eps);
                break;
            case NormType::dyt:
                dyt_forward(out, inp, static_cast<const T*>(gamma), static_cast<const T*>(beta), n, d, *alpha);
                break;
        }
    }

    // Accumulates into dinp (n, C, S) and the parameter gradients; inp is the forward's input.
    void backward(T* dinp, const T* dout, const T* inp, std::size_t n, bool training) {
        const std::size_t d = C * S;
        OpScope scope(profile_name(cfg.kind, false), n, C, S);
        switch (cfg.kind) {
            case NormType::none:
                for (std::size_t i = 0; i < n * d; i++) dinp[i] += dout[i];
                break;
            case NormType::batch:
                batchnorm_backward(dinp, dgamma, dbeta, dout, inp, static_cast<const T*>(gamma),
                                   static_cast<const T*>(mean), static_cast<const T*>(rstd), n, C, S, training);
                break;
            case NormType::layer:
                layernorm_backward(dinp, dgamma, dbeta, dout, inp, static_cast<const T*>(gamma),
                                   static_cast<const T*>(mean), static_cast<const T*>(rstd), n, d);
                break;
            case NormType::rms:
                rmsnorm_backward(dinp, dgamma, dout, inp, static_cast<const T*>(gamma), static_cast<const T*>(rstd), n,
                                 d);
                break;
            case NormType::group:
                groupnorm_backward(dinp, dgamma, dbeta, dout, inp, static_cast<const T*>(gamma),
                                   static_cast<const T*>(mean), static_cast<const T*>(rstd), n, C, S, cfg.groups);
                break;
            case NormType::instance:
                instancenorm_backward(dinp, dgamma, dbeta, dout, inp, static_cast<const T*>(gamma),
                                      static_cast<const T*>(mean), static_cast<const T*>(rstd), n, C, S);
                break;
            case NormType::dyt:
                dyt_backward(dinp, dgamma, dbeta, dalpha, dout, inp, static_cast<const T*>(gamma), n, d, *alpha);
                break;
        }
    }
};

}  // namespace normlab
