// Loop hints for the vectorising compiler (clang: WASM and clang builds; other compilers ignore them).
#pragma once

// Two vector iterations in flight per loop trip, for a loop whose every element is a long chain of
// dependent operations (a polynomial, a division, a square root): the CPU then works on two chains
// at once instead of waiting on one. No result changes: each element gets the same operations.
#if defined(__clang__)
#define NORMLAB_INTERLEAVE_2 _Pragma("clang loop interleave_count(2)")
#else
#define NORMLAB_INTERLEAVE_2
#endif
