// Histograms: observations counted in the schema's buckets, with their sum.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "schemetric/config.hpp"
#include "schemetric/detail/atomic_double.hpp"
#include "schemetric/detail/bucket_search.hpp"
#include "schemetric/detail/family.hpp"
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
/// One stripe's copy of a histogram series: its bucket counts (not cumulative, +Inf last)
/// and its sum, on cache lines of their own.
template <std::size_t BucketCount>
struct alignas(cache_line_bytes) histogram_row {
  std::atomic<std::uint64_t> buckets[BucketCount + 1]{};
  atomic_double sum;
};
}  // namespace detail

/// One series of a histogram family: a cheap handle (one address) that may be kept.
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may observe
/// into the same series; an observation is a bucket search without branches, a relaxed
/// atomic add to a bucket of the calling thread's stripe and an atomic add to its sum.
/// A reader may see an observation's bucket before its sum (no lock ties them together).
/// With metrics compiled out it is empty and every call does nothing.
template <class Metric>
class histogram {
 public:
  /// Counts `value` in the first bucket whose bound is >= value (+Inf for larger values and
  /// NaN) and adds it to the sum.
  void observe([[maybe_unused]] double value) noexcept {
    if constexpr (detail::compiled_in) {
      row& stripe_row = detail::thread_copy<row, sizeof(row)>(address_);
      stripe_row.buckets[bounds.index_of(value)].fetch_add(1, std::memory_order_relaxed);
      stripe_row.sum.add(value);
    }
  }

 private:
  template <class>
  friend class histogram_family;
  static constexpr std::size_t bucket_count = Metric::buckets.size();
  static constexpr detail::bucket_bounds<bucket_count> bounds{Metric::buckets};
  using row = detail::histogram_row<bucket_count>;
  using address_type = detail::when_compiled_in<detail::biased_address, Metric>;

  explicit histogram(address_type address) noexcept : address_(address) {}

  [[no_unique_address]] address_type address_;
};

/// A histogram family: every series of one histogram metric, with the schema's buckets
/// (`Metric::buckets`, strictly increasing; +Inf is implicit), in a dense array of rows, one
/// row per series and stripe.
/// Thread safety: all members may be called concurrently. With metrics compiled out it holds
/// nothing and every snapshot is empty.
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
      for (std::size_t stripe = 0; stripe < detail::stripe_count; ++stripe) {
        const row& stripe_row = rows_[series * detail::stripe_count + stripe];
        for (std::size_t bucket = 0; bucket <= bucket_count; ++bucket) {
          result.bucket_counts[bucket] +=
              stripe_row.buckets[bucket].load(std::memory_order_relaxed);
        }
        result.sum += stripe_row.sum.load();
      }
    }
    return result;
  }

 private:
  using row = detail::histogram_row<bucket_count>;

  histogram<Metric> series([[maybe_unused]] std::size_t index) noexcept {
    if constexpr (detail::compiled_in) {
      return histogram<Metric>(
          reinterpret_cast<detail::biased_address>(&rows_[index * detail::stripe_count]) -
          sizeof(row));
    } else {
      return histogram<Metric>({});
    }
  }

  [[no_unique_address]] detail::when_compiled_in<row[series_count * detail::stripe_count], Metric>
      rows_;
};

SCHEMETRIC_END_NAMESPACE
