// The validated model of a schema file (format version 1): plain data, produced by the parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"

namespace schemetric::codegen {

/// How a label's values are known.
enum class label_kind {
  enumeration,  ///< a closed set declared in the schema (`kind: enum`, the default)
  text,         ///< a free string set at run time (`kind: text`, info metrics only)
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
  std::string help;                 ///< empty when the schema gives none
  std::vector<label_value> values;  ///< empty for text labels
  source_position position;         ///< of the label's key
};

enum class metric_type { counter, gauge, histogram, info, stateset };

/// The C++ value type of a counter.
enum class counter_value { integer, floating };

/// A metric family defined under `metrics:`.
struct metric_definition {
  std::string name;
  metric_type type = metric_type::gauge;
  std::string help;
  std::string unit;                              ///< empty when the schema gives none
  std::vector<std::string> label_names;          ///< in the order of the metric's `labels:` list
  counter_value value = counter_value::integer;  ///< counters only
  std::vector<double> buckets;                   ///< histograms only; +Inf is implicit
  std::vector<label_value> states;               ///< statesets only
  source_position position;                      ///< of the metric's key
};

/// A whole schema file. Every cross reference is resolved and valid.
struct schema {
  int format_version = 1;
  std::string name;
  std::string help;
  std::vector<label_definition> labels;    ///< in schema order
  std::vector<metric_definition> metrics;  ///< in schema order, never empty

  /// The label named `name`, or nullptr.
  [[nodiscard]] const label_definition* find_label(std::string_view label_name) const noexcept {
    for (const label_definition& label : labels) {
      if (label.name == label_name) return &label;
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
    case metric_type::info:
      return "info";
    case metric_type::stateset:
      return "stateset";
  }
  return "gauge";
}

}  // namespace schemetric::codegen
