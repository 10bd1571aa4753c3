// The PromQL of what alerts and SLOs read, and the names of the rules that record it: a
// selection's series with the job's matcher, its per-second rate summed to a level, and the
// `level:metric:operations` names of recordings (https://prometheus.io/docs/practices/rules/).
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"
#include "promql/expression.hpp"

namespace schemetric::codegen::rules {

/// The name of the series of `selection` that counts its events: a counter's own name, a
/// histogram's or summary's `_count`; any other metric's own name.
[[nodiscard]] std::string event_series(const metric_definition& metric);

/// `le` as the library writes a bucket bound (`0.5`, `1.0`), so that a matcher finds it.
[[nodiscard]] std::string bucket_bound_text(double bound);

/// `series{job="JOB", matched labels...}` with `[range]` when given. `series` is the name to
/// select (a metric's name or one of its derived series).
[[nodiscard]] promql::expression select(std::string_view series, const series_selection& selection,
                                        std::string_view job,
                                        std::vector<promql::label_matcher> extra = {},
                                        std::optional<std::chrono::milliseconds> range = {});

/// `sum by (level) (rate(events[window]))` of a selection's event series.
[[nodiscard]] promql::expression event_rate(const series_selection& selection, std::string_view job,
                                            std::span<const std::string> level,
                                            std::chrono::milliseconds window);

/// The metric part of a recording's name for `series` of a selection: the series without
/// `_total`, then `_<label>_<value>` for each match (`http_requests_status_5xx`).
[[nodiscard]] std::string selection_name(const series_selection& selection,
                                         std::string_view series);

/// The level part of a recording's name: its labels joined by `_` (`job_route`).
[[nodiscard]] std::string level_name(std::span<const std::string> level);

/// The labels a rule aggregates to: `job`, then `instance` when per instance, then the `by`
/// labels.
[[nodiscard]] std::vector<std::string> level_labels(std::span<const reference<label_definition>> by,
                                                    bool per_instance);

/// `5m` -> "5m": the window as operations name it (`rate5m`).
[[nodiscard]] std::string window_name(std::chrono::milliseconds window);

/// CamelCase of a snake_case name (`api_availability` -> `ApiAvailability`).
[[nodiscard]] std::string camel_case(std::string_view snake);

}  // namespace schemetric::codegen::rules
