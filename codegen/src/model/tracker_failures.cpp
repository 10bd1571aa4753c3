// What counts as a failed operation of a tracker.
#include "model/tracker_failures.hpp"

#include <string>
#include <vector>

namespace schemetric::codegen {
namespace {

// A selection of every series of `metric`, or of those whose `label` has one of `values`.
series_selection select(const metric_definition& metric, source_position position,
                        const label_definition* label = nullptr,
                        std::vector<std::string> values = {}) {
  series_selection selection;
  selection.metric = {metric.name, position, &metric};
  selection.position = position;
  if (label != nullptr) {
    value_match& match = selection.match.emplace_back();
    match.label = {label->name, position, label};
    match.value_positions.assign(values.size(), position);
    match.values = std::move(values);
  }
  return selection;
}

// The values of a tracker's outcome label that mean the operation failed.
std::vector<std::string> failure_values(const tracker_definition& tracker,
                                        const label_definition& outcome) {
  std::vector<std::string> values;
  if (tracker.kind == tracker_kind::http) {
    if (outcome.is_status_classes()) return {"5xx"};
    for (const int code : outcome.status_codes) {
      if (code >= 500) values.push_back(std::to_string(code));
    }
    return values;
  }
  for (const label_value& value : outcome.values) {
    if (value.text == "error") values.push_back(value.text);
  }
  return values;
}

}  // namespace

std::optional<tracker_failures> failures_of(const tracker_definition& tracker,
                                            source_position position) {
  if (!tracker.kind_known) return std::nullopt;
  const reference<metric_definition>& count = tracker.metric(metric_role::count);
  const reference<metric_definition>& duration = tracker.metric(metric_role::duration);
  const reference<metric_definition>& errors = tracker.metric(metric_role::errors);
  const reference<label_definition>& outcome = tracker.label(label_role::outcome);
  const reference<metric_definition>& all = count.target != nullptr ? count : duration;
  if (all.target == nullptr || !all->kind_known) return std::nullopt;
  if (count.target != nullptr && outcome.target != nullptr && outcome->kind_known) {
    std::vector<std::string> failed = failure_values(tracker, *outcome);
    if (!failed.empty()) {
      return tracker_failures{select(*count, position, outcome.target, std::move(failed)),
                              select(*all, position)};
    }
  }
  if (errors.target != nullptr && errors->kind_known) {
    return tracker_failures{select(*errors, position), select(*all, position)};
  }
  return std::nullopt;
}

}  // namespace schemetric::codegen
