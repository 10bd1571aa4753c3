// The clock trackers time operations with: the CPU's time-stamp counter where it runs at a
// constant rate (x86-64 with an invariant TSC), calibrated once against steady_clock, and
// steady_clock itself elsewhere.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "schemetric/config.hpp"

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <cpuid.h>
#define SCHEMETRIC_DETAIL_TSC 1
#else
#define SCHEMETRIC_DETAIL_TSC 0
#endif

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Reads a steady clock in ticks and turns tick differences into seconds. Reading the TSC
/// takes about a third of the time of steady_clock::now() (a system call page read through a
/// function call), and a tracker reads the clock twice.
///
/// The TSC is used only when CPUID says it is invariant (constant rate in every power state,
/// and on virtual machines only when the hypervisor says so); its rate is measured once, at
/// the first read in the process, against steady_clock over `calibration_window`: a one-time
/// pause of 2 ms. The rate is then within `calibration_error` of steady_clock's (each end of
/// the window is bracketed by two steady_clock reads taken less than `bracket` apart, which
/// bounds the error by 2 * bracket / window = 1e-3; typically it is below 1e-4). A duration is
/// exact to the tick otherwise. Elsewhere ticks are steady_clock's nanoseconds.
/// Thread safety: every function may be called from any thread at any time.
class tick_clock {
 public:
  using ticks = std::uint64_t;
  static constexpr std::chrono::microseconds calibration_window{2000};
  static constexpr std::chrono::nanoseconds bracket{1000};
  static constexpr double calibration_error = 1e-3;

  /// The current time in ticks.
  static ticks now() noexcept {
#if SCHEMETRIC_DETAIL_TSC
    if (source_.load(std::memory_order_acquire) == source::tsc) [[likely]] {
      return __builtin_ia32_rdtsc();
    }
    return now_first_or_steady();
#else
    return steady_ticks();
#endif
  }

  /// Seconds per tick. Only meaningful once now() has been called.
  static double seconds_per_tick() noexcept {
    return seconds_per_tick_;
  }

  /// Whether ticks are the TSC's (false: steady_clock's nanoseconds).
  static bool uses_tsc() noexcept {
    static_cast<void>(now());
    return source_.load(std::memory_order_acquire) == source::tsc;
  }

 private:
  enum class source : std::uint8_t { unknown, tsc, steady };

  static ticks steady_ticks() noexcept {
    return static_cast<ticks>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::steady_clock::now().time_since_epoch())
                                  .count());
  }

#if SCHEMETRIC_DETAIL_TSC
  // CPUID 0x80000007, EDX bit 8: "invariant TSC".
  static bool tsc_is_invariant() noexcept {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) == 0 || eax < 0x80000007u) return false;
    if (__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx) == 0) return false;
    return (edx & (1u << 8)) != 0;
  }

  struct reading {
    std::chrono::steady_clock::time_point steady;
    ticks tsc;
    std::chrono::steady_clock::duration width;
  };

  // A TSC read between two steady_clock reads, with the middle of these; the narrowest of
  // a few tries (a thread preempted between the reads gives a wide one).
  static reading read_both() noexcept {
    reading best{{}, 0, std::chrono::steady_clock::duration::max()};
    for (int attempt = 0; attempt < 100 && best.width > bracket; ++attempt) {
      const auto before = std::chrono::steady_clock::now();
      const ticks tsc = __builtin_ia32_rdtsc();
      const auto after = std::chrono::steady_clock::now();
      if (after - before < best.width) best = {before + (after - before) / 2, tsc, after - before};
    }
    return best;
  }

  static double measure_seconds_per_tick() noexcept {
    const reading first = read_both();
    while (std::chrono::steady_clock::now() - first.steady < calibration_window) {
    }
    const reading last = read_both();
    return std::chrono::duration<double>(last.steady - first.steady).count() /
           static_cast<double>(last.tsc - first.tsc);
  }

  [[gnu::cold, gnu::noinline]] static ticks now_first_or_steady() noexcept {
    static const bool calibrated = [] {
      if (tsc_is_invariant()) {
        seconds_per_tick_ = measure_seconds_per_tick();
        source_.store(source::tsc, std::memory_order_release);
      } else {
        source_.store(source::steady, std::memory_order_release);
      }
      return true;
    }();
    static_cast<void>(calibrated);
    if (source_.load(std::memory_order_acquire) == source::tsc) return __builtin_ia32_rdtsc();
    return steady_ticks();
  }
#endif

  static inline constinit std::atomic<source> source_{source::unknown};
  // Written once, before source_ says tsc (release); read after reading that (acquire).
  static inline constinit double seconds_per_tick_ = 1e-9;
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
