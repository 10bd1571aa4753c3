// The dashboard as data before it becomes Grafana's JSON (internal to emit/dashboard/): rows of
// panels, each with its queries, unit, thresholds and the schema definitions it shows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/schema.hpp"
#include "promql/expression.hpp"
#include "rules/plan.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen::dashboard {

/// One query of a panel (a Grafana target).
struct query {
  std::string expr;
  std::string legend;                  ///< Grafana's legendFormat: `{{route}}`, `p95`
  std::string format = "time_series";  ///< or "heatmap", "table"
  bool instant = false;                ///< one value per series (tables), not a range
};

/// A line (and colour) a panel draws at a value: an alert's threshold, an SLO's objective.
struct threshold {
  double value = 0;
  std::string color;   ///< Grafana colour name: "red", "orange", "blue", "green"
  bool below = false;  ///< true: values under it are bad (a `below:` alert, an objective)
  std::string source;  ///< what it comes from, for the description: "alert HighErrorRate"
};

/// A state of a stateset drawn as a colour by a state timeline.
struct state_mapping {
  int value = 0;
  std::string text;
  std::string color;
};

/// What an alert can watch, written so that a panel showing the same thing has the same key:
/// `ratio:<numerator>/<denominator>`, `quantile:<histogram>`, `gauge:<gauge>[/<divisor>]`.
using quantity_key = std::string;

/// A panel before layout.
struct panel_spec {
  std::string name;  ///< stable, unique: `http_request.latency`, `db_pool_connections`
  std::string title;
  std::string description;
  panel_type type = panel_type::timeseries;
  std::string unit;
  std::vector<query> queries;
  std::vector<threshold> thresholds;
  std::vector<state_mapping> states;
  int width = 8;
  int height = 8;
  quantity_key shows;  ///< what an alert on it would watch; empty: nothing alerts watch
  /// The metrics whose labels the panel may be split by (`by:` of an override); empty: the
  /// panel cannot be split.
  std::vector<const metric_definition*> splittable_by;
  /// Its type may not change (a heatmap or a state timeline draws what only it can draw).
  bool fixed_type = false;
};

/// A panel of `type` showing values in `unit` (a Grafana unit).
[[nodiscard]] inline panel_spec new_panel(std::string name, std::string title, panel_type type,
                                          std::string unit) {
  panel_spec panel;
  panel.name = std::move(name);
  panel.title = std::move(title);
  panel.type = type;
  panel.unit = std::move(unit);
  return panel;
}

/// A row of panels.
struct row_spec {
  std::string title;
  std::vector<panel_spec> panels;
};

/// What every panel builder reads: the model, the rule plan and the per-panel overrides.
class build_context {
 public:
  build_context(const schema& model, const rules::rule_plan& plan);

  [[nodiscard]] const schema& model() const noexcept { return model_; }
  [[nodiscard]] const rules::rule_plan& plan() const noexcept { return plan_; }
  /// The labels panel `name` is split by: its override's `by:` when given, else `defaults`.
  [[nodiscard]] std::vector<std::string> split(std::string_view name,
                                               std::vector<std::string> defaults) const;
  /// True when panel `name` has an override with `by:`.
  [[nodiscard]] bool split_overridden(std::string_view name) const;
  /// The override of panel `name`, or nullptr.
  [[nodiscard]] const panel_override* override_of(std::string_view name) const;

 private:
  const schema& model_;
  const rules::rule_plan& plan_;
  std::map<std::string, const panel_override*, std::less<>> overrides_;
};

/// A tracker as titles name it: its kind's operations ("HTTP requests"), with its name when
/// another tracker is of the same kind (emit/dashboard/tracker_panels.cpp).
[[nodiscard]] std::string tracker_subject(const schema& model, const tracker_definition& tracker);

// --- builders: each returns the panels of one definition, in order ---------------------------

/// The RED view of a tracker (emit/dashboard/tracker_panels.cpp).
[[nodiscard]] std::vector<panel_spec> tracker_panels(const build_context& context,
                                                     const tracker_definition& tracker);
/// A metric no tracker shows (emit/dashboard/metric_panels.cpp).
[[nodiscard]] std::vector<panel_spec> metric_panels(const build_context& context,
                                                    const metric_definition& metric);
/// Whether the targets are up (emit/dashboard/metric_panels.cpp).
[[nodiscard]] panel_spec targets_panel(const build_context& context);
/// An SLO's SLI, budget and burn rates (emit/dashboard/slo_panels.cpp).
[[nodiscard]] std::vector<panel_spec> slo_panels(const build_context& context,
                                                 const slo_definition& slo);

/// Draws the threshold of every alert of the plan on the panels showing what it watches, and
/// makes a panel for each alert no panel shows; returns those panels with the name of the
/// metric whose row they join (emit/dashboard/alert_panels.cpp).
struct alert_panel {
  panel_spec panel;
  const metric_definition* near = nullptr;
};
[[nodiscard]] std::vector<alert_panel> apply_alerts(const build_context& context,
                                                    std::vector<row_spec>& rows);

/// The Grafana colour of an alert's severity: red, orange, blue.
[[nodiscard]] std::string severity_color(severity level);

/// The quantity key of an alert's indicator, or empty for kinds without a threshold.
[[nodiscard]] quantity_key quantity_of(const alert_definition& alert);
/// The quantity key of a ratio of two selections, of a histogram's quantiles, of a gauge.
[[nodiscard]] quantity_key ratio_key(const series_selection& numerator,
                                     const series_selection& denominator);
[[nodiscard]] quantity_key quantile_key(const series_selection& histogram);
[[nodiscard]] quantity_key gauge_key(const series_selection& gauge,
                                     const series_selection* divided_by = nullptr);

/// Every row of the dashboard in order, overrides applied, hidden panels removed
/// (emit/dashboard/rows.cpp). With `diags`, reports the overrides that name no panel or do not
/// fit theirs.
[[nodiscard]] std::vector<row_spec> build_rows(const build_context& context,
                                               diagnostics* diags = nullptr);

}  // namespace schemetric::codegen::dashboard
