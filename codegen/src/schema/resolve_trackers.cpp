// Resolves the metrics and labels trackers name, and checks them against the table of tracker
// kinds (model/tracker_kinds.hpp): metric types, outcome label values, labels of the metrics.
#include <algorithm>

#include <fmt/format.h>

#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

void resolve_start_labels(tracker_definition& tracker, const definitions_by_name& names,
                          diagnostics& diags) {
  const std::string owner = fmt::format("tracker '{}'", tracker.name);
  for (reference<label_definition>& label : tracker.labels) {
    if (!resolve_label(label, names, owner, "", diags)) continue;
    if (label->kind_known && label->kind == label_kind::text) {
      diags.error(label.position,
                  fmt::format("label '{}' has kind 'text', which trackers cannot take; a tracker "
                              "starts with enum, route, status or bounded labels",
                              label.name));
    }
  }
}

void resolve_metric_roles(tracker_definition& tracker, const definitions_by_name& names,
                          diagnostics& diags) {
  for (const metric_role_info& role : metric_roles) {
    reference<metric_definition>& metric = tracker.metric(role.role);
    if (!metric.given()) continue;
    metric.target = names.metric(metric.name);
    if (metric.target == nullptr) {
      std::string hint = did_you_mean(metric.name, names.metric_names());
      if (hint.empty()) hint = "; define it under 'metrics:'";
      diags.error(metric.position, fmt::format("tracker '{}' uses unknown metric '{}' as its "
                                               "'{}'{}",
                                               tracker.name, metric.name, role.key, hint));
      continue;
    }
    if (metric->from_process) {
      diags.error(metric.position,
                  fmt::format("the '{}' of tracker '{}' is '{}', a process metric the library "
                              "reads from /proc; a tracker updates metrics defined under "
                              "'metrics:', so name one of those",
                              role.key, tracker.name, metric.name));
      metric.target = nullptr;
      continue;
    }
    if (!metric->kind_known) continue;  // reported with the metric
    if (metric->kind != role.kind) {
      const std::string_view wanted = to_string(role.kind);
      const std::string_view found = to_string(metric->kind);
      diags.error(metric.position,
                  fmt::format("the '{}' of tracker '{}' must be {} {}, but '{}' is {} {}; name {} "
                              "{}",
                              role.key, tracker.name, article_for(wanted), wanted, metric.name,
                              article_for(found), found, article_for(wanted), wanted));
      continue;
    }
    if (role.role == metric_role::in_progress && metric->callback) {
      diags.error(metric.position,
                  fmt::format("the 'in_progress' of tracker '{}' must be a gauge the tracker "
                              "sets, but '{}' is a callback gauge (read at scrape time); name a "
                              "gauge without 'callback: true'",
                              tracker.name, metric.name));
    }
  }
}

void resolve_label_roles(tracker_definition& tracker, const definitions_by_name& names,
                         diagnostics& diags) {
  const std::string owner = fmt::format("tracker '{}'", tracker.name);
  for (const label_role_info& role : label_roles) {
    reference<label_definition>& label = tracker.label(role.role);
    if (!label.given()) continue;
    if (!resolve_label(label, names, owner, fmt::format(" as its '{}'", role.key), diags)) {
      continue;
    }
    if (tracker.starts_with_label(label.name)) {
      diags.error(label.position,
                  fmt::format("the '{}' of tracker '{}', '{}', is also one of its 'labels'; the "
                              "tracker sets it itself, so remove it from 'labels'",
                              role.key, tracker.name, label.name));
    }
  }
}

// The metric of `tracker` whose type is that of its role, if it has one.
const metric_definition* metric_of_kind(const tracker_definition& tracker, metric_role role) {
  const reference<metric_definition>& metric = tracker.metric(role);
  if (metric.target == nullptr || !metric->kind_known || metric->kind != info(role).kind) {
    return nullptr;
  }
  return metric.target;
}

// The values the label of `role` must have, and how messages name it.
struct set_label_rule {
  bool status_label = false;
  std::span<const std::string_view> values;
  std::string subject;   ///< "the error label 'x' of tracker 't'"
  std::string_view why;  ///< why the values are needed, after their list, or empty
};

std::optional<set_label_rule> rule_of(const tracker_definition& tracker,
                                      const label_role_info& role, const label_definition& label) {
  if (role.role != label_role::outcome) {
    return set_label_rule{
        false, role.values,
        fmt::format("the {} '{}' of tracker '{}'", role.noun, label.name, tracker.name),
        role.role == label_role::error ? " (the categories the error classifier returns)" : ""};
  }
  if (!tracker.kind_known) return std::nullopt;
  const outcome_rule& outcome = info(tracker.kind).outcome;
  return set_label_rule{outcome.status_label, outcome.values,
                        fmt::format("tracker '{}' is of kind '{}', so its outcome label '{}'",
                                    tracker.name, to_string(tracker.kind), label.name),
                        ""};
}

// Reports a label whose kind or values are not those its role needs.
void check_label_values(const set_label_rule& rule, const reference<label_definition>& label,
                        diagnostics& diags) {
  if (rule.status_label) {
    if (label->kind == label_kind::status) return;
    diags.error(label.position,
                fmt::format("{} must be a 'kind: status' label (set from the response status); "
                            "'{}' is of kind '{}'",
                            rule.subject, label.name, to_string(label->kind)));
    return;
  }
  if (label->kind != label_kind::enumeration) {
    diags.error(label.position,
                fmt::format("{} must be an enum label (a closed set) whose values include {}{}; "
                            "'{}' is of kind '{}'",
                            rule.subject, quoted_and_list(rule.values), rule.why, label.name,
                            to_string(label->kind)));
    return;
  }
  std::vector<std::string_view> missing;
  for (const std::string_view value : rule.values) {
    const bool found =
        std::any_of(label->values.begin(), label->values.end(),
                    [&](const label_value& present) { return present.text == value; });
    if (!found) missing.push_back(value);
  }
  if (missing.empty()) return;
  diags.error(
      label.position,
      fmt::format("{} must be an enum label whose values include {}{}; add {} to its "
                  "'values'",
                  rule.subject, quoted_and_list(rule.values), rule.why, quoted_and_list(missing)));
}

// Checks the kind and values of the labels a tracker sets itself, and that the metric it sets
// each on has it.
void check_set_labels(const tracker_definition& tracker, diagnostics& diags) {
  for (const label_role_info& role : label_roles) {
    const reference<label_definition>& label = tracker.label(role.role);
    if (label.target == nullptr || !label->kind_known) continue;
    if (const std::optional<set_label_rule> rule = rule_of(tracker, role, *label)) {
      check_label_values(*rule, label, diags);
    }
    // With a count, the outcome is counted there; without one it can only go on the duration.
    const metric_role on = role.role == label_role::outcome && !tracker.metric(role.metric).given()
                               ? metric_role::duration
                               : role.metric;
    if (!tracker.metric(on).given()) continue;
    const metric_definition* metric = metric_of_kind(tracker, on);
    if (metric == nullptr || metric->has_label(label.name)) continue;  // reported with the role
    diags.error(
        label.position,
        fmt::format("the {} '{}' of tracker '{}' is not a label of its '{}' metric '{}'; "
                    "add '{}' to the metric's 'labels' or name another label",
                    role.noun, label.name, tracker.name, info(on).key, metric->name, label.name));
  }
}

// Every label of a tracker's metric must be one the tracker has when it starts, or the one it
// sets on that metric itself.
void check_metric_labels(const tracker_definition& tracker, diagnostics& diags) {
  for (const metric_role_info& role : metric_roles) {
    const metric_definition* metric = metric_of_kind(tracker, role.role);
    if (metric == nullptr) continue;
    // A metric without the label it needs named: reported by the reader.
    if (role.label_required && !tracker.label(*role.label).given()) continue;
    const std::string_view set_label =
        role.label ? std::string_view{tracker.label(*role.label).name} : std::string_view{};
    const std::string may_have =
        role.label ? fmt::format("only the tracker's 'labels' and its '{}'", info(*role.label).key)
                   : std::string{"only the tracker's 'labels'"};
    for (const reference<label_definition>& label : metric->labels) {
      if (label.name == set_label || tracker.starts_with_label(label.name)) continue;
      diags.error(
          tracker.metric(role.role).position,
          fmt::format("tracker '{}' cannot set label '{}' of its '{}' metric '{}': that "
                      "metric may have {}; add '{}' to the tracker's 'labels' or remove "
                      "it from the metric",
                      tracker.name, label.name, role.key, metric->name, may_have, label.name));
    }
  }
}

// A tracker's in-progress gauge counts operations: integer (one atomic add per update) unless
// the schema says 'value: float'.
void default_in_progress_to_integer(schema& model) {
  for (metric_definition& metric : model.metrics) {
    if (metric.kind != metric_kind::gauge || metric.value || metric.callback) continue;
    for (const tracker_definition& tracker : model.trackers) {
      if (tracker.metric(metric_role::in_progress).target == &metric) {
        metric.value = metric_value::integer;
      }
    }
  }
}

}  // namespace

void resolve_trackers(schema& model, const definitions_by_name& names, diagnostics& diags) {
  for (tracker_definition& tracker : model.trackers) {
    resolve_start_labels(tracker, names, diags);
    resolve_metric_roles(tracker, names, diags);
    resolve_label_roles(tracker, names, diags);
    check_set_labels(tracker, diags);
    check_metric_labels(tracker, diags);
  }
  default_in_progress_to_integer(model);
}

}  // namespace schemetric::codegen
