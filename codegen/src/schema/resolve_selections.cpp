// Resolving what alerts and SLOs read: series selections (metric, type, labels, values), the
// failed and all operations of a tracker, and `by:` labels.
#include <algorithm>

#include <fmt/format.h>

#include "model/tracker_failures.hpp"
#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

// "a, b and c" of the metric's labels, or "no labels".
std::string labels_of(const metric_definition& metric) {
  std::vector<std::string_view> names;
  for (const reference<label_definition>& label : metric.labels) names.push_back(label.name);
  return names.empty() ? std::string{"no labels"}
                       : fmt::format("the labels {}", quoted_and_list(names));
}

// Checks each value of `match` against its label's closed set.
void check_values(const value_match& match, std::string_view owner, diagnostics& diags) {
  const label_definition& label = *match.label;
  if (!label.kind_known || !label.is_closed_set()) return;  // bounded, text: any value
  std::vector<std::string_view> texts;
  for (const label_value& value : label.values) texts.push_back(value.text);
  for (std::size_t i = 0; i < match.values.size(); ++i) {
    const std::string& value = match.values[i];
    if (std::find(texts.begin(), texts.end(), value) != texts.end()) continue;
    std::string hint = did_you_mean(value, texts);
    if (hint.empty()) hint = fmt::format("; its values are {}", quoted_or_list(texts));
    diags.error(match.value_positions[i],
                fmt::format("{} matches '{}', which is not a value of label '{}'{}", owner, value,
                            label.name, hint));
  }
}

void resolve_match(series_selection& selection, const definitions_by_name& names,
                   std::string_view owner, diagnostics& diags) {
  const metric_definition& metric = *selection.metric;
  for (value_match& match : selection.match) {
    if (!metric.has_label(match.label.name)) {
      std::vector<std::string_view> candidates;
      for (const reference<label_definition>& label : metric.labels) {
        candidates.push_back(label.name);
      }
      std::string hint = did_you_mean(match.label.name, candidates);
      if (hint.empty()) hint = fmt::format("; it has {}", labels_of(metric));
      diags.error(match.label.position,
                  fmt::format("{} matches label '{}', which metric '{}' does not have{}", owner,
                              match.label.name, metric.name, hint));
      continue;
    }
    match.label.target = names.label(match.label.name);
    if (match.label.target != nullptr) check_values(match, owner, diags);
  }
}

}  // namespace

bool resolve_selection(series_selection& selection, const definitions_by_name& names,
                       const selection_use& use, diagnostics& diags) {
  if (!selection.given()) return false;  // reported by the reader
  selection.metric.target = names.metric(selection.metric.name);
  if (selection.metric.target == nullptr) {
    std::string hint = did_you_mean(selection.metric.name, names.metric_names());
    if (hint.empty()) hint = "; define it under 'metrics:'";
    diags.error(selection.metric.position, fmt::format("{} reads unknown metric '{}'{}", use.role,
                                                       selection.metric.name, hint));
    return false;
  }
  const metric_definition& metric = *selection.metric;
  if (!metric.kind_known) return false;  // reported with the metric
  if (!use.kinds.empty() &&
      std::find(use.kinds.begin(), use.kinds.end(), metric.kind) == use.kinds.end()) {
    const std::string_view found = to_string(metric.kind);
    diags.error(selection.metric.position,
                fmt::format("{} must be {}, but '{}' is {} {}", use.role, use.kinds_text,
                            metric.name, article_for(found), found));
    return false;
  }
  resolve_match(selection, names, use.role, diags);
  return true;
}

std::optional<tracker_failures> resolve_tracker_ratio(reference<tracker_definition>& tracker,
                                                      const definitions_by_name& names,
                                                      std::string_view owner, diagnostics& diags) {
  tracker.target = names.tracker(tracker.name);
  if (tracker.target == nullptr) {
    std::string hint = did_you_mean(tracker.name, names.tracker_names());
    if (hint.empty()) hint = "; define it under 'trackers:'";
    diags.error(tracker.position,
                fmt::format("{} uses unknown tracker '{}'{}", owner, tracker.name, hint));
    return std::nullopt;
  }
  const tracker_definition& source = *tracker;
  std::optional<tracker_failures> failures = failures_of(source, tracker.position);
  const reference<metric_definition>& duration = source.metric(metric_role::duration);
  const bool resolved = source.kind_known && duration.target != nullptr && duration->kind_known;
  if (!failures && resolved) {
    diags.error(
        tracker.position,
        fmt::format("{} uses tracker '{}', which records no failures: its outcome label "
                    "has no failure value ({}) and it has no 'errors' metric; give it "
                    "one, or select the series yourself",
                    owner, tracker.name,
                    source.kind == tracker_kind::http ? "5xx or a code from 500" : "error"));
  }
  return failures;
}

void check_part_of_whole(const series_selection& part, const series_selection& whole,
                         std::string_view subject, std::string_view whole_name,
                         diagnostics& diags) {
  if (part.metric.target == nullptr || part.metric.target != whole.metric.target) return;
  // The part is smaller when one of its matches leaves out a value the whole keeps.
  const auto narrows = [&](const value_match& match) {
    const label_definition* label = match.label.target;
    if (label == nullptr || !label->is_closed_set()) return true;  // a bounded label: any value
    std::vector<std::string> kept;
    for (const value_match& other : whole.match) {
      if (other.label.name == match.label.name) kept = other.values;
    }
    if (kept.empty()) {
      for (const label_value& value : label->values) kept.push_back(value.text);
    }
    return std::any_of(kept.begin(), kept.end(), [&](const std::string& value) {
      return std::find(match.values.begin(), match.values.end(), value) == match.values.end();
    });
  };
  if (std::any_of(part.match.begin(), part.match.end(), narrows)) return;
  diags.error(part.position,
              fmt::format("{} every series {} selects, so the ratio would always be 1; match "
                          "only some of its values, e.g. 'match: {{status: 5xx}}'",
                          subject, whole_name));
}

void resolve_by(std::vector<reference<label_definition>>& by,
                std::span<const metric_definition* const> read, const definitions_by_name& names,
                std::string_view owner, diagnostics& diags) {
  for (reference<label_definition>& label : by) {
    if (!resolve_label(label, names, owner, " in 'by'", diags)) continue;
    for (auto it = read.begin(); it != read.end(); ++it) {
      const metric_definition* metric = *it;
      // Each metric once, though a ratio may read it on both sides.
      if (metric == nullptr || metric->has_label(label.name) ||
          std::find(read.begin(), it, metric) != it) {
        continue;
      }
      diags.error(label.position,
                  fmt::format("{} is split by label '{}', which metric '{}' does not have (it "
                              "has {}); remove it from 'by' or read a metric that has it",
                              owner, label.name, metric->name, labels_of(*metric)));
    }
  }
}

}  // namespace schemetric::codegen
