// The PromQL of the dashboard's panels (internal to emit/dashboard/): every selector matches the
// dashboard's `$job` and `$instance` variables, every rate is over `$__rate_interval`, and units
// and legends come from the schema.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.hpp"
#include "promql/expression.hpp"

namespace schemetric::codegen::dashboard {

/// The range of every rate: Grafana makes it at least four scrape intervals.
inline constexpr std::string_view rate_interval = "$__rate_interval";

/// `job=~"$job", instance=~"$instance"`, then the selection's matchers (if any) and `extra`.
[[nodiscard]] std::vector<promql::label_matcher> scoped(
    const series_selection* selection = nullptr, std::vector<promql::label_matcher> extra = {});

/// `series{scoped...}`.
[[nodiscard]] promql::expression scoped_series(std::string series,
                                               const series_selection* selection = nullptr,
                                               std::vector<promql::label_matcher> extra = {});

/// `sum by (by) (rate(series{scoped...}[$__rate_interval]))`.
[[nodiscard]] promql::expression rate_sum(std::string series, const series_selection* selection,
                                          std::vector<std::string> by,
                                          std::vector<promql::label_matcher> extra = {});

/// `histogram_quantile(q, sum by (le, by) (rate(histogram_bucket{...}[$__rate_interval])))`.
[[nodiscard]] promql::expression quantile_over(double quantile, const series_selection& histogram,
                                               std::vector<std::string> by);

/// A selection of every series of `metric`.
[[nodiscard]] series_selection whole(const metric_definition& metric);

/// A selection of the series of `metric` whose `label` has one of `values`.
[[nodiscard]] series_selection part(const metric_definition& metric, const label_definition& label,
                                    std::vector<std::string> values);

/// Grafana's legend for series split by `labels`: `{{a}} {{b}}`, after `prefix` if given;
/// `fallback` when there are no labels and no prefix.
[[nodiscard]] std::string legend(std::span<const std::string> labels, std::string_view prefix = {},
                                 std::string_view fallback = "total");

/// The Grafana unit of a metric's values (`seconds` -> `s`, `bytes` -> `bytes`, `ratio` ->
/// `percentunit`), `short` for a unit Grafana does not know.
[[nodiscard]] std::string unit_of(const metric_definition& metric);

/// The Grafana unit of the per-second rate of a counter: `Bps` for bytes, else `ops` (or
/// `reqps` when `requests`).
[[nodiscard]] std::string rate_unit_of(const metric_definition& metric, bool requests = false);

/// `0.95` -> "p95", `0.5` -> "p50", `0.999` -> "p99.9".
[[nodiscard]] std::string percentile_name(double quantile);

/// "5 %", "0.1 %": a ratio as people read it.
[[nodiscard]] std::string percent_text(double ratio);

/// The labels of `metric` in order, the first of them whose combined number of values stays
/// within `most_series` (a label of unknown size, bounded or text, counts as its budget).
[[nodiscard]] std::vector<std::string> main_labels(const metric_definition& metric,
                                                   std::size_t most_series = 30);

/// The names of the labels of `metric`.
[[nodiscard]] std::vector<std::string> label_names(const metric_definition& metric);

}  // namespace schemetric::codegen::dashboard
