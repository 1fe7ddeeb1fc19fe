// A small CNN image classifier, the model family of the BatchNorm / GroupNorm / InstanceNorm lessons.
//
//   x (B, Cin, H, W)
//   block i = 0..n-1:  conv3×3 (stride s_i, padding 1) -> Norm -> ReLU     kernels/conv.h, engine/norm_layer.h, kernels/layers.h
//                      (B, C_i, H_i, W_i), H_{i+1} = (H_i - 1) / s_i + 1
//   global average pooling -> (B, C_last)                                 kernels/conv.h
//   Linear head C_last -> K, softmax cross-entropy (mean over B)         kernels/layers.h
//
// Norm kinds (engine/norm_layer.h's NormLayer, viewing a block's (B, C, H, W) as (N = B, C, S = H*W)):
//   batch     per channel over (B, H, W), running statistics for eval mode (set_training(false))
//   group     per (sample, group of C/G channels) over (C/G, H, W)
//   instance  per (sample, channel) over (H, W)
//   layer     per sample over (C, H, W) with an elementwise (C, H, W) affine (PyTorch LayerNorm([C, H, W]))
//   rms, dyt  as layer, without centring / with tanh
//   none      the conv then has a bias (with a norm it would be cancelled by the centring; no bias)
//
// Parameters: block{i}.conv.weight (C_i, C_{i-1}, 3, 3) [+ block{i}.conv.bias (C_i)], block{i}.norm.*,
// head.weight (K, C_last), head.bias (K). Metric layers: block i = i, head = n.
// Initialisation: `init` (default Kaiming normal, the ReLU gain); norms gamma 1, beta 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/init.h"
#include "engine/model.h"
#include "engine/norm_layer.h"
#include "engine/tensor_buffers.h"

namespace normlab {

struct CnnConfig {
    std::size_t in_channels = 1;                       // Cin: 1 or 3 for the shape images
    std::size_t image_size = 16;                       // H = W
    std::size_t num_classes = 5;                       // K
    std::vector<std::size_t> channels = {16, 32, 32};  // C_i, one conv block each
    std::vector<std::size_t> strides = {1, 2, 2};      // s_i in {1, 2}, same length as channels
    std::size_t max_batch = 32;                        // B: buffers are sized for this many images
    NormConfig norm{NormType::batch};
    InitConfig init{InitScheme::kaiming_normal, 0.0f};
    std::uint64_t seed = 1;
    // Refuse configurations whose parameters + gradients + Adam state + activations (float) exceed
    // this many bytes.
    std::size_t memory_budget_bytes = std::size_t(1) << 30;
};

// Throws std::invalid_argument naming the setting (zero sizes, strides other than 1 or 2,
// mismatched list lengths, a norm the shapes cannot take, over the memory budget).
void validate(const CnnConfig& cfg);
std::size_t cnn_memory_bytes(const CnnConfig& cfg, std::size_t scalar_bytes);

template <typename T>
class Cnn : public ModelT<T> {
  public:
    explicit Cnn(const CnnConfig& cfg);

    // batch.x: (B, Cin, H, W); batch.targets: (B) in [0, K); B <= max_batch.
    T forward(const BatchT<T>& batch) override;
    void backward() override;

    TensorSet<T>& parameters() override { return params_; }
    std::size_t max_batch_size() const override { return cfg_.max_batch; }
    std::size_t num_metric_layers() const override { return blocks_.size() + 1; }
    std::string metric_layer_name(std::size_t layer) const override;

    const CnnConfig& config() const { return cfg_; }
    const T* logits() const { return logits_; }  // (B, K) of the last forward
    // Fraction of the last forward's batch whose argmax logit is the target.
    double accuracy() const;
    void init_parameters(std::uint64_t seed);

    // Precise BatchNorm: replaces every BatchNorm's running statistics by the population statistics
    // of `count` images (count, Cin, H, W): block by block, the per-channel mean and (biased)
    // variance of the block's conv output over every image and position, computed with the earlier
    // blocks already using their recomputed statistics (eval-mode forwards in chunks of max_batch).
    // What an eval-mode forward then sees is normalised by exactly the statistics of that data set.
    // Does nothing for other norms; the training flag is left as it was.
    void recompute_batchnorm_statistics(const T* images, std::size_t count);

    // For tests and inspection: the conv blocks, block i's conv output of the last forward
    // (B, C_i, H_i, W_i) and its norm layer.
    std::size_t num_blocks() const { return blocks_.size(); }
    const T* block_conv_output(std::size_t i) const { return blocks_[i].conv; }
    const NormLayer<T>& block_norm(std::size_t i) const { return blocks_[i].norm; }

  private:
    struct Block {
        std::size_t cin = 0, cout = 0, stride = 1, H = 0, W = 0, Ho = 0, Wo = 0;  // input H, W; output Ho, Wo
        T *w = nullptr, *dw = nullptr;                                            // (cout, cin, 3, 3)
        T *b = nullptr, *db = nullptr;                                            // (cout) only without a norm
        NormLayer<T> norm;
        T* conv = nullptr;  // (B, cout, Ho, Wo) conv output
        T* nrm = nullptr;   // (B, cout, Ho, Wo) norm output (nullptr without a norm)
        T* act = nullptr;   // (B, cout, Ho, Wo) ReLU output
        std::size_t out_size() const { return cout * Ho * Wo; }  // per image
    };
    bool has_norm() const { return cfg_.norm.kind != NormType::none; }

    CnnConfig cfg_;
    TensorSet<T> params_;
    Arena<T> arena_;
    std::vector<Block> blocks_;
    T *headw = nullptr, *dheadw = nullptr;                   // (K, C_last)
    T *headb = nullptr, *dheadb = nullptr;                   // (K)
    T* pooled_ = nullptr;                                    // (B, C_last)
    T* logits_ = nullptr;                                    // (B, K)
    T* probs_ = nullptr;                                     // (B, K)
    T* dlogits_ = nullptr;                                   // (B, K)
    T* dpooled_ = nullptr;                                   // (B, C_last)
    T *bufP_ = nullptr, *bufQ_ = nullptr, *bufR_ = nullptr;  // (B, max block size) backward scratch
    T* col_ = nullptr;                                       // (2 * max col size) im2col scratch
    const T* x_ = nullptr;                                   // the last forward's input
    const int* targets_ = nullptr;
    std::size_t B_ = 0;
};

extern template class Cnn<float>;
extern template class Cnn<double>;

}  // namespace normlab
