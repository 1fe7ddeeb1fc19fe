// 3×3 convolution (padding 1, stride 1 or 2) and global average pooling, NCHW: the layers of the
// small CNN.
//
//   out[n, o, y, x] = bias[o] + sum_{c, ky, kx} w[o, c, ky, kx] * inp[n, c, s*y + ky - 1, s*x + kx - 1]
// (zero outside the image). Output size: Ho = (H - 1) / s + 1, Wo = (W - 1) / s + 1.
//
// Implementation: im2col + matrix product. For each image the 9·Cin shifted copies of the input
// are laid out as the rows of col (Cin·9, Ho·Wo); then out_n (Cout, Ho·Wo) = W (Cout, Cin·9) · col.
// The forward caches nothing; the backward rebuilds col from the input (cheap next to the products).
// The weight layout (Cout, Cin, 3, 3) is PyTorch's.
// Why im2col: measured natively against a direct loop nest (out_row[x] += w * in_row[s*x + kx - 1],
// vectorised over x) at the CNN's sizes, im2col + the blocked gemm was faster in every case:
// 2.8x at (N 64, Cin 1, 16×16, Cout 16), 2.7x at (32, 16, 32×32, 32), 4x at (16, 64, 16×16, 64),
// 1.4x even at (2, 8, 32×32, 8), and 20x for the stride-2 layers, whose direct loops read the
// input with a stride the compiler cannot vectorise.
#pragma once

#include <cstddef>

namespace normlab {

constexpr std::size_t kConvK = 3;  // kernel size
constexpr std::size_t kConvPad = 1;

inline std::size_t conv2d_out_size(std::size_t in, std::size_t stride) { return (in - 1) / stride + 1; }

// Scratch size (elements) the forward needs, and the backward needs twice of.
inline std::size_t conv2d_col_size(std::size_t Cin, std::size_t H, std::size_t W, std::size_t stride) {
    return Cin * kConvK * kConvK * conv2d_out_size(H, stride) * conv2d_out_size(W, stride);
}

// out:    (N, Cout, Ho, Wo)
// col:    (Cin*9, Ho*Wo)    scratch (conv2d_col_size)
// inp:    (N, Cin, H, W)
// weight: (Cout, Cin, 3, 3)
// bias:   (Cout) or nullptr
template <typename T>
void conv2d_forward(T* out, T* col, const T* inp, const T* weight, const T* bias, std::size_t N, std::size_t Cin,
                    std::size_t H, std::size_t W, std::size_t Cout, std::size_t stride);

// dinp:    (N, Cin, H, W) accumulated (+=), or nullptr when the input needs no gradient
// dweight: (Cout, Cin, 3, 3) accumulated (+=)
// dbias:   (Cout) accumulated (+=), or nullptr
// scratch: (2 * Cin*9 * Ho*Wo) work space (col and dcol)
// dout:    (N, Cout, Ho, Wo)
template <typename T>
void conv2d_backward(T* dinp, T* dweight, T* dbias, T* scratch, const T* dout, const T* inp, const T* weight,
                     std::size_t N, std::size_t Cin, std::size_t H, std::size_t W, std::size_t Cout,
                     std::size_t stride);

// Global average pooling: out[n, c] = mean_{y,x} inp[n, c, y, x]
// out: (N, C); inp: (N, C, HW)
template <typename T>
void avgpool_forward(T* out, const T* inp, std::size_t N, std::size_t C, std::size_t HW);

// dinp[n, c, :] += dout[n, c] / HW
template <typename T>
void avgpool_backward(T* dinp, const T* dout, std::size_t N, std::size_t C, std::size_t HW);

}  // namespace normlab
