// Per-op profile of a training step: wall time per op (and per matrix-product shape), off by
// default. A kernel marks itself with one scope at its top:
//
//   OpScope scope("relu_fwd", N);                 // name (a string literal), up to three sizes
//   OpScope scope("gemm_nt", M, N, K, 2.0*M*N*K); // optional FLOP count
//
// When profiling is off (the default, and always in the shipped site) the scope is one load and
// branch of a global flag per kernel call — outside every hot loop. When it is on, the scope
// reads steady_clock at entry and exit and adds its EXCLUSIVE time (minus nested scopes, e.g. the
// GEMM inside a Linear's bias pass is not counted twice) to a fixed table keyed by (name, sizes):
// no allocation, single-threaded use (the profiler, the benchmark, runs one model at a time).
//
//   op_profile_reset(); op_profile_enable(true); ... steps ...; op_profile_enable(false);
//   for (std::size_t i = 0; i < op_profile_count(); i++) op_profile_entry(i) ...
//
// Used by bench/profile/ (native `normlab_profile`, and the Node build's `profileSteps`).
#pragma once

#include <cstddef>

namespace normlab {

struct OpProfileEntry {
    const char* name = nullptr;
    std::size_t m = 0, n = 0, k = 0;  // sizes as the op reports them (0 = unused)
    long calls = 0;
    double ms = 0.0;     // exclusive wall time, summed over calls
    double flops = 0.0;  // summed over calls (0 for ops that do not report FLOPs)
};

extern bool g_op_profile_on;

void op_profile_enable(bool on);
void op_profile_reset();
std::size_t op_profile_count();
const OpProfileEntry& op_profile_entry(std::size_t i);
// Entries that could not be recorded because the table was full (should stay 0).
long op_profile_dropped();

namespace detail {
void op_profile_begin(const char* name, std::size_t m, std::size_t n, std::size_t k, double flops);
void op_profile_end();
}  // namespace detail

class OpScope {
  public:
    explicit OpScope(const char* name, std::size_t m = 0, std::size_t n = 0, std::size_t k = 0, double flops = 0.0)
        : active_(g_op_profile_on) {
        if (active_) detail::op_profile_begin(name, m, n, k, flops);
    }
    ~OpScope() {
        if (active_) detail::op_profile_end();
    }
    OpScope(const OpScope&) = delete;
    OpScope& operator=(const OpScope&) = delete;

  private:
    bool active_;
};

}  // namespace normlab
