// Summaries: quantiles over a sliding time window, with the count and sum of all observations.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/amount.hpp"
#include "schemetric/detail/atomic_double.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/detail/quantile_sketch.hpp"
#include "schemetric/detail/striped_cells.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// A summary series as read at one moment. `quantile_values[k]` estimates the quantile
/// `Metric::quantiles[k]` of the observations in the sliding window, NaN when the window holds
/// none; `count` and `sum` cover every observation since the start (Prometheus' `_count` and
/// `_sum`, which never forget). A value-initialized snapshot is that of an empty series.
template <std::size_t QuantileCount>
struct summary_snapshot {
  std::array<double, QuantileCount> quantile_values = [] {
    std::array<double, QuantileCount> values{};
    values.fill(std::numeric_limits<double>::quiet_NaN());
    return values;
  }();
  std::uint64_t count = 0;
  double sum = 0;
};

namespace detail {
/// Checks a summary descriptor and the clock once, and turns time points into sub-window slots.
template <class Metric, class Clock>
struct summary_schedule {
  static_assert(std::chrono::is_clock_v<Clock>, "a summary's Clock must meet Cpp17Clock");
  static_assert(std::is_integral_v<typename Clock::rep>,
                "a summary's Clock must count time in integer ticks");
  static_assert(Metric::max_age_seconds > 0, "a summary's max_age_seconds must be positive");
  static_assert(Metric::age_buckets >= 1, "a summary needs at least one age bucket");
  static_assert(
      [] {
        for (double fraction : Metric::quantiles) {
          if (!(fraction >= 0 && fraction <= 1)) return false;
        }
        return true;
      }(),
      "a summary's quantiles must lie in [0, 1]");

  /// The time one age bucket (sub-window) covers, in the clock's ticks.
  static constexpr typename Clock::duration sub_window =
      std::chrono::duration_cast<typename Clock::duration>(std::chrono::duration<double>(
          Metric::max_age_seconds / static_cast<double>(Metric::age_buckets)));
  static_assert(sub_window.count() > 0,
                "max_age_seconds / age_buckets is shorter than one tick of the Clock");

  /// The sub-window `now` falls in: floor(time since the clock's epoch / sub_window). A
  /// division by a constant (a multiplication once compiled).
  static std::int64_t slot_of(typename Clock::time_point now) noexcept {
    const auto ticks = static_cast<std::int64_t>(now.time_since_epoch().count());
    constexpr auto step = static_cast<std::int64_t>(sub_window.count());
    return ticks / step - (ticks % step < 0 ? 1 : 0);
  }
};
}  // namespace detail

namespace detail {
/// One stripe's share of a summary series' all-time count and sum, on a cache line of its own.
struct alignas(cache_line_bytes) summary_totals_row {
  std::atomic<std::uint64_t> count{};
  atomic_double sum;
};

/// Everything one summary series owns. The totals come first, so that a handle's address
/// is that of stripe 0's row.
template <std::size_t AgeBuckets>
struct summary_series {
  summary_totals_row totals[stripe_count];
  windowed_quantile_sketch<AgeBuckets> window;
};
}  // namespace detail

template <class Metric, class Clock>
class summary_family;

/// One series of a summary family: a cheap handle (one address) that may be kept and reused.
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may observe
/// into the same series at once, without locks or allocation (see summary_family for what
/// an observation costs and the races it tolerates). A reader may see an observation in the
/// count before it sees it in the sum or the window. With metrics compiled out it is empty,
/// and `observe` does nothing (it does not read the clock).
template <class Metric, class Clock = std::chrono::steady_clock>
class summary {
 public:
  using clock = Clock;
  using time_point = typename Clock::time_point;

  /// Records `value` at `Clock::now()`. Reading the clock is most of the cost (about 20 ns for
  /// steady_clock); a caller that already knows the time should pass it.
  void observe([[maybe_unused]] double value) noexcept {
    if constexpr (detail::compiled_in) observe(value, Clock::now());
  }

  /// bool and characters are not values (`observe(true)` would count 1): rejected with a
  /// message.
  template <detail::not_an_amount T>
  void observe(T) noexcept {
    static_assert(detail::rejected<T, Metric>,
                  "summary observe(): a bool or a character is not a value; give a number");
  }

  /// Records `value` as observed at `now`: adds it to the count and the sum, and counts it in
  /// the sub-window of `now` unless it is NaN. Any value is accepted (see summary_family
  /// for how NaN, infinities and magnitudes outside [1e-9, 1e12] are treated).
  void observe([[maybe_unused]] double value, [[maybe_unused]] time_point now) noexcept {
    if constexpr (detail::compiled_in) {
      totals_row& row = detail::thread_copy<totals_row, sizeof(totals_row)>(address_);
      row.count.fetch_add(1, std::memory_order_relaxed);
      row.sum.add(value);
      if (!detail::is_nan(value)) [[likely]] {
        reinterpret_cast<series_type*>(address_ + sizeof(totals_row))
            ->window.record(value, schedule::slot_of(now));
      }
    }
  }

 private:
  template <class, class>
  friend class summary_family;
  using totals_row = detail::summary_totals_row;
  using series_type = detail::summary_series<Metric::age_buckets>;
  using schedule = detail::summary_schedule<Metric, Clock>;

  using address_type = detail::when_compiled_in<detail::biased_address, Metric>;

  explicit summary(address_type address) noexcept : address_(address) {}

  [[no_unique_address]] address_type address_;
};

/// A summary family: every series of one summary metric, in a dense array indexed by the
/// label values. Each series keeps the count and sum of all its observations and estimates the
/// quantiles `Metric::quantiles` (each in [0, 1]) of those of the last
/// `Metric::max_age_seconds`.
///
/// Estimator: a DDSketch-style histogram of log-spaced buckets (detail::log_buckets) with
/// relative accuracy alpha = 0.01 (`relative_accuracy`): every bucket spans magnitudes
/// (l, u] with u <= gamma * l, gamma = (1 + alpha) / (1 - alpha) = 1.0202, and reads back as
/// 2 l u / (l + u). The q-quantile of the window's n observations is defined as the one of
/// rank floor(q (n - 1)) (0-based, in increasing order: q = 0 is the minimum, q = 1 the
/// maximum); its estimate x' satisfies |x' - x| <= alpha |x| for that observation x, up to
/// rounding in the last bits of a double, whatever the distribution, provided
/// - |x| is 0 (reported exactly as 0) or within [1e-9, 1e12]; smaller non-zero magnitudes are
///   counted in the lowest bucket and read back as about ±1.0e-9 (an absolute error below
///   1.03e-9), larger ones (±inf included) in the highest, read back as about ±1.0e12;
/// - no bucket of one sub-window counts 2^32 observations (the counts are 32-bit and wrap).
/// Negative values use mirrored buckets. NaN counts in `count` and makes `sum` NaN (as in a
/// histogram) but is left out of the window.
///
/// Window: time is cut into `Metric::age_buckets` sub-windows of
/// max_age_seconds / age_buckets each, aligned to multiples of that length since Clock's epoch.
/// The window at time t is the union of the sub-window holding t and the age_buckets - 1
/// before it, so it reaches back between max_age * (1 - 1 / age_buckets) and max_age
/// seconds; observations older than that stop counting in the quantiles (never in count and
/// sum). Sub-windows are reused as a ring: the first observation that finds its sub-window
/// still holding an expired slot clears it (about 20 KB of stores, every max_age / age_buckets
/// seconds; the first use of a sub-window has nothing to clear). Races, all confined to
/// observations made while their sub-window changes hands: one that meets its sub-window
/// being cleared by another thread is counted in the previous sub-window instead (so it
/// leaves the window one sub-window early), or, if that one holds nothing live, in the one
/// being cleared, where the clearing may wipe it; one whose time is a whole window older than the
/// slot its sub-window already holds (a thread preempted between reading the clock and
/// recording, or a caller passing times that go backwards) is left out of the window. None is
/// ever lost from count and sum. A snapshot retries (up to 4 times) when a rotation overlaps
/// its reading, then returns its last estimate.
///
/// Cost of an observation: Clock::now() unless the time is given, two relaxed atomic adds
/// on the thread's stripe (count, and the sum by compare-exchange), a division by a constant,
/// the bucket index from the double's bits and three multiply-adds (no log call), one
/// acquire load of the sub-window's stamp and one relaxed atomic add. Bucket counts are not
/// striped (that would multiply the memory by SCHEMETRIC_STRIPES): threads observing values
/// within 2% of each other at the same moment share a cache line.
///
/// Memory per series: age_buckets * 19,648 bytes (4,887 32-bit counts and a stamp) plus
/// SCHEMETRIC_STRIPES * 64 bytes of totals: 98,496 bytes (96.2 KiB) with 5 age buckets and 4
/// stripes, fixed, never allocated. Summaries suit few series; give the registry static
/// storage or allocate it.
///
/// Thread safety: all members may be called concurrently; snapshots never block writers.
/// With metrics compiled out it holds nothing and every snapshot is that of an empty series
/// (the descriptor is still checked, so switching metrics off never hides an error).
template <class Metric, class Clock = std::chrono::steady_clock>
class summary_family : public detail::family_base<Metric, metric_kind::summary> {
 public:
  using summary_family::family_base::series_count;
  using typename summary_family::family_base::labels_type;
  using clock = Clock;
  using time_point = typename Clock::time_point;
  static constexpr std::size_t quantile_count = Metric::quantiles.size();
  static constexpr double relative_accuracy = detail::log_buckets::relative_accuracy;
  using snapshot_type = summary_snapshot<quantile_count>;

  /// The series named by `labels`.
  summary<Metric, Clock> operator()(const labels_type& labels) noexcept {
    return series(detail::series_index(labels));
  }
  /// The only series of a summary without labels.
  summary<Metric, Clock> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return series(0);
  }

  /// The state of the series named by `labels` at `Clock::now()`.
  snapshot_type snapshot(const labels_type& labels) const noexcept {
    return snapshot_at(detail::series_index(labels), Clock::now());
  }
  /// The state of the series named by `labels`, with the window as of `now`.
  snapshot_type snapshot(const labels_type& labels, time_point now) const noexcept {
    return snapshot_at(detail::series_index(labels), now);
  }
  /// The state of series number `series` (0 <= series < series_count) at `Clock::now()`.
  snapshot_type snapshot_at(std::size_t series) const noexcept {
    return snapshot_at(series, Clock::now());
  }
  /// The state of series number `series` (0 <= series < series_count), with the window as of
  /// `now`: count and sum summed over the stripes with relaxed loads, quantiles estimated over
  /// the sub-windows live at `now` (those of later times are left out too). Allocation-free;
  /// reads about age_buckets * 40 KB of counts.
  snapshot_type snapshot_at([[maybe_unused]] std::size_t series,
                            [[maybe_unused]] time_point now) const noexcept {
    SCHEMETRIC_ASSERT(series < series_count);
    snapshot_type result;
    if constexpr (detail::compiled_in) {
      const series_type& state = series_[series];
      for (const totals_row& row : state.totals) {
        result.count += row.count.load(std::memory_order_relaxed);
        result.sum += row.sum.load();
      }
      state.window.quantiles(Metric::quantiles, schedule::slot_of(now), result.quantile_values);
    }
    return result;
  }

 private:
  using totals_row = detail::summary_totals_row;
  using series_type = detail::summary_series<Metric::age_buckets>;
  using schedule = detail::summary_schedule<Metric, Clock>;

  // Checked in both modes, so switching metrics off never hides an error in the descriptor.
  static_assert(sizeof(schedule) > 0);

  summary<Metric, Clock> series([[maybe_unused]] std::size_t index) noexcept {
    if constexpr (detail::compiled_in) {
      return summary<Metric, Clock>(reinterpret_cast<detail::biased_address>(&series_[index]) -
                                    sizeof(totals_row));
    } else {
      return summary<Metric, Clock>({});
    }
  }

  [[no_unique_address]] detail::when_compiled_in<series_type[series_count], Metric> series_{};
};

SCHEMETRIC_END_NAMESPACE
