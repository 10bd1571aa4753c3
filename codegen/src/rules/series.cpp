// The PromQL of what alerts and SLOs read, and the names of the rules that record it.
#include "rules/series.hpp"

#include <cctype>

#include <fmt/format.h>

#include "promql/expression.hpp"

namespace schemetric::codegen::rules {
namespace {

// `text` with every run of characters outside [a-zA-Z0-9] as one `_`, and none at the ends.
std::string name_part(std::string_view text) {
  std::string part;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      part += c;
    } else if (!part.empty() && part.back() != '_') {
      part += '_';
    }
  }
  while (!part.empty() && part.back() == '_') part.pop_back();
  return part;
}

}  // namespace

std::string event_series(const metric_definition& metric) {
  if (metric.kind == metric_kind::histogram || metric.kind == metric_kind::summary) {
    return metric.name + "_count";
  }
  return metric.name;
}

std::string bucket_bound_text(double bound) {
  std::string text = promql::format_number(bound);
  if (text.find_first_of(".eIN") == std::string::npos) text += ".0";
  return text;
}

promql::expression select(std::string_view series, const series_selection& selection,
                          std::string_view job, std::vector<promql::label_matcher> extra,
                          std::optional<std::chrono::milliseconds> range) {
  std::vector<promql::label_matcher> matchers{{"job", promql::match_op::equal, std::string{job}}};
  for (const value_match& match : selection.match) {
    matchers.push_back(promql::matcher_for_values(match.label.name, match.values));
  }
  for (promql::label_matcher& matcher : extra) matchers.push_back(std::move(matcher));
  std::optional<long long> range_ms;
  if (range) range_ms = range->count();
  return promql::expression::selector(std::string{series}, std::move(matchers), range_ms);
}

promql::expression event_rate(const series_selection& selection, std::string_view job,
                              std::span<const std::string> level,
                              std::chrono::milliseconds window) {
  return promql::expression::aggregate(
      "sum", {level.begin(), level.end()},
      promql::expression::call(
          "rate", {select(event_series(*selection.metric), selection, job, {}, window)}));
}

std::string selection_name(const series_selection& selection, std::string_view series) {
  std::string name{series};
  if (name.ends_with("_total")) name.resize(name.size() - 6);
  for (const value_match& match : selection.match) {
    name += "_" + match.label.name;
    for (std::size_t i = 0; i < match.values.size(); ++i) {
      if (i > 0) name += "_or";
      if (const std::string part = name_part(match.values[i]); !part.empty()) name += "_" + part;
    }
  }
  return name;
}

std::string level_name(std::span<const std::string> level) {
  std::string name;
  for (const std::string& label : level) name += (name.empty() ? "" : "_") + label;
  return name;
}

std::vector<std::string> level_labels(std::span<const reference<label_definition>> by,
                                      bool per_instance) {
  std::vector<std::string> level{"job"};
  if (per_instance) level.emplace_back("instance");
  for (const reference<label_definition>& label : by) level.push_back(label.name);
  return level;
}

std::string window_name(std::chrono::milliseconds window) {
  return promql::format_duration(window);
}

std::string camel_case(std::string_view snake) {
  std::string camel;
  bool upper = true;
  for (const char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    camel += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return camel;
}

}  // namespace schemetric::codegen::rules
