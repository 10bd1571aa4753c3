// Statesets: for each series, which one of a closed set of states is active.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "schemetric/config.hpp"
#include "schemetric/detail/label_set.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

#if SCHEMETRIC_ENABLED

/// One series of a stateset family. Exactly one state is active; before the first `set` it
/// is the first state the schema lists. Lifetime: must not outlive the registry.
/// Thread safety: `set` is an atomic store; the last one wins.
template <class Metric>
class stateset {
 public:
  using state_type = typename Metric::state;

  /// Makes `state` the active state.
  void set(state_type state) noexcept {
    cell_->store(static_cast<std::uint16_t>(state), std::memory_order_relaxed);
  }

 private:
  template <class>
  friend class stateset_family;
  explicit stateset(std::atomic<std::uint16_t>* cell) noexcept : cell_(cell) {}
  std::atomic<std::uint16_t>* cell_;
};

/// A stateset family: one active state (`Metric::state`, a generated enum) per combination
/// of label values. Exposed as a stateset in OpenMetrics and as a gauge per state (1 for the
/// active one, 0 otherwise) in the Prometheus text format.
/// Thread safety: all members may be called concurrently. Not copyable or movable.
template <class Metric>
class stateset_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  using state_type = typename Metric::state;
  static constexpr metric_kind kind = metric_kind::stateset;
  static constexpr std::size_t series_count = detail::series_count<labels_type>;
  static constexpr std::size_t state_count = label_cardinality<state_type>;

  stateset_family() = default;
  stateset_family(const stateset_family&) = delete;
  stateset_family& operator=(const stateset_family&) = delete;

  /// The series named by `labels`.
  stateset<Metric> operator()(const labels_type& labels) noexcept {
    return stateset<Metric>(&states_[detail::series_index(labels)]);
  }
  /// The only series of a stateset without labels.
  stateset<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return stateset<Metric>(&states_[0]);
  }

  /// The active state of the series named by `labels`.
  state_type state(const labels_type& labels) const noexcept {
    return state_at(detail::series_index(labels));
  }
  /// The active state of series number `series` (0 <= series < series_count).
  state_type state_at(std::size_t series) const noexcept {
    return static_cast<state_type>(states_[series].load(std::memory_order_relaxed));
  }

 private:
  std::atomic<std::uint16_t> states_[series_count]{};
};

#else  // SCHEMETRIC_ENABLED

template <class Metric>
class stateset {
 public:
  using state_type = typename Metric::state;
  void set(state_type) noexcept {}
};

template <class Metric>
class stateset_family {
 public:
  using metric = Metric;
  using labels_type = typename Metric::labels;
  using state_type = typename Metric::state;
  static constexpr metric_kind kind = metric_kind::stateset;

  stateset<Metric> operator()(const labels_type&) noexcept { return {}; }
  stateset<Metric> operator()() noexcept requires(detail::label_count<labels_type> == 0) {
    return {};
  }
  state_type state(const labels_type&) const noexcept { return {}; }
};

#endif  // SCHEMETRIC_ENABLED

SCHEMETRIC_END_NAMESPACE
