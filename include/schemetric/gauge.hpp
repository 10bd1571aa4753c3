// Gauges: values that go up and down, one series per combination of label values.
#pragma once

#include <cstddef>

#include "schemetric/config.hpp"
#include "schemetric/detail/atomic_double.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// One series of a gauge family: a cheap handle (one pointer) that may be kept and reused.
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may update
/// the same series; `set` is an atomic store, `inc`/`dec`/`add` an atomic read-modify-write
/// (a gauge is one value, so it is not striped). No lock, no allocation. With metrics
/// compiled out it is empty and every call does nothing.
template <class Metric>
class gauge {
 public:
  /// Sets the value.
  void set([[maybe_unused]] double value) noexcept {
    if constexpr (detail::compiled_in) cell_->store(value);
  }
  /// Adds `amount` (may be negative).
  void add([[maybe_unused]] double amount) noexcept {
    if constexpr (detail::compiled_in) cell_->add(amount);
  }
  /// Adds 1.
  void inc() noexcept { add(1.0); }
  /// Subtracts 1.
  void dec() noexcept { add(-1.0); }

 private:
  template <class>
  friend class gauge_family;
  using cell_pointer = detail::when_compiled_in<detail::atomic_double*, Metric>;
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

  /// The series named by `labels`.
  gauge<Metric> operator()(const labels_type& labels) noexcept {
    return series(detail::series_index(labels));
  }
  /// The only series of a gauge without labels.
  gauge<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return series(0);
  }

  /// The current value of the series named by `labels`.
  double value(const labels_type& labels) const noexcept {
    return value_at(detail::series_index(labels));
  }
  /// The current value of series number `series` (0 <= series < series_count).
  double value_at([[maybe_unused]] std::size_t series) const noexcept {
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

  [[no_unique_address]] detail::when_compiled_in<detail::atomic_double[series_count], Metric>
      values_{};
};

SCHEMETRIC_END_NAMESPACE
