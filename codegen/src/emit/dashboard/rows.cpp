// The rows of the dashboard: those the `dashboard:` section lists, then defaults for what it
// does not show (the SLOs, health, a row per tracker, the other metrics), alerts drawn, and the
// per-panel overrides applied and checked.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "emit/dashboard/panels.hpp"
#include "support/text.hpp"

namespace schemetric::codegen::dashboard {
namespace {

// The metrics a tracker shows through its own panels.
std::set<const metric_definition*> tracked_metrics(const schema& model) {
  std::set<const metric_definition*> tracked;
  for (const tracker_definition& tracker : model.trackers) {
    for (const reference<metric_definition>& metric : tracker.metrics) {
      if (metric.target != nullptr) tracked.insert(metric.target);
    }
  }
  return tracked;
}

bool is_health(const metric_definition& metric) {
  return (metric.kind == metric_kind::stateset && metric.health) ||
         metric.kind == metric_kind::info;
}

void append(std::vector<panel_spec>& panels, std::vector<panel_spec> more) {
  for (panel_spec& panel : more) panels.push_back(std::move(panel));
}

// The rows the `dashboard:` section lists, and what they show.
struct listed_rows {
  std::vector<row_spec> rows;
  std::set<const void*> shown;
  bool targets_placed = false;
};

listed_rows rows_listed(const build_context& context) {
  listed_rows listed;
  for (const dashboard_row& row : context.model().dashboard.rows) {
    row_spec& spec = listed.rows.emplace_back(row_spec{row.title, {}});
    for (const dashboard_item& item : row.show) {
      if (item.tracker != nullptr) {
        append(spec.panels, tracker_panels(context, *item.tracker));
        listed.shown.insert(item.tracker);
      } else if (item.slo != nullptr) {
        append(spec.panels, slo_panels(context, *item.slo));
        listed.shown.insert(item.slo);
      } else if (item.metric != nullptr) {
        if (is_health(*item.metric) && !listed.targets_placed) {
          spec.panels.push_back(targets_panel(context));
          listed.targets_placed = true;
        }
        append(spec.panels, metric_panels(context, *item.metric));
        listed.shown.insert(item.metric);
      }
    }
  }
  return listed;
}

// What the listed rows do not show, in rows of their own.
void add_default_rows(const build_context& context, listed_rows& listed) {
  const schema& model = context.model();
  row_spec slos{"Service level objectives", {}};
  for (const slo_definition& slo : model.slos) {
    if (!listed.shown.contains(&slo)) append(slos.panels, slo_panels(context, slo));
  }
  row_spec health{"Health", {}};
  if (!listed.targets_placed) health.panels.push_back(targets_panel(context));
  const std::set<const metric_definition*> tracked = tracked_metrics(model);
  row_spec others{"Other metrics", {}};
  for (const metric_definition& metric : model.metrics) {
    if (listed.shown.contains(&metric) || tracked.contains(&metric)) continue;
    append(is_health(metric) ? health.panels : others.panels, metric_panels(context, metric));
  }
  listed.rows.push_back(std::move(slos));
  listed.rows.push_back(std::move(health));
  for (const tracker_definition& tracker : model.trackers) {
    if (listed.shown.contains(&tracker)) continue;
    listed.rows.push_back(
        row_spec{tracker_subject(model, tracker), tracker_panels(context, tracker)});
  }
  listed.rows.push_back(std::move(others));
}

// An alert's own panel joins the row that shows the metric it reads, else the last row.
void place(std::vector<row_spec>& rows, alert_panel extra) {
  for (row_spec& row : rows) {
    for (const panel_spec& panel : row.panels) {
      for (const metric_definition* metric : panel.splittable_by) {
        if (metric != extra.near) continue;
        row.panels.push_back(std::move(extra.panel));
        return;
      }
    }
  }
  rows.back().panels.push_back(std::move(extra.panel));
}

void check_override(const panel_override& override, const panel_spec& panel, diagnostics& diags) {
  if (override.type && *override.type != panel.type) {
    const bool special =
        *override.type == panel_type::heatmap || *override.type == panel_type::state_timeline;
    if (panel.fixed_type || special) {
      diags.error(override.type_position,
                  fmt::format("panel '{}' is a {} and cannot be shown as a {}: a heatmap draws "
                              "buckets and a state timeline states, which other panels cannot; "
                              "remove 'type' (or hide the panel with 'hidden: true')",
                              override.panel, to_string(panel.type), to_string(*override.type)));
    }
  }
  if (!override.by) return;
  if (panel.splittable_by.empty() && !override.by->empty()) {
    diags.error(override.by_position,
                fmt::format("panel '{}' cannot be split by labels (it reads recorded or fixed "
                            "series); remove 'by'",
                            override.panel));
    return;
  }
  for (const reference<label_definition>& label : *override.by) {
    for (const metric_definition* metric : panel.splittable_by) {
      if (label.target == nullptr || metric->has_label(label.name)) continue;
      diags.error(label.position,
                  fmt::format("panel '{}' cannot be split by '{}': metric '{}' it reads has no "
                              "such label; use one of its labels or remove it",
                              override.panel, label.name, metric->name));
    }
  }
}

void apply_overrides(const build_context& context, std::vector<row_spec>& rows,
                     diagnostics* diags) {
  std::vector<std::string_view> names;
  for (row_spec& row : rows) {
    for (panel_spec& panel : row.panels) {
      names.push_back(panel.name);
      const panel_override* override = context.override_of(panel.name);
      if (override == nullptr) continue;
      if (diags != nullptr) check_override(*override, panel, *diags);
      if (override->title) panel.title = *override->title;
      if (override->type) panel.type = *override->type;
    }
    std::erase_if(row.panels, [&](const panel_spec& panel) {
      const panel_override* override = context.override_of(panel.name);
      return override != nullptr && override->hidden;
    });
  }
  if (diags == nullptr) return;
  for (const panel_override& override : context.model().dashboard.panels) {
    if (std::find(names.begin(), names.end(), override.panel) != names.end()) continue;
    std::string hint = did_you_mean(override.panel, names);
    if (hint.empty()) {
      hint =
          "; panels are named '<tracker>.<aspect>' (e.g. 'http_request.latency'), "
          "'<metric>', '<metric>.heatmap', '<slo>.sli', '<slo>.budget', '<slo>.burn', "
          "'targets' or an alert's name";
    }
    diags->error(override.position,
                 fmt::format("the dashboard has no panel '{}'{}", override.panel, hint));
  }
}

}  // namespace

build_context::build_context(const schema& model, const rules::rule_plan& plan)
    : model_(model), plan_(plan) {
  for (const panel_override& override : model.dashboard.panels) {
    overrides_.emplace(override.panel, &override);
  }
}

const panel_override* build_context::override_of(std::string_view name) const {
  const auto it = overrides_.find(name);
  return it == overrides_.end() ? nullptr : it->second;
}

bool build_context::split_overridden(std::string_view name) const {
  const panel_override* override = override_of(name);
  return override != nullptr && override->by.has_value();
}

std::vector<std::string> build_context::split(std::string_view name,
                                              std::vector<std::string> defaults) const {
  const panel_override* override = override_of(name);
  if (override == nullptr || !override->by) return defaults;
  std::vector<std::string> labels;
  for (const reference<label_definition>& label : *override->by) labels.push_back(label.name);
  return labels;
}

std::vector<row_spec> build_rows(const build_context& context, diagnostics* diags) {
  listed_rows listed = rows_listed(context);
  add_default_rows(context, listed);
  std::vector<row_spec>& rows = listed.rows;
  for (alert_panel& extra : apply_alerts(context, rows)) place(rows, std::move(extra));
  apply_overrides(context, rows, diags);
  std::erase_if(rows, [](const row_spec& row) { return row.panels.empty(); });
  return std::move(rows);
}

}  // namespace schemetric::codegen::dashboard
