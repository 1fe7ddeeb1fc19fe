// A character-level transformer language model (GPT-2 shaped, small), the model family of the
// Pre-LN / Post-LN lessons.
//
//   x_0 = wte[tokens] + wpe[0..T)                                   kernels/embedding.h        (B, T, C)
//   for each of L blocks (N1, N2: the block's two norms, kind LayerNorm / RMSNorm / DyT):
//     Pre-LN:   x' = x + Attn(N1(x));       x'' = x' + MLP(N2(x'))
//     Post-LN:  x' = N1(x + Attn(x));       x'' = N2(x' + MLP(x'))
//     none:     x' = x + Attn(x);           x'' = x' + MLP(x')
//   Attn(u) = attention(u · Wqkvᵀ + bqkv) · Wprojᵀ + bproj          kernels/attention.h (causal, NH heads)
//     qk_norm: q and k of each head pass an RMSNorm over the head's hs values (gains g_q, g_k of
//     size hs, shared by the heads) before the dot product:  q̂ = g_q ⊙ q / sqrt(mean(q²) + eps),
//     so |q̂ · k̂| / sqrt(hs) <= sqrt(hs) · max|g_q| · max|g_k|: the attention logits stay bounded
//     (Dehghani et al. 2023; Wortsman et al. 2023, "QK-layernorm").
//   MLP(u)  = GELU(u · Wfcᵀ + bfc) · Wfc2ᵀ + bfc2                   kernels/layers.h (C -> 4C -> C, GELU tanh)
//   Pre-LN only: a final norm Nf before the head.
//   logits = h · Wheadᵀ   (no bias)    untied head by default; tied: Whead = wte
//   loss = mean over the B*T positions of the cross-entropy with the next character
//
// Parameters live in one TensorSet, activations and gradient scratch in one Arena (all sized for
// max_batch × context at construction), so forward/backward never allocate. The norms are
// the engine's NormLayer (engine/norm_layer.h) viewing (B, T, C) as B*T rows of C.
//
// Metric layers: 0 = embedding, 1..L = blocks, L+1 = head (final norm + output projection).
//
// Initialisation, by `init_style`:
//   gpt2    wte, wpe ~ N(0, 0.02²); Linear weights by `init` (default N(0, 0.02²)), biases zero (or
//           PyTorch's default for init = pytorch_default). A small init: at d 64 every residual
//           branch adds ~1e-3 of the stream's variance, so each variant starts near an identity stack.
//   xavier  what Xiong et al. (2020) analyse: every Linear (head included) Xavier-normal,
//           N(0, 2 / (fan_in + fan_out)), biases zero; wte, wpe ~ N(0, 1/2) so the embedding
//           x_0 = wte[t] + wpe[p] has unit RMS (E‖x_0‖² = d, as Vaswani's √d scaling gives).
// Norms: gamma 1, beta 0 (QK-norm gains 1) in both.
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

enum class NormPlacement { pre, post, none };

enum class CharLmInit { gpt2, xavier };
const char* char_lm_init_name(CharLmInit i);
// "gpt2" or "xavier"; throws std::invalid_argument otherwise.
CharLmInit parse_char_lm_init(const std::string& s);

const char* norm_placement_name(NormPlacement p);
// "pre", "post" or "none"; throws std::invalid_argument otherwise.
NormPlacement parse_norm_placement(const std::string& s);

struct CharTransformerConfig {
    std::size_t vocab_size = 65;  // V
    std::size_t context = 64;     // T: the longest sequence (learned positions)
    std::size_t d_model = 128;    // C
    std::size_t n_heads = 4;      // NH, divides C
    std::size_t n_layers = 2;     // L
    std::size_t max_batch = 16;   // B: buffers are sized for this many sequences
    NormPlacement placement = NormPlacement::pre;
    NormConfig norm{NormType::layer};            // kind: layer, rms, dyt (or none); ignored when placement is none
    bool tied_head = false;                      // untied by default: the head has its own (V, C) matrix
    InitConfig init{InitScheme::normal, 0.02f};  // the Linear weights of init_style gpt2
    CharLmInit init_style = CharLmInit::gpt2;
    bool qk_norm = false;  // RMSNorm on each head's queries and keys (see above)
    std::uint64_t seed = 1;
    // Refuse configurations whose parameters + gradients + activations + Adam state (counted in
    // float32, what training uses) exceed this many bytes. 1 GiB by default (WASM memory is at most
    // 2 GiB; the MLP's kMemoryBudgetBytes is the same number).
    std::size_t memory_budget_bytes = std::size_t(1) << 30;
};

// Throws std::invalid_argument with a message naming the setting (zero sizes, heads not dividing
// d_model, a norm kind a transformer cannot use, over the memory budget).
void validate(const CharTransformerConfig& cfg);

// Bytes the model would take (parameters, gradients, activations and two Adam moments), computed
// without allocating; what the memory-budget check compares.
std::size_t char_transformer_memory_bytes(const CharTransformerConfig& cfg, std::size_t scalar_bytes);

template <typename T>
class CharTransformer : public ModelT<T> {
  public:
    explicit CharTransformer(const CharTransformerConfig& cfg);

    // batch.tokens, batch.targets: (B, T) with B <= max_batch, 1 <= T <= context, ids in [0, V).
    T forward(const BatchT<T>& batch) override;
    void backward() override { backward_impl(false); }
    void backward_onto_zeroed_grads() override { backward_impl(true); }

    TensorSet<T>& parameters() override { return params_; }
    std::size_t max_batch_size() const override { return cfg_.max_batch; }
    std::size_t num_metric_layers() const override { return cfg_.n_layers + 2; }
    std::string metric_layer_name(std::size_t layer) const override;

    const CharTransformerConfig& config() const { return cfg_; }
    // Logits of the last forward: (B, T, V) of that forward's B and T.
    const T* logits() const { return acts_.logits; }
    // Re-draws every parameter from `seed` as at construction (norm parameters back to 1 / 0 / alpha).
    void init_parameters(std::uint64_t seed);
    // Measured in the last forward when collect_stats is on (0 otherwise): the largest attention
    // logit q·k/sqrt(hs) over every block, head and causal pair, and the RMS of the output logits
    // (B, T, V), the two quantities Wortsman et al. (2023) watch grow before a divergence.
    double max_attention_logit() const { return max_attn_logit_; }
    double output_logit_rms() const { return logit_rms_; }
    // Activation and backward-scratch elements allocated (what char_transformer_memory_bytes bounds).
    std::size_t activation_elements() const { return arena_.size(); }

  private:
    // grads_zeroed: every parameter gradient holds zero (ModelT::backward_onto_zeroed_grads)
    void backward_impl(bool grads_zeroed);
    struct Block {
        NormLayer<T> n1, n2;
        T *qkvw = nullptr, *dqkvw = nullptr;    // (3C, C)
        T *qkvb = nullptr, *dqkvb = nullptr;    // (3C)
        T *projw = nullptr, *dprojw = nullptr;  // (C, C)
        T *projb = nullptr, *dprojb = nullptr;  // (C)
        T *fcw = nullptr, *dfcw = nullptr;      // (4C, C)
        T *fcb = nullptr, *dfcb = nullptr;      // (4C)
        T *fc2w = nullptr, *dfc2w = nullptr;    // (C, 4C)
        T *fc2b = nullptr, *dfc2b = nullptr;    // (C)
        T *nqg = nullptr, *dnqg = nullptr;      // (hs) QK-norm gain of the queries, qk_norm only
        T *nkg = nullptr, *dnkg = nullptr;      // (hs) of the keys
        // activations (sized for max_batch × context)
        T* ln1 = nullptr;      // (B, T, C)  N1(x), Pre-LN only
        T* qkv_raw = nullptr;  // (B, T, 3C) u · Wqkvᵀ + b before QK-norm, qk_norm only
        T* qkv = nullptr;      // (B, T, 3C) what attention reads (q, k normalised when qk_norm)
        T* q_rstd = nullptr;   // (B, T, NH) QK-norm caches, qk_norm only
        T* k_rstd = nullptr;   // (B, T, NH)
        T* att = nullptr;      // (B, NH, T, T)
        T* atty = nullptr;     // (B, T, C)
        T* res1 = nullptr;     // (B, T, C)  x + Attn(.)
        T* post1 = nullptr;    // (B, T, C)  N1(res1), Post-LN only
        T* ln2 = nullptr;      // (B, T, C)  N2(x'), Pre-LN only
        T* fch = nullptr;      // (B, T, 4C)
        T* fchg = nullptr;     // (B, T, 4C) GELU(fch)
        T* fchd = nullptr;     // (B, T, 4C) GELU'(fch), for the backward
        T* res2 = nullptr;     // (B, T, C)  x' + MLP(.)
        T* post2 = nullptr;    // (B, T, C)  N2(res2), Post-LN only
    };
    struct Acts {
        T* emb = nullptr;     // (B, T, C)
        T* lnf = nullptr;     // (B, T, C) Pre-LN only
        T* logits = nullptr;  // (B, T, V)
        T* probs = nullptr;   // (B, T, V)
        // backward scratch
        T* dres = nullptr;      // (B, T, C) gradient of the residual stream
        T* dres2 = nullptr;     // (B, T, C) second residual buffer (Post-LN swaps)
        T* dtmp = nullptr;      // (B, T, C) gradient into a norm's output
        T* datty = nullptr;     // (B, T, C)
        T* dqkv = nullptr;      // (B, T, 3C)
        T* dqkv_raw = nullptr;  // (B, T, 3C) gradient before QK-norm, qk_norm only
        T* dfch = nullptr;      // (B, T, 4C)
        T* dfchg = nullptr;     // (B, T, 4C)
        T* dlogits = nullptr;   // (B, T, V)
        T* dp = nullptr;        // (T) attention backward row
    };

    bool pre() const { return cfg_.placement == NormPlacement::pre && cfg_.norm.kind != NormType::none; }
    bool post() const { return cfg_.placement == NormPlacement::post && cfg_.norm.kind != NormType::none; }
    const T* block_input(std::size_t l) const;
    const T* block_output(std::size_t l) const;

    CharTransformerConfig cfg_;
    TensorSet<T> params_;
    Arena<T> arena_;
    T *wte = nullptr, *dwte = nullptr;      // (V, C)
    T *wpe = nullptr, *dwpe = nullptr;      // (context, C)
    T *headw = nullptr, *dheadw = nullptr;  // (V, C), = wte when tied
    NormLayer<T> nf_;
    std::vector<Block> blocks_;
    Acts acts_;
    // the last forward's batch
    const int* tokens_ = nullptr;
    const int* targets_ = nullptr;
    std::size_t B_ = 0, T_ = 0;
    double max_attn_logit_ = 0, logit_rms_ = 0;
};

extern template class CharTransformer<float>;
extern template class CharTransformer<double>;

}  // namespace normlab
