// Building the rule plan (internal to rules/): the groups in order, recordings made once however
// many rules read them.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/schema.hpp"
#include "model/tracker_failures.hpp"
#include "rules/plan.hpp"

namespace schemetric::codegen::rules {

class plan_builder {
 public:
  explicit plan_builder(const schema& model) : model_(model), job_(model.prometheus.job) {}

  void plan_trackers();  ///< a group per tracker: failure ratio and duration quantiles
  void plan_alerts();    ///< the schema's alerts with their recordings
  void plan_slos();      ///< a group per SLO (rules/plan_slos.cpp)
  [[nodiscard]] rule_plan take() { return std::move(plan_); }

 private:
  void start_group(std::string name);
  /// Adds a recording to the current group unless one of the same name and labels exists.
  void add_recording(recording_rule recording);
  void keep_group_small(std::size_t alert_start);

  // Each records what it computes (once) and returns a selector of the recording.
  promql::expression ratio_recording(const series_selection& numerator,
                                     const series_selection& denominator,
                                     std::span<const std::string> level,
                                     std::chrono::milliseconds window);
  // Each records what it computes (once) and returns the recording's name.
  std::string record_rate(const series_selection& selection, std::span<const std::string> level,
                          std::chrono::milliseconds window);
  std::string record_bucket_rate(const series_selection& histogram,
                                 std::span<const std::string> level,
                                 std::chrono::milliseconds window);
  promql::expression rate_recording(const series_selection& selection,
                                    std::span<const std::string> level,
                                    std::chrono::milliseconds window);
  promql::expression quantile_recording(const series_selection& histogram, double quantile,
                                        std::span<const std::string> level,
                                        std::chrono::milliseconds window);
  promql::expression gauge_value(const gauge_indicator& gauge, std::span<const std::string> level);

  promql::expression alert_expression(const alert_definition& alert);
  [[nodiscard]] std::string runbook_url(std::string_view anchor) const;
  [[nodiscard]] static std::vector<const metric_definition*> metrics_read(
      const alert_definition& alert);
  [[nodiscard]] std::optional<tracker_failures> tracker_failure_ratio(
      const tracker_definition& tracker) const {
    return failures_of(tracker, tracker.position);
  }

  // rules/plan_slos.cpp
  void plan_slo(const slo_definition& slo);
  promql::expression slo_error_ratio(const slo_definition& slo, std::span<const std::string> level,
                                     std::chrono::milliseconds window);
  [[nodiscard]] static std::string slo_error_ratio_name(const slo_definition& slo,
                                                        std::span<const std::string> level,
                                                        std::chrono::milliseconds window);

  const schema& model_;
  std::string job_;
  rule_plan plan_;
  rule_group* current_ = nullptr;
  std::size_t alert_groups_ = 0;
  /// The recordings made, by name and labels, with their expressions.
  std::map<std::pair<std::string, label_list>, std::string> recorded_;
};

/// `text` in lowercase, as Markdown anchors are.
[[nodiscard]] std::string lowercase(std::string_view text);

}  // namespace schemetric::codegen::rules
