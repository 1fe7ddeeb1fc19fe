// A live gradient check for the learner: a norm kernel's analytic backward against central
// finite differences of L = sum(dy * y), in double precision, on a seeded random case.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ops/norm_op.h"

namespace normlab {

struct GradcheckEntry {
    std::string name;          // "dx", "dgamma", "dbeta"
    std::size_t count = 0;     // entries compared
    double max_rel_error = 0;  // max |a - n| / max(|a|, |n|, 0.1)
};

// rows x d input: row kinds use (rows, d); batch uses (N = rows, C = d); group uses
// (N = rows, C = d, S = 1) with the largest of 2, 1 groups dividing d; instance uses
// (N = 1, C = rows, S = d). layer_eps_outside is checked on a well-conditioned input.
// Throws std::invalid_argument for sizes < 1 or > 4096 elements.
std::vector<GradcheckEntry> gradcheck_norm(NormKind kind, std::size_t rows, std::size_t d, std::uint64_t seed);

}  // namespace normlab
