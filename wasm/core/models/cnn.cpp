#include "models/cnn.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "kernels/conv.h"
#include "kernels/layers.h"
#include "engine/rng.h"

namespace normlab {

namespace {

template <typename T>
void zero(T* p, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) p[i] = T(0);
}

}  // namespace

std::size_t cnn_memory_bytes(const CnnConfig& c, std::size_t scalar_bytes) {
    double params = 0.0, acts = 0.0, max_act = 0.0, max_col = 0.0;
    double cin = static_cast<double>(c.in_channels), h = static_cast<double>(c.image_size);
    const double B = static_cast<double>(c.max_batch);
    for (std::size_t i = 0; i < c.channels.size() && i < c.strides.size(); i++) {
        const double cout = static_cast<double>(c.channels[i]);
        const double ho = c.strides[i] >= 1 ? std::floor((h - 1.0) / static_cast<double>(c.strides[i])) + 1.0 : h;
        const double act = cout * ho * ho;
        params += cout * cin * 9.0 + 3.0 * act + cout;  // weight, bias, affine upper bound
        acts += B * act * 3.0 + 4.0 * B * cout;         // conv, norm, relu, statistics
        max_act = std::max(max_act, act);
        max_col = std::max(max_col, cin * 9.0 * ho * ho);
        cin = cout;
        h = ho;
    }
    const double K = static_cast<double>(c.num_classes);
    params += K * cin + K;
    acts += B * (2.0 * cin + 3.0 * K) + 3.0 * B * max_act + 2.0 * max_col;
    const double bytes = static_cast<double>(scalar_bytes) * (4.0 * params + acts);
    return bytes >= 1.8e19 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(bytes);
}

void validate(const CnnConfig& c) {
    auto need = [](std::size_t v, const std::string& name) {
        if (v == 0) throw std::invalid_argument("cnn: " + name + " must be at least 1");
    };
    need(c.in_channels, "in_channels");
    need(c.image_size, "image_size");
    need(c.max_batch, "max_batch");
    if (c.num_classes < 2) throw std::invalid_argument("cnn: num_classes must be at least 2");
    if (c.channels.empty()) throw std::invalid_argument("cnn: channels must list at least one conv block");
    if (c.strides.size() != c.channels.size())
        throw std::invalid_argument("cnn: strides has " + std::to_string(c.strides.size()) +
                                    " entries but channels has " + std::to_string(c.channels.size()));
    std::size_t h = c.image_size;
    for (std::size_t i = 0; i < c.channels.size(); i++) {
        need(c.channels[i], "channels[" + std::to_string(i) + "]");
        if (c.strides[i] != 1 && c.strides[i] != 2)
            throw std::invalid_argument("cnn: strides[" + std::to_string(i) + "] must be 1 or 2, got " +
                                        std::to_string(c.strides[i]));
        h = conv2d_out_size(h, c.strides[i]);
        try {
            validate(c.norm, c.channels[i], h * h);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("cnn block " + std::to_string(i) + ": " + e.what());
        }
    }
    validate(c.init);
    const std::size_t bytes = cnn_memory_bytes(c, sizeof(float));
    if (bytes > c.memory_budget_bytes)
        throw std::invalid_argument("cnn: this configuration needs about " + std::to_string(bytes >> 20) +
                                    " MiB (parameters, gradients, Adam state and activations), more than the "
                                    "budget of " +
                                    std::to_string(c.memory_budget_bytes >> 20) +
                                    " MiB; reduce channels, image_size or max_batch");
}

template <typename T>
Cnn<T>::Cnn(const CnnConfig& cfg) : cfg_(cfg) {
    validate(cfg_);
    const std::size_t B = cfg_.max_batch, K = cfg_.num_classes, n = cfg_.channels.size();
    blocks_.resize(n);  // sized before any slot is registered: slots point into it
    std::size_t cin = cfg_.in_channels, H = cfg_.image_size, max_act = 0, max_col = 0;
    for (std::size_t i = 0; i < n; i++) {
        Block& k = blocks_[i];
        k.cin = cin;
        k.cout = cfg_.channels[i];
        k.stride = cfg_.strides[i];
        k.H = k.W = H;
        k.Ho = k.Wo = conv2d_out_size(H, k.stride);
        const std::string p = "block" + std::to_string(i);
        const int layer = static_cast<int>(i);
        params_.add(p + ".conv.weight", {k.cout, k.cin, kConvK, kConvK}, layer, true, &k.w, &k.dw);
        if (!has_norm())
            params_.add(p + ".conv.bias", {k.cout}, layer, true, &k.b, &k.db);
        else
            k.norm.declare(params_, arena_, p + ".norm", layer, cfg_.norm, B, k.cout, k.Ho * k.Wo);
        arena_.add(p + ".conv", B * k.out_size(), &k.conv);
        arena_.add(p + ".norm_out", has_norm() ? B * k.out_size() : 0, &k.nrm);
        arena_.add(p + ".act", B * k.out_size(), &k.act);
        max_act = std::max(max_act, k.out_size());
        max_col = std::max(max_col, conv2d_col_size(k.cin, k.H, k.W, k.stride));
        cin = k.cout;
        H = k.Ho;
    }
    const int head_layer = static_cast<int>(n);
    params_.add("head.weight", {K, cin}, head_layer, true, &headw, &dheadw);
    params_.add("head.bias", {K}, head_layer, true, &headb, &dheadb);
    arena_.add("pooled", B * cin, &pooled_);
    arena_.add("logits", B * K, &logits_);
    arena_.add("probs", B * K, &probs_);
    arena_.add("dlogits", B * K, &dlogits_);
    arena_.add("dpooled", B * cin, &dpooled_);
    arena_.add("bufP", B * max_act, &bufP_);
    arena_.add("bufQ", B * max_act, &bufQ_);
    arena_.add("bufR", B * max_act, &bufR_);
    arena_.add("col", 2 * max_col, &col_);
    params_.allocate();
    arena_.allocate();
    this->act_std_.assign(num_metric_layers(), 0.0);
    init_parameters(cfg_.seed);
}

template <typename T>
void Cnn<T>::init_parameters(std::uint64_t seed) {
    Rng rng(seed);
    for (Block& k : blocks_) {
        const std::size_t fan_in = k.cin * kConvK * kConvK, fan_out = k.cout * kConvK * kConvK;
        init_weight(k.w, k.cout * fan_in, fan_in, fan_out, cfg_.init, rng);
        if (k.b) init_bias(k.b, k.cout, fan_in, cfg_.init, rng);
        k.norm.init();
    }
    const std::size_t C = blocks_.back().cout, K = cfg_.num_classes;
    init_weight(headw, K * C, C, K, cfg_.init, rng);
    init_bias(headb, K, C, cfg_.init, rng);
}

template <typename T>
std::string Cnn<T>::metric_layer_name(std::size_t layer) const {
    return layer < blocks_.size() ? "block" + std::to_string(layer) : "head";
}

template <typename T>
T Cnn<T>::forward(const BatchT<T>& batch) {
    const std::size_t B = batch.batch_size, K = cfg_.num_classes;
    if (!batch.x || !batch.targets) throw std::invalid_argument("cnn: the batch needs images x and targets");
    if (B < 1 || B > cfg_.max_batch)
        throw std::invalid_argument("cnn: batch size " + std::to_string(B) + " is outside 1.." +
                                    std::to_string(cfg_.max_batch));
    for (std::size_t i = 0; i < B; i++)
        if (batch.targets[i] < 0 || static_cast<std::size_t>(batch.targets[i]) >= K)
            throw std::invalid_argument("cnn: target " + std::to_string(batch.targets[i]) + " is outside 0.." +
                                        std::to_string(K - 1));
    x_ = batch.x;
    targets_ = batch.targets;
    B_ = B;
    const bool training = this->training_, act_std = this->collects_activation_std();

    const T* in = x_;
    for (std::size_t i = 0; i < blocks_.size(); i++) {
        Block& k = blocks_[i];
        const std::size_t n = B * k.out_size();
        conv2d_forward(k.conv, col_, in, static_cast<const T*>(k.w), static_cast<const T*>(k.b), B, k.cin, k.H, k.W,
                       k.cout, k.stride);
        const T* pre = k.conv;
        if (has_norm()) {
            k.norm.forward(k.nrm, k.conv, B, training);
            pre = k.nrm;
        }
        relu_forward(k.act, pre, n);
        if (act_std) this->act_std_[i] = buffer_std(k.act, n);
        in = k.act;
    }
    const Block& last = blocks_.back();
    avgpool_forward(pooled_, in, B, last.cout, last.Ho * last.Wo);
    linear_forward(logits_, static_cast<const T*>(pooled_), static_cast<const T*>(headw), static_cast<const T*>(headb),
                   B, last.cout, K);
    if (act_std) this->act_std_[blocks_.size()] = buffer_std(logits_, B * K);
    return softmax_cross_entropy_forward(probs_, static_cast<const T*>(logits_), targets_, B, K);
}

// Per block, from the gradient g of its ReLU output (buffers P, Q, R take turns):
//   term 1 (ReLU):  Q = g * [pre > 0]
//   term 2 (norm):  R = Normᵀ Q           (or R := Q without a norm)
//   term 3 (conv):  dW, db += ...;  P = convᵀ R, the gradient of the block input (skipped for block 0)
template <typename T>
void Cnn<T>::backward() {
    if (!x_) throw std::logic_error("cnn: backward() before forward()");
    const std::size_t B = B_, K = cfg_.num_classes;
    const bool training = this->training_;
    const Block& last = blocks_.back();

    zero(dlogits_, B * K);
    softmax_cross_entropy_backward(dlogits_, static_cast<const T*>(probs_), targets_, B, K, T(1));
    zero(dpooled_, B * last.cout);
    linear_backward(dpooled_, dheadw, dheadb, static_cast<const T*>(dlogits_), static_cast<const T*>(pooled_),
                    static_cast<const T*>(headw), B, last.cout, K);
    T* g = bufP_;
    zero(g, B * last.out_size());
    avgpool_backward(g, static_cast<const T*>(dpooled_), B, last.cout, last.Ho * last.Wo);

    for (std::size_t i = blocks_.size(); i-- > 0;) {
        Block& k = blocks_[i];
        const std::size_t n = B * k.out_size();
        const T* pre = has_norm() ? k.nrm : k.conv;
        zero(bufQ_, n);
        relu_backward(bufQ_, static_cast<const T*>(g), pre, n);  // term 1
        T* dconv = bufQ_;
        if (has_norm()) {  // term 2
            zero(bufR_, n);
            k.norm.backward(bufR_, bufQ_, k.conv, B, training);
            dconv = bufR_;
        }
        const T* in = i == 0 ? x_ : blocks_[i - 1].act;
        T* dinp = nullptr;
        if (i > 0) {
            dinp = bufP_;
            zero(dinp, B * k.cin * k.H * k.W);
        }
        conv2d_backward(dinp, k.dw, k.db, col_, static_cast<const T*>(dconv), in, static_cast<const T*>(k.w), B, k.cin,
                        k.H, k.W, k.cout, k.stride);  // term 3
        g = bufP_;
    }
}

template <typename T>
void Cnn<T>::recompute_batchnorm_statistics(const T* images, std::size_t count) {
    if (cfg_.norm.kind != NormType::batch || count == 0) return;
    const bool was_training = this->training_, stats = this->collect_stats_;
    this->training_ = false;
    this->collect_stats_ = false;
    const std::size_t P = cfg_.in_channels * cfg_.image_size * cfg_.image_size, chunk = cfg_.max_batch;
    std::vector<int> targets(chunk, 0);
    for (std::size_t i = 0; i < blocks_.size(); i++) {
        Block& k = blocks_[i];
        const std::size_t S = k.Ho * k.Wo;
        std::vector<double> sum(k.cout, 0.0), sumsq(k.cout, 0.0);
        for (std::size_t first = 0; first < count; first += chunk) {
            BatchT<T> b;
            b.batch_size = std::min(chunk, count - first);
            b.x = images + first * P;
            b.targets = targets.data();
            forward(b);
            for (std::size_t n = 0; n < b.batch_size; n++)
                for (std::size_t c = 0; c < k.cout; c++) {
                    const T* v = k.conv + (n * k.cout + c) * S;
                    for (std::size_t s = 0; s < S; s++) {
                        sum[c] += static_cast<double>(v[s]);
                        sumsq[c] += static_cast<double>(v[s]) * static_cast<double>(v[s]);
                    }
                }
        }
        const double N = static_cast<double>(count * S);
        for (std::size_t c = 0; c < k.cout; c++) {
            const double mean = sum[c] / N;
            k.norm.running_mean[c] = static_cast<T>(mean);
            k.norm.running_var[c] = static_cast<T>(std::max(0.0, sumsq[c] / N - mean * mean));
        }
    }
    this->training_ = was_training;
    this->collect_stats_ = stats;
}

template <typename T>
double Cnn<T>::accuracy() const {
    if (!x_) return 0.0;
    const std::size_t correct = count_correct(logits_, targets_, B_, cfg_.num_classes);
    return static_cast<double>(correct) / static_cast<double>(B_);
}

template class Cnn<float>;
template class Cnn<double>;

}  // namespace normlab
