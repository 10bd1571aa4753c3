// The `dashboard` emitter's entry: the document around the panels (uid, title, time, variables
// as Grafana's dashboard linter expects them) and the checks of the panel overrides.
#include "emit/dashboard/dashboard_emitter.hpp"

#include <fmt/format.h>

#include "emit/dashboard/json_panels.hpp"
#include "emit/dashboard/panels.hpp"
#include "rules/plan.hpp"

namespace schemetric::codegen::dashboard {
namespace {

// Grafana's dashboard model version the JSON follows (Grafana 10.3 and later).
constexpr int schema_version = 39;

// A multi-select query variable over the values of `label` of `up`, "All" as `.+`.
json label_variable(std::string_view name, std::string_view label, std::string_view definition,
                    const json& current) {
  return {
      {"allValue", ".+"},
      {"current", current},
      {"datasource", datasource()},
      {"definition", definition},
      {"hide", 0},
      {"includeAll", true},
      {"label", label},
      {"multi", true},
      {"name", name},
      {"options", json::array()},
      {"query", {{"query", definition}, {"refId", "PrometheusVariableQueryEditor-VariableQuery"}}},
      {"refresh", 2},  // on time range change
      {"regex", ""},
      {"skipUrlSync", false},
      {"sort", 1},
      {"type", "query"}};
}

json variables(const schema& model) {
  const json datasource_variable = {{"current", json::object()},
                                    {"hide", 0},
                                    {"includeAll", false},
                                    {"label", "Data source"},
                                    {"multi", false},
                                    {"name", "datasource"},
                                    {"options", json::array()},
                                    {"query", "prometheus"},
                                    {"refresh", 1},
                                    {"regex", ""},
                                    {"skipUrlSync", false},
                                    {"type", "datasource"}};
  const std::string& job = model.prometheus.job;
  const json job_current = {
      {"selected", true}, {"text", json::array({job})}, {"value", json::array({job})}};
  const json all = {
      {"selected", true}, {"text", json::array({"All"})}, {"value", json::array({"$__all"})}};
  return json::array(
      {datasource_variable, label_variable("job", "Job", "label_values(up, job)", job_current),
       label_variable("instance", "Instance", "label_values(up{job=~\"$job\"}, instance)", all)});
}

json document(const schema& model, const std::vector<row_spec>& rows, std::string_view banner) {
  const dashboard_settings& settings = model.dashboard;
  json tags = json::array();
  if (settings.tags.empty()) {
    tags = json::array({"schemetric", model.name});
  } else {
    for (const std::string& tag : settings.tags) tags.push_back(tag);
  }
  std::string description{banner};
  if (!model.help.empty()) description += " " + model.help;
  const json annotations = {
      {"list", json::array({{{"builtIn", 1},
                             {"datasource", {{"type", "grafana"}, {"uid", "-- Grafana --"}}},
                             {"enable", true},
                             {"hide", true},
                             {"iconColor", "rgba(0, 211, 255, 1)"},
                             {"name", "Annotations & Alerts"},
                             {"type", "dashboard"}}})}};
  return {
      {"annotations", annotations},
      {"description", description},
      {"editable", true},
      {"fiscalYearStartMonth", 0},
      {"graphTooltip", 1},  // shared crosshair
      {"id", nullptr},
      {"links", json::array()},
      {"liveNow", false},
      {"panels", panels_json(rows)},
      {"refresh", "30s"},
      {"schemaVersion", schema_version},
      {"tags", tags},
      {"templating", {{"list", variables(model)}}},
      {"time", {{"from", "now-1h"}, {"to", "now"}}},
      {"timepicker", json::object()},
      {"timezone", "browser"},
      {"title", settings.title.empty() ? fmt::format("{} metrics", model.name) : settings.title},
      {"uid", dashboard_uid(model.name)},
      {"version", 1},
      {"weekStart", ""}};
}

}  // namespace

std::string dashboard_uid(std::string_view name) {
  std::string uid = fmt::format("schemetric-{}", name);
  if (uid.size() <= 40) return uid;
  return fmt::format("schemetric-{}-{:08x}", name.substr(0, 19), stable_hash(name));
}

void check(const schema& model, diagnostics& diags) {
  if (diags.has_errors() || model.dashboard.panels.empty()) return;
  const rules::rule_plan plan = rules::plan_rules(model);
  const build_context context(model, plan);
  (void)build_rows(context, &diags);
}

std::vector<std::string> emit(const schema& model, const schema_analysis& /*analysis*/,
                              const emit_context& context) {
  const std::string banner = fmt::format("Generated from {} by schemetric-gen {} -- do not edit.",
                                         context.source_path, context.generator_version);
  const rules::rule_plan plan = rules::plan_rules(model);
  const build_context build(model, plan);
  return {document(model, build_rows(build), banner).dump(2) + "\n"};
}

}  // namespace schemetric::codegen::dashboard
