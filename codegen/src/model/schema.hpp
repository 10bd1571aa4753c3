// The model of a schema file (format version 1): plain data. The schema readers fill it, the
// resolver links its references, and every emitter reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/alerts.hpp"
#include "model/dashboard.hpp"
#include "model/definitions.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// How the service appears to Prometheus (`prometheus:`), for the rules, their tests, the
/// reference and the dashboard.
struct prometheus_settings {
  /// The scrape job's name: every generated selector matches `job="<job>"`. Defaults to the
  /// schema's name.
  std::string job;
  /// Where the generated reference is published: alerts' `runbook_url` annotations are this plus
  /// `<name>.md#alert-<alert>`. Empty: the annotation is that relative reference alone.
  std::string runbook_base_url;
};

/// A whole schema file. Move-only: references point into its vectors, which must not change
/// after `resolve` (a copy would point into the original).
struct schema {
  schema() = default;
  schema(const schema&) = delete;
  schema& operator=(const schema&) = delete;
  schema(schema&&) noexcept = default;
  schema& operator=(schema&&) noexcept = default;
  ~schema() = default;

  int format_version = 1;
  std::string name;
  source_position name_position;  ///< of the value of `name:`
  std::string help;
  std::optional<std::uint64_t> max_series;  ///< the cardinality budget, when the schema gives one
  source_position max_series_position;      ///< of the value of `max_series:`
  std::vector<label_definition> labels;     ///< in schema order
  /// In schema order, never empty; with `process_metrics: true` the process metrics follow.
  std::vector<metric_definition> metrics;
  bool process_metrics = false;              ///< `process_metrics: true`
  source_position process_metrics_position;  ///< of the value of `process_metrics:`
  std::vector<tracker_definition> trackers;  ///< in schema order
  std::vector<alert_definition> alerts;      ///< in schema order
  std::vector<slo_definition> slos;          ///< in schema order
  prometheus_settings prometheus;
  dashboard_settings dashboard;
};

}  // namespace schemetric::codegen
