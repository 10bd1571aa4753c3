// Counters: monotonic totals, one series per combination of label values.
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/increment.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/detail/striped_cells.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

#if SCHEMETRIC_ENABLED

/// One series of a counter family: a cheap handle (one address) that may be kept and reused.
/// `Metric::value_type` is std::uint64_t (schema `value: integer`, the default) or double
/// (`value: float`).
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may
/// increment the same series at once; each increment is a relaxed atomic add on the calling
/// thread's stripe, no lock and no allocation.
template <class Metric>
class counter {
 public:
  using value_type = typename Metric::value_type;
  static_assert(std::is_same_v<value_type, std::uint64_t> || std::is_same_v<value_type, double>);

  /// Adds 1.
  void inc() noexcept { add(value_type{1}); }

  /// Adds `amount`, a non-negative integer constant (`inc(-1)` does not compile).
  void inc(detail::constant_increment amount) noexcept {
    add(static_cast<value_type>(amount.value));
  }

  /// Adds `amount`, a value of an unsigned integer type.
  template <std::unsigned_integral U>
  void inc(U amount) noexcept {
    add(static_cast<value_type>(amount));
  }

  /// Adds `amount` to a float counter. Precondition (checked in debug builds): amount >= 0.
  /// On an integer counter this does not compile: declare `value: float` in the schema.
  template <std::floating_point F>
  requires std::is_same_v<value_type, double>
  void inc(F amount) noexcept {
    SCHEMETRIC_ASSERT(amount >= 0 && "a counter increment must not be negative");
    add(static_cast<double>(amount));
  }

 private:
  template <class>
  friend class counter_family;
  using cell = std::atomic<value_type>;
  using cells = detail::striped_cells<value_type, detail::series_count<typename Metric::labels>>;

  explicit counter(detail::biased_address address) noexcept : address_(address) {}
  void add(value_type amount) noexcept {
    detail::thread_copy<cell, cells::row_bytes>(address_).fetch_add(amount,
                                                                    std::memory_order_relaxed);
  }

  detail::biased_address address_;
};

/// A counter family: every series of one counter metric of the schema, in a dense array
/// indexed by the label values (no hashing, no allocation). Generated registries hold one per
/// counter metric; call it with the metric's labels to get a series.
/// Thread safety: all members may be called concurrently. Not copyable or movable.
template <class Metric>
class counter_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  using value_type = typename Metric::value_type;
  static constexpr metric_kind kind = metric_kind::counter;
  static constexpr std::size_t series_count = detail::series_count<labels_type>;

  counter_family() = default;
  counter_family(const counter_family&) = delete;
  counter_family& operator=(const counter_family&) = delete;

  /// The series named by `labels`.
  counter<Metric> operator()(const labels_type& labels) noexcept {
    return counter<Metric>(cells_.address(detail::series_index(labels)));
  }
  /// The only series of a counter without labels.
  counter<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return counter<Metric>(cells_.address(0));
  }

  /// The current total of the series named by `labels` (sums the stripes; a concurrent
  /// increment may or may not be included).
  value_type value(const labels_type& labels) const noexcept {
    return cells_.sum(detail::series_index(labels));
  }
  /// The current total of series number `series` (0 <= series < series_count).
  value_type value_at(std::size_t series) const noexcept { return cells_.sum(series); }

 private:
  typename counter<Metric>::cells cells_;
};

#else  // SCHEMETRIC_ENABLED

template <class Metric>
class counter {
 public:
  using value_type = typename Metric::value_type;
  void inc() noexcept {}
  void inc(detail::constant_increment) noexcept {}
  template <std::unsigned_integral U>
  void inc(U) noexcept {}
  template <std::floating_point F>
  requires std::is_same_v<value_type, double>
  void inc(F) noexcept {}
};

template <class Metric>
class counter_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  using value_type = typename Metric::value_type;
  static constexpr metric_kind kind = metric_kind::counter;

  counter<Metric> operator()(const labels_type&) noexcept { return {}; }
  counter<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return {};
  }
  value_type value(const labels_type&) const noexcept { return {}; }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
