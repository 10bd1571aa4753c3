// Links what each row of `dashboard:` shows to its tracker, SLO or metric, and checks that
// nothing is shown twice.
#include <map>

#include <fmt/format.h>

#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {

void resolve_dashboard(schema& model, const definitions_by_name& names, diagnostics& diags) {
  std::map<std::string_view, const slo_definition*, std::less<>> slos;
  for (const slo_definition& slo : model.slos) slos.emplace(slo.name, &slo);
  std::vector<std::string_view> candidates(names.tracker_names());
  for (const auto& entry : slos) candidates.push_back(entry.first);
  candidates.insert(candidates.end(), names.metric_names().begin(), names.metric_names().end());

  std::map<std::string, source_position, std::less<>> shown;
  for (dashboard_row& row : model.dashboard.rows) {
    for (dashboard_item& item : row.show) {
      if (const auto first = shown.find(item.name); first != shown.end()) {
        diags.error(item.position, fmt::format("'{}' is shown twice on the dashboard (first at "
                                               "{}); list it in one row only",
                                               item.name, position_text(first->second)));
        continue;
      }
      shown.emplace(item.name, item.position);
      item.tracker = names.tracker(item.name);
      if (const auto slo = slos.find(item.name); item.tracker == nullptr && slo != slos.end()) {
        item.slo = slo->second;
      }
      if (item.tracker == nullptr && item.slo == nullptr) item.metric = names.metric(item.name);
      if (item.tracker != nullptr || item.slo != nullptr || item.metric != nullptr) continue;
      std::string hint = did_you_mean(item.name, candidates);
      if (hint.empty()) hint = "; name a tracker, an SLO or a metric of the schema";
      diags.error(item.position, fmt::format("row '{}' of the dashboard shows unknown '{}'{}",
                                             row.title, item.name, hint));
    }
  }
  for (panel_override& panel : model.dashboard.panels) {
    if (!panel.by) continue;
    for (reference<label_definition>& label : *panel.by) {
      resolve_label(label, names, fmt::format("panel '{}'", panel.panel), "", diags);
    }
  }
}

}  // namespace schemetric::codegen
