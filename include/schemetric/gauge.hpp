// Gauges: values that go up and down, one series per combination of label values.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/amount.hpp"
#include "schemetric/detail/atomic_double.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {
/// The value type of a gauge: `Metric::value_type` when the descriptor declares one
/// (std::int64_t for schema `value: integer`), else double.
template <class Metric>
struct gauge_value {
  using type = double;
};
template <class Metric>
requires requires {
  typename Metric::value_type;
}
struct gauge_value<Metric> {
  using type = typename Metric::value_type;
};

/// The cell of a gauge series: a double, added to by a compare-exchange loop, or an integer,
/// added to by one atomic add.
template <class T>
class gauge_cell : public atomic_double {};
template <>
class gauge_cell<std::int64_t> {
 public:
  std::int64_t load() const noexcept { return value_.load(std::memory_order_relaxed); }
  void store(std::int64_t value) noexcept { value_.store(value, std::memory_order_relaxed); }
  void add(std::int64_t amount) noexcept { value_.fetch_add(amount, std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};
}  // namespace detail

/// One series of a gauge family: a cheap handle (one pointer) that may be kept and reused.
/// `value_type` is double, or std::int64_t for a gauge the schema declares `value: integer`
/// (by default the in-progress gauges of trackers), whose updates are one atomic add and
/// which takes integers only.
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may update
/// the same series; `set` is an atomic store, `inc`/`dec`/`add` an atomic read-modify-write
/// (a gauge is one value, so it is not striped). No lock, no allocation. With metrics
/// compiled out it is empty and every call does nothing.
template <class Metric>
class gauge {
 public:
  using value_type = typename detail::gauge_value<Metric>::type;
  static_assert(std::is_same_v<value_type, double> || std::is_same_v<value_type, std::int64_t>);

  /// Sets the value.
  template <class T>
  requires std::is_arithmetic_v<T>
  void set([[maybe_unused]] T value) noexcept {
    static_assert(detail::amount<T> || detail::rejected<T, Metric>,
                  "gauge set(): a bool or a character is not a value; give a number");
    check_type<T>();
    if constexpr (detail::compiled_in) cell_->store(static_cast<value_type>(value));
  }
  /// Adds `amount` (may be negative).
  template <class T>
  requires std::is_arithmetic_v<T>
  void add([[maybe_unused]] T amount) noexcept {
    static_assert(detail::amount<T> || detail::rejected<T, Metric>,
                  "gauge add(): a bool or a character is not an amount; give a number");
    check_type<T>();
    if constexpr (detail::compiled_in) cell_->add(static_cast<value_type>(amount));
  }
  /// Adds 1.
  void inc() noexcept { add(value_type{1}); }
  /// Subtracts 1.
  void dec() noexcept { add(value_type{-1}); }

 private:
  template <class>
  friend class gauge_family;
  using cell_pointer = detail::when_compiled_in<detail::gauge_cell<value_type>*, Metric>;

  template <class T>
  static constexpr void check_type() noexcept {
    static_assert(std::is_same_v<value_type, double> || std::is_integral_v<T>,
                  "this gauge holds integers (schema `value: integer`): give it an integer, or "
                  "declare `value: float` in the schema");
  }

  explicit gauge(cell_pointer cell) noexcept : cell_(cell) {}
  [[no_unique_address]] cell_pointer cell_;
};

/// A gauge family: every series of one gauge metric, in a dense array indexed by the label
/// values. Thread safety: all members may be called concurrently. With metrics compiled out
/// it holds nothing and every value reads 0.
template <class Metric>
class gauge_family : public detail::family_base<Metric, metric_kind::gauge> {
 public:
  using gauge_family::family_base::series_count;
  using typename gauge_family::family_base::labels_type;
  using value_type = typename gauge<Metric>::value_type;

  /// The series named by `labels`.
  gauge<Metric> operator()(const labels_type& labels) noexcept {
    return series(detail::series_index(labels));
  }
  /// The only series of a gauge without labels.
  gauge<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return series(0);
  }

  /// The current value of the series named by `labels`.
  value_type value(const labels_type& labels) const noexcept {
    return value_at(detail::series_index(labels));
  }
  /// The current value of series number `series` (0 <= series < series_count).
  value_type value_at([[maybe_unused]] std::size_t series) const noexcept {
    if constexpr (detail::compiled_in) {
      return values_[series].load();
    } else {
      return 0;
    }
  }

 private:
  gauge<Metric> series([[maybe_unused]] std::size_t index) noexcept {
    if constexpr (detail::compiled_in) {
      return gauge<Metric>(&values_[index]);
    } else {
      return gauge<Metric>({});
    }
  }

  [[no_unique_address]] detail::when_compiled_in<detail::gauge_cell<value_type>[series_count],
                                                 Metric>
      values_ {
      };
};

SCHEMETRIC_END_NAMESPACE
