// The definitions of the `labels:`, `metrics:` and `trackers:` sections, and the references
// between them: plain data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/keywords.hpp"
#include "model/tracker_kinds.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// A reference from one definition to another, written as a name in the schema. The readers
/// set `name` and `position`; `resolve` sets `target`. In a model without errors every reference
/// whose name is not empty has its target, and an empty name means "not given".
template <class Definition>
struct reference {
  std::string name;                    ///< as written; empty when not given
  source_position position;            ///< where the name is written
  const Definition* target = nullptr;  ///< the definition named, once resolved

  [[nodiscard]] bool given() const noexcept { return !name.empty(); }
  [[nodiscard]] const Definition& operator*() const noexcept { return *target; }
  [[nodiscard]] const Definition* operator->() const noexcept { return target; }
};

/// One value of a closed label set, or one state of a stateset.
struct label_value {
  std::string text;  ///< the value as exposed to Prometheus, e.g. "DELETE"
  source_position position;
};

/// A label defined once under `labels:` and referenced by metrics and trackers.
struct label_definition {
  std::string name;
  label_kind kind = label_kind::enumeration;
  /// False when the kind could not be read (only in a model with errors): later stages skip the
  /// checks that depend on it.
  bool kind_known = true;
  std::string help;  ///< empty when the schema gives none
  /// The closed set, in order: the `values` of an enum label; the templates of a route label
  /// followed by its no-match value; `1xx` to `5xx` for status classes; the codes of a status
  /// label followed by `other`. Empty for text and bounded labels.
  std::vector<label_value> values;
  std::vector<int> status_codes;  ///< status labels with `codes` only; empty for status classes
  std::size_t max_values = 0;     ///< bounded labels only
  std::string overflow_value;     ///< bounded labels only: the value later values fold into
  source_position position;       ///< of the label's key

  /// True for the labels whose values form a closed set (enum, route and status labels).
  [[nodiscard]] bool is_closed_set() const noexcept {
    return kind == label_kind::enumeration || kind == label_kind::route ||
           kind == label_kind::status;
  }
  /// True for a status label of classes (`1xx` to `5xx`), false for one of exact codes.
  [[nodiscard]] bool is_status_classes() const noexcept {
    return kind == label_kind::status && status_codes.empty();
  }
  /// The templates of a route label: every value but the last (the no-match value).
  [[nodiscard]] std::span<const label_value> route_templates() const noexcept {
    if (kind != label_kind::route || values.empty()) return {};
    return std::span<const label_value>(values).first(values.size() - 1);
  }
};

/// A metric family defined under `metrics:`.
struct metric_definition {
  std::string name;
  metric_kind kind = metric_kind::gauge;
  bool kind_known = true;  ///< false when `type` could not be read (only in a model with errors)
  std::string help;
  std::string unit;                                 ///< empty when the schema gives none
  std::vector<reference<label_definition>> labels;  ///< in the order of its `labels:` list
  /// Counters and gauges: the `value` the schema gives; see value_type().
  std::optional<metric_value> value;
  std::vector<double> buckets;    ///< histograms only; +Inf is implicit
  std::vector<double> quantiles;  ///< summaries only; strictly increasing, in [0, 1]
  double max_age_seconds = 600;   ///< summaries only: the sliding window
  std::size_t age_buckets = 5;    ///< summaries only: the window's slices
  bool callback = false;          ///< gauges only: the value is read by a callback at scrape time
  bool health = false;            ///< statesets only: states include healthy, degraded, unhealthy
  bool from_build = false;  ///< info metrics only: the library fills the labels from the build
  std::vector<label_value> states;  ///< statesets only
  /// One of the process metrics the library exports (`process_metrics: true`), not declared
  /// under `metrics:`: the C++ header declares no family, descriptor or label set for it.
  bool from_process = false;
  source_position position;         ///< of the metric's key (of `process_metrics` for the above)
  source_position health_position;  ///< of its `health` key, when given

  /// The value type of a counter or gauge: the schema's `value`, else integer for counters
  /// and float for gauges (resolve makes a tracker's in-progress gauge integer).
  [[nodiscard]] metric_value value_type() const noexcept {
    return value.value_or(kind == metric_kind::counter ? metric_value::integer
                                                       : metric_value::floating);
  }

  /// True when the metric has the label named `label_name`.
  [[nodiscard]] bool has_label(std::string_view label_name) const noexcept {
    for (const reference<label_definition>& label : labels) {
      if (label.name == label_name) return true;
    }
    return false;
  }
};

/// A scoped tracker defined under `trackers:`: the metrics one RAII object updates together.
struct tracker_definition {
  std::string name;
  tracker_kind kind = tracker_kind::http;
  bool kind_known = true;  ///< false when `kind` could not be read (only in a model with errors)
  std::string help;        ///< empty when the schema gives none
  std::vector<reference<label_definition>> labels;  ///< given when it starts, in schema order
  /// The metric of each role (indexed by `metric_role`); the duration is always given.
  std::array<reference<metric_definition>, metric_role_count> metrics;
  /// The label of each label role (indexed by `label_role`).
  std::array<reference<label_definition>, label_role_count> set_labels;
  source_position position;  ///< of the tracker's key

  [[nodiscard]] const reference<metric_definition>& metric(metric_role role) const noexcept {
    return metrics[static_cast<std::size_t>(role)];
  }
  [[nodiscard]] reference<metric_definition>& metric(metric_role role) noexcept {
    return metrics[static_cast<std::size_t>(role)];
  }
  [[nodiscard]] const reference<label_definition>& label(label_role role) const noexcept {
    return set_labels[static_cast<std::size_t>(role)];
  }
  [[nodiscard]] reference<label_definition>& label(label_role role) noexcept {
    return set_labels[static_cast<std::size_t>(role)];
  }
  /// True when `label_name` is one of the labels given when it starts.
  [[nodiscard]] bool starts_with_label(std::string_view label_name) const noexcept {
    for (const reference<label_definition>& label : labels) {
      if (label.name == label_name) return true;
    }
    return false;
  }
};

}  // namespace schemetric::codegen
