#include "kernels/op_profile.h"

#include <chrono>
#include <cstring>

namespace normlab {

bool g_op_profile_on = false;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxEntries = 256;
constexpr std::size_t kMaxDepth = 16;

struct Frame {
    std::size_t entry;
    Clock::time_point t0;
    double child_ms;
};

OpProfileEntry g_entries[kMaxEntries];
std::size_t g_count = 0;
long g_dropped = 0;
Frame g_stack[kMaxDepth];
std::size_t g_depth = 0;
std::size_t g_overflow = 0;  // scopes deeper than kMaxDepth: not timed, only counted

std::size_t find_or_add(const char* name, std::size_t m, std::size_t n, std::size_t k) {
    for (std::size_t i = 0; i < g_count; i++) {
        const OpProfileEntry& e = g_entries[i];
        if (e.m == m && e.n == n && e.k == k && (e.name == name || std::strcmp(e.name, name) == 0)) return i;
    }
    if (g_count == kMaxEntries) return kMaxEntries;
    OpProfileEntry& e = g_entries[g_count];
    e = OpProfileEntry{};
    e.name = name;
    e.m = m;
    e.n = n;
    e.k = k;
    return g_count++;
}

}  // namespace

void op_profile_enable(bool on) {
    g_op_profile_on = on;
    g_depth = 0;
    g_overflow = 0;
}

void op_profile_reset() {
    g_count = 0;
    g_dropped = 0;
    g_depth = 0;
    g_overflow = 0;
}

std::size_t op_profile_count() { return g_count; }
const OpProfileEntry& op_profile_entry(std::size_t i) { return g_entries[i]; }
long op_profile_dropped() { return g_dropped; }

namespace detail {

void op_profile_begin(const char* name, std::size_t m, std::size_t n, std::size_t k, double flops) {
    if (g_depth == kMaxDepth) {
        g_dropped++;
        g_overflow++;
        return;
    }
    const std::size_t e = find_or_add(name, m, n, k);
    if (e == kMaxEntries) {
        g_dropped++;  // still timed, so the parent's exclusive time stays right
    } else {
        g_entries[e].calls++;
        g_entries[e].flops += flops;
    }
    g_stack[g_depth++] = Frame{e, Clock::now(), 0.0};
}

void op_profile_end() {
    if (g_overflow > 0) {
        g_overflow--;
        return;
    }
    if (g_depth == 0) return;
    const Frame f = g_stack[--g_depth];
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - f.t0).count();
    if (f.entry < kMaxEntries) g_entries[f.entry].ms += ms - f.child_ms;
    if (g_depth > 0) g_stack[g_depth - 1].child_ms += ms;
}

}  // namespace detail

}  // namespace normlab
