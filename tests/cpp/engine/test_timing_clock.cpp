// The timing clock (engine/timing_clock.h): it never runs backwards, it advances while this thread
// computes, and (natively) it does not advance while this thread sleeps, which is what makes
// comparisons of two kernels robust to other programs on a busy machine.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "engine/timing_clock.h"

namespace {

double busy_work(int n) {
    volatile double acc = 0;
    for (int i = 0; i < n; i++) acc = acc + 1e-9 * i;
    return acc;
}

}  // namespace

TEST(TimingClock, AdvancesWhileComputingAndNeverGoesBack) {
    double last = normlab::timing_clock_ms();
    for (int round = 0; round < 20; round++) {
        busy_work(200000);
        const double now = normlab::timing_clock_ms();
        EXPECT_GE(now, last);
        last = now;
    }
    const double t0 = normlab::timing_clock_ms();
    busy_work(20000000);
    EXPECT_GT(normlab::timing_clock_ms() - t0, 0.0);
}

#ifdef NORMLAB_THREAD_CPU_CLOCK
TEST(TimingClock, NativelyCountsThisThreadsCpuTimeNotSleep) {
    EXPECT_EQ(std::string(normlab::timing_clock_name()), "the thread's CPU time");
    const double t0 = normlab::timing_clock_ms();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_LT(normlab::timing_clock_ms() - t0, 50.0) << "a sleeping thread uses (almost) no CPU time";
}
#endif
