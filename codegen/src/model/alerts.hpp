// Alerts and service level objectives (the `alerts:` and `slos:` sections): structured kinds
// whose every reference is resolved, so that one definition can become Prometheus rules, their
// promtool tests, a dashboard threshold and an in-process evaluation, all without parsing PromQL.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/definitions.hpp"
#include "model/keywords.hpp"

namespace schemetric::codegen {

/// How urgent an alert is (`severity:`), the label Alertmanager routes by.
enum class severity { critical, warning, info };

inline constexpr keyword_table severity_keywords{
    keyword<severity>{severity::critical, "critical"},
    keyword<severity>{severity::warning, "warning"},
    keyword<severity>{severity::info, "info"},
};

[[nodiscard]] constexpr std::string_view to_string(severity level) noexcept {
  return severity_keywords.text(level);
}

/// Which side of its threshold an alert fires on (`above:` or `below:`).
enum class comparison { above, below };

/// The values of one label a selection keeps (`match: {status: 5xx}`, `{route: [a, b]}`).
struct value_match {
  reference<label_definition> label;
  std::vector<std::string> values;               ///< as written; in the label's set (checked)
  std::vector<source_position> value_positions;  ///< of each of `values`
};

/// The series of one metric an alert or an SLO reads: `{metric: NAME, match: {...}}`.
struct series_selection {
  reference<metric_definition> metric;
  std::vector<value_match> match;  ///< every other label: all its values
  source_position position;        ///< of the selection's mapping

  [[nodiscard]] bool given() const noexcept { return metric.given(); }
};

/// `ratio:` the share `numerator / denominator` of two per-second rates, each of a counter or of
/// a histogram's count. With `tracker:` the resolver fills both from the tracker: its failed
/// operations over all its operations.
struct ratio_indicator {
  series_selection numerator;
  series_selection denominator;
  reference<tracker_definition> tracker;
};

/// `quantile:` a quantile of a histogram's observations, interpolated as histogram_quantile does.
struct quantile_indicator {
  series_selection histogram;
  double quantile = 0;  ///< in (0, 1)
  source_position quantile_position;
};

/// `gauge:` a gauge's value, or its value divided by another gauge (`divided_by:`).
struct gauge_indicator {
  series_selection gauge;
  series_selection divided_by;  ///< not given for a plain gauge
};

/// `state:` a stateset's series of one state is set.
struct state_indicator {
  series_selection stateset;
  std::string state;
  source_position state_position;
};

/// `absent:` the scrape target is down or missing (`absent: target`), or a metric has no series.
struct absent_indicator {
  series_selection metric;  ///< not given for the target
};

/// A series of a raw alert's test: a selector and its values in promtool's notation.
struct raw_test_series {
  std::string series;  ///< `metric{label="value"}`
  std::string values;  ///< `0+1x10`
  source_position position;
};

/// An alert a raw alert's test expects, with the value its annotations are rendered with.
struct raw_test_alert {
  std::vector<std::pair<std::string, std::string>> labels;  ///< the expression's labels
  double value = 0;
  source_position position;
};

/// One case of a raw alert's `tests:`: input series, an evaluation time and the alerts firing
/// then (none: the alert stays quiet).
struct raw_test {
  std::vector<raw_test_series> series;
  std::chrono::milliseconds at{0};
  std::vector<raw_test_alert> alerts;
  source_position position;
};

/// `expr:` a PromQL expression for what the structured kinds cannot say. Its metric selectors are
/// checked against the schema; its tests come from the schema.
struct raw_indicator {
  std::string expr;
  source_position position;
  std::vector<raw_test> tests;
};

/// The kinds of alert, in the order of `alert_indicator`'s alternatives.
enum class alert_kind { ratio, quantile, gauge, state, absent, expr };

inline constexpr keyword_table alert_kind_keywords{
    keyword<alert_kind>{alert_kind::ratio, "ratio"},
    keyword<alert_kind>{alert_kind::quantile, "quantile"},
    keyword<alert_kind>{alert_kind::gauge, "gauge"},
    keyword<alert_kind>{alert_kind::state, "state"},
    keyword<alert_kind>{alert_kind::absent, "absent"},
    keyword<alert_kind>{alert_kind::expr, "expr"},
};

using alert_indicator = std::variant<ratio_indicator, quantile_indicator, gauge_indicator,
                                     state_indicator, absent_indicator, raw_indicator>;

/// An alert defined under `alerts:`.
struct alert_definition {
  std::string name;  ///< CamelCase
  source_position position;
  alert_indicator indicator;
  bool kind_known = true;  ///< false when no kind could be read (only in a model with errors)
  /// The threshold of ratio, quantile and gauge alerts (`above:` or `below:`).
  comparison compare = comparison::above;
  double threshold = 0;
  source_position threshold_position;
  std::chrono::milliseconds window{std::chrono::minutes(5)};  ///< of rates and quantiles
  std::chrono::milliseconds for_duration{0};                  ///< `for:`
  severity level = severity::warning;
  std::string summary;      ///< one line, no template
  std::string description;  ///< may use the templates promql/alert_template.hpp supports
  source_position description_position;
  std::string runbook;  ///< what to do, for the reference; empty when not given
  /// One alert per combination of these labels' values (`by:`), besides the job.
  std::vector<reference<label_definition>> by;
  /// Ratio alerts: no alert while the denominator's rate (per second) is below this.
  std::optional<double> min_rate;

  [[nodiscard]] alert_kind kind() const noexcept {
    return static_cast<alert_kind>(indicator.index());
  }
};

/// The labels of the series an alert's expression gives, and so of each alert it fires: the job
/// and the `by:` labels for ratio and quantile alerts (they aggregate the instances of a job;
/// quantile alerts add the `quantile` they watch);
/// also the instance for gauge, state and target alerts (one process each); for an absent metric
/// the job and the labels matched to one value. Nothing is known of a raw expression's labels.
[[nodiscard]] inline std::vector<std::string> result_labels(const alert_definition& alert) {
  std::vector<std::string> labels{"job"};
  const alert_kind kind = alert.kind();
  if (kind == alert_kind::expr) return {};
  if (kind == alert_kind::gauge || kind == alert_kind::state ||
      (kind == alert_kind::absent && !std::get<absent_indicator>(alert.indicator).metric.given())) {
    labels.emplace_back("instance");
  }
  if (kind == alert_kind::absent) {
    for (const value_match& match : std::get<absent_indicator>(alert.indicator).metric.match) {
      if (match.values.size() == 1) labels.push_back(match.label.name);
    }
    return labels;
  }
  for (const reference<label_definition>& label : alert.by) labels.push_back(label.name);
  if (kind == alert_kind::quantile) labels.emplace_back("quantile");
  return labels;
}

/// Whether the library's in-process evaluator evaluates alerts of `kind` (the structured kinds
/// but `absent`, which needs a scrape to be missing).
[[nodiscard]] constexpr bool evaluated_in_process(alert_kind kind) noexcept {
  return kind == alert_kind::ratio || kind == alert_kind::quantile || kind == alert_kind::gauge ||
         kind == alert_kind::state;
}

/// The alert's part of its environment variables' names (SCHEMETRIC_ALERT_<it>_THRESHOLD):
/// its CamelCase name in upper snake case, a word starting at each capital after a lowercase
/// letter or digit, and at the last capital of a run followed by a lowercase letter
/// (HighErrorRate: HIGH_ERROR_RATE, AIRequestFailures: AI_REQUEST_FAILURES).
[[nodiscard]] inline std::string environment_name(std::string_view alert_name) {
  std::string result;
  const auto upper = [](char c) {
    return c >= 'A' && c <= 'Z';
  };
  const auto lower_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  for (std::size_t i = 0; i < alert_name.size(); ++i) {
    const char c = alert_name[i];
    if (i > 0 && upper(c) &&
        (lower_or_digit(alert_name[i - 1]) ||
         (upper(alert_name[i - 1]) && i + 1 < alert_name.size() &&
          lower_or_digit(alert_name[i + 1]) &&
          !(alert_name[i + 1] >= '0' && alert_name[i + 1] <= '9')))) {
      result.push_back('_');
    }
    result.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return result;
}

/// `ratio:` of an SLO: bad events over all events (`errors:` and `total:`), or a tracker's
/// failed operations over all its operations.
struct slo_ratio {
  series_selection errors;
  series_selection total;
  reference<tracker_definition> tracker;
};

/// `latency:` of an SLO: the events slower than `threshold`, one of the histogram's bucket
/// bounds, are the bad ones.
struct slo_latency {
  series_selection histogram;
  double threshold = 0;
  source_position threshold_position;
  std::size_t bucket = 0;  ///< the index of `threshold` in the histogram's buckets (resolved)
};

/// A service level objective defined under `slos:`.
struct slo_definition {
  std::string name;  ///< snake_case
  source_position position;
  std::string help;
  /// The objective as written, in percent (99.9), and the error budget it leaves as a fraction
  /// (0.001, rounded to 12 significant digits so that it prints as people write it).
  double objective_percent = 0;
  double error_budget = 0;
  source_position objective_position;
  std::chrono::milliseconds period{std::chrono::hours(24 * 30)};
  std::variant<slo_ratio, slo_latency> sli;
  bool sli_known = true;  ///< false when no SLI could be read (only in a model with errors)
  std::vector<reference<label_definition>> by;
  /// No burn-rate alert while the rate of all events (per second, over the alert's long window)
  /// is below this.
  std::optional<double> min_rate;
};

}  // namespace schemetric::codegen
