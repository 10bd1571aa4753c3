// Worst-case series counts of a schema's metrics.
#include "analysis/cardinality.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace schemetric::codegen {
namespace {

constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) noexcept {
  if (a != 0 && b > saturated / a) return saturated;
  return a * b;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
  return b > saturated - a ? saturated : a + b;
}

}  // namespace

std::uint64_t label_cardinality(const label_definition& label) noexcept {
  switch (label.kind) {
    case label_kind::enumeration:
    case label_kind::route:
    case label_kind::status:
      // The closed set already holds the no-match (`other`) value of route and status labels.
      return label.values.size();
    case label_kind::bounded:
      return saturating_add(label.max_values, 1);
    case label_kind::text:
      return 1;
  }
  return 1;
}

std::uint64_t series_per_label_set(const metric_definition& metric) noexcept {
  switch (metric.kind) {
    case metric_kind::counter:
    case metric_kind::gauge:
    case metric_kind::info:
      return 1;
    case metric_kind::histogram:
      return metric.buckets.size() + 3;
    case metric_kind::summary:
      return metric.quantiles.size() + 2;
    case metric_kind::stateset:
      return metric.states.size();
  }
  return 1;
}

std::uint64_t worst_case_series(const metric_definition& metric) noexcept {
  std::uint64_t series = series_per_label_set(metric);
  for (const reference<label_definition>& label : metric.labels) {
    series = saturating_multiply(series, label_cardinality(*label));
  }
  return series;
}

std::vector<metric_series> cardinality_report::biggest(std::size_t count) const {
  std::vector<metric_series> sorted = metrics;
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const metric_series& a, const metric_series& b) { return a.series > b.series; });
  if (sorted.size() > count) sorted.resize(count);
  return sorted;
}

cardinality_report compute_cardinality(const schema& model) {
  cardinality_report report;
  for (const metric_definition& metric : model.metrics) {
    const std::uint64_t series = worst_case_series(metric);
    report.metrics.push_back(metric_series{&metric, series});
    report.total = saturating_add(report.total, series);
  }
  return report;
}

std::string format_cardinality_table(const schema& model, const cardinality_report& report) {
  std::size_t name_width = std::string_view("metric").size();
  for (const metric_series& metric : report.metrics) {
    name_width = std::max(name_width, metric.metric->name.size());
  }
  const std::size_t type_width = std::string_view("histogram").size();
  // The total and budget lines span the name and type columns.
  constexpr std::string_view budget_label = "budget (max_series)";
  if (model.max_series && name_width + 2 + type_width < budget_label.size()) {
    name_width = budget_label.size() - 2 - type_width;
  }
  std::size_t series_width = std::string_view("series").size();
  series_width = std::max(series_width, fmt::formatted_size("{}", report.total));
  if (model.max_series) {
    series_width = std::max(series_width, fmt::formatted_size("{}", *model.max_series));
  }

  std::string table;
  table += fmt::format("{:<{}}  {:<{}}  {:>{}}\n", "metric", name_width, "type", type_width,
                       "series", series_width);
  for (const metric_series& metric : report.metrics) {
    table += fmt::format("{:<{}}  {:<{}}  {:>{}}\n", metric.metric->name, name_width,
                         to_string(metric.metric->kind), type_width, metric.series, series_width);
  }
  table += fmt::format("{:<{}}  {:>{}}\n", "total", name_width + 2 + type_width, report.total,
                       series_width);
  if (model.max_series) {
    table += fmt::format("{:<{}}  {:>{}}\n", budget_label, name_width + 2 + type_width,
                         *model.max_series, series_width);
  }
  return table;
}

void check_budget(const schema& model, const cardinality_report& report, diagnostics& diags) {
  if (!model.max_series || report.total <= *model.max_series) return;
  std::string biggest;
  for (const metric_series& metric : report.biggest(3)) {
    if (!biggest.empty()) biggest += ", ";
    biggest += fmt::format("{} ({})", metric.metric->name, metric.series);
  }
  diags.error(model.max_series_position,
              fmt::format("the worst case is {} series, over the budget of {}; the biggest: {}; "
                          "remove labels or label values from them (or lower their "
                          "'max_values'), or raise 'max_series'",
                          report.total, *model.max_series, biggest));
}

}  // namespace schemetric::codegen
