// The validated model of a schema file (format version 1): plain data, produced by the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"

namespace schemetric::codegen {

/// How a label's values are known.
enum class label_kind {
  enumeration,  ///< a closed set declared in the schema (`kind: enum`, the default)
  text,         ///< a free string set at run time (`kind: text`, info metrics only)
  route,        ///< HTTP route templates plus one no-match value (`kind: route`)
  status,       ///< HTTP status classes, or exact codes plus `other` (`kind: status`)
  bounded,      ///< values known at run time, at most `max_values` of them (`kind: bounded`)
};

/// One value of a closed label set, or one state of a stateset.
struct label_value {
  std::string text;        ///< the value as exposed to Prometheus, e.g. "DELETE"
  std::string identifier;  ///< its C++ enumerator spelling, e.g. "delete_"
  source_position position;
};

/// A label defined once under `labels:` and referenced by metrics.
struct label_definition {
  std::string name;
  label_kind kind = label_kind::enumeration;
  std::string help;  ///< empty when the schema gives none
  /// The closed set the label's enum lists, in enumerator order: the `values` of an enum label;
  /// the templates of a route label followed by its no-match value; `1xx` to `5xx` for status
  /// classes; the codes of a status label followed by `other`. Empty for text and bounded labels.
  std::vector<label_value> values;
  std::vector<int> status_codes;  ///< status labels with `codes` only; empty for status classes
  std::size_t max_values = 0;     ///< bounded labels only
  std::string overflow_value;     ///< bounded labels only: the value later values fold into
  source_position position;       ///< of the label's key

  /// True for the labels whose values form a C++ enum (enum, route and status labels).
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

enum class metric_type { counter, gauge, histogram, summary, info, stateset };

/// The C++ value type of a counter.
enum class counter_value { integer, floating };

/// A metric family defined under `metrics:`.
struct metric_definition {
  std::string name;
  metric_type type = metric_type::gauge;
  std::string help;
  std::string unit;                              ///< empty when the schema gives none
  std::vector<std::string> label_names;          ///< in the order of the metric's `labels:` list
  std::vector<source_position> label_positions;  ///< of each entry of `label_names`
  counter_value value = counter_value::integer;  ///< counters only
  std::vector<double> buckets;                   ///< histograms only; +Inf is implicit
  std::vector<double> quantiles;                 ///< summaries only; strictly increasing, in (0, 1)
  double max_age_seconds = 600;                  ///< summaries only: the sliding window
  std::size_t age_buckets = 5;                   ///< summaries only: the window's slices
  bool callback = false;    ///< gauges only: the value is read by a callback at scrape time
  bool health = false;      ///< statesets only: states include healthy, degraded, unhealthy
  bool from_build = false;  ///< info metrics only: the library fills the labels from the build
  std::vector<label_value> states;  ///< statesets only
  source_position position;         ///< of the metric's key

  /// True when `label_names` lists `label_name`.
  [[nodiscard]] bool has_label(std::string_view label_name) const noexcept {
    for (const std::string& name : label_names) {
      if (name == label_name) return true;
    }
    return false;
  }
};

/// What a scoped tracker measures; decides which roles and outcome labels it may have.
enum class tracker_kind { http, db, ai, cache, integration, mcp };

/// A scoped tracker defined under `trackers:`: the metrics one RAII object updates together.
/// Every metric reference names an existing metric of the right type; empty when not given.
struct tracker_definition {
  std::string name;
  tracker_kind kind = tracker_kind::http;
  std::string help;                      ///< empty when the schema gives none
  std::vector<std::string> label_names;  ///< given when the tracker starts, in schema order
  std::string duration;                  ///< a histogram; always given
  std::string count;                     ///< a counter
  std::string in_progress;               ///< a gauge (not a callback gauge)
  std::string errors;                    ///< a counter
  std::string request_size;              ///< a histogram (http only)
  std::string response_size;             ///< a histogram (http only)
  std::string tokens;                    ///< a counter (ai only)
  std::string outcome_label;             ///< set when the tracker ends; required with `count`
  std::string error_label;               ///< required with `errors`
  std::string token_label;               ///< required with `tokens`
  source_position position;              ///< of the tracker's key
};

/// A whole schema file. Every cross reference is resolved and valid.
struct schema {
  int format_version = 1;
  std::string name;
  std::string help;
  std::optional<std::uint64_t> max_series;   ///< the cardinality budget, when the schema gives one
  std::vector<label_definition> labels;      ///< in schema order
  std::vector<metric_definition> metrics;    ///< in schema order, never empty
  std::vector<tracker_definition> trackers;  ///< in schema order

  /// The label named `name`, or nullptr.
  [[nodiscard]] const label_definition* find_label(std::string_view label_name) const noexcept {
    for (const label_definition& label : labels) {
      if (label.name == label_name) return &label;
    }
    return nullptr;
  }

  /// The metric named `name`, or nullptr.
  [[nodiscard]] const metric_definition* find_metric(std::string_view metric_name) const noexcept {
    for (const metric_definition& metric : metrics) {
      if (metric.name == metric_name) return &metric;
    }
    return nullptr;
  }
};

/// The schema keyword of a metric type ("counter", ...).
[[nodiscard]] constexpr std::string_view to_string(metric_type type) noexcept {
  switch (type) {
    case metric_type::counter:
      return "counter";
    case metric_type::gauge:
      return "gauge";
    case metric_type::histogram:
      return "histogram";
    case metric_type::summary:
      return "summary";
    case metric_type::info:
      return "info";
    case metric_type::stateset:
      return "stateset";
  }
  return "gauge";
}

/// The schema keyword of a label kind ("enum", ...).
[[nodiscard]] constexpr std::string_view to_string(label_kind kind) noexcept {
  switch (kind) {
    case label_kind::enumeration:
      return "enum";
    case label_kind::text:
      return "text";
    case label_kind::route:
      return "route";
    case label_kind::status:
      return "status";
    case label_kind::bounded:
      return "bounded";
  }
  return "enum";
}

/// The schema keyword of a tracker kind ("http", ...), also its `schemetric::tracker_kind`
/// enumerator.
[[nodiscard]] constexpr std::string_view to_string(tracker_kind kind) noexcept {
  switch (kind) {
    case tracker_kind::http:
      return "http";
    case tracker_kind::db:
      return "db";
    case tracker_kind::ai:
      return "ai";
    case tracker_kind::cache:
      return "cache";
    case tracker_kind::integration:
      return "integration";
    case tracker_kind::mcp:
      return "mcp";
  }
  return "http";
}

}  // namespace schemetric::codegen
