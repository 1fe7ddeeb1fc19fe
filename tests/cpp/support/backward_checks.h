// ModelT::backward_onto_zeroed_grads (the Trainer's backward: Linear weight gradients written, not
// added to zeros) against zero_grad() then backward(): every gradient bit for bit, on one batch.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "engine/model.h"

inline ::testing::AssertionResult onto_zeroed_grads_match_backward(normlab::ModelT<float>& model,
                                                                   const normlab::BatchT<float>& batch) {
    normlab::TensorSet<float>& ps = model.parameters();
    model.zero_grad();
    model.forward(batch);
    model.backward();
    const std::vector<float> expected(ps.grads(), ps.grads() + ps.size());
    model.zero_grad();
    model.forward(batch);
    model.backward_onto_zeroed_grads();
    for (std::size_t i = 0; i < ps.size(); i++)
        if (std::memcmp(&expected[i], ps.grads() + i, sizeof(float)) != 0)
            return ::testing::AssertionFailure() << "gradient " << i << ": " << ps.grads()[i] << " vs " << expected[i];
    return ::testing::AssertionSuccess();
}
