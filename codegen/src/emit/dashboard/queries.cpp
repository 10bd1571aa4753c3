// The PromQL of the dashboard's panels.
#include "emit/dashboard/queries.hpp"

#include <array>
#include <cmath>

#include <fmt/format.h>

namespace schemetric::codegen::dashboard {

using promql::expression;
using promql::label_matcher;
using promql::match_op;

std::vector<label_matcher> scoped(const series_selection* selection,
                                  std::vector<label_matcher> extra) {
  std::vector<label_matcher> matchers{{"job", match_op::regex, "$job"},
                                      {"instance", match_op::regex, "$instance"}};
  if (selection != nullptr) {
    for (const value_match& match : selection->match) {
      matchers.push_back(promql::matcher_for_values(match.label.name, match.values));
    }
  }
  for (label_matcher& matcher : extra) matchers.push_back(std::move(matcher));
  return matchers;
}

expression scoped_series(std::string series, const series_selection* selection,
                         std::vector<label_matcher> extra) {
  return expression::selector(std::move(series), scoped(selection, std::move(extra)));
}

expression rate_sum(std::string series, const series_selection* selection,
                    std::vector<std::string> by, std::vector<label_matcher> extra) {
  return expression::aggregate(
      "sum", std::move(by),
      expression::call(
          "rate", {expression::selector_over(std::move(series), scoped(selection, std::move(extra)),
                                             std::string{rate_interval})}));
}

expression quantile_over(double quantile, const series_selection& histogram,
                         std::vector<std::string> by) {
  by.insert(by.begin(), "le");
  return expression::call(
      "histogram_quantile",
      {expression::number(quantile), rate_sum(histogram.metric->name + "_bucket", &histogram, by)});
}

series_selection whole(const metric_definition& metric) {
  series_selection selection;
  selection.metric = {metric.name, metric.position, &metric};
  selection.position = metric.position;
  return selection;
}

series_selection part(const metric_definition& metric, const label_definition& label,
                      std::vector<std::string> values) {
  series_selection selection = whole(metric);
  value_match& match = selection.match.emplace_back();
  match.label = {label.name, metric.position, &label};
  match.value_positions.assign(values.size(), metric.position);
  match.values = std::move(values);
  return selection;
}

std::string legend(std::span<const std::string> labels, std::string_view prefix,
                   std::string_view fallback) {
  std::string text{prefix};
  for (const std::string& label : labels) {
    text += fmt::format("{}{{{{{}}}}}", text.empty() ? "" : " ", label);
  }
  return text.empty() ? std::string{fallback} : text;
}

std::string unit_of(const metric_definition& metric) {
  struct unit_name {
    std::string_view schema;
    std::string_view grafana;
  };
  static constexpr std::array units{
      unit_name{"seconds", "s"},         unit_name{"bytes", "bytes"},
      unit_name{"ratio", "percentunit"}, unit_name{"dollars", "currencyUSD"},
      unit_name{"celsius", "celsius"},   unit_name{"meters", "lengthm"},
      unit_name{"grams", "massg"},       unit_name{"volts", "volt"},
      unit_name{"amperes", "amp"},       unit_name{"joules", "joule"},
  };
  for (const unit_name& unit : units) {
    if (metric.unit == unit.schema) return std::string{unit.grafana};
  }
  return "short";
}

std::string rate_unit_of(const metric_definition& metric, bool requests) {
  if (metric.unit == "bytes") return "Bps";
  return requests ? "reqps" : "ops";
}

std::string percentile_name(double quantile) {
  return fmt::format("p{}", promql::format_number(std::round(quantile * 1e6) / 1e4));
}

std::string percent_text(double ratio) {
  return fmt::format("{} %", promql::format_number(std::round(ratio * 1e8) / 1e6));
}

std::vector<std::string> main_labels(const metric_definition& metric, std::size_t most_series) {
  std::vector<std::string> labels;
  std::size_t series = 1;
  for (const reference<label_definition>& label : metric.labels) {
    if (label.target == nullptr) continue;
    const std::size_t values = label->is_closed_set()               ? label->values.size()
                               : label->kind == label_kind::bounded ? label->max_values + 1
                                                                    : 1;
    if (series * values > most_series) break;
    series *= values;
    labels.push_back(label.name);
  }
  return labels;
}

std::vector<std::string> label_names(const metric_definition& metric) {
  std::vector<std::string> names;
  for (const reference<label_definition>& label : metric.labels) names.push_back(label.name);
  return names;
}

}  // namespace schemetric::codegen::dashboard
