// Callback gauges: values read at scrape time from the application (pool sizes, queue depths).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

#if SCHEMETRIC_ENABLED

/// A gauge family (schema `callback: true`) whose values a callback sets when the registry
/// is scraped, e.g. a DB pool's connections by state:
/// ```
/// reg.db_pool_connections.on_scrape([&pool](auto& set) {
///   set({.state = example::pool_state::idle}, pool.idle());
///   set({.state = example::pool_state::in_use}, pool.in_use());
/// });
/// ```
/// A series the callback does not set keeps its last value (0 at first). The callback runs
/// on the scraping thread, once per scrape, under the family's mutex; it must not scrape
/// the registry itself. An exception it throws propagates out of the scrape.
/// Lifetime: whatever the callback captures must outlive the registry's scrapes (or be
/// replaced with `on_scrape(nullptr)` first). Thread safety: `on_scrape` and the scrape may
/// run concurrently. Not copyable or movable.
template <class Metric>
class callback_gauge_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  static constexpr metric_kind kind = metric_kind::gauge;
  static constexpr std::size_t series_count = detail::series_count<labels_type>;

  /// What the callback receives: call it with labels and a value to set a series.
  class setter {
   public:
    void operator()(const labels_type& labels, double value) const noexcept {
      family_.values_[detail::series_index(labels)].store(value, std::memory_order_relaxed);
    }
    void operator()(double value) const noexcept requires(detail::label_count<labels_type> == 0) {
      family_.values_[0].store(value, std::memory_order_relaxed);
    }

   private:
    friend class callback_gauge_family;
    explicit setter(const callback_gauge_family& family) noexcept : family_(family) {}
    const callback_gauge_family& family_;
  };

  callback_gauge_family() = default;
  callback_gauge_family(const callback_gauge_family&) = delete;
  callback_gauge_family& operator=(const callback_gauge_family&) = delete;

  /// Installs the callback, replacing any earlier one; nullptr removes it. May allocate.
  void on_scrape(std::function<void(const setter&)> callback) {
    const std::lock_guard lock(mutex_);
    callback_ = std::move(callback);
  }

  /// Runs the callback (the exposition calls this before reading the values).
  void collect() const {
    const std::lock_guard lock(mutex_);
    if (callback_) callback_(setter(*this));
  }

  /// The value of the series named by `labels` as last set.
  double value(const labels_type& labels) const noexcept {
    return value_at(detail::series_index(labels));
  }
  /// The value of series number `series` (0 <= series < series_count) as last set.
  double value_at(std::size_t series) const noexcept {
    return values_[series].load(std::memory_order_relaxed);
  }

 private:
  mutable std::mutex mutex_;
  std::function<void(const setter&)> callback_;
  mutable std::atomic<double> values_[series_count]{};
};

#else  // SCHEMETRIC_ENABLED

template <class Metric>
class callback_gauge_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  static constexpr metric_kind kind = metric_kind::gauge;
  class setter {
   public:
    void operator()(const labels_type&, double) const noexcept {}
  };
  template <class Callback>
  void on_scrape(Callback&&) noexcept {}
  double value(const labels_type&) const noexcept { return 0; }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
