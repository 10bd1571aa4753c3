// Histograms: observations counted in the schema's buckets, with their sum.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/amount.hpp"
#include "schemetric/detail/atomic_double.hpp"
#include "schemetric/detail/bucket_search.hpp"
#include "schemetric/detail/decimal_sum.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/flag_lock.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/detail/striped_cells.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// A histogram series as read at one moment: per-bucket (not cumulative) counts, the +Inf
/// bucket last, and the sum of observations.
template <std::size_t BucketCount>
struct histogram_snapshot {
  std::array<std::uint64_t, BucketCount + 1> bucket_counts{};
  double sum = 0;

  /// The number of observations (the sum of every bucket, so it always equals +Inf's
  /// cumulative count).
  std::uint64_t count() const noexcept {
    std::uint64_t total = 0;
    for (std::uint64_t c : bucket_counts) total += c;
    return total;
  }
};

namespace detail {
/// Where a row of a histogram with `N` buckets keeps what: the counts of buckets 0..N (N is
/// +Inf), the count of NaN observations at the search's nan_index (N itself when the search
/// tree has no padding) and the sum's units (see decimal_units).
template <std::size_t N>
struct histogram_layout {
  static constexpr std::size_t nan_index = bucket_bounds<N>::nan_index;
  static constexpr std::size_t sum_index = N + 1 < nan_index ? N + 1 : nan_index + 1;
  static constexpr std::size_t cell_count = (sum_index > nan_index ? sum_index : nan_index) + 1;
};

/// One stripe's copy of a histogram series, on cache lines of its own.
template <std::size_t N>
struct alignas(cache_line_bytes) histogram_row {
  std::atomic<std::uint64_t> cells[histogram_layout<N>::cell_count]{};
};

/// Everything one histogram series owns. The rows come first, so that a handle's address is
/// that of stripe 0's row.
template <std::size_t N>
struct histogram_series {
  histogram_row<N> rows[stripe_count];
  // The part of the sum the rows' units cannot hold: observations outside their range, and
  // the units of a stripe that passed 2^63, moved here by the observation that saw it.
  atomic_double outside;
  // Held by readers, and by a writer moving units into `outside`, so that a reader never
  // sees them in both places or in neither.
  mutable flag_lock lock;
};
}  // namespace detail

/// One series of a histogram family: a cheap handle (one address) that may be kept.
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may observe
/// into the same series. An observation is a bucket search without branches and two relaxed
/// atomic integer adds on the calling thread's stripe, one to its bucket and one to its sum
/// (no lock, no compare-exchange loop); values the sum's integer units cannot hold (see
/// histogram_family) take a compare-exchange loop on a double instead. A reader may see an
/// observation's bucket before its sum (no lock ties them together). With metrics compiled
/// out it is empty and every call does nothing.
template <class Metric>
class histogram {
 public:
  /// Counts `value` in the first bucket whose bound is >= value (+Inf for larger values and
  /// NaN) and adds it to the sum.
  void observe([[maybe_unused]] double value) noexcept {
    if constexpr (detail::compiled_in) {
      row& stripe_row = detail::thread_copy<row, sizeof(row)>(address_);
      // The search and the units both start from -value, in a register the units' multiply
      // may then overwrite (the empty asm keeps the compiler from recomputing it from value).
      double negated = -value;
#if defined(__GNUC__) || defined(__clang__)
      asm("" : "+x"(negated));
#endif
      // The bucket's cell from the search's leaf: cells[leaf - first_leaf], with the
      // subtraction folded into the address of the add.
      const std::size_t leaf = bounds.leaf_of_negated(negated);
      reinterpret_cast<std::atomic<std::uint64_t>*>(
          reinterpret_cast<std::uintptr_t>(stripe_row.cells) -
          bounds.first_leaf * sizeof(cell))[leaf]
          .fetch_add(1, std::memory_order_relaxed);
      const std::uint64_t units = sum_units::of_negated(negated);
      if (units < sum_units::limit) [[likely]] {
        // Compiles to the add and a jump on the sign of its result.
        if (static_cast<std::int64_t>(
                stripe_row.cells[layout::sum_index].fetch_add(units, std::memory_order_relaxed) +
                units) < 0) [[unlikely]] {
          move_units();
        }
      } else {
        series().outside.add(value);
      }
    }
  }

  /// bool and characters are not values (`observe(true)` would count 1): rejected with a
  /// message.
  template <detail::not_an_amount T>
  void observe(T) noexcept {
    static_assert(detail::rejected<T, Metric>,
                  "histogram observe(): a bool or a character is not a value; give a number");
  }

 private:
  template <class>
  friend class histogram_family;
  static constexpr std::size_t bucket_count = Metric::buckets.size();
  static constexpr detail::bucket_bounds<bucket_count> bounds{Metric::buckets};
  using layout = detail::histogram_layout<bucket_count>;
  using row = detail::histogram_row<bucket_count>;
  using cell = std::atomic<std::uint64_t>;
  using series_type = detail::histogram_series<bucket_count>;
  using sum_units = detail::decimal_units<detail::sum_decimals(Metric::buckets)>;
  using address_type = detail::when_compiled_in<detail::biased_address, Metric>;

  explicit histogram(address_type address) noexcept : address_(address) {}

  series_type& series() const noexcept {
    return *reinterpret_cast<series_type*>(address_ + sizeof(row));
  }

  // A stripe's units passed 2^63 (after 2^63 ns, 292 years, of durations on one stripe): move
  // them into the series' double. The lock waits for a reader's snapshot of this series to
  // end (short, and never blocking); giving up instead could let the units wrap around 2^64.
  [[gnu::cold, gnu::noinline]] void move_units() const noexcept {
    series_type& state = series();
    const detail::flag_lock::guard hold(state.lock);
    std::atomic<std::uint64_t>& sum =
        detail::thread_copy<row, sizeof(row)>(address_).cells[layout::sum_index];
    state.outside.add(
        sum_units::value_of(static_cast<double>(sum.exchange(0, std::memory_order_relaxed))));
  }

  [[no_unique_address]] address_type address_;
};

/// A histogram family: every series of one histogram metric, with the schema's buckets
/// (`Metric::buckets`, strictly increasing; +Inf is implicit), in a dense array of rows, one
/// row per series and stripe.
///
/// The sum: each stripe counts it as an integer number of units of 10^-d, d chosen from the
/// smallest positive bucket bound b (detail::sum_decimals: d = 6 - floor(log10 b), so 1 ns
/// for a histogram of seconds starting at 0.005 s). An observation x in [0, 2^52 units) adds
/// x rounded to the nearest unit: an error of at most half a unit per observation (none for
/// values with at most d decimals, which therefore add up exactly: ten observations of 0.1
/// sum to 1, not 0.9999999999999999). Other values (negative, NaN, infinite, or 2^52 units
/// and more: 52 days at 1 ns) are added to a double as they are, with its rounding and its
/// NaN and infinity. The sum read is that double plus the units (exactly, below 2^53 units).
///
/// Thread safety: all members may be called concurrently. A snapshot holds a per-series lock
/// for its short, non-blocking reading; writers take it only to move a stripe's units after
/// 2^63 of them. With metrics
/// compiled out it holds nothing and every snapshot is empty.
template <class Metric>
class histogram_family : public detail::family_base<Metric, metric_kind::histogram> {
 public:
  using histogram_family::family_base::series_count;
  using typename histogram_family::family_base::labels_type;
  static constexpr std::size_t bucket_count = Metric::buckets.size();
  using snapshot_type = histogram_snapshot<bucket_count>;

  /// The series named by `labels`.
  histogram<Metric> operator()(const labels_type& labels) noexcept {
    return series(detail::series_index(labels));
  }
  /// The only series of a histogram without labels.
  histogram<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return series(0);
  }

  /// The current state of the series named by `labels`.
  snapshot_type snapshot(const labels_type& labels) const noexcept {
    return snapshot_at(detail::series_index(labels));
  }
  /// The current state of series number `series` (0 <= series < series_count), summed over
  /// the stripes with relaxed loads.
  snapshot_type snapshot_at([[maybe_unused]] std::size_t series) const noexcept {
    snapshot_type result;
    if constexpr (detail::compiled_in) {
      const series_type& state = series_[series];
      // Each cell summed over the stripes in a register (atomics keep the compiler from
      // holding an array in registers across their loads).
      auto total = [&state](std::size_t cell) noexcept {
        return [&]<std::size_t... Stripe>(std::index_sequence<Stripe...>) {
          return (state.rows[Stripe].cells[cell].load(std::memory_order_relaxed) + ...);
        }
        (std::make_index_sequence<detail::stripe_count>{});
      };
      const detail::flag_lock::guard hold(state.lock);
      for (std::size_t bucket = 0; bucket <= bucket_count; ++bucket) {
        result.bucket_counts[bucket] = total(bucket);
      }
      if constexpr (layout::nan_index != bucket_count) {
        result.bucket_counts[bucket_count] += total(layout::nan_index);
      }
      double units = 0;  // stripe by stripe: each is below 2^64, their sum may not be
      for (const row& stripe_row : state.rows) {
        units += static_cast<double>(
            stripe_row.cells[layout::sum_index].load(std::memory_order_relaxed));
      }
      const double outside = state.outside.load();
      result.sum = outside == 0 ? sum_units::value_of(units) : outside + sum_units::value_of(units);
    }
    return result;
  }

 private:
  using layout = typename histogram<Metric>::layout;
  using row = typename histogram<Metric>::row;
  using series_type = typename histogram<Metric>::series_type;
  using sum_units = typename histogram<Metric>::sum_units;

  histogram<Metric> series([[maybe_unused]] std::size_t index) noexcept {
    if constexpr (detail::compiled_in) {
      return histogram<Metric>(reinterpret_cast<detail::biased_address>(&series_[index].rows[0]) -
                               sizeof(row));
    } else {
      return histogram<Metric>({});
    }
  }

  [[no_unique_address]] detail::when_compiled_in<series_type[series_count], Metric> series_;
};

SCHEMETRIC_END_NAMESPACE
