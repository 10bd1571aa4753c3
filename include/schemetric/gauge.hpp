// Gauges: values that go up and down, one series per combination of label values.
#pragma once

#include <cstddef>

#include "schemetric/config.hpp"
#include "schemetric/detail/atomic_double.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

#if SCHEMETRIC_ENABLED

/// One series of a gauge family: a cheap handle (one pointer) that may be kept and reused.
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may update
/// the same series; `set` is an atomic store, `inc`/`dec`/`add` an atomic read-modify-write
/// (a gauge is one value, so it is not striped). No lock, no allocation.
template <class Metric>
class gauge {
 public:
  /// Sets the value.
  void set(double value) noexcept { cell_->store(value); }
  /// Adds `amount` (may be negative).
  void add(double amount) noexcept { cell_->add(amount); }
  /// Adds 1.
  void inc() noexcept { add(1.0); }
  /// Subtracts 1.
  void dec() noexcept { add(-1.0); }

 private:
  template <class>
  friend class gauge_family;
  explicit gauge(detail::atomic_double* cell) noexcept : cell_(cell) {}
  detail::atomic_double* cell_;
};

/// A gauge family: every series of one gauge metric, in a dense array indexed by the label
/// values. Thread safety: all members may be called concurrently. Not copyable or movable.
template <class Metric>
class gauge_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  static constexpr metric_kind kind = metric_kind::gauge;
  static constexpr std::size_t series_count = detail::series_count<labels_type>;

  gauge_family() = default;
  gauge_family(const gauge_family&) = delete;
  gauge_family& operator=(const gauge_family&) = delete;

  /// The series named by `labels`.
  gauge<Metric> operator()(const labels_type& labels) noexcept {
    return gauge<Metric>(&values_[detail::series_index(labels)]);
  }
  /// The only series of a gauge without labels.
  gauge<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return gauge<Metric>(&values_[0]);
  }

  /// The current value of the series named by `labels`.
  double value(const labels_type& labels) const noexcept {
    return value_at(detail::series_index(labels));
  }
  /// The current value of series number `series` (0 <= series < series_count).
  double value_at(std::size_t series) const noexcept { return values_[series].load(); }

 private:
  detail::atomic_double values_[series_count]{};
};

#else  // SCHEMETRIC_ENABLED

template <class Metric>
class gauge {
 public:
  void set(double) noexcept {}
  void add(double) noexcept {}
  void inc() noexcept {}
  void dec() noexcept {}
};

template <class Metric>
class gauge_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  static constexpr metric_kind kind = metric_kind::gauge;

  gauge<Metric> operator()(const labels_type&) noexcept { return {}; }
  gauge<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) { return {}; }
  double value(const labels_type&) const noexcept { return 0; }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
