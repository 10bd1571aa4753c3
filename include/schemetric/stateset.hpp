// Statesets: for each series, which one of a closed set of states is active.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "schemetric/config.hpp"
#include "schemetric/detail/family.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// One series of a stateset family. Exactly one state is active; before the first `set` it
/// is the first state the schema lists. Lifetime: must not outlive the registry.
/// Thread safety: `set` is an atomic store; the last one wins. With metrics compiled out it is
/// empty and `set` does nothing.
template <class Metric>
class stateset {
 public:
  using state_type = typename Metric::state;

  /// Makes `state` the active state.
  void set([[maybe_unused]] state_type state) noexcept {
    if constexpr (detail::compiled_in) {
      cell_->store(static_cast<std::uint16_t>(state), std::memory_order_relaxed);
    }
  }

 private:
  template <class>
  friend class stateset_family;
  using cell_pointer = detail::when_compiled_in<std::atomic<std::uint16_t>*, Metric>;
  explicit stateset(cell_pointer cell) noexcept : cell_(cell) {}
  [[no_unique_address]] cell_pointer cell_;
};

/// A stateset family: one active state (`Metric::state`, a generated enum) per combination
/// of label values. Exposed as a stateset in OpenMetrics and as a gauge per state (1 for the
/// active one, 0 otherwise) in the Prometheus text format.
/// Thread safety: all members may be called concurrently. With metrics compiled out it holds
/// nothing and every series reads its first state.
template <class Metric>
class stateset_family : public detail::family_base<Metric, metric_kind::stateset> {
 public:
  using stateset_family::family_base::series_count;
  using typename stateset_family::family_base::labels_type;
  using state_type = typename Metric::state;
  static constexpr std::size_t state_count = label_cardinality<state_type>;

  /// The series named by `labels`.
  stateset<Metric> operator()(const labels_type& labels) noexcept {
    return series(detail::series_index(labels));
  }
  /// The only series of a stateset without labels.
  stateset<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return series(0);
  }

  /// The active state of the series named by `labels`.
  state_type state(const labels_type& labels) const noexcept {
    return state_at(detail::series_index(labels));
  }
  /// The active state of series number `series` (0 <= series < series_count).
  state_type state_at([[maybe_unused]] std::size_t series) const noexcept {
    if constexpr (detail::compiled_in) {
      return static_cast<state_type>(states_[series].load(std::memory_order_relaxed));
    } else {
      return {};
    }
  }

 private:
  stateset<Metric> series([[maybe_unused]] std::size_t index) noexcept {
    if constexpr (detail::compiled_in) {
      return stateset<Metric>(&states_[index]);
    } else {
      return stateset<Metric>({});
    }
  }

  [[no_unique_address]] detail::when_compiled_in<std::atomic<std::uint16_t>[series_count], Metric>
      states_ {
      };
};

SCHEMETRIC_END_NAMESPACE
