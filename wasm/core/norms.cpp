#include "norms.h"

#include <cmath>

namespace normlab {

void rmsnorm_forward(float* out, float* rstd, const float* inp, const float* gamma,
                     std::size_t rows, std::size_t d, float eps) {
    for (std::size_t r = 0; r < rows; r++) {
        const float* x = inp + r * d;
        float* y = out + r * d;
        // mean of squares; accumulate in float lanes the compiler can vectorise
        float sum_sq = 0.0f;
        for (std::size_t j = 0; j < d; j++) sum_sq += x[j] * x[j];
        const float s = 1.0f / std::sqrt(sum_sq / static_cast<float>(d) + eps);
        if (gamma) {
            for (std::size_t j = 0; j < d; j++) y[j] = gamma[j] * (x[j] * s);
        } else {
            for (std::size_t j = 0; j < d; j++) y[j] = x[j] * s;
        }
        if (rstd) rstd[r] = s;
    }
}

}  // namespace normlab
