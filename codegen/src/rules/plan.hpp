// The Prometheus rules a schema's alerts, SLOs and trackers need, as data: recording rules named
// by the `level:metric:operations` convention and alerting rules, in groups of at most 20. The
// rules file, its promtool tests, the reference and the dashboard are all written from this one
// plan, so that they cannot disagree.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "model/schema.hpp"
#include "promql/expression.hpp"

namespace schemetric::codegen::rules {

/// Labels of a rule, in the order they are written.
using label_list = std::vector<std::pair<std::string, std::string>>;

/// A recording rule.
struct recording_rule {
  std::string record;
  promql::expression expr;
  label_list labels;                            ///< e.g. `quantile`
  std::vector<const metric_definition*> reads;  ///< the schema's metrics it reads
};

/// An alerting rule, from an alert of the schema or from an SLO.
struct alerting_rule {
  std::string alert;
  promql::expression expr;
  std::chrono::milliseconds for_duration{0};
  label_list labels;  ///< `severity` first
  std::string summary;
  std::string description;  ///< a template (promql/alert_template.hpp)
  std::string runbook_url;
  const alert_definition* alert_source = nullptr;  ///< or
  const slo_definition* slo_source = nullptr;
  std::vector<const metric_definition*> reads;  ///< the schema's metrics it reads, directly or not
};

using rule = std::variant<recording_rule, alerting_rule>;

/// A rule group: its rules run in order at each evaluation.
struct rule_group {
  std::string name;
  std::vector<rule> rules;
};

/// The recordings of a tracker's group that dashboards read: per-instance rates over the
/// tracker's window, which a panel sums over the instances it selects (a ratio or a quantile
/// cannot be summed; rates can), besides the job-level ratio and quantiles.
struct tracker_recordings {
  const tracker_definition* tracker = nullptr;
  std::string failed_rate;  ///< `job_instance:<failed>:rate5m`; empty when it records no failures
  std::string all_rate;     ///< `job_instance:<all>:rate5m`; empty when it records no failures
  std::string bucket_rate;  ///< `job_instance:<duration>_bucket:rate5m`, by `le`
};

/// The recordings of an SLO's group: its error ratio over each window and the budget left.
struct slo_recordings {
  const slo_definition* slo = nullptr;
  std::vector<std::string> level;  ///< the labels they keep: `job`, then the SLO's `by` labels
  /// The error ratio over each window of the burn-rate alerts and over the period, shortest first.
  std::vector<std::pair<std::chrono::milliseconds, std::string>> error_ratios;
  std::string budget_remaining;
};

/// The multiwindow, multi-burn-rate alerts of an SLO (Google SRE workbook, "Alerting on SLOs"):
/// an alert fires when both windows burn the error budget faster than `budget_percent` of it in
/// the long window.
struct burn_window {
  std::chrono::milliseconds long_window;
  std::chrono::milliseconds short_window;
  int budget_percent;  ///< of the period's budget spent within the long window
  severity level;      ///< critical pages, warning opens a ticket
};

inline constexpr std::array<burn_window, 4> burn_windows{{
    {std::chrono::hours(1), std::chrono::minutes(5), 2, severity::critical},
    {std::chrono::hours(6), std::chrono::minutes(30), 5, severity::critical},
    {std::chrono::hours(24), std::chrono::hours(2), 10, severity::warning},
    {std::chrono::hours(72), std::chrono::hours(6), 10, severity::warning},
}};

/// How many times faster than sustainable the budget burns when `window` fires for an SLO
/// period: 14.4, 6, 3 and 1 for 30 days.
[[nodiscard]] double burn_factor(const burn_window& window, std::chrono::milliseconds period);

/// Every rule of a checked schema, in groups.
struct rule_plan {
  std::vector<rule_group> groups;
  std::vector<tracker_recordings> trackers;  ///< one per tracker, in schema order
  std::vector<slo_recordings> slos;          ///< one per SLO, in schema order

  /// The alerting rules named `alert`, in order (an SLO's burn alerts share a name).
  [[nodiscard]] std::vector<const alerting_rule*> alerting_rules(std::string_view alert) const;
  /// The recording rule named `record` (with `labels`), or nullptr.
  [[nodiscard]] const recording_rule* recording(std::string_view record,
                                                const label_list& labels = {}) const;
};

/// The plan of a checked schema (no errors). Deterministic: schema order throughout.
[[nodiscard]] rule_plan plan_rules(const schema& model);

}  // namespace schemetric::codegen::rules
