// The reader of each top-level section of a schema (internal to schema/): each reads its own
// section into the model and checks what can be checked without the other sections.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"
#include "yaml/reader.hpp"

namespace schemetric::codegen {

/// `labels:` (schema/labels.cpp).
void read_labels(yaml::node_reader& reader, const yaml::entry& section, schema& model);

/// `metrics:` (schema/metrics.cpp).
void read_metrics(yaml::node_reader& reader, const yaml::entry& section, schema& model);

/// `trackers:` (schema/trackers.cpp).
void read_trackers(yaml::node_reader& reader, const yaml::entry& section, schema& model);

/// `alerts:` (schema/alerts.cpp).
void read_alerts(yaml::node_reader& reader, const yaml::entry& section, schema& model);

/// `slos:` (schema/slos.cpp).
void read_slos(yaml::node_reader& reader, const yaml::entry& section, schema& model);

/// `dashboard:` (schema/dashboard.cpp).
void read_dashboard(yaml::node_reader& reader, const yaml::entry& section, schema& model);

/// A series selection, `{metric: NAME, match: {label: value or [values]}}`, unresolved; `owner`
/// names the alert or SLO. `extra_keys` are further keys the mapping may have (`quantile`,
/// `state`, ...): their entries go to `extras` (schema/selections.cpp).
[[nodiscard]] series_selection read_selection(yaml::node_reader& reader, const yaml::entry& entry,
                                              std::string_view owner,
                                              std::span<const std::string_view> extra_keys = {},
                                              yaml::entry_map* extras = nullptr);

/// A finite number; `expected` completes "'KEY' of OWNER must be ..." (schema/selections.cpp).
[[nodiscard]] std::optional<double> read_number(yaml::node_reader& reader, const yaml::entry& entry,
                                                std::string_view owner, std::string_view expected);

/// A `min_rate:`: events per second, greater than 0 (schema/selections.cpp).
[[nodiscard]] std::optional<double> read_min_rate(yaml::node_reader& reader,
                                                  const yaml::entry& entry, std::string_view owner);

/// The `tests:` of a raw `expr` alert (schema/alert_tests.cpp).
[[nodiscard]] std::vector<raw_test> read_raw_tests(yaml::node_reader& reader,
                                                   const yaml::entry& entry,
                                                   std::string_view owner);

/// A closed set of strings: the `values` of a label, the `states` of a stateset. `noun` is
/// "value" or "state", `owner` names the label or stateset. Empty, duplicate and non-string
/// entries are reported and left out.
[[nodiscard]] std::vector<label_value> read_values(yaml::node_reader& reader,
                                                   const yaml::entry& entry, std::string_view noun,
                                                   std::string_view owner);

/// The label names of a metric's or tracker's `labels:` list, unresolved. Entries that are not
/// names and repeated names are reported and left out. `owner_kind` is "metric" or "tracker".
[[nodiscard]] std::vector<reference<label_definition>> read_label_list(yaml::node_reader& reader,
                                                                       const yaml::entry& entry,
                                                                       std::string_view owner_kind,
                                                                       std::string_view owner_name);

/// Reports `name` at `position` when it is longer than limits::name_bytes (quoting only its
/// start); `what` is "metric name", "unit", .... True when the length is within the limit.
bool check_name_length(yaml::node_reader& reader, std::string_view name, source_position position,
                       std::string_view what);

/// Reports `name` at `position` unless it matches [a-z][a-z0-9_]*, suggesting the lowercase
/// spelling, or is too long (check_name_length); `what` is "metric name", "label name", ....
/// True when the name is valid.
bool check_name_charset(yaml::node_reader& reader, std::string_view name, source_position position,
                        std::string_view what);

/// The unit of `metric`, checked to be a base unit (schema/metric_names.cpp); nothing after
/// reporting a problem.
[[nodiscard]] std::optional<std::string> read_unit(yaml::node_reader& reader,
                                                   const yaml::entry& entry,
                                                   std::string_view metric_name);

/// Prometheus' naming rules for a metric's name: the charset, `_total` for counters and only for
/// them, `_info` for info metrics, no suffix of a derived series, the unit as a suffix. The
/// rules that depend on the type are skipped when it is not known (schema/metric_names.cpp).
void check_metric_name(yaml::node_reader& reader, const metric_definition& metric);

/// The OpenMetrics family a metric is exposed as: a counter's name without `_total`, an info
/// metric's without `_info`, else the name (schema/metric_names.cpp).
[[nodiscard]] std::string_view openmetrics_family(std::string_view name, metric_kind kind);

/// Reports metrics exposed as the same OpenMetrics family (`x_total` and `x`).
void check_family_names(yaml::node_reader& reader, const schema& model);

/// `process_metrics:` (schema/process_metrics.cpp).
void read_process_metrics(yaml::node_reader& reader, const yaml::entry& entry, schema& model);

/// With `process_metrics: true`, appends the process metrics to the schema's metrics, after
/// reporting each metric of the schema that has the name or the OpenMetrics family of one
/// (schema/process_metrics.cpp).
void add_process_metrics(yaml::node_reader& reader, schema& model);

}  // namespace schemetric::codegen
