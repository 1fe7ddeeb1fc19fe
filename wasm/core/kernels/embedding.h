// Token embeddings plus learned positions: the input layer of the char transformer.
//   out[b, t, :] = wte[tokens[b, t], :] + wpe[t, :]
#pragma once

#include <cstddef>
#include <cstdint>

namespace normlab {

// out:    (B, T, C)
// tokens: (B, T)      each in [0, V) (checked by the caller: the data pipeline guarantees it)
// wte:    (V, C)      token table
// wpe:    (maxT, C)   position table, maxT >= T
template <typename T>
void embedding_forward(T* out, const std::int32_t* tokens, const T* wte, const T* wpe, std::size_t B, std::size_t Tn,
                       std::size_t C);

// dwte: (V, C) and dwpe: (maxT, C), both accumulated (+=)
// dout: (B, T, C)
template <typename T>
void embedding_backward(T* dwte, T* dwpe, const T* dout, const std::int32_t* tokens, std::size_t B, std::size_t Tn,
                        std::size_t C);

}  // namespace normlab
