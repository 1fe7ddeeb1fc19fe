#include "ops/norm_op.h"

#include <cfloat>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "kernels/norms.h"

namespace normlab {

namespace {

struct KindName {
    NormKind kind;
    const char* name;
};
constexpr KindName kKindNames[] = {
    {NormKind::batch, "batch"},
    {NormKind::layer, "layer"},
    {NormKind::rms, "rms"},
    {NormKind::group, "group"},
    {NormKind::instance, "instance"},
    {NormKind::dyt, "dyt"},
    {NormKind::layer_eps_outside, "layer_eps_outside"},
};

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

bool is_channel_kind(NormKind kind) {
    return kind == NormKind::batch || kind == NormKind::group || kind == NormKind::instance;
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < shape.size(); i++) s << (i ? ", " : "") << shape[i];
    s << ']';
    return s.str();
}

// A number as a person would write it: 1e-05, inf, 0.1 (std::to_string would print 0.000010).
std::string number_text(double value) {
    std::ostringstream s;
    s << value;
    return s.str();
}

// A scalar that the float kernels will receive: finite and within float range.
void check_float_scalar(double value, const char* name) {
    if (!std::isfinite(value) || std::fabs(value) > FLT_MAX)
        fail(std::string(name) + " must be a finite number, got " + number_text(value));
}

void check_array_size(const InputArray& a, const char* name, std::size_t expected, const std::string& what) {
    if (a.given && a.size != expected)
        fail(std::string(name) + " has " + std::to_string(a.size) + " values but " + what);
    if (a.given && a.data == nullptr) fail(std::string(name) + " has no data");
}

const float* data_or_null(const InputArray& a) { return a.given ? a.data : nullptr; }

}  // namespace

NormKind parse_norm_kind(const std::string& name) {
    for (const KindName& k : kKindNames)
        if (name == k.name) return k.kind;
    std::string known;
    for (const KindName& k : kKindNames) known += (known.empty() ? "" : ", ") + std::string(k.name);
    // keep the echoed name short and printable so the message stays one line
    std::string shown;
    for (char ch : name.substr(0, 40)) shown += (ch >= 32 && ch < 127) ? ch : '?';
    fail("unknown kind '" + shown + "' (expected one of: " + known + ")");
}

const char* norm_kind_name(NormKind kind) {
    for (const KindName& k : kKindNames)
        if (k.kind == kind) return k.name;
    return "unknown";
}

NormLayout validate_norm_spec(const NormSpec& spec) {
    const std::string kind = norm_kind_name(spec.kind);
    const std::vector<std::int64_t>& shape = spec.shape;
    const std::size_t rank = shape.size();

    // shape: rank, positive dims, bounded element count (checked before any multiplication
    // can overflow: every partial product stays <= kMaxNormElements)
    if (is_channel_kind(spec.kind)) {
        if (rank < 2 || rank > 4)
            fail("shape must be (N, C), (N, C, L) or (N, C, H, W) for kind '" + kind + "', got rank " +
                 std::to_string(rank));
    } else if (rank < 1) {
        fail("shape must have at least one dimension");
    }
    std::int64_t elements = 1;
    for (std::size_t i = 0; i < rank; i++) {
        if (shape[i] < 1) fail("shape[" + std::to_string(i) + "] must be >= 1, got " + std::to_string(shape[i]));
        if (shape[i] > kMaxNormElements || elements > kMaxNormElements / shape[i])
            fail("shape " + shape_text(shape) + " has more than 2^26 = " + std::to_string(kMaxNormElements) +
                 " elements");
        elements *= shape[i];
    }

    NormLayout L;
    L.elements = static_cast<std::size_t>(elements);
    std::string param_what;
    if (is_channel_kind(spec.kind)) {
        L.N = static_cast<std::size_t>(shape[0]);
        L.C = static_cast<std::size_t>(shape[1]);
        L.S = L.elements / (L.N * L.C);
        L.param_size = L.C;
        param_what = "C = " + std::to_string(L.C) + " (one per channel)";
    } else {
        L.d = static_cast<std::size_t>(shape[rank - 1]);
        L.rows = L.elements / L.d;
        L.param_size = L.d;
        param_what = "the last dimension d = " + std::to_string(L.d);
    }
    switch (spec.kind) {
        case NormKind::batch: L.stat_size = L.C; break;
        case NormKind::group: break;  // N * groups, once groups is checked
        case NormKind::instance: L.stat_size = L.N * L.C; break;
        case NormKind::dyt: L.stat_size = 0; break;
        default: L.stat_size = L.rows; break;
    }

    // scalars
    if (spec.kind == NormKind::dyt) {
        check_float_scalar(spec.alpha, "alpha");
    } else {
        check_float_scalar(spec.eps, "eps");
        if (spec.eps < 0) fail("eps must be >= 0, got " + number_text(spec.eps));
    }
    if (spec.kind == NormKind::group) {
        if (spec.groups < 1) fail("groups must be >= 1, got " + std::to_string(spec.groups));
        if (static_cast<std::uint64_t>(spec.groups) > L.C || L.C % static_cast<std::size_t>(spec.groups) != 0)
            fail("groups must divide the channel count C = " + std::to_string(L.C) +
                 ", got groups = " + std::to_string(spec.groups));
        L.stat_size = L.N * static_cast<std::size_t>(spec.groups);
    }
    if (spec.kind == NormKind::batch) {
        if (!std::isfinite(spec.momentum) || spec.momentum < 0 || spec.momentum > 1)
            fail("momentum must be a number in [0, 1], got " + number_text(spec.momentum));
    }

    // arrays
    if (!spec.x.given) fail("x is required");
    const std::string elements_what = "shape " + shape_text(shape) + " has " + std::to_string(L.elements) + " elements";
    check_array_size(spec.x, "x", L.elements, elements_what);
    check_array_size(spec.dy, "dy", L.elements, elements_what);
    check_array_size(spec.gamma, "gamma", L.param_size, param_what);
    if (spec.kind == NormKind::rms && spec.beta.given) fail("kind 'rms' has no beta (RMSNorm is y = gamma * x / rms)");
    check_array_size(spec.beta, "beta", L.param_size, param_what);
    if (spec.kind != NormKind::batch && (spec.running_mean.given || spec.running_var.given))
        fail("running_mean / running_var apply only to kind 'batch'");
    check_array_size(spec.running_mean, "running_mean", L.C, param_what);
    check_array_size(spec.running_var, "running_var", L.C, param_what);
    if (spec.running_var.given)
        for (std::size_t c = 0; c < spec.running_var.size; c++)
            if (!(spec.running_var.data[c] >= 0.0f)) fail("running_var[" + std::to_string(c) + "] must be >= 0");
    return L;
}

void run_norm(const NormSpec& spec, NormBuffers& result) {
    const NormLayout L = validate_norm_spec(spec);
    result = NormBuffers{};
    const float eps = static_cast<float>(spec.eps);
    const bool backward = spec.dy.given;
    const float* x = spec.x.data;
    const float* dy = spec.dy.data;

    // Parameters: PyTorch's initial values when absent (instance: absent = no affine).
    std::vector<float> default_gamma, default_beta;
    const float* gamma = data_or_null(spec.gamma);
    const float* beta = data_or_null(spec.beta);
    if (spec.kind != NormKind::instance) {
        if (!gamma) {
            default_gamma.assign(L.param_size, 1.0f);
            gamma = default_gamma.data();
        }
        if (!beta && spec.kind != NormKind::rms) {
            default_beta.assign(L.param_size, 0.0f);
            beta = default_beta.data();
        }
    }

    result.y.resize(L.elements);
    if (L.stat_size > 0) {
        result.rstd.resize(L.stat_size);
        if (spec.kind != NormKind::rms) result.mean.resize(L.stat_size);
    }
    if (backward) {
        result.dx.assign(L.elements, 0.0f);
        if (gamma) result.dgamma.assign(L.param_size, 0.0f);
        if (beta) result.dbeta.assign(L.param_size, 0.0f);
    }
    float* dgamma = result.dgamma.empty() ? nullptr : result.dgamma.data();
    float* dbeta = result.dbeta.empty() ? nullptr : result.dbeta.data();

    switch (spec.kind) {
        case NormKind::layer:
            layernorm_forward(result.y.data(), result.mean.data(), result.rstd.data(), x, gamma, beta, L.rows, L.d,
                              eps);
            if (backward)
                layernorm_backward(result.dx.data(), dgamma, dbeta, dy, x, gamma, result.mean.data(),
                                   result.rstd.data(), L.rows, L.d);
            break;
        case NormKind::layer_eps_outside:
            layernorm_eps_outside_forward(result.y.data(), result.mean.data(), result.rstd.data(), x, gamma, beta,
                                          L.rows, L.d, eps);
            if (backward)
                layernorm_eps_outside_backward(result.dx.data(), dgamma, dbeta, dy, x, gamma, result.mean.data(),
                                               result.rstd.data(), L.rows, L.d);
            break;
        case NormKind::rms:
            rmsnorm_forward(result.y.data(), result.rstd.data(), x, gamma, L.rows, L.d, eps);
            if (backward) rmsnorm_backward(result.dx.data(), dgamma, dy, x, gamma, result.rstd.data(), L.rows, L.d);
            break;
        case NormKind::batch: {
            if (spec.running_mean.given)
                result.running_mean.assign(spec.running_mean.data, spec.running_mean.data + L.C);
            else
                result.running_mean.assign(L.C, 0.0f);
            if (spec.running_var.given)
                result.running_var.assign(spec.running_var.data, spec.running_var.data + L.C);
            else
                result.running_var.assign(L.C, 1.0f);
            batchnorm_forward(result.y.data(), result.mean.data(), result.rstd.data(), result.running_mean.data(),
                              result.running_var.data(), x, gamma, beta, L.N, L.C, L.S, eps,
                              static_cast<float>(spec.momentum), spec.training);
            if (backward)
                batchnorm_backward(result.dx.data(), dgamma, dbeta, dy, x, gamma, result.mean.data(),
                                   result.rstd.data(), L.N, L.C, L.S, spec.training);
            break;
        }
        case NormKind::group: {
            const std::size_t G = static_cast<std::size_t>(spec.groups);
            groupnorm_forward(result.y.data(), result.mean.data(), result.rstd.data(), x, gamma, beta, L.N, L.C, L.S, G,
                              eps);
            if (backward)
                groupnorm_backward(result.dx.data(), dgamma, dbeta, dy, x, gamma, result.mean.data(),
                                   result.rstd.data(), L.N, L.C, L.S, G);
            break;
        }
        case NormKind::instance:
            instancenorm_forward(result.y.data(), result.mean.data(), result.rstd.data(), x, gamma, beta, L.N, L.C, L.S,
                                 eps);
            if (backward)
                instancenorm_backward(result.dx.data(), dgamma, dbeta, dy, x, gamma, result.mean.data(),
                                      result.rstd.data(), L.N, L.C, L.S);
            break;
        case NormKind::dyt: {
            const float alpha = static_cast<float>(spec.alpha);
            dyt_forward(result.y.data(), x, gamma, beta, L.rows, L.d, alpha);
            if (backward) {
                dyt_backward(result.dx.data(), dgamma, dbeta, &result.dalpha, dy, x, gamma, L.rows, L.d, alpha);
                result.has_dalpha = true;
            }
            break;
        }
    }
}

}  // namespace normlab
