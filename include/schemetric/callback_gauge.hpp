// Callback gauges: values read at scrape time from the application (pool sizes, queue depths).
#pragma once

#include <atomic>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "schemetric/config.hpp"
#include "schemetric/detail/callback.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/flag_lock.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

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
/// run concurrently. With metrics compiled out it holds nothing and `on_scrape` keeps nothing.
template <class Metric>
class callback_gauge_family : public detail::family_base<Metric, metric_kind::gauge> {
 public:
  using callback_gauge_family::family_base::series_count;
  using typename callback_gauge_family::family_base::labels_type;

  /// What the callback receives: call it with labels and a value to set a series.
  class setter {
   public:
    void operator()(const labels_type& labels, double value) const noexcept {
      set(detail::series_index(labels), value);
    }
    void operator()(double value) const noexcept requires(detail::label_count<labels_type> == 0) {
      set(0, value);
    }

   private:
    friend class callback_gauge_family;
    explicit setter(const callback_gauge_family& family) noexcept : family_(family) {}
    void set([[maybe_unused]] std::size_t series, [[maybe_unused]] double value) const noexcept {
      if constexpr (detail::compiled_in) {
        family_.state_.values[series].store(value, std::memory_order_relaxed);
      }
    }
    const callback_gauge_family& family_;
  };

  /// Installs `callback` (callable with a `const setter&`), replacing any earlier one;
  /// nullptr removes it. May allocate.
  template <class Callback>
  requires std::is_constructible_v<detail::callback<setter>, Callback>
  void on_scrape([[maybe_unused]] Callback&& callback) {
    if constexpr (detail::compiled_in) {
      detail::callback<setter> replacement(std::forward<Callback>(callback));
      const detail::flag_lock::guard hold(state_.lock);
      state_.callback = std::move(replacement);
    }
  }

  /// Runs the callback (the exposition calls this before reading the values).
  void collect() const {
    if constexpr (detail::compiled_in) {
      const detail::flag_lock::guard hold(state_.lock);
      if (state_.callback) state_.callback(setter(*this));
    }
  }

  /// The value of the series named by `labels` as last set.
  double value(const labels_type& labels) const noexcept {
    return value_at(detail::series_index(labels));
  }
  /// The value of series number `series` (0 <= series < series_count) as last set.
  double value_at([[maybe_unused]] std::size_t series) const noexcept {
    if constexpr (detail::compiled_in) {
      return state_.values[series].load(std::memory_order_relaxed);
    } else {
      return 0;
    }
  }

 private:
  struct state {
    detail::flag_lock lock;
    detail::callback<setter> callback;
    std::atomic<double> values[series_count]{};
  };
  [[no_unique_address]] mutable detail::when_compiled_in<state, Metric> state_;
};

SCHEMETRIC_END_NAMESPACE
