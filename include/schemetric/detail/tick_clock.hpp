// The clock trackers time operations with: the CPU's time-stamp counter where it runs at a
// constant rate (x86-64 with an invariant TSC), calibrated once against the monotonic clock,
// and the monotonic clock itself elsewhere.
#pragma once

#include <atomic>
#include <cstdint>

#include "schemetric/config.hpp"

// The monotonic clock without <chrono> (the largest standard header on the recording path):
// clock_gettime(CLOCK_MONOTONIC), which is what steady_clock reads on Linux.
#if defined(__unix__) || defined(__APPLE__)
#include <time.h>
#define SCHEMETRIC_DETAIL_CLOCK_GETTIME 1
#else
#include <chrono>
#define SCHEMETRIC_DETAIL_CLOCK_GETTIME 0
#endif

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <cpuid.h>
#define SCHEMETRIC_DETAIL_TSC 1
#else
#define SCHEMETRIC_DETAIL_TSC 0
#endif

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Nanoseconds of the monotonic clock (steady_clock's on Linux).
inline std::int64_t monotonic_nanoseconds() noexcept {
#if SCHEMETRIC_DETAIL_CLOCK_GETTIME
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
#else
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
#endif
}

/// Reads a monotonic clock in ticks and turns tick differences into seconds. Reading the TSC
/// takes about a third of the time of the monotonic clock (a system call page read through
/// a function call), and a tracker reads the clock twice.
///
/// The TSC is used only when CPUID says it is invariant (constant rate in every power state,
/// and on virtual machines only when the hypervisor says so); its rate is measured once, at
/// the first read in the process, against the monotonic clock over `calibration_window`: a
/// one-time pause of 2 ms. The rate is then within `calibration_error` of the monotonic
/// clock's (each end of the window is bracketed by two monotonic reads taken less than
/// `bracket` apart, which bounds the error by 2 * bracket / window = 1e-3; on the machines of
/// bench/README.md it is about 4e-6). A duration is exact to the tick otherwise. Elsewhere
/// ticks are the monotonic clock's nanoseconds.
/// Thread safety: every function may be called from any thread at any time.
class tick_clock {
 public:
  using ticks = std::uint64_t;
  static constexpr std::int64_t calibration_window_ns = 2000000;
  static constexpr std::int64_t bracket_ns = 1000;
  static constexpr double calibration_error = 1e-3;

  /// The current time in ticks.
  static ticks now() noexcept {
#if SCHEMETRIC_DETAIL_TSC
    if (source_.load(std::memory_order_acquire) == source::tsc) [[likely]] {
      return __builtin_ia32_rdtsc();
    }
    return now_first_or_monotonic();
#else
    return static_cast<ticks>(monotonic_nanoseconds());
#endif
  }

  /// Seconds per tick. Only meaningful once now() has been called.
  static double seconds_per_tick() noexcept {
    return seconds_per_tick_;
  }

  /// Whether ticks are the TSC's (false: the monotonic clock's nanoseconds).
  static bool uses_tsc() noexcept {
    static_cast<void>(now());
    return source_.load(std::memory_order_acquire) == source::tsc;
  }

 private:
  enum class source : std::uint8_t { unknown, tsc, monotonic };

#if SCHEMETRIC_DETAIL_TSC
  // CPUID 0x80000007, EDX bit 8: "invariant TSC".
  static bool tsc_is_invariant() noexcept {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) == 0 || eax < 0x80000007u) return false;
    if (__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx) == 0) return false;
    return (edx & (1u << 8)) != 0;
  }

  struct reading {
    std::int64_t nanoseconds;  // the middle of the two monotonic reads
    ticks tsc;
    std::int64_t width;  // between the two monotonic reads
  };

  // A TSC read between two monotonic reads; the narrowest of a few tries (a thread
  // preempted between the reads gives a wide one).
  static reading read_both() noexcept {
    reading best{0, 0, INT64_MAX};
    for (int attempt = 0; attempt < 100 && best.width > bracket_ns; ++attempt) {
      const std::int64_t before = monotonic_nanoseconds();
      const ticks tsc = __builtin_ia32_rdtsc();
      const std::int64_t after = monotonic_nanoseconds();
      if (after - before < best.width) best = {before + (after - before) / 2, tsc, after - before};
    }
    return best;
  }

  static double measure_seconds_per_tick() noexcept {
    const reading first = read_both();
    while (monotonic_nanoseconds() - first.nanoseconds < calibration_window_ns) {
    }
    const reading last = read_both();
    return static_cast<double>(last.nanoseconds - first.nanoseconds) * 1e-9 /
           static_cast<double>(last.tsc - first.tsc);
  }

  [[gnu::cold, gnu::noinline]] static ticks now_first_or_monotonic() noexcept {
    static const bool calibrated = [] {
      if (tsc_is_invariant()) {
        seconds_per_tick_ = measure_seconds_per_tick();
        source_.store(source::tsc, std::memory_order_release);
      } else {
        source_.store(source::monotonic, std::memory_order_release);
      }
      return true;
    }();
    static_cast<void>(calibrated);
    if (source_.load(std::memory_order_acquire) == source::tsc) return __builtin_ia32_rdtsc();
    return static_cast<ticks>(monotonic_nanoseconds());
  }
#endif

  static inline constinit std::atomic<source> source_{source::unknown};
  // Written once, before source_ says tsc (release); read after reading that (acquire).
  static inline constinit double seconds_per_tick_ = 1e-9;
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
