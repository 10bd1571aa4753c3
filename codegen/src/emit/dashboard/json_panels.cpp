// Panels as Grafana's JSON: field config (unit, thresholds, value mappings), options by panel
// type, targets, and their place on the grid.
#include "emit/dashboard/json_panels.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace schemetric::codegen::dashboard {
namespace {

constexpr int grid_width = 24;

class id_allocator {
 public:
  int id_for(std::string_view name) {
    int id = static_cast<int>(stable_hash(name) % 999'983u) + 1;
    while (!used_.insert(id).second) id = id % 999'983 + 1;  // a collision: the next free id
    return id;
  }

 private:
  std::set<int> used_;
};

// Threshold steps: the base colour, then a step at each threshold, lowest first. Above a
// `below` threshold the colour is that of the next `below` one up, or green.
json threshold_steps(std::vector<threshold> thresholds) {
  std::stable_sort(thresholds.begin(), thresholds.end(),
                   [](const threshold& a, const threshold& b) { return a.value < b.value; });
  json steps = json::array();
  const std::string base =
      !thresholds.empty() && thresholds.front().below ? thresholds.front().color : "green";
  steps.push_back({{"color", base}, {"value", nullptr}});
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    const threshold& t = thresholds[i];
    std::string color = t.color;
    if (t.below) {
      color =
          i + 1 < thresholds.size() && thresholds[i + 1].below ? thresholds[i + 1].color : "green";
    }
    steps.push_back({{"color", color}, {"value", t.value}});
  }
  return steps;
}

json value_mappings(const panel_spec& panel) {
  if (panel.states.empty()) return json::array();
  json options = json::object();
  for (const state_mapping& state : panel.states) {
    options[std::to_string(state.value)] = {
        {"color", state.color}, {"index", state.value}, {"text", state.text}};
  }
  return json::array({{{"type", "value"}, {"options", options}}});
}

json legend_options() {
  return {{"calcs", json::array()},
          {"displayMode", "list"},
          {"placement", "bottom"},
          {"showLegend", true}};
}

json tooltip_options() {
  return {{"mode", "multi"}, {"sort", "desc"}};
}

json reduce_options() {
  return {{"calcs", json::array({"lastNotNull"})}, {"fields", ""}, {"values", false}};
}

json custom_field_config(const panel_spec& panel) {
  switch (panel.type) {
    case panel_type::timeseries:
      return {{"drawStyle", "line"},
              {"fillOpacity", 10},
              {"lineWidth", 1},
              {"showPoints", "never"},
              {"spanNulls", false},
              {"thresholdsStyle", {{"mode", panel.thresholds.empty() ? "off" : "dashed"}}}};
    case panel_type::state_timeline:
      return {{"fillOpacity", 80}, {"lineWidth", 0}};
    case panel_type::heatmap:
      return {{"scaleDistribution", {{"type", "linear"}}}};
    default:
      return json::object();
  }
}

json options(const panel_spec& panel) {
  switch (panel.type) {
    case panel_type::timeseries:
      return {{"legend", legend_options()}, {"tooltip", tooltip_options()}};
    case panel_type::stat:
      return {{"colorMode", "background"},
              {"graphMode", "area"},
              {"justifyMode", "auto"},
              {"orientation", "auto"},
              {"reduceOptions", reduce_options()},
              {"textMode", "auto"}};
    case panel_type::gauge:
      return {{"orientation", "auto"},
              {"reduceOptions", reduce_options()},
              {"showThresholdLabels", false},
              {"showThresholdMarkers", true}};
    case panel_type::bargauge:
      return {{"displayMode", "gradient"},
              {"orientation", "horizontal"},
              {"reduceOptions", reduce_options()},
              {"showUnfilled", true}};
    case panel_type::table:
      return {{"cellHeight", "sm"}, {"showHeader", true}};
    case panel_type::heatmap:
      return {{"calculate", false},
              {"cellGap", 1},
              {"color",
               {{"exponent", 0.5},
                {"fill", "dark-orange"},
                {"mode", "scheme"},
                {"reverse", false},
                {"scale", "exponential"},
                {"scheme", "Oranges"},
                {"steps", 64}}},
              {"legend", {{"show", true}}},
              {"rowsFrame", {{"layout", "auto"}}},
              {"tooltip", {{"mode", "single"}, {"yHistogram", false}}},
              {"yAxis", {{"axisPlacement", "left"}, {"reverse", false}, {"unit", panel.unit}}}};
    case panel_type::state_timeline:
      return {{"alignValue", "left"}, {"legend", legend_options()}, {"mergeValues", true},
              {"rowHeight", 0.9},     {"showValue", "auto"},        {"tooltip", tooltip_options()}};
  }
  return json::object();
}

json targets(const panel_spec& panel) {
  json list = json::array();
  for (std::size_t i = 0; i < panel.queries.size(); ++i) {
    const query& q = panel.queries[i];
    list.push_back({{"datasource", datasource()},
                    {"editorMode", "code"},
                    {"expr", q.expr},
                    {"format", q.format},
                    {"instant", q.instant},
                    {"legendFormat", q.legend},
                    {"range", !q.instant},
                    {"refId", std::string(1, static_cast<char>('A' + i))}});
  }
  return list;
}

json panel_json(const panel_spec& panel, int id, int x, int y) {
  json defaults = {
      {"color", {{"mode", panel.states.empty() ? "palette-classic" : "thresholds"}}},
      {"custom", custom_field_config(panel)},
      {"mappings", value_mappings(panel)},
      {"thresholds", {{"mode", "absolute"}, {"steps", threshold_steps(panel.thresholds)}}},
      {"unit", panel.unit}};
  json result = {{"datasource", datasource()},
                 {"description", panel.description},
                 {"fieldConfig", {{"defaults", defaults}, {"overrides", json::array()}}},
                 {"gridPos", {{"h", panel.height}, {"w", panel.width}, {"x", x}, {"y", y}}},
                 {"id", id},
                 {"options", options(panel)},
                 {"targets", targets(panel)},
                 {"title", panel.title},
                 {"type", std::string(to_string(panel.type))}};
  if (panel.type == panel_type::table) {
    json organize = {
        {"id", "organize"},
        {"options", {{"excludeByName", {{"Time", true}, {"Value", true}, {"__name__", true}}}}}};
    result["transformations"] = json::array({organize});
  }
  return result;
}

}  // namespace

std::uint32_t stable_hash(std::string_view text) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

json datasource() {
  return {{"type", "prometheus"}, {"uid", "${datasource}"}};
}

json panels_json(const std::vector<row_spec>& rows) {
  json panels = json::array();
  id_allocator ids;
  int y = 0;
  for (const row_spec& row : rows) {
    panels.push_back({{"collapsed", false},
                      {"gridPos", {{"h", 1}, {"w", grid_width}, {"x", 0}, {"y", y}}},
                      {"id", ids.id_for("row:" + row.title)},
                      {"panels", json::array()},
                      {"title", row.title},
                      {"type", "row"}});
    y += 1;
    int x = 0;
    int line_height = 0;
    for (const panel_spec& panel : row.panels) {
      const int width = std::min(panel.width, grid_width);
      if (x + width > grid_width) {
        y += line_height;
        x = 0;
        line_height = 0;
      }
      panels.push_back(panel_json(panel, ids.id_for(panel.name), x, y));
      x += width;
      line_height = std::max(line_height, panel.height);
    }
    y += line_height;
  }
  return panels;
}

}  // namespace schemetric::codegen::dashboard
