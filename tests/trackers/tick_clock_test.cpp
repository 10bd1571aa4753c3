// The trackers' clock: where it reads the time-stamp counter, its calibration agrees with
// steady_clock. No wall-clock thresholds: both clocks time the same interval, and only their
// ratio is checked, with a tolerance ten times the stated calibration error.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <thread>

#include <gtest/gtest.h>

#include "schemetric/detail/tick_clock.hpp"

namespace {

using schemetric::detail::tick_clock;

TEST(tick_clock, agrees_with_steady_clock_over_the_same_interval) {
  const bool tsc = tick_clock::uses_tsc();
  RecordProperty("source", tsc ? "tsc" : "steady_clock");
  for (int interval = 0; interval < 3; ++interval) {
    const auto steady_start = std::chrono::steady_clock::now();
    const tick_clock::ticks start = tick_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const tick_clock::ticks end = tick_clock::now();
    const auto steady_end = std::chrono::steady_clock::now();

    const double by_ticks = static_cast<double>(end - start) * tick_clock::seconds_per_tick();
    const double by_steady = std::chrono::duration<double>(steady_end - steady_start).count();
    // The tick reads lie inside the steady ones: the steady interval is longer by the time
    // of two reads, which a preempted thread can stretch; allow for it in absolute terms.
    EXPECT_LE(by_ticks, by_steady * (1 + 10 * tick_clock::calibration_error));
    EXPECT_GE(by_ticks, by_steady * (1 - 10 * tick_clock::calibration_error) - 0.005)
        << "ticks: " << by_ticks << " s, steady_clock: " << by_steady << " s";
  }
}

TEST(tick_clock, never_goes_back_on_one_thread) {
  tick_clock::ticks last = tick_clock::now();
  for (int i = 0; i < 100000; ++i) {
    const tick_clock::ticks now = tick_clock::now();
    ASSERT_GE(now, last);
    last = now;
  }
}

TEST(tick_clock, ticks_are_at_most_a_few_nanoseconds) {
  static_cast<void>(tick_clock::now());
  // The TSC of any x86-64 CPU made this century runs above 100 MHz; steady_clock counts ns.
  EXPECT_GT(tick_clock::seconds_per_tick(), 0.0);
  EXPECT_LE(tick_clock::seconds_per_tick(), 1e-8);
}

}  // namespace
