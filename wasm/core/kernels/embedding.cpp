#include "kernels/embedding.h"

#include "kernels/op_profile.h"

namespace normlab {

// out[b,t,:] = wte[tok,:] + wpe[t,:]
template <typename T>
void embedding_forward(T* out, const std::int32_t* tokens, const T* wte, const T* wpe, std::size_t B, std::size_t Tn,
                       std::size_t C) {
    OpScope scope("embedding_fwd", B * Tn, C);
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t t = 0; t < Tn; t++) {
            T* o = out + (b * Tn + t) * C;
            const T* e = wte + static_cast<std::size_t>(tokens[b * Tn + t]) * C;
            const T* p = wpe + t * C;
            for (std::size_t i = 0; i < C; i++) o[i] = e[i] + p[i];
        }
    }
}

// term 1: dwte[tok,:] += dout[b,t,:]  (a row used twice gets both contributions)
// term 2: dwpe[t,:]   += dout[b,t,:]  (summed over the batch)
template <typename T>
void embedding_backward(T* dwte, T* dwpe, const T* dout, const std::int32_t* tokens, std::size_t B, std::size_t Tn,
                        std::size_t C) {
    OpScope scope("embedding_bwd", B * Tn, C);
    for (std::size_t b = 0; b < B; b++) {
        for (std::size_t t = 0; t < Tn; t++) {
            const T* g = dout + (b * Tn + t) * C;
            T* de = dwte + static_cast<std::size_t>(tokens[b * Tn + t]) * C;
            T* dp = dwpe + t * C;
            for (std::size_t i = 0; i < C; i++) {
                de[i] += g[i];
                dp[i] += g[i];
            }
        }
    }
}

template void embedding_forward<float>(float*, const std::int32_t*, const float*, const float*, std::size_t,
                                       std::size_t, std::size_t);
template void embedding_forward<double>(double*, const std::int32_t*, const double*, const double*, std::size_t,
                                        std::size_t, std::size_t);
template void embedding_backward<float>(float*, float*, const float*, const std::int32_t*, std::size_t, std::size_t,
                                        std::size_t);
template void embedding_backward<double>(double*, double*, const double*, const std::int32_t*, std::size_t, std::size_t,
                                         std::size_t);

}  // namespace normlab
