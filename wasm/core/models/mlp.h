// The MLP of the MLP lab: L hidden layers of [Linear -> Norm -> activation] (norm before the
// activation, the default) or [Linear -> activation -> Norm] (after), then a Linear head and the
// fused softmax cross-entropy. Configured by the plain struct MlpConfig; implements ModelT.
//
//   x (B, D) -> fc0 -> (B, H) -> [norm, act] -> ... -> fc{L-1} -> [norm, act] -> head -> (B, K) -> CE
//
// Templated on the scalar type: Mlp (float) trains; MlpT<double> exists for whole-model gradchecks.
// Parameters: fc{l}.weight (H, C_l), fc{l}.bias (H), norm{l}.* (see engine/norm_layer.h), head.weight
// (K, H), head.bias (K); metric layer l = hidden layer l, metric layer L = the head.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/init.h"
#include "kernels/layers.h"
#include "engine/model.h"
#include "engine/norm_layer.h"
#include "engine/rng.h"
#include "engine/tensor_buffers.h"

namespace normlab {

enum class Activation { relu, gelu, tanh };
enum class NormPosition { before_activation, after_activation };

const char* activation_name(Activation a);
Activation parse_activation(const std::string& s);
const char* norm_position_name(NormPosition p);
NormPosition parse_norm_position(const std::string& s);

// Default memory budget of one model + its optimizer state (bytes).
constexpr double kMemoryBudgetBytes = 1024.0 * 1024.0 * 1024.0;

struct MlpConfig {
    std::size_t input_dim = 2;    // D
    std::size_t hidden_dim = 64;  // H
    std::size_t num_layers = 2;   // L hidden layers (>= 1)
    std::size_t num_classes = 2;  // K (>= 2)
    std::size_t batch_size = 64;  // B: the largest batch forward() accepts
    Activation activation = Activation::relu;
    NormConfig norm;  // kind none | batch | layer | rms | group | dyt (instance needs S > 1)
    NormPosition norm_position = NormPosition::before_activation;
    bool bias = true;  // Linear layers with bias
    InitConfig init;
    std::uint64_t seed = 0;  // initialisation stream
};

// Bytes the model needs: parameters, gradients, two optimizer states, activations (estimate, in
// double so absurd sizes cannot overflow).
double mlp_memory_bytes(const MlpConfig& c);

// Throws std::invalid_argument with a clear message for zero sizes, bad norm settings, or a
// model + batch that would need more than budget_bytes.
void validate(const MlpConfig& c, double budget_bytes = kMemoryBudgetBytes);

template <typename Real>
class MlpT : public ModelT<Real> {
  public:
    explicit MlpT(const MlpConfig& config) : cfg_(config) {
        validate(cfg_);
        const std::size_t B = cfg_.batch_size, H = cfg_.hidden_dim, L = cfg_.num_layers, K = cfg_.num_classes;
        layers_.resize(L);  // sized before any slot is registered: slots point into it
        for (std::size_t l = 0; l < L; l++) {
            Layer& ly = layers_[l];
            const std::string p = "fc" + std::to_string(l);
            ly.in_dim = l == 0 ? cfg_.input_dim : H;
            params_.add(p + ".weight", {H, ly.in_dim}, static_cast<int>(l), true, &ly.w, &ly.dw);
            if (cfg_.bias) params_.add(p + ".bias", {H}, static_cast<int>(l), true, &ly.b, &ly.db);
            if (has_norm())
                ly.norm.declare(params_, acts_, "norm" + std::to_string(l), static_cast<int>(l), cfg_.norm, B, H, 1);
            acts_.add(p + ".lin", B * H, &ly.lin);                   // (B, H) Linear output
            acts_.add(p + ".mid", has_norm() ? B * H : 0, &ly.mid);  // (B, H) after the first op
            acts_.add(p + ".out", B * H, &ly.out);                   // (B, H) layer output
            acts_.add(p + ".dact", cfg_.activation == Activation::gelu ? B * H : 0, &ly.dact);
            dacts_.add(p + ".dlin", B * H, &ly.dlin);
            dacts_.add(p + ".dmid", has_norm() ? B * H : 0, &ly.dmid);
            dacts_.add(p + ".dout", B * H, &ly.dout);
        }
        params_.add("head.weight", {K, H}, static_cast<int>(L), true, &head_w_, &head_dw_);
        if (cfg_.bias) params_.add("head.bias", {K}, static_cast<int>(L), true, &head_b_, &head_db_);
        acts_.add("head.logits", B * K, &logits_);  // (B, K)
        acts_.add("head.probs", B * K, &probs_);    // (B, K)
        dacts_.add("head.dlogits", B * K, &dlogits_);
        params_.allocate();
        acts_.allocate();
        dacts_.allocate();
        targets_.assign(B, 0);
        this->act_std_.assign(L + 1, 0.0);
        init_parameters(cfg_.seed);
    }

    // Re-draws every parameter from `seed` (weights, biases, norm affine = identity).
    void init_parameters(std::uint64_t seed) {
        Rng rng = Rng(seed).fork(0x1417);  // the "init" stream
        const std::size_t H = cfg_.hidden_dim, K = cfg_.num_classes;
        for (Layer& ly : layers_) {
            init_weight(ly.w, H * ly.in_dim, ly.in_dim, H, cfg_.init, rng);
            if (ly.b) init_bias(ly.b, H, ly.in_dim, cfg_.init, rng);
            if (has_norm()) ly.norm.init();
        }
        init_weight(head_w_, K * H, H, K, cfg_.init, rng);
        if (head_b_) init_bias(head_b_, K, H, cfg_.init, rng);
    }

    Real forward(const BatchT<Real>& batch) override {
        if (!batch.x || !batch.targets) throw std::invalid_argument("MLP batch needs x and targets");
        if (batch.batch_size == 0 || batch.batch_size > cfg_.batch_size)
            throw std::invalid_argument("MLP batch size must be in [1, " + std::to_string(cfg_.batch_size) + "]");
        const std::size_t B = batch.batch_size, H = cfg_.hidden_dim, K = cfg_.num_classes;
        for (std::size_t b = 0; b < B; b++) {
            const int t = batch.targets[b];
            if (t < 0 || static_cast<std::size_t>(t) >= K)
                throw std::invalid_argument("target " + std::to_string(t) + " is not a class id in [0, " +
                                            std::to_string(K) + ")");
            targets_[b] = t;
        }
        n_ = B;
        x_ = batch.x;
        const bool train = this->training_;
        const Real* in = x_;
        for (std::size_t l = 0; l < layers_.size(); l++) {
            Layer& ly = layers_[l];
            linear_forward(ly.lin, in, ly.w, static_cast<const Real*>(ly.b), B, ly.in_dim, H);
            if (!has_norm()) {
                act_forward(ly.out, ly.dact, ly.lin, B * H);
            } else if (cfg_.norm_position == NormPosition::before_activation) {
                ly.norm.forward(ly.mid, ly.lin, B, train);
                act_forward(ly.out, ly.dact, ly.mid, B * H);
            } else {
                act_forward(ly.mid, ly.dact, ly.lin, B * H);
                ly.norm.forward(ly.out, ly.mid, B, train);
            }
            if (this->collects_activation_std()) this->act_std_[l] = buffer_std(ly.out, B * H);
            in = ly.out;
        }
        linear_forward(logits_, in, head_w_, static_cast<const Real*>(head_b_), B, H, K);
        if (this->collects_activation_std()) this->act_std_[layers_.size()] = buffer_std(logits_, B * K);
        return softmax_cross_entropy_forward(probs_, logits_, targets_.data(), B, K);
    }

    void backward() override { backward_impl(false); }
    void backward_onto_zeroed_grads() override { backward_impl(true); }

    TensorSet<Real>& parameters() override { return params_; }
    std::size_t max_batch_size() const override { return cfg_.batch_size; }
    std::size_t num_metric_layers() const override { return layers_.size() + 1; }
    std::string metric_layer_name(std::size_t l) const override {
        return l < layers_.size() ? "layer" + std::to_string(l) : std::string("head");
    }

    const MlpConfig& config() const { return cfg_; }
    // Activation and activation-gradient elements allocated (what mlp_memory_bytes bounds).
    std::size_t activation_elements() const { return acts_.size() + dacts_.size(); }
    // Last forward's logits (B, K) and softmax (B, K) for accuracy and plots.
    const Real* logits() const { return logits_; }
    const Real* probs() const { return probs_; }
    // Output (B, H) of hidden layer l in the last forward (e.g. for activation histograms).
    const Real* layer_output(std::size_t l) const { return layers_.at(l).out; }
    // Hidden layer l's norm (e.g. to read BatchNorm's beta or save and restore its running statistics).
    NormLayer<Real>& norm_layer(std::size_t l) { return layers_.at(l).norm; }
    // Output (B, H) of hidden layer l's norm in the last forward; nullptr without a norm.
    const Real* norm_output(std::size_t l) const {
        if (!has_norm()) return nullptr;
        return cfg_.norm_position == NormPosition::before_activation ? layers_.at(l).mid : layers_.at(l).out;
    }

  private:
    // grads_zeroed: every parameter gradient holds zero (ModelT::backward_onto_zeroed_grads)
    void backward_impl(bool grads_zeroed) {
        if (n_ == 0) throw std::logic_error("MLP backward() before forward()");
        const std::size_t B = n_, H = cfg_.hidden_dim, K = cfg_.num_classes, L = layers_.size();
        const bool train = this->training_;
        // activation gradients accumulate too: zero the ones added into once per backward. Each layer's
        // dout is written whole by the next Linear's input gradient (linear_backward's write_dinp), and
        // dlin by the activation's backward when only the Linear reads it (overwrite, kernels/layers.h):
        // those need none.
        const bool norm_writes_dlin = has_norm() && cfg_.norm_position == NormPosition::before_activation;
        {
            OpScope scope("zero_act_grads", B, H);
            std::memset(dlogits_, 0, B * K * sizeof(Real));
            for (Layer& ly : layers_) {
                if (norm_writes_dlin) std::memset(ly.dlin, 0, B * H * sizeof(Real));
                if (ly.dmid) std::memset(ly.dmid, 0, B * H * sizeof(Real));
            }
        }
        softmax_cross_entropy_backward(dlogits_, probs_, targets_.data(), B, K, Real(1));
        linear_backward(layers_[L - 1].dout, head_dw_, head_db_, dlogits_, layers_[L - 1].out, head_w_, B, H, K,
                        grads_zeroed, /*write_dinp=*/true);
        for (std::size_t l = L; l-- > 0;) {
            Layer& ly = layers_[l];
            if (!has_norm()) {
                act_backward(ly.dlin, ly.dout, ly.lin, ly.out, ly.dact, B * H, /*overwrite=*/true);
            } else if (norm_writes_dlin) {
                act_backward(ly.dmid, ly.dout, ly.mid, ly.out, ly.dact, B * H, /*overwrite=*/false);
                ly.norm.backward(ly.dlin, ly.dmid, ly.lin, B, train);
            } else {
                ly.norm.backward(ly.dmid, ly.dout, ly.mid, B, train);
                act_backward(ly.dlin, ly.dmid, ly.lin, ly.mid, ly.dact, B * H, /*overwrite=*/true);
            }
            const Real* in = l == 0 ? x_ : layers_[l - 1].out;
            Real* din = l == 0 ? nullptr : layers_[l - 1].dout;
            linear_backward(din, ly.dw, ly.db, ly.dlin, in, ly.w, B, ly.in_dim, H, grads_zeroed, /*write_dinp=*/true);
        }
    }

    struct Layer {
        std::size_t in_dim = 0;
        Real* w = nullptr;  // (H, in_dim)
        Real* dw = nullptr;
        Real* b = nullptr;  // (H) or nullptr
        Real* db = nullptr;
        NormLayer<Real> norm;
        Real* lin = nullptr;   // (B, H)
        Real* mid = nullptr;   // (B, H) norm: output of the first of [norm, act]
        Real* out = nullptr;   // (B, H)
        Real* dact = nullptr;  // (B, H) GELU only: its derivative at its input, from the forward
        Real* dlin = nullptr;  // (B, H)
        Real* dmid = nullptr;  // (B, H)
        Real* dout = nullptr;  // (B, H)
    };

    bool has_norm() const { return cfg_.norm.kind != NormType::none; }

    // dact: the layer's GELU derivative buffer (nullptr for the other activations)
    void act_forward(Real* out, Real* dact, const Real* inp, std::size_t n) const {
        switch (cfg_.activation) {
            case Activation::relu: relu_forward(out, inp, n); break;
            case Activation::gelu: gelu_forward(out, dact, inp, n); break;
            case Activation::tanh: tanh_forward(out, inp, n); break;
        }
    }
    // inp / out: the activation's forward input and output
    void act_backward(Real* dinp, const Real* dout, const Real* inp, const Real* out, const Real* dact, std::size_t n,
                      bool overwrite) const {
        switch (cfg_.activation) {
            case Activation::relu: relu_backward(dinp, dout, inp, n, overwrite); break;
            case Activation::gelu: gelu_backward(dinp, dout, dact, n, overwrite); break;
            case Activation::tanh: tanh_backward(dinp, dout, out, n, overwrite); break;
        }
    }

    MlpConfig cfg_;
    TensorSet<Real> params_;
    Arena<Real> acts_, dacts_;
    std::vector<Layer> layers_;
    Real* head_w_ = nullptr;  // (K, H)
    Real* head_dw_ = nullptr;
    Real* head_b_ = nullptr;  // (K) or nullptr
    Real* head_db_ = nullptr;
    Real* logits_ = nullptr;    // (B, K)
    Real* probs_ = nullptr;     // (B, K)
    Real* dlogits_ = nullptr;   // (B, K)
    std::vector<int> targets_;  // (B) copy of the last batch's targets
    const Real* x_ = nullptr;   // (B, D) the last batch's inputs (not copied)
    std::size_t n_ = 0;         // rows in the last forward
};

using Mlp = MlpT<float>;

}  // namespace normlab
