// Loop hints for the vectorising compiler (clang: WASM and clang builds; other compilers ignore them).
#pragma once

// NORMLAB_INTERLEAVE(n): n vector iterations in flight per loop trip, for a loop whose every element
// is a long chain of dependent operations (a polynomial, a division, a square root): the CPU then
// works on n chains at once instead of waiting on one. No result changes: each element gets the same
// operations. The best n depends on how many registers a chain needs; measured in WASM under V8 (hot,
// ns an element): GELU's forward 1.86 (n = 2), 1.56 (4), 1.28 (8), 1.98 (16); tanh 1.61 (no hint),
// 1.17 (4), 1.42 (8); DyT's forward 1.80 (no hint), 1.31 (4), 1.87 (8). Past the best, a chain's
// temporaries no longer fit the registers.
#define NORMLAB_PRAGMA(text) _Pragma(#text)
#if defined(__clang__)
#define NORMLAB_INTERLEAVE(n) NORMLAB_PRAGMA(clang loop interleave_count(n))
#else
#define NORMLAB_INTERLEAVE(n)
#endif

namespace normlab {

// opaque(x) is x (a number, a vector or a struct of constants), but the compiler no longer knows its
// value: for the constants of a vectorised loop, taken through opaque() once before the loop. In
// WASM, LLVM otherwise writes each constant as a v128.const at every use inside the loop, which V8
// materialises anew each time (several instructions); an unknown value is splatted once before the
// loop and stays in a register. A select against an unknown bound, written `bound < x ? x : bound`,
// also becomes one f32x4.pmax (one SSE instruction in V8; relu_forward) where LLVM would otherwise
// write f32x4.max (a NaN-handling sequence); other forms of a clamp stay a compare and a bitselect
// (exp_nonpositive's). The asm statement is empty (x goes through a stack slot it "may have
// changed"); natively opaque() does nothing.
template <typename T>
inline T opaque(T x) {
#if defined(__wasm__)
    __asm__("" : "+m"(x));
#endif
    return x;
}

}  // namespace normlab
