#include "models/transformer.h"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "kernels/attention.h"
#include "kernels/embedding.h"
#include "kernels/layers.h"
#include "engine/rng.h"

namespace normlab {

const char* norm_placement_name(NormPlacement p) {
    switch (p) {
        case NormPlacement::pre: return "pre";
        case NormPlacement::post: return "post";
        case NormPlacement::none: return "none";
    }
    return "?";
}

NormPlacement parse_norm_placement(const std::string& s) {
    for (NormPlacement p : {NormPlacement::pre, NormPlacement::post, NormPlacement::none})
        if (s == norm_placement_name(p)) return p;
    throw std::invalid_argument("unknown norm placement '" + s + "' (expected pre, post or none)");
}

const char* char_lm_init_name(CharLmInit i) {
    switch (i) {
        case CharLmInit::gpt2: return "gpt2";
        case CharLmInit::xavier: return "xavier";
    }
    return "?";
}

CharLmInit parse_char_lm_init(const std::string& s) {
    for (CharLmInit i : {CharLmInit::gpt2, CharLmInit::xavier})
        if (s == char_lm_init_name(i)) return i;
    throw std::invalid_argument("unknown initialisation '" + s + "' (expected gpt2 or xavier)");
}

namespace {

bool uses_norms(const CharTransformerConfig& c) {
    return c.placement != NormPlacement::none && c.norm.kind != NormType::none;
}

}  // namespace

std::size_t char_transformer_memory_bytes(const CharTransformerConfig& c, std::size_t scalar_bytes) {
    // in double, so absurd sizes cannot overflow the estimate
    const double C = static_cast<double>(c.d_model), V = static_cast<double>(c.vocab_size);
    const double Tm = static_cast<double>(c.context), B = static_cast<double>(c.max_batch);
    const double L = static_cast<double>(c.n_layers), NH = static_cast<double>(c.n_heads);
    const double BT = B * Tm;
    const double norm_params = uses_norms(c) ? 2.0 * C + 1.0 : 0.0;
    const double qk = c.qk_norm ? 1.0 : 0.0, hs = C / NH;
    const double params = V * C + Tm * C + (c.tied_head ? 0.0 : V * C) + norm_params +
        L * (12.0 * C * C + 9.0 * C + 2.0 * norm_params + qk * 2.0 * hs);
    const double norm_cache = uses_norms(c) ? 2.0 * BT : 0.0;
    const double per_block =
        BT * C * 20.0 + B * NH * Tm * Tm + 2.0 * norm_cache + qk * (3.0 * BT * C + 2.0 * BT * NH);  // upper bound
    const double acts = L * per_block + BT * C * 2.0 + norm_cache + 3.0 * BT * V  // emb, lnf, logits, probs, dlogits
        + BT * C * 4.0 + BT * C * 3.0 * (1.0 + qk) + BT * C * 8.0 +
        Tm;  // dres, dres2, dtmp, datty, dqkv(_raw), dfch(g)
    const double bytes = static_cast<double>(scalar_bytes) * (4.0 * params + acts);
    return bytes >= 1.8e19 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(bytes);
}

void validate(const CharTransformerConfig& c) {
    auto need = [](std::size_t v, const char* name) {
        if (v == 0) throw std::invalid_argument(std::string("char transformer: ") + name + " must be at least 1");
    };
    need(c.vocab_size, "vocab_size");
    need(c.context, "context");
    need(c.d_model, "d_model");
    need(c.n_heads, "n_heads");
    need(c.n_layers, "n_layers");
    need(c.max_batch, "max_batch");
    if (c.d_model % c.n_heads != 0)
        throw std::invalid_argument("char transformer: n_heads (" + std::to_string(c.n_heads) +
                                    ") must divide d_model (" + std::to_string(c.d_model) + ")");
    if (c.vocab_size > 65536)
        throw std::invalid_argument("char transformer: vocab_size " + std::to_string(c.vocab_size) +
                                    " is larger than 65536 (a character vocabulary has at most 256)");
    if (uses_norms(c)) {
        if (c.norm.kind == NormType::instance)
            throw std::invalid_argument(
                "char transformer: instance norm needs spatial positions; use layer, rms or dyt (or group/batch)");
        validate(c.norm, c.d_model, 1);
    }
    validate(c.init);
    const std::size_t bytes = char_transformer_memory_bytes(c, sizeof(float));
    if (bytes > c.memory_budget_bytes)
        throw std::invalid_argument("char transformer: this configuration needs about " + std::to_string(bytes >> 20) +
                                    " MiB (parameters, gradients, Adam state and "
                                    "activations), more than the budget of " +
                                    std::to_string(c.memory_budget_bytes >> 20) +
                                    " MiB; reduce d_model, n_layers, context or max_batch");
}

template <typename T>
CharTransformer<T>::CharTransformer(const CharTransformerConfig& cfg) : cfg_(cfg) {
    validate(cfg_);
    const std::size_t C = cfg_.d_model, V = cfg_.vocab_size, Tm = cfg_.context, B = cfg_.max_batch;
    const std::size_t L = cfg_.n_layers, NH = cfg_.n_heads, BT = B * Tm;
    const bool norms = uses_norms(cfg_);
    const bool pre = norms && cfg_.placement == NormPlacement::pre;
    const bool post = norms && cfg_.placement == NormPlacement::post;

    params_.add("wte", {V, C}, 0, true, &wte, &dwte);
    params_.add("wpe", {Tm, C}, 0, true, &wpe, &dwpe);
    blocks_.resize(L);
    for (std::size_t l = 0; l < L; l++) {
        Block& k = blocks_[l];
        const std::string p = "blocks." + std::to_string(l) + ".";
        const int layer = static_cast<int>(l) + 1;
        if (norms) k.n1.declare(params_, arena_, p + "n1", layer, cfg_.norm, BT, C, 1);
        params_.add(p + "attn.qkv.weight", {3 * C, C}, layer, true, &k.qkvw, &k.dqkvw);
        params_.add(p + "attn.qkv.bias", {3 * C}, layer, true, &k.qkvb, &k.dqkvb);
        if (cfg_.qk_norm) {
            params_.add(p + "attn.nq.gamma", {C / NH}, layer, true, &k.nqg, &k.dnqg);
            params_.add(p + "attn.nk.gamma", {C / NH}, layer, true, &k.nkg, &k.dnkg);
        }
        params_.add(p + "attn.proj.weight", {C, C}, layer, true, &k.projw, &k.dprojw);
        params_.add(p + "attn.proj.bias", {C}, layer, true, &k.projb, &k.dprojb);
        if (norms) k.n2.declare(params_, arena_, p + "n2", layer, cfg_.norm, BT, C, 1);
        params_.add(p + "mlp.fc.weight", {4 * C, C}, layer, true, &k.fcw, &k.dfcw);
        params_.add(p + "mlp.fc.bias", {4 * C}, layer, true, &k.fcb, &k.dfcb);
        params_.add(p + "mlp.proj.weight", {C, 4 * C}, layer, true, &k.fc2w, &k.dfc2w);
        params_.add(p + "mlp.proj.bias", {C}, layer, true, &k.fc2b, &k.dfc2b);

        arena_.add(p + "ln1", pre ? BT * C : 0, &k.ln1);
        arena_.add(p + "qkv_raw", cfg_.qk_norm ? BT * 3 * C : 0, &k.qkv_raw);
        arena_.add(p + "qkv", BT * 3 * C, &k.qkv);
        arena_.add(p + "q_rstd", cfg_.qk_norm ? BT * NH : 0, &k.q_rstd);
        arena_.add(p + "k_rstd", cfg_.qk_norm ? BT * NH : 0, &k.k_rstd);
        arena_.add(p + "att", B * NH * Tm * Tm, &k.att);
        arena_.add(p + "atty", BT * C, &k.atty);
        arena_.add(p + "res1", BT * C, &k.res1);
        arena_.add(p + "post1", post ? BT * C : 0, &k.post1);
        arena_.add(p + "ln2", pre ? BT * C : 0, &k.ln2);
        arena_.add(p + "fch", BT * 4 * C, &k.fch);
        arena_.add(p + "fchg", BT * 4 * C, &k.fchg);
        arena_.add(p + "fchd", BT * 4 * C, &k.fchd);
        arena_.add(p + "res2", BT * C, &k.res2);
        arena_.add(p + "post2", post ? BT * C : 0, &k.post2);
    }
    const int head_layer = static_cast<int>(L) + 1;
    if (pre) nf_.declare(params_, arena_, "nf", head_layer, cfg_.norm, BT, C, 1);
    if (!cfg_.tied_head) params_.add("head.weight", {V, C}, head_layer, true, &headw, &dheadw);

    arena_.add("emb", BT * C, &acts_.emb);
    arena_.add("lnf", pre ? BT * C : 0, &acts_.lnf);
    arena_.add("logits", BT * V, &acts_.logits);
    arena_.add("probs", BT * V, &acts_.probs);
    arena_.add("dres", BT * C, &acts_.dres);
    arena_.add("dres2", BT * C, &acts_.dres2);
    arena_.add("dtmp", BT * C, &acts_.dtmp);
    arena_.add("datty", BT * C, &acts_.datty);
    arena_.add("dqkv", BT * 3 * C, &acts_.dqkv);
    arena_.add("dqkv_raw", cfg_.qk_norm ? BT * 3 * C : 0, &acts_.dqkv_raw);
    arena_.add("dfch", BT * 4 * C, &acts_.dfch);
    arena_.add("dfchg", BT * 4 * C, &acts_.dfchg);
    arena_.add("dlogits", BT * V, &acts_.dlogits);
    arena_.add("dp", Tm, &acts_.dp);

    params_.allocate();
    arena_.allocate();
    if (cfg_.tied_head) {
        headw = wte;
        dheadw = dwte;
    }
    this->act_std_.assign(num_metric_layers(), 0.0);
    init_parameters(cfg_.seed);
}

template <typename T>
void CharTransformer<T>::init_parameters(std::uint64_t seed) {
    const std::size_t C = cfg_.d_model, V = cfg_.vocab_size, Tm = cfg_.context;
    Rng rng(seed);
    const bool xavier = cfg_.init_style == CharLmInit::xavier;
    // xavier: wte, wpe ~ N(0, 1/2), so x_0 = wte[t] + wpe[p] has unit RMS
    const InitConfig emb_init{InitScheme::normal, xavier ? static_cast<float>(std::sqrt(0.5)) : 0.02f};
    const InitConfig lin_init = xavier ? InitConfig{InitScheme::xavier_normal, 0.0f} : cfg_.init;
    init_weight(wte, V * C, C, V, emb_init, rng);
    init_weight(wpe, Tm * C, C, Tm, emb_init, rng);
    auto linear = [&](T* w, T* b, std::size_t in, std::size_t out) {
        init_weight(w, in * out, in, out, lin_init, rng);
        if (b) init_bias(b, out, in, lin_init, rng);
    };
    for (Block& k : blocks_) {
        linear(k.qkvw, k.qkvb, C, 3 * C);
        linear(k.projw, k.projb, C, C);
        linear(k.fcw, k.fcb, C, 4 * C);
        linear(k.fc2w, k.fc2b, 4 * C, C);
        k.n1.init();
        k.n2.init();
        if (k.nqg)
            for (std::size_t i = 0; i < C / cfg_.n_heads; i++) k.nqg[i] = k.nkg[i] = T(1);
    }
    nf_.init();
    if (!cfg_.tied_head) linear(headw, nullptr, C, V);
}

template <typename T>
std::string CharTransformer<T>::metric_layer_name(std::size_t layer) const {
    if (layer == 0) return "embedding";
    if (layer <= cfg_.n_layers) return "block" + std::to_string(layer);
    return "head";
}

template <typename T>
const T* CharTransformer<T>::block_output(std::size_t l) const {
    return post() ? blocks_[l].post2 : blocks_[l].res2;
}

template <typename T>
const T* CharTransformer<T>::block_input(std::size_t l) const {
    return l == 0 ? acts_.emb : block_output(l - 1);
}

template <typename T>
T CharTransformer<T>::forward(const BatchT<T>& batch) {
    const std::size_t B = batch.batch_size, Tn = batch.seq_len;
    if (!batch.tokens || !batch.targets)
        throw std::invalid_argument("char transformer: the batch needs tokens and targets");
    if (B < 1 || B > cfg_.max_batch)
        throw std::invalid_argument("char transformer: batch size " + std::to_string(B) + " is outside 1.." +
                                    std::to_string(cfg_.max_batch));
    if (Tn < 1 || Tn > cfg_.context)
        throw std::invalid_argument("char transformer: sequence length " + std::to_string(Tn) + " is outside 1.." +
                                    std::to_string(cfg_.context));
    const std::size_t C = cfg_.d_model, V = cfg_.vocab_size, NH = cfg_.n_heads, BT = B * Tn;
    for (std::size_t i = 0; i < BT; i++)
        if (batch.tokens[i] < 0 || static_cast<std::size_t>(batch.tokens[i]) >= V || batch.targets[i] < 0 ||
            static_cast<std::size_t>(batch.targets[i]) >= V)
            throw std::invalid_argument("char transformer: token id outside the vocabulary of " + std::to_string(V));
    tokens_ = batch.tokens;
    targets_ = batch.targets;
    B_ = B;
    T_ = Tn;
    const bool training = this->training_, stats = this->collect_stats_;
    const bool act_std = this->collects_activation_std();

    max_attn_logit_ = 0;
    logit_rms_ = 0;
    embedding_forward(acts_.emb, tokens_, static_cast<const T*>(wte), static_cast<const T*>(wpe), B, Tn, C);
    if (act_std) this->act_std_[0] = buffer_std(acts_.emb, BT * C);
    const T* x = acts_.emb;
    for (std::size_t l = 0; l < blocks_.size(); l++) {
        Block& k = blocks_[l];
        // attention sublayer
        const T* a_in = x;
        if (pre()) {
            k.n1.forward(k.ln1, x, BT, training);
            a_in = k.ln1;
        }
        if (cfg_.qk_norm) {
            linear_forward(k.qkv_raw, a_in, static_cast<const T*>(k.qkvw), static_cast<const T*>(k.qkvb), BT, C, 3 * C);
            qk_rmsnorm_forward(k.qkv, k.q_rstd, k.k_rstd, static_cast<const T*>(k.qkv_raw),
                               static_cast<const T*>(k.nqg), static_cast<const T*>(k.nkg), BT, C, NH,
                               static_cast<T>(cfg_.norm.eps));
        } else {
            linear_forward(k.qkv, a_in, static_cast<const T*>(k.qkvw), static_cast<const T*>(k.qkvb), BT, C, 3 * C);
        }
        // the largest attention logit comes out of the forward's own scores (no second q · k pass)
        T block_max_logit = T(0);
        attention_forward(k.atty, k.att, static_cast<const T*>(k.qkv), B, Tn, C, NH,
                          stats ? &block_max_logit : nullptr);
        if (stats) {
            const double m = static_cast<double>(block_max_logit);
            max_attn_logit_ = (l == 0 || m > max_attn_logit_ || std::isnan(m)) ? m : max_attn_logit_;
        }
        linear_forward(k.res1, static_cast<const T*>(k.atty), static_cast<const T*>(k.projw),
                       static_cast<const T*>(k.projb), BT, C, C);
        for (std::size_t i = 0; i < BT * C; i++) k.res1[i] += x[i];
        const T* x1 = k.res1;
        if (post()) {
            k.n1.forward(k.post1, k.res1, BT, training);
            x1 = k.post1;
        }
        // MLP sublayer
        const T* m_in = x1;
        if (pre()) {
            k.n2.forward(k.ln2, x1, BT, training);
            m_in = k.ln2;
        }
        linear_forward(k.fch, m_in, static_cast<const T*>(k.fcw), static_cast<const T*>(k.fcb), BT, C, 4 * C);
        gelu_forward(k.fchg, k.fchd, static_cast<const T*>(k.fch), BT * 4 * C);
        linear_forward(k.res2, static_cast<const T*>(k.fchg), static_cast<const T*>(k.fc2w),
                       static_cast<const T*>(k.fc2b), BT, 4 * C, C);
        for (std::size_t i = 0; i < BT * C; i++) k.res2[i] += x1[i];
        if (post()) k.n2.forward(k.post2, k.res2, BT, training);
        x = block_output(l);
        if (act_std) this->act_std_[l + 1] = buffer_std(x, BT * C);
    }
    const T* h = x;
    if (pre()) {
        nf_.forward(acts_.lnf, x, BT, training);
        h = acts_.lnf;
    }
    linear_forward(acts_.logits, h, static_cast<const T*>(headw), static_cast<const T*>(nullptr), BT, C, V);
    if (act_std) this->act_std_[cfg_.n_layers + 1] = buffer_std(acts_.logits, BT * V);
    if (stats) {
        double sq = 0;
        for (std::size_t i = 0; i < BT * V; i++) sq += static_cast<double>(acts_.logits[i]) * acts_.logits[i];
        logit_rms_ = std::sqrt(sq / static_cast<double>(BT * V));
    }
    return softmax_cross_entropy_forward(acts_.probs, static_cast<const T*>(acts_.logits), targets_, BT, V);
}

namespace {
template <typename T>
void zero(T* p, std::size_t n) {
    for (std::size_t i = 0; i < n; i++) p[i] = T(0);
}
// A gradient buffer that only a Linear's input gradient fills is written by it, not zeroed and added to
// (linear_backward's write_dinp: the same bits).
constexpr bool kWriteDinp = true;
}  // namespace

template <typename T>
void CharTransformer<T>::backward_impl(bool grads_zeroed) {
    if (!tokens_) throw std::logic_error("char transformer: backward() before forward()");
    const std::size_t B = B_, Tn = T_, C = cfg_.d_model, V = cfg_.vocab_size, NH = cfg_.n_heads, BT = B * Tn;
    const bool training = this->training_;
    const std::size_t L = blocks_.size();

    // head: cross-entropy, output projection, final norm
    zero(acts_.dlogits, BT * V);
    softmax_cross_entropy_backward(acts_.dlogits, static_cast<const T*>(acts_.probs), targets_, BT, V, T(1));
    T* g = acts_.dres;       // d loss / d residual stream
    T* other = acts_.dres2;  // the second buffer, for Post-LN's norm backward
    zero(g, BT * C);
    const T* xL = block_output(L - 1);
    if (pre()) {
        linear_backward(acts_.dtmp, dheadw, static_cast<T*>(nullptr), static_cast<const T*>(acts_.dlogits),
                        static_cast<const T*>(acts_.lnf), static_cast<const T*>(headw), BT, C, V, grads_zeroed,
                        kWriteDinp);
        nf_.backward(g, acts_.dtmp, xL, BT, training);
    } else {
        linear_backward(g, dheadw, static_cast<T*>(nullptr), static_cast<const T*>(acts_.dlogits), xL,
                        static_cast<const T*>(headw), BT, C, V, grads_zeroed);
    }

    for (std::size_t l = L; l-- > 0;) {
        Block& k = blocks_[l];
        const T* x = block_input(l);
        // g = d block output
        if (post()) {  // x'' = N2(res2)
            zero(other, BT * C);
            k.n2.backward(other, g, k.res2, BT, training);
            std::swap(g, other);
        }
        // g = d res2 = d (x1 + MLP(m_in))
        const T* x1 = post() ? k.post1 : k.res1;
        const T* m_in = pre() ? k.ln2 : x1;
        linear_backward(acts_.dfchg, k.dfc2w, k.dfc2b, static_cast<const T*>(g), static_cast<const T*>(k.fchg),
                        static_cast<const T*>(k.fc2w), BT, 4 * C, C, grads_zeroed, kWriteDinp);
        // written, not added to zeros: only the fc Linear's backward reads it (layers.h, overwrite)
        gelu_backward(acts_.dfch, static_cast<const T*>(acts_.dfchg), static_cast<const T*>(k.fchd), BT * 4 * C,
                      /*overwrite=*/true);
        if (pre()) {
            linear_backward(acts_.dtmp, k.dfcw, k.dfcb, static_cast<const T*>(acts_.dfch), m_in,
                            static_cast<const T*>(k.fcw), BT, C, 4 * C, grads_zeroed, kWriteDinp);
            k.n2.backward(g, acts_.dtmp, x1, BT, training);  // residual path already in g
        } else {
            linear_backward(g, k.dfcw, k.dfcb, static_cast<const T*>(acts_.dfch), m_in, static_cast<const T*>(k.fcw),
                            BT, C, 4 * C, grads_zeroed);
        }
        // g = d x1
        if (post()) {  // x1 = N1(res1)
            zero(other, BT * C);
            k.n1.backward(other, g, k.res1, BT, training);
            std::swap(g, other);
        }
        // g = d res1 = d (x + proj(attention(qkv(a_in))))
        linear_backward(acts_.datty, k.dprojw, k.dprojb, static_cast<const T*>(g), static_cast<const T*>(k.atty),
                        static_cast<const T*>(k.projw), BT, C, C, grads_zeroed, kWriteDinp);
        zero(acts_.dqkv, BT * 3 * C);
        attention_backward(acts_.dqkv, acts_.dp, static_cast<const T*>(acts_.datty), static_cast<const T*>(k.qkv),
                           static_cast<const T*>(k.att), B, Tn, C, NH);
        const T* dqkv = acts_.dqkv;  // gradient into the qkv Linear's output
        if (cfg_.qk_norm) {
            zero(acts_.dqkv_raw, BT * 3 * C);
            qk_rmsnorm_backward(acts_.dqkv_raw, k.dnqg, k.dnkg, static_cast<const T*>(acts_.dqkv),
                                static_cast<const T*>(k.qkv_raw), static_cast<const T*>(k.nqg),
                                static_cast<const T*>(k.nkg), static_cast<const T*>(k.q_rstd),
                                static_cast<const T*>(k.k_rstd), BT, C, NH);
            dqkv = acts_.dqkv_raw;
        }
        if (pre()) {
            linear_backward(acts_.dtmp, k.dqkvw, k.dqkvb, dqkv, static_cast<const T*>(k.ln1),
                            static_cast<const T*>(k.qkvw), BT, C, 3 * C, grads_zeroed, kWriteDinp);
            k.n1.backward(g, acts_.dtmp, x, BT, training);
        } else {
            linear_backward(g, k.dqkvw, k.dqkvb, dqkv, x, static_cast<const T*>(k.qkvw), BT, C, 3 * C, grads_zeroed);
        }
        // g = d x (block input)
    }
    embedding_backward(dwte, dwpe, static_cast<const T*>(g), tokens_, B, Tn, C);
}

template class CharTransformer<float>;
template class CharTransformer<double>;

}  // namespace normlab
