// Links the references of a schema model to their definitions and checks the rules that span
// sections; trackers are in resolve_trackers.cpp.
#include "schema/resolve.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "schema/resolve_internal.hpp"
#include "support/text.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

// The labels an info metric with `from_build: true` may have: the library fills them in.
constexpr std::array build_label_names{"version"sv, "revision"sv, "compiler"sv, "build_type"sv};

void check_from_build_labels(const metric_definition& metric, diagnostics& diags) {
  for (const reference<label_definition>& label : metric.labels) {
    if (label.target == nullptr) continue;  // reported as unknown
    const bool build_name = std::find(build_label_names.begin(), build_label_names.end(),
                                      label.name) != build_label_names.end();
    const bool text = !label->kind_known || label->kind == label_kind::text;
    if (build_name && text) continue;
    const std::string problem =
        build_name ? fmt::format("label '{}' is of kind '{}': make it 'kind: text'", label.name,
                                 to_string(label->kind))
                   : fmt::format("label '{}' is not one of those names: remove it", label.name);
    diags.error(label.position,
                fmt::format("info '{}' has 'from_build: true', so its labels must be 'kind: text' "
                            "labels named {} (the library fills them from the build); {}, or "
                            "remove 'from_build: true' and set the labels yourself",
                            metric.name, quoted_or_list(build_label_names), problem));
  }
}

void resolve_metric_labels(metric_definition& metric, const definitions_by_name& names,
                           diagnostics& diags) {
  const std::string owner = fmt::format("metric '{}'", metric.name);
  for (reference<label_definition>& label : metric.labels) {
    if (!resolve_label(label, names, owner, "", diags) || !metric.kind_known) continue;
    if (label.name == metric.name) {
      // A stateset's state label is exposed under its own name. For other types a label named
      // like its metric is a C++ problem only (the C++ emitter reports it).
      if (metric.kind == metric_kind::stateset) {
        diags.error(label.position,
                    fmt::format("stateset '{}' cannot have a label named like itself: its state "
                                "label is exposed under the metric's name; rename the label",
                                metric.name));
      }
      continue;
    }
    if (label->kind_known && label->kind == label_kind::text && metric.kind != metric_kind::info) {
      diags.error(label.position,
                  fmt::format("label '{}' has kind 'text', which only info metrics may use, but "
                              "'{}' is {} {}; give the label a closed set of 'values' instead",
                              label.name, metric.name, article_for(to_string(metric.kind)),
                              to_string(metric.kind)));
    }
  }
  if (metric.from_build) check_from_build_labels(metric, diags);
}

}  // namespace

definitions_by_name::definitions_by_name(const schema& model) {
  for (const label_definition& label : model.labels) labels_.emplace(label.name, &label);
  for (const metric_definition& metric : model.metrics) metrics_.emplace(metric.name, &metric);
  for (const auto& entry : labels_) label_names_.push_back(entry.first);
  for (const auto& entry : metrics_) metric_names_.push_back(entry.first);
  for (const tracker_definition& tracker : model.trackers)
    trackers_.emplace(tracker.name, &tracker);
  for (const auto& entry : trackers_) tracker_names_.push_back(entry.first);
}

const label_definition* definitions_by_name::label(std::string_view name) const {
  const auto it = labels_.find(name);
  return it == labels_.end() ? nullptr : it->second;
}

const metric_definition* definitions_by_name::metric(std::string_view name) const {
  const auto it = metrics_.find(name);
  return it == metrics_.end() ? nullptr : it->second;
}

const tracker_definition* definitions_by_name::tracker(std::string_view name) const {
  const auto it = trackers_.find(name);
  return it == trackers_.end() ? nullptr : it->second;
}

bool resolve_label(reference<label_definition>& reference, const definitions_by_name& names,
                   std::string_view owner, std::string_view use, diagnostics& diags) {
  reference.target = names.label(reference.name);
  if (reference.target != nullptr) return true;
  std::string hint = did_you_mean(reference.name, names.label_names());
  if (hint.empty()) hint = "; define it under the top-level 'labels:'";
  diags.error(reference.position,
              fmt::format("{} uses unknown label '{}'{}{}", owner, reference.name, use, hint));
  return false;
}

void resolve(schema& model, diagnostics& diags) {
  const definitions_by_name names(model);
  for (metric_definition& metric : model.metrics) resolve_metric_labels(metric, names, diags);
  resolve_trackers(model, names, diags);
  resolve_alerts(model, names, diags);
  resolve_slos(model, names, diags);
  resolve_dashboard(model, names, diags);
}

}  // namespace schemetric::codegen
