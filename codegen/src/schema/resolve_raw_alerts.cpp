// Checks a raw `expr` alert against the schema: every metric selector of its expression and of
// its tests' input series names a series the schema exposes, with labels the metric has and
// values in their sets. promtool checks the rest of the syntax in the tests.
#include <algorithm>
#include <array>
#include <regex>

#include <fmt/format.h>

#include "promql/selectors.hpp"
#include "schema/expression_reads.hpp"
#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

// Series that every scrape adds, the library's own counter, and Prometheus' alert series.
constexpr std::array known_series{"up"sv,
                                  "scrape_duration_seconds"sv,
                                  "scrape_samples_scraped"sv,
                                  "scrape_samples_post_metric_relabeling"sv,
                                  "scrape_series_added"sv,
                                  "schemetric_label_overflow_total"sv,
                                  "ALERTS"sv,
                                  "ALERTS_FOR_STATE"sv};

// Labels Prometheus adds to every series of a target.
constexpr std::array target_labels{"job"sv, "instance"sv};

// A series name of the schema: the metric and the label the series adds (`le`, `quantile`, or a
// stateset's own name), if any.
struct exposed_series {
  const metric_definition* metric;
  std::string_view extra_label;
};

std::optional<exposed_series> series_named(const schema& model, std::string_view name) {
  for (const metric_definition& metric : model.metrics) {
    if (!metric.kind_known) continue;
    const std::string_view base = metric.name;
    if (!name.starts_with(base)) continue;
    const std::string_view suffix = name.substr(base.size());
    switch (metric.kind) {
      case metric_kind::histogram:
        if (suffix == "_bucket") return exposed_series{&metric, "le"};
        if (suffix == "_count" || suffix == "_sum") return exposed_series{&metric, ""};
        break;
      case metric_kind::summary:
        if (suffix.empty()) return exposed_series{&metric, "quantile"};
        if (suffix == "_count" || suffix == "_sum") return exposed_series{&metric, ""};
        break;
      case metric_kind::stateset:
        if (suffix.empty()) return exposed_series{&metric, metric.name};
        break;
      default:
        if (suffix.empty()) return exposed_series{&metric, ""};
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> exposed_names(const schema& model) {
  std::vector<std::string_view> names(known_series.begin(), known_series.end());
  for (const metric_definition& metric : model.metrics) names.push_back(metric.name);
  return names;
}

// Whether `pattern` (an RE2 regex, anchored as PromQL anchors it) matches any of `texts`; true
// when the regex is beyond std::regex (the check is then left to the reader of the rules).
bool matches_any(const std::string& pattern, std::span<const std::string_view> texts) {
  try {
    const std::regex regex(pattern, std::regex::ECMAScript);
    return std::any_of(texts.begin(), texts.end(), [&](std::string_view text) {
      return std::regex_match(text.begin(), text.end(), regex);
    });
  } catch (const std::regex_error&) {
    return true;
  }
}

void check_matcher(const promql::label_matcher& matcher, const exposed_series& series,
                   const definitions_by_name& names, std::string_view where,
                   source_position position, diagnostics& diags) {
  const metric_definition& metric = *series.metric;
  if (std::find(target_labels.begin(), target_labels.end(), matcher.label) != target_labels.end() ||
      matcher.label == series.extra_label) {
    return;
  }
  if (!metric.has_label(matcher.label)) {
    std::vector<std::string_view> candidates(target_labels.begin(), target_labels.end());
    for (const reference<label_definition>& label : metric.labels) {
      candidates.push_back(label.name);
    }
    if (!series.extra_label.empty()) candidates.push_back(series.extra_label);
    std::string hint = did_you_mean(matcher.label, candidates);
    if (hint.empty()) hint = fmt::format("; it has {}", quoted_and_list(candidates));
    diags.error(position, fmt::format("{} matches label '{}', which metric '{}' does not have{}",
                                      where, matcher.label, metric.name, hint));
    return;
  }
  const label_definition* label = names.label(matcher.label);
  if (label == nullptr || !label->kind_known || !label->is_closed_set()) return;
  std::vector<std::string_view> texts;
  for (const label_value& value : label->values) texts.push_back(value.text);
  const bool regex =
      matcher.op == promql::match_op::regex || matcher.op == promql::match_op::not_regex;
  if (regex ? matches_any(matcher.value, texts)
            : std::find(texts.begin(), texts.end(), matcher.value) != texts.end()) {
    return;
  }
  std::string hint = regex ? std::string{} : did_you_mean(matcher.value, texts);
  if (hint.empty()) hint = fmt::format("; its values are {}", quoted_or_list(texts));
  diags.error(position, fmt::format("{} matches '{}' {} label '{}', which {} none of its values{}",
                                    where, matcher.value, regex ? "against" : "on", label->name,
                                    regex ? "matches" : "is", hint));
}

void check_selector(const promql::found_selector& selector, const schema& model,
                    const definitions_by_name& names, std::string_view where,
                    source_position position, diagnostics& diags) {
  const std::string& name = selector.metric;
  // Recording rules (level:metric:operations) and selectors by name pattern are not checked.
  if (name.empty() || name.find(':') != std::string::npos) return;
  if (std::find(known_series.begin(), known_series.end(), name) != known_series.end()) return;
  const std::optional<exposed_series> series = series_named(model, name);
  if (!series) {
    std::string hint = did_you_mean(name, exposed_names(model));
    if (hint.empty()) hint = "; name a metric of the schema (or a series it exposes)";
    diags.error(position, fmt::format("{} reads '{}', which the schema does not expose{}", where,
                                      name, hint));
    return;
  }
  for (const promql::label_matcher& matcher : selector.matchers) {
    check_matcher(matcher, *series, names, where, position, diags);
  }
}

void check_test_series(const raw_test_series& input, const schema& model,
                       const definitions_by_name& names, std::string_view owner,
                       diagnostics& diags) {
  const promql::selector_scan scan = promql::find_selectors(input.series);
  const std::string where = fmt::format("a test series of {}", owner);
  // A name, then matchers if any: nothing around it.
  static const std::regex series_shape(R"(^\s*[A-Za-z_:][A-Za-z0-9_:]*\s*(\{.*\})?\s*$)");
  const bool one_plain_selector =
      std::regex_match(input.series, series_shape) && !scan.error && scan.selectors.size() == 1 &&
      std::all_of(scan.selectors[0].matchers.begin(), scan.selectors[0].matchers.end(),
                  [](const promql::label_matcher& m) { return m.op == promql::match_op::equal; });
  if (!one_plain_selector) {
    diags.error(input.position,
                fmt::format("{} is '{}', not one series such as 'metric{{label=\"value\"}}' (only "
                            "'=' matchers)",
                            where, input.series));
    return;
  }
  check_selector(scan.selectors[0], model, names, where, input.position, diags);
}

// The selectors of `expression` against `model`; false when it cannot be read.
bool check_reads(const schema& model, const definitions_by_name& names, std::string_view expression,
                 std::string_view where, source_position position, diagnostics& diags) {
  const promql::selector_scan scan = promql::find_selectors(expression);
  if (scan.error) {
    diags.error(position, fmt::format("{} cannot be read: {} (at character {})", where, *scan.error,
                                      scan.error_offset + 1));
    return false;
  }
  for (const promql::found_selector& selector : scan.selectors) {
    check_selector(selector, model, names, where, position, diags);
  }
  return true;
}

}  // namespace

void check_expression_reads(const schema& model, std::string_view expression,
                            std::string_view where, source_position position, diagnostics& diags) {
  (void)check_reads(model, definitions_by_name(model), expression, where, position, diags);
}

void check_raw_alert(const schema& model, const alert_definition& alert, const raw_indicator& raw,
                     const definitions_by_name& names, diagnostics& diags) {
  const std::string owner = fmt::format("alert '{}'", alert.name);
  if (raw.expr.empty()) return;  // reported by the reader
  if (!check_reads(model, names, raw.expr, fmt::format("the 'expr' of {}", owner), raw.position,
                   diags)) {
    return;
  }
  if (raw.tests.empty()) {
    diags.error(raw.position,
                fmt::format("alert '{}' has a raw 'expr' and no 'tests'; add at least one test in "
                            "which it fires and one in which it stays quiet (alerts of the other "
                            "kinds get their tests generated)",
                            alert.name));
  }
  for (const raw_test& test : raw.tests) {
    for (const raw_test_series& input : test.series) {
      check_test_series(input, model, names, owner, diags);
    }
  }
}

}  // namespace schemetric::codegen
