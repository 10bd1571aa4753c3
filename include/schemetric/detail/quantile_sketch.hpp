// A sliding-window quantile sketch with a relative error bound, for summaries (DDSketch-style).
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "schemetric/config.hpp"
#include "schemetric/detail/striped_cells.hpp"

SCHEMETRIC_BEGIN_NAMESPACE
namespace detail {

/// Whether `value` is NaN (std::isnan without <cmath>).
constexpr bool is_nan(double value) noexcept {
  return value != value;
}

/// The buckets of a relative-error quantile sketch (DDSketch, Masson, Rim and Lee, VLDB 2019,
/// with its "cubically interpolated" index mapping, section 2.2 and the reference
/// implementation's CubicallyInterpolatedIndexMapping).
///
/// A magnitude x = 2^e * (1 + m), m in [0, 1), maps to f(x) = e + P(m) where
/// P(m) = (6/35) m^3 - (3/5) m^2 + (10/7) m is an increasing cubic with P(0) = 0, P(1) = 1: a
/// piecewise approximation of log2(x) computed from the double's bits and three multiply-adds,
/// no call to log. Bucket i holds the magnitudes with (i - 1) / M < f(x) <= i / M.
/// Why every bucket is narrow enough: df / d(ln x) = P'(m) (1 + m) >= 10/7 on [0, 1] (the
/// minimum is at m = 0 and m = 2/3), so with M = 7 / (10 ln gamma) a bucket (l, u] spans
/// ln(u / l) <= (1 / M) / (10/7) = ln gamma, i.e. u <= gamma * l, with
/// gamma = (1 + alpha) / (1 - alpha). Reporting r = 2 l u / (l + u) for a bucket then errs by at
/// most (u - l) / (u + l) <= (gamma - 1) / (gamma + 1) = alpha relative to any value in it.
/// Compared with exact logarithmic buckets (gamma^(i-1), gamma^i] this costs 1% more buckets.
///
/// Cells, in increasing order of the values they hold: the negative buckets from the largest
/// magnitude down, one cell for zero, the positive buckets from the smallest magnitude up.
/// Magnitudes outside [min_magnitude, max_magnitude] are clamped into the end buckets.
namespace log_buckets {

/// alpha: the relative error bound of a value read back from its bucket.
inline constexpr double relative_accuracy = 0.01;
inline constexpr double min_magnitude = 1e-9;
inline constexpr double max_magnitude = 1e12;

/// ln(gamma) = ln((1 + a) / (1 - a)) = 2 atanh(a) = 2 (a + a^3/3 + a^5/5 + ...), summed at
/// compile time (std::log is not constexpr); the terms vanish after a few steps for a = 0.01.
inline constexpr double ln_gamma = [] {
  double term = relative_accuracy;
  double sum = 0;
  for (int k = 1; k < 41; k += 2) {
    sum += term / k;
    term *= relative_accuracy * relative_accuracy;
  }
  return 2 * sum;
}();
/// M: buckets per doubling of the magnitude (35.0 for alpha = 0.01).
inline constexpr double buckets_per_octave = 7 / (10 * ln_gamma);

inline constexpr double cubic_a = 6.0 / 35.0;
inline constexpr double cubic_b = -3.0 / 5.0;
inline constexpr double cubic_c = 10.0 / 7.0;
inline constexpr std::uint64_t sign_mask = std::uint64_t{1} << 63;
inline constexpr std::uint64_t fraction_mask = (std::uint64_t{1} << 52) - 1;
inline constexpr std::uint64_t one_bits = std::uint64_t{1023} << 52;

/// P(m) for m in [0, 1].
constexpr double cubic(double mantissa) noexcept {
  return ((cubic_a * mantissa + cubic_b) * mantissa + cubic_c) * mantissa;
}

/// f(x) = e + P(m) for a positive finite or infinite magnitude given by its bits; subnormals
/// map below every normal number (they are clamped anyway).
constexpr double log2_approximation(std::uint64_t magnitude_bits) noexcept {
  const auto exponent = static_cast<double>(static_cast<std::int64_t>(magnitude_bits >> 52) - 1023);
  const double mantissa =
      std::bit_cast<double>((magnitude_bits & fraction_mask) | one_bits) - 1.0;  // in [0, 1)
  return cubic(mantissa) + exponent;
}

/// i = ceil(f(x) * M) for a magnitude given by its bits, before clamping.
constexpr std::int64_t index_of_bits(std::uint64_t magnitude_bits) noexcept {
  const double scaled = log2_approximation(magnitude_bits) * buckets_per_octave;
  // ceil without a libm call (std::ceil is not constexpr and is not inlined without SSE4.1):
  // truncation rounds toward zero, so add one where it rounded down.
  const auto truncated = static_cast<std::int64_t>(scaled);
  return truncated + (static_cast<double>(truncated) < scaled ? 1 : 0);
}

inline constexpr std::int64_t min_index =
    index_of_bits(std::bit_cast<std::uint64_t>(min_magnitude));
inline constexpr std::int64_t max_index =
    index_of_bits(std::bit_cast<std::uint64_t>(max_magnitude));
/// Buckets per sign (2443 for alpha = 0.01 over [1e-9, 1e12]).
inline constexpr std::size_t magnitude_bucket_count =
    static_cast<std::size_t>(max_index - min_index + 1);
inline constexpr std::size_t zero_cell = magnitude_bucket_count;
inline constexpr std::size_t cell_count = 2 * magnitude_bucket_count + 1;

/// The cell counting `value`. Precondition: value is not NaN. ±0 go to the zero cell, ±inf to
/// the end buckets. Branch-free: a few integer and floating-point instructions.
inline std::size_t cell_of(double value) noexcept {
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
  const std::uint64_t magnitude_bits = bits & ~sign_mask;
  const std::int64_t unclamped = index_of_bits(magnitude_bits);
  const std::int64_t index =
      unclamped < min_index ? min_index : (unclamped > max_index ? max_index : unclamped);
  const std::size_t offset =
      magnitude_bits == 0 ? 0 : static_cast<std::size_t>(index - min_index + 1);
  return (bits & sign_mask) != 0 ? zero_cell - offset : zero_cell + offset;
}

/// f^-1(y): the magnitude whose approximate log2 is y. Used only when reading (once per
/// quantile and snapshot), so P is inverted by bisection to the last bit rather than by
/// Cardano's formula.
inline double magnitude_at(double y) noexcept {
  // floor without <cmath> (this header is on every recording path): y is within +-64.
  const auto truncated = static_cast<std::int64_t>(y);
  const double exponent = static_cast<double>(truncated - (static_cast<double>(truncated) > y));
  const double target = y - exponent;  // in [0, 1)
  double low = 0;
  double high = 1;
  for (int step = 0; step < 64; ++step) {
    const double middle = (low + high) / 2;
    (cubic(middle) < target ? low : high) = middle;
  }
  // 2^exponent from its bits (a normal double for the exponents of [1e-9, 1e12]).
  const double power = std::bit_cast<double>(
      static_cast<std::uint64_t>(static_cast<std::int64_t>(exponent) + 1023) << 52);
  return (1 + (low + high) / 2) * power;
}

/// The value reported for the observations of `cell`: 0 for the zero cell, else
/// ±2 l u / (l + u) for the bucket's magnitudes (l, u], within alpha of all of them.
inline double cell_value(std::size_t cell) noexcept {
  if (cell == zero_cell) return 0;
  const bool negative = cell < zero_cell;
  const std::int64_t index =
      min_index - 1 + static_cast<std::int64_t>(negative ? zero_cell - cell : cell - zero_cell);
  const double lower = magnitude_at(static_cast<double>(index - 1) / buckets_per_octave);
  const double upper = magnitude_at(static_cast<double>(index) / buckets_per_octave);
  const double value = 2 * lower * upper / (lower + upper);
  return negative ? -value : value;
}

}  // namespace log_buckets

/// A time slot as stored: the slot number (time since the clock's epoch in whole sub-windows,
/// any std::int64_t) offset by 2^63 so that unsigned order is slot order and 0, the value of
/// zero-initialized memory, means "never used" (slot INT64_MIN does not occur).
using slot_stamp = std::uint64_t;
inline constexpr slot_stamp unused_stamp = 0;
/// Marks a sub-window being cleared for a new slot (slot INT64_MAX does not occur either).
inline constexpr slot_stamp rotating_stamp = std::numeric_limits<slot_stamp>::max();

constexpr slot_stamp stamp_of_slot(std::int64_t slot) noexcept {
  return static_cast<slot_stamp>(slot) + (slot_stamp{1} << 63);
}

/// One sub-window: the slot whose observations it counts and a count per cell of log_buckets.
/// 32-bit counts keep a series' memory in check: a cell wraps after 2^32 observations of
/// values within 2% of each other in one sub-window (documented on summary_family).
struct alignas(cache_line_bytes) sub_window_sketch {
  // On a cache line of its own: every observation reads it, only rotations write it.
  alignas(cache_line_bytes) std::atomic<slot_stamp> stamp{};
  alignas(cache_line_bytes) std::atomic<std::uint32_t> counts[log_buckets::cell_count]{};
};

/// The quantile estimates of a sliding window: `SubWindowCount` sub-window sketches used as a
/// ring indexed by slot. The window at slot s is the union of the sub-windows stamped with
/// slots s - SubWindowCount + 1 .. s. Zero-initialized state is empty and valid.
///
/// Writes are lock-free and allocation-free: a load of the sub-window's stamp and a relaxed
/// atomic add to one cell. When the stamp is older than the writer's slot, that writer
/// rotates the sub-window (claims it by compare-exchange, clears it, stamps it); writers that
/// meet a sub-window being rotated do not wait but count in the previous one. Reads validate the
/// stamps around the counts they sum, as a sequence lock's reader does, and retry when a rotation
/// intervened.
template <std::size_t SubWindowCount>
class windowed_quantile_sketch {
 public:
  static_assert(SubWindowCount >= 1);

  /// Counts `value` (not NaN) in the sub-window of `slot`.
  /// Races (all bounded to observations made while their sub-window changes hands):
  /// - an observation of slot s that meets s's sub-window while another thread clears it is
  ///   added to the sub-window of s - 1 instead (it leaves the window one sub-window early);
  ///   only when that one holds nothing live either is it added to the sub-window being
  ///   cleared, where the clearing may wipe it;
  /// - an observation whose slot is older than the one its sub-window now holds is dropped
  ///   (its time has left the window: the writer read the clock a whole window ago, or the
  ///   caller's time went backwards);
  /// - a writer that read its stamp as current, then was preempted until its sub-window was
  ///   rotated for a later slot, adds to the later slot.
  void record(double value, std::int64_t slot) noexcept {
    const slot_stamp stamp = stamp_of_slot(slot);
    sub_window_sketch* sub_window = &sub_windows_[stamp % SubWindowCount];
    // Acquire: pairs with the rotation's release store, so this add follows the clearing.
    const slot_stamp held = sub_window->stamp.load(std::memory_order_acquire);
    if (held != stamp) [[unlikely]] {
      sub_window = take_for(*sub_window, held, stamp);
      if (sub_window == nullptr) return;
    }
    sub_window->counts[log_buckets::cell_of(value)].fetch_add(1, std::memory_order_relaxed);
  }

  /// Writes the estimate of each of `fractions` (each in [0, 1]) for the window at `slot` into
  /// `values`, NaN for all of them when the window holds no observation. The q-quantile is the
  /// observation of rank floor(q (n - 1)) (0-based) among the window's n observations in
  /// increasing order; the estimate is the value reported by its cell (see log_buckets).
  /// Cost: two passes over the counts of the live sub-windows (up to SubWindowCount * 4887
  /// loads each), no allocation, no lock; writers are never held up.
  template <std::size_t FractionCount>
  void quantiles(const std::array<double, FractionCount>& fractions, std::int64_t slot,
                 std::array<double, FractionCount>& values) const noexcept {
    const slot_stamp now = stamp_of_slot(slot);
    for (int attempt = 0;; ++attempt) {
      values.fill(std::numeric_limits<double>::quiet_NaN());
      std::array<slot_stamp, SubWindowCount> stamps{};
      std::array<bool, SubWindowCount> live{};
      std::uint64_t total = 0;
      for (std::size_t w = 0; w < SubWindowCount; ++w) {
        stamps[w] = sub_windows_[w].stamp.load(std::memory_order_acquire);
        live[w] = is_live(stamps[w], now);
        if (!live[w]) continue;
        for (const auto& count : sub_windows_[w].counts) {
          total += count.load(std::memory_order_acquire);
        }
      }
      if (total == 0) return;

      std::array<std::uint64_t, FractionCount> ranks{};
      for (std::size_t k = 0; k < FractionCount; ++k) {
        ranks[k] = static_cast<std::uint64_t>(fractions[k] * static_cast<double>(total - 1));
      }
      std::size_t found = 0;
      std::uint64_t cumulative = 0;
      std::size_t last_nonempty = log_buckets::zero_cell;
      for (std::size_t cell = 0; cell < log_buckets::cell_count && found < FractionCount; ++cell) {
        std::uint64_t in_cell = 0;
        for (std::size_t w = 0; w < SubWindowCount; ++w) {
          // Acquire: a count written after a rotation's clearing makes the stamp check below
          // see that rotation (the clearing stores are release, and the adds after them
          // continue their release sequence).
          if (live[w]) in_cell += sub_windows_[w].counts[cell].load(std::memory_order_acquire);
        }
        if (in_cell == 0) continue;
        last_nonempty = cell;
        cumulative += in_cell;
        for (std::size_t k = 0; k < FractionCount; ++k) {
          if (is_nan(values[k]) && cumulative > ranks[k]) {
            values[k] = log_buckets::cell_value(cell);
            ++found;
          }
        }
      }
      // Counts only grow between the passes unless a rotation cleared some, which the stamps
      // show; a rank still missing then takes the largest value seen.
      for (double& value : values) {
        if (is_nan(value)) value = log_buckets::cell_value(last_nonempty);
      }
      bool unchanged = true;
      for (std::size_t w = 0; w < SubWindowCount; ++w) {
        if (live[w] && sub_windows_[w].stamp.load(std::memory_order_relaxed) != stamps[w]) {
          unchanged = false;
        }
      }
      // A few retries; a reader that keeps losing to rotations (one per sub-window duration)
      // returns its last estimate rather than spin.
      if (unchanged || attempt == 3) return;
    }
  }

 private:
  /// Whether a sub-window stamped `held` counts in the window of `now`.
  static bool is_live(slot_stamp held, slot_stamp now) noexcept {
    return held != unused_stamp && held != rotating_stamp && held <= now &&
           now - held < SubWindowCount;
  }

  /// Where an observation of `stamp` goes when its sub-window is stamped `held` instead:
  /// that sub-window once it is rotated to `stamp`, the previous slot's while another thread
  /// rotates it, or nowhere (nullptr) when it already holds a later slot. Out of line: runs
  /// once per sub-window duration, and in races.
  [[gnu::noinline, gnu::cold]] sub_window_sketch* take_for(sub_window_sketch& sub_window,
                                                           slot_stamp held,
                                                           slot_stamp stamp) noexcept {
    for (;;) {
      if (held == rotating_stamp) {
        sub_window_sketch& previous = sub_windows_[(stamp - 1) % SubWindowCount];
        const bool previous_live = &previous != &sub_window &&
                                   is_live(previous.stamp.load(std::memory_order_acquire), stamp);
        return previous_live ? &previous : &sub_window;
      }
      if (held >= stamp) return held == stamp ? &sub_window : nullptr;
      if (held == unused_stamp) {
        // Never written (writers add only under a real stamp or during a rotation, after
        // which the stamp is never unused again): nothing to clear, nothing to lose.
        if (sub_window.stamp.compare_exchange_weak(held, stamp, std::memory_order_acquire,
                                                   std::memory_order_acquire)) {
          return &sub_window;
        }
        continue;
      }
      if (sub_window.stamp.compare_exchange_weak(held, rotating_stamp, std::memory_order_acquire,
                                                 std::memory_order_acquire)) {
        // Release: a reader that sees a cleared count (or a later add) then sees the stamp
        // change from the slot it validated against.
        for (auto& count : sub_window.counts) count.store(0, std::memory_order_release);
        sub_window.stamp.store(stamp, std::memory_order_release);
        return &sub_window;
      }
    }
  }

  sub_window_sketch sub_windows_[SubWindowCount];
};

}  // namespace detail
SCHEMETRIC_END_NAMESPACE
