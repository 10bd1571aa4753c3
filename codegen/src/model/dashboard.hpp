// The `dashboard:` section: how the generated Grafana dashboard is laid out where the defaults
// derived from the schema are not what a person wants (rows and what each shows, per-panel
// overrides). Plain data; `resolve` links what rows show, the dashboard output checks the panel
// overrides (panel names exist only there).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/alerts.hpp"
#include "model/definitions.hpp"
#include "model/keywords.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// A Grafana panel type a panel may be switched to (`type:` of a panel override).
enum class panel_type { timeseries, stat, gauge, bargauge, table, heatmap, state_timeline };

inline constexpr keyword_table panel_type_keywords{
    keyword<panel_type>{panel_type::timeseries, "timeseries"},
    keyword<panel_type>{panel_type::stat, "stat"},
    keyword<panel_type>{panel_type::gauge, "gauge"},
    keyword<panel_type>{panel_type::bargauge, "bargauge"},
    keyword<panel_type>{panel_type::table, "table"},
    keyword<panel_type>{panel_type::heatmap, "heatmap"},
    keyword<panel_type>{panel_type::state_timeline, "state-timeline"},
};

[[nodiscard]] constexpr std::string_view to_string(panel_type type) noexcept {
  return panel_type_keywords.text(type);
}

/// One entry of a row's `show:`: a tracker, an SLO or a metric, by name. `resolve` sets the one
/// it names (trackers first, then SLOs, then metrics).
struct dashboard_item {
  std::string name;
  source_position position;
  const tracker_definition* tracker = nullptr;
  const slo_definition* slo = nullptr;
  const metric_definition* metric = nullptr;
};

/// A row of the dashboard (`rows:`), in the order given.
struct dashboard_row {
  std::string title;
  source_position position;
  std::vector<dashboard_item> show;
};

/// A per-panel override (`panels:`), keyed by the panel's name (`http_request.latency`).
struct panel_override {
  std::string panel;
  source_position position;  ///< of the key
  std::optional<std::string> title;
  std::optional<panel_type> type;
  source_position type_position;
  /// Labels to split the panel's series by; given (even empty) replaces the default.
  std::optional<std::vector<reference<label_definition>>> by;
  source_position by_position;
  bool hidden = false;
};

/// The whole `dashboard:` section; every member has its default when the section is absent.
struct dashboard_settings {
  std::string title;              ///< empty: derived from the schema's name
  std::vector<std::string> tags;  ///< empty: `schemetric` and the schema's name
  std::vector<dashboard_row> rows;
  std::vector<panel_override> panels;
};

}  // namespace schemetric::codegen
