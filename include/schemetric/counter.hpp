// Counters: monotonic totals, one series per combination of label values.
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "schemetric/config.hpp"
#include "schemetric/detail/amount.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/increment.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/detail/striped_cells.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// One series of a counter family: a cheap handle (one address) that may be kept and reused.
/// `Metric::value_type` is std::uint64_t (schema `value: integer`, the default) or double
/// (`value: float`).
/// Lifetime: must not outlive the registry. Thread safety: any number of threads may
/// increment the same series at once; each increment is a relaxed atomic add on the calling
/// thread's stripe, no lock and no allocation. With metrics compiled out it is empty and
/// every call does nothing.
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
  requires detail::amount<U>
  void inc(U amount) noexcept { add(static_cast<value_type>(amount)); }

  /// Adds `amount` to a float counter. Precondition (checked in debug builds): amount >= 0.
  /// On an integer counter this does not compile: declare `value: float` in the schema.
  template <std::floating_point F>
  requires std::is_same_v<value_type, double>
  void inc(F amount) noexcept {
    SCHEMETRIC_ASSERT(amount >= 0 && "a counter increment must not be negative");
    add(static_cast<double>(amount));
  }

  /// A fraction on an integer counter: rejected with a message.
  template <std::floating_point F>
  requires std::is_same_v<value_type, std::uint64_t>
  void inc(F) noexcept {
    static_assert(detail::rejected<F, Metric>,
                  "counter inc(): this counter counts integers (schema `value: integer`, the "
                  "default): give it an unsigned integer, or declare `value: float` in the schema");
  }

  /// bool and characters are not amounts (`inc(true)` would add 1): rejected with a message.
  template <detail::not_an_amount T>
  void inc(T) noexcept {
    static_assert(detail::rejected<T, Metric>,
                  "counter inc(): a bool or a character is not an amount; call inc() to add 1, or "
                  "give an unsigned integer");
  }

 private:
  template <class>
  friend class counter_family;
  using cell = std::atomic<value_type>;
  using cells = detail::striped_cells<value_type, detail::series_count<typename Metric::labels>>;
  using address_type = detail::when_compiled_in<detail::biased_address, Metric>;

  explicit counter(address_type address) noexcept : address_(address) {}
  void add([[maybe_unused]] value_type amount) noexcept {
    if constexpr (detail::compiled_in) {
      detail::thread_copy<cell, cells::row_bytes>(address_).fetch_add(amount,
                                                                      std::memory_order_relaxed);
    }
  }

  [[no_unique_address]] address_type address_;
};

/// A counter family: every series of one counter metric of the schema, in a dense array
/// indexed by the label values (no hashing, no allocation). Generated registries hold one per
/// counter metric; call it with the metric's labels to get a series.
/// Thread safety: all members may be called concurrently. With metrics compiled out it holds
/// nothing and every value reads 0.
template <class Metric>
class counter_family : public detail::family_base<Metric, metric_kind::counter> {
 public:
  using typename counter_family::family_base::labels_type;
  using value_type = typename Metric::value_type;

  /// The series named by `labels`.
  counter<Metric> operator()(const labels_type& labels) noexcept {
    return series(detail::series_index(labels));
  }
  /// The only series of a counter without labels.
  counter<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return series(0);
  }

  /// The current total of the series named by `labels` (sums the stripes; a concurrent
  /// increment may or may not be included).
  value_type value(const labels_type& labels) const noexcept {
    return value_at(detail::series_index(labels));
  }
  /// The current total of series number `series` (0 <= series < series_count).
  value_type value_at([[maybe_unused]] std::size_t series) const noexcept {
    if constexpr (detail::compiled_in) {
      return cells_.sum(series);
    } else {
      return {};
    }
  }

 private:
  counter<Metric> series([[maybe_unused]] std::size_t index) noexcept {
    if constexpr (detail::compiled_in) {
      return counter<Metric>(cells_.address(index));
    } else {
      return counter<Metric>({});
    }
  }

  [[no_unique_address]] detail::when_compiled_in<typename counter<Metric>::cells, Metric> cells_;
};

SCHEMETRIC_END_NAMESPACE
