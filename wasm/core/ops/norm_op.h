// One validated entry point for "run this normalization on these arrays", shared by the
// native CLI (`normlab norm`, which only parses JSON into a NormSpec) and the Embind
// bindings (which fill a NormSpec from typed arrays). Both get the same checks and the
// same error messages.
//
//   NormSpec spec;                       // what to compute
//   spec.kind = parse_norm_kind("layer");
//   spec.shape = {4, 8};
//   spec.x = input_array(x_values);      // pointers only: the caller keeps the data alive
//   NormBuffers result;
//   run_norm(spec, result);              // throws std::invalid_argument with one clear line
//   // result.y, result.mean, result.rstd; result.dx etc. when spec.dy was given
//
// Conventions follow PyTorch's defaults: eps 1e-5, momentum 0.1, gamma = 1, beta = 0,
// running_mean 0, running_var 1, training true, alpha 0.5 (DyT), groups 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

enum class NormKind { batch, layer, rms, group, instance, dyt, layer_eps_outside };

// The request names: "batch", "layer", "rms", "group", "instance", "dyt", "layer_eps_outside".
NormKind parse_norm_kind(const std::string& name);  // throws std::invalid_argument
const char* norm_kind_name(NormKind kind);

// Largest tensor a request may describe: 2^26 elements (256 MiB of floats).
constexpr std::int64_t kMaxNormElements = std::int64_t{1} << 26;

// A read-only float array owned by the caller. `given` tells "absent" (use the default)
// from "present but empty" (an error).
struct InputArray {
    const float* data = nullptr;
    std::size_t size = 0;
    bool given = false;
};
inline InputArray input_array(const std::vector<float>& values) {
    return InputArray{values.data(), values.size(), true};
}

struct NormSpec {
    NormKind kind = NormKind::layer;
    // layer, rms, dyt, layer_eps_outside: any rank >= 1, normalised over the last dim.
    // batch, group, instance: (N, C), (N, C, L) or (N, C, H, W).
    std::vector<std::int64_t> shape;
    double eps = 1e-5;                     // all but dyt: finite, >= 0
    std::int64_t groups = 1;               // group: divides C
    double alpha = 0.5;                    // dyt: the initial tanh slope
    double momentum = 0.1;                 // batch: in [0, 1]
    bool training = true;                  // batch: batch statistics (true) or running ones (false)
    InputArray x;                          // required, shape's element count, row-major
    InputArray gamma, beta;                // (d) or (C); absent = ones / zeros (instance: no affine)
    InputArray dy;                         // optional upstream gradient: asks for the backward too
    InputArray running_mean, running_var;  // batch only, (C); absent = zeros / ones
};

// How a valid spec maps onto the kernels' sizes.
struct NormLayout {
    std::size_t elements = 0;         // product of the shape
    std::size_t rows = 0, d = 0;      // row kinds: rows x d with d the last dimension
    std::size_t N = 0, C = 0, S = 0;  // channel kinds: (N, C, S), S = product of spatial dims
    std::size_t param_size = 0;       // length of gamma / beta (d or C)
    std::size_t stat_size = 0;        // length of mean / rstd (0 for dyt)
};

// Checks everything run_norm needs; throws std::invalid_argument with one line that
// names the offending field.
NormLayout validate_norm_spec(const NormSpec& spec);

// Results. An empty vector means the field does not apply to this kind/request:
// gradients only when spec.dy was given; dgamma/dbeta of instance only with that param;
// no beta for rms; mean/rstd absent for dyt (rms has rstd only); running stats: batch only.
// For layer_eps_outside, rstd holds 1 / (sqrt(var) + eps), the factor actually applied.
struct NormBuffers {
    std::vector<float> y, mean, rstd, running_mean, running_var;
    std::vector<float> dx, dgamma, dbeta;
    bool has_dalpha = false;
    float dalpha = 0.0f;
};

// Validates, then runs the forward (and the backward when spec.dy is given: gradients of
// L = sum(dy * y), starting from zero). Throws std::invalid_argument on a bad spec.
void run_norm(const NormSpec& spec, NormBuffers& result);

}  // namespace normlab
