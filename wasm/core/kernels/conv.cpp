#include "kernels/conv.h"

#include "kernels/op_profile.h"
#include "kernels/tmatmul.h"

namespace normlab {

namespace {

// col[(c*9 + ky*3 + kx), y*Wo + x] = img[c, s*y + ky - 1, s*x + kx - 1], zero outside.
// img: (Cin, H, W); col: (Cin*9, Ho*Wo)
template <typename T>
void im2col(T* col, const T* img, std::size_t Cin, std::size_t H, std::size_t W, std::size_t stride) {
    const std::size_t Ho = conv2d_out_size(H, stride), Wo = conv2d_out_size(W, stride);
    for (std::size_t c = 0; c < Cin; c++) {
        const T* src = img + c * H * W;
        for (std::size_t ky = 0; ky < kConvK; ky++) {
            for (std::size_t kx = 0; kx < kConvK; kx++) {
                T* dst = col + ((c * kConvK + ky) * kConvK + kx) * Ho * Wo;
                for (std::size_t y = 0; y < Ho; y++) {
                    const std::ptrdiff_t iy = static_cast<std::ptrdiff_t>(stride * y + ky) - kConvPad;
                    T* row = dst + y * Wo;
                    if (iy < 0 || iy >= static_cast<std::ptrdiff_t>(H)) {
                        for (std::size_t x = 0; x < Wo; x++) row[x] = T(0);
                        continue;
                    }
                    const T* srow = src + static_cast<std::size_t>(iy) * W;
                    for (std::size_t x = 0; x < Wo; x++) {
                        const std::ptrdiff_t ix = static_cast<std::ptrdiff_t>(stride * x + kx) - kConvPad;
                        row[x] = (ix < 0 || ix >= static_cast<std::ptrdiff_t>(W)) ? T(0) : srow[ix];
                    }
                }
            }
        }
    }
}

// The adjoint of im2col: dimg[c, s*y + ky - 1, s*x + kx - 1] += dcol[(c*9 + ky*3 + kx), y*Wo + x].
template <typename T>
void col2im_add(T* dimg, const T* dcol, std::size_t Cin, std::size_t H, std::size_t W, std::size_t stride) {
    const std::size_t Ho = conv2d_out_size(H, stride), Wo = conv2d_out_size(W, stride);
    for (std::size_t c = 0; c < Cin; c++) {
        T* dst = dimg + c * H * W;
        for (std::size_t ky = 0; ky < kConvK; ky++) {
            for (std::size_t kx = 0; kx < kConvK; kx++) {
                const T* src = dcol + ((c * kConvK + ky) * kConvK + kx) * Ho * Wo;
                for (std::size_t y = 0; y < Ho; y++) {
                    const std::ptrdiff_t iy = static_cast<std::ptrdiff_t>(stride * y + ky) - kConvPad;
                    if (iy < 0 || iy >= static_cast<std::ptrdiff_t>(H)) continue;
                    T* drow = dst + static_cast<std::size_t>(iy) * W;
                    const T* srow = src + y * Wo;
                    for (std::size_t x = 0; x < Wo; x++) {
                        const std::ptrdiff_t ix = static_cast<std::ptrdiff_t>(stride * x + kx) - kConvPad;
                        if (ix >= 0 && ix < static_cast<std::ptrdiff_t>(W)) drow[ix] += srow[x];
                    }
                }
            }
        }
    }
}

}  // namespace

// out_n (Cout, HoWo) = W (Cout, Cin*9) · col_n (Cin*9, HoWo) + bias
template <typename T>
void conv2d_forward(T* out, T* col, const T* inp, const T* weight, const T* bias, std::size_t N, std::size_t Cin,
                    std::size_t H, std::size_t W, std::size_t Cout, std::size_t stride) {
    const std::size_t HWo = conv2d_out_size(H, stride) * conv2d_out_size(W, stride);
    const std::size_t K = Cin * kConvK * kConvK;
    // exclusive of the products (they report as gemm_*): im2col and the bias pass
    OpScope scope("conv_im2col_bias_fwd", N, Cin * H * W, Cout);
    for (std::size_t n = 0; n < N; n++) {
        T* o = out + n * Cout * HWo;
        im2col(col, inp + n * Cin * H * W, Cin, H, W, stride);
        matmul_nn(o, weight, col, Cout, HWo, K, false);
        if (bias) {
            for (std::size_t c = 0; c < Cout; c++) {
                T* oc = o + c * HWo;
                for (std::size_t i = 0; i < HWo; i++) oc[i] += bias[c];
            }
        }
    }
}

// With G_n = dout_n (Cout, HoWo):
//   term 1 (weight): dW   += G_n · col_nᵀ
//   term 2 (bias):   db_o += sum_i G_n[o, i]
//   term 3 (input):  dcol  = Wᵀ · G_n, then dinp_n += col2im(dcol)
template <typename T>
void conv2d_backward(T* dinp, T* dweight, T* dbias, T* scratch, const T* dout, const T* inp, const T* weight,
                     std::size_t N, std::size_t Cin, std::size_t H, std::size_t W, std::size_t Cout,
                     std::size_t stride) {
    const std::size_t HWo = conv2d_out_size(H, stride) * conv2d_out_size(W, stride);
    const std::size_t K = Cin * kConvK * kConvK;
    T* col = scratch;             // (K, HWo)
    T* dcol = scratch + K * HWo;  // (K, HWo)
    // exclusive of the products: im2col, the bias sums and col2im
    OpScope scope("conv_im2col_col2im_bwd", N, Cin * H * W, Cout);
    for (std::size_t n = 0; n < N; n++) {
        const T* g = dout + n * Cout * HWo;
        im2col(col, inp + n * Cin * H * W, Cin, H, W, stride);
        matmul_nt(dweight, g, col, Cout, K, HWo, true);  // term 1
        if (dbias) {                                     // term 2
            for (std::size_t c = 0; c < Cout; c++) {
                const T* gc = g + c * HWo;
                T s = T(0);
                for (std::size_t i = 0; i < HWo; i++) s += gc[i];
                dbias[c] += s;
            }
        }
        if (dinp) {  // term 3
            matmul_tn(dcol, weight, g, K, HWo, Cout, false);
            col2im_add(dinp + n * Cin * H * W, dcol, Cin, H, W, stride);
        }
    }
}

template <typename T>
void avgpool_forward(T* out, const T* inp, std::size_t N, std::size_t C, std::size_t HW) {
    OpScope scope("avgpool_fwd", N * C, HW);
    const T inv = T(1) / static_cast<T>(HW);
    for (std::size_t nc = 0; nc < N * C; nc++) {
        const T* x = inp + nc * HW;
        T s = T(0);
        for (std::size_t i = 0; i < HW; i++) s += x[i];
        out[nc] = s * inv;
    }
}

// dinp[n,c,i] += dout[n,c] / HW  (each input contributes 1/HW of the mean)
template <typename T>
void avgpool_backward(T* dinp, const T* dout, std::size_t N, std::size_t C, std::size_t HW) {
    OpScope scope("avgpool_bwd", N * C, HW);
    const T inv = T(1) / static_cast<T>(HW);
    for (std::size_t nc = 0; nc < N * C; nc++) {
        T* dx = dinp + nc * HW;
        const T g = dout[nc] * inv;
        for (std::size_t i = 0; i < HW; i++) dx[i] += g;
    }
}

#define NORMLAB_CONV_INSTANTIATE(T)                                                                              \
    template void conv2d_forward<T>(T*, T*, const T*, const T*, const T*, std::size_t, std::size_t, std::size_t, \
                                    std::size_t, std::size_t, std::size_t);                                      \
    template void conv2d_backward<T>(T*, T*, T*, T*, const T*, const T*, const T*, std::size_t, std::size_t,     \
                                     std::size_t, std::size_t, std::size_t, std::size_t);                        \
    template void avgpool_forward<T>(T*, const T*, std::size_t, std::size_t, std::size_t);                       \
    template void avgpool_backward<T>(T*, const T*, std::size_t, std::size_t, std::size_t);
NORMLAB_CONV_INSTANTIATE(float)
NORMLAB_CONV_INSTANTIATE(double)
#undef NORMLAB_CONV_INSTANTIATE

}  // namespace normlab
