#include "models/mlp.h"

#include <cmath>
#include <sstream>

namespace normlab {

const char* activation_name(Activation a) {
    switch (a) {
        case Activation::relu: return "relu";
        case Activation::gelu: return "gelu";
        case Activation::tanh: return "tanh";
    }
    return "?";
}

Activation parse_activation(const std::string& s) {
    for (Activation a : {Activation::relu, Activation::gelu, Activation::tanh})
        if (s == activation_name(a)) return a;
    throw std::invalid_argument("unknown activation '" + s + "' (expected relu, gelu or tanh)");
}

const char* norm_position_name(NormPosition p) {
    return p == NormPosition::before_activation ? "before_activation" : "after_activation";
}

NormPosition parse_norm_position(const std::string& s) {
    if (s == "before_activation" || s == "before") return NormPosition::before_activation;
    if (s == "after_activation" || s == "after") return NormPosition::after_activation;
    throw std::invalid_argument("unknown norm placement '" + s + "' (expected before_activation or after_activation)");
}

double mlp_memory_bytes(const MlpConfig& c) {
    const double D = static_cast<double>(c.input_dim), H = static_cast<double>(c.hidden_dim),
                 L = static_cast<double>(c.num_layers), K = static_cast<double>(c.num_classes),
                 B = static_cast<double>(c.batch_size);
    const double params = (D * H + H) + (L - 1.0) * (H * H + H) + L * 3.0 * H + (H * K + K);
    // per layer lin, mid, out and their gradients, plus GELU's derivative (gelu_forward's dydx)
    const double per_layer = c.activation == Activation::gelu ? 7.0 : 6.0;
    const double acts = L * B * H * per_layer + B * K * 3.0 + L * (2.0 * B + 4.0 * H);
    return 4.0 * (4.0 * params + acts);  // values, grads, two optimizer states; activations + grads
}

void validate(const MlpConfig& c, double budget_bytes) {
    auto positive = [](std::size_t v, const char* name) {
        if (v == 0) throw std::invalid_argument(std::string(name) + " must be >= 1");
    };
    positive(c.input_dim, "input_dim");
    positive(c.hidden_dim, "hidden_dim");
    positive(c.num_layers, "num_layers");
    positive(c.batch_size, "batch_size");
    if (c.num_classes < 2) throw std::invalid_argument("num_classes must be >= 2");
    validate(c.init);
    validate(c.norm, c.hidden_dim, 1);
    if (c.norm.kind == NormType::batch && c.batch_size < 2)
        throw std::invalid_argument("batch norm needs batch_size >= 2 (the batch variance of one sample is 0)");
    const double bytes = mlp_memory_bytes(c);
    if (!(bytes <= budget_bytes)) {
        std::ostringstream msg;
        msg << "the MLP would need about " << std::round(bytes / (1024.0 * 1024.0)) << " MiB (parameters, "
            << "gradients, optimizer state and activations for batch " << c.batch_size << "), more than the budget of "
            << std::round(budget_bytes / (1024.0 * 1024.0)) << " MiB";
        throw std::invalid_argument(msg.str());
    }
}

}  // namespace normlab
