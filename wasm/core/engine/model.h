// The interface every model family implements (MLP, char transformer, CNN), and the batch it eats.
//
// A model is built from a plain config struct, declares its parameters in a TensorSet and its
// activations in an Arena (engine/tensor_buffers.h), allocates both once, and then runs
//
//   Real loss = model.forward(batch);   // mean loss; caches what the backward needs
//   model.backward();                   // ACCUMULATES d loss / d params into parameters().grads()
//
// with no allocation. The Trainer (engine/trainer.h) adds zero_grad, clipping, the optimizer, the
// schedule and the metrics around these two calls; it only sees this interface.
//
// Metric layers: a model splits itself into num_metric_layers() named layers (an MLP: one per
// hidden layer plus the head; a transformer: embedding, one per block, head). Every parameter
// tensor carries its metric layer index (TensorSet::Tensor::layer), so per-layer gradient norms
// and update ratios need nothing from the model; activation_std() reports, per metric layer, the
// std of that layer's output as computed during the last forward when collect_stats is on.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/tensor_buffers.h"

namespace normlab {

// One batch. Inputs are either real-valued (x) or token ids (tokens); targets are class ids.
//   MLP:         x (B, D),        targets (B)
//   CNN:         x (B, C, H, W),  targets (B)
//   char model:  tokens (B, T),   targets (B, T)
template <typename Real>
struct BatchT {
    const Real* x = nullptr;       // real-valued inputs, or nullptr
    const int* tokens = nullptr;   // token ids, or nullptr
    const int* targets = nullptr;  // class ids
    std::size_t batch_size = 0;    // B
    std::size_t seq_len = 1;       // T (1 for non-sequence models)
};

template <typename Real>
class ModelT {
  public:
    virtual ~ModelT() = default;

    // Mean loss of the batch; caches activations for backward(). batch_size <= max_batch_size().
    virtual Real forward(const BatchT<Real>& batch) = 0;
    // Adds the gradients of the last forward's loss into parameters().grads().
    virtual void backward() = 0;
    // The same, when every gradient holds zero beforehand (the Trainer's step guarantees it): a model
    // may then write the weight gradients its Linear layers compute whole instead of adding them to
    // the zeros, the same bits without reading the zeros back from memory (kernels/layers.h).
    virtual void backward_onto_zeroed_grads() { backward(); }

    virtual TensorSet<Real>& parameters() = 0;
    void zero_grad() { parameters().zero_grad(); }

    virtual std::size_t max_batch_size() const = 0;
    virtual std::size_t num_metric_layers() const = 0;
    virtual std::string metric_layer_name(std::size_t layer) const = 0;

    // Per metric layer: std of the layer's output in the last forward (0 if stats are off).
    const std::vector<double>& activation_std() const { return act_std_; }
    void set_collect_stats(bool on) { collect_stats_ = on; }
    bool collect_stats() const { return collect_stats_; }
    // The per-layer activation std among those statistics (on by default): the Trainer turns it off with
    // its per-layer metrics, leaving the others (a transformer's attention-logit maximum and logit RMS,
    // which the lr-sweep reads at every step) to collect_stats.
    void set_activation_std(bool on) { activation_std_ = on; }
    bool collects_activation_std() const { return collect_stats_ && activation_std_; }

    // Training mode (default) uses batch statistics in batch norm and updates running stats;
    // eval mode uses the running statistics.
    void set_training(bool on) { training_ = on; }
    bool training() const { return training_; }

  protected:
    std::vector<double> act_std_;  // sized num_metric_layers() by the model's constructor
    bool collect_stats_ = true;
    bool activation_std_ = true;
    bool training_ = true;
};

using Batch = BatchT<float>;
using Model = ModelT<float>;

// Where the Trainer's caller gets batches from (synthetic data, text, images). next() returns a
// batch whose buffers stay valid until the following call; it must not allocate.
class BatchSource {
  public:
    virtual ~BatchSource() = default;
    virtual Batch next() = 0;
};

}  // namespace normlab
