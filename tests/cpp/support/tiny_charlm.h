// The small char LM run the run-level tests train: d_model 16, 2 heads, context 8, batch 4 (a few
// milliseconds a step), with the depth and seed a test asks for; the rest CharLmRunConfig's defaults.
#pragma once

#include <cstddef>
#include <cstdint>

#include "runs/charlm_run.h"

inline normlab::CharLmRunConfig tiny_charlm_config(std::size_t n_layers, std::uint64_t seed) {
    normlab::CharLmRunConfig c;
    c.model.d_model = 16;
    c.model.n_heads = 2;
    c.model.n_layers = n_layers;
    c.model.context = 8;
    c.batch_size = 4;
    c.seed = seed;
    return c;
}
