// The checks of the C++ emitter: schema names that are valid for Prometheus but would not
// compile in the generated header, or would clash with what it or the library declares.
#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "emit/cpp/cpp_emitter.hpp"
#include "emit/cpp/identifiers.hpp"
#include "support/text.hpp"

namespace schemetric::codegen::cpp {
namespace {

using namespace std::string_view_literals;

// Namespaces the header names unqualified, which a schema's namespace would hide or join.
constexpr std::array reserved_schema_names{"std"sv, "boost"sv, "schemetric"sv};

// Names the generated header declares itself in the schema's namespace, or relies on finding
// unqualified there (`std::`, `schemetric::`, `boost::`): a label enum spelled like one of them
// would break the header.
constexpr std::array reserved_label_names{"labels"sv,
                                          "metrics"sv,
                                          "registry"sv,
                                          "trackers"sv,
                                          "schemetric_label_values"sv,
                                          "schemetric_route_templates"sv,
                                          "schemetric_status_classes"sv,
                                          "schemetric_status_codes"sv,
                                          "std"sv,
                                          "boost"sv,
                                          "schemetric"sv};

// The members every generated label struct has besides its labels.
constexpr std::array label_struct_members{"schemetric_label_names"sv, "schemetric_labels"sv};

// The members of the struct generated for a bounded label, of its base schemetric::bounded_label
// (which the library reads through the derived struct: `T::max_values`, `T::text_at(i)`), and
// the base's name: a bounded label named like one of them would be a member of its own name.
constexpr std::array reserved_bounded_label_names{
    "label_name"sv, "overflow_value"sv, "bounded_label"sv, "max_values"sv,    "cardinality"sv,
    "index"sv,      "text_at"sv,        "known_count"sv,   "overflow_count"sv};

// Metric names become structs in `labels::` and `metrics::` and members of `registry`; a struct
// may not have a member of its own name, so the descriptor members are reserved too. `trackers`
// is a namespace the registry's member functions name unqualified.
constexpr std::array reserved_metric_names{"labels"sv,
                                           "metrics"sv,
                                           "registry"sv,
                                           "trackers"sv,
                                           "std"sv,
                                           "boost"sv,
                                           "schemetric"sv,
                                           "schema_name"sv,
                                           "schemetric_families"sv,
                                           "schemetric_bounded_labels"sv,
                                           "schemetric_process_metrics"sv,
                                           "name"sv,
                                           "help"sv,
                                           "unit"sv,
                                           "value_type"sv,
                                           "buckets"sv,
                                           "quantiles"sv,
                                           "max_age_seconds"sv,
                                           "age_buckets"sv,
                                           "from_build"sv,
                                           "state"sv};

// Tracker names become structs in `trackers::`, whose members are these; `std`, `boost` and
// `schemetric` would hide the namespaces the structs name unqualified.
constexpr std::array reserved_tracker_names{
    "registry"sv,      "labels"sv,      "kind"sv,          "duration"sv,
    "count"sv,         "in_progress"sv, "errors"sv,        "request_size"sv,
    "response_size"sv, "tokens"sv,      "outcome_label"sv, "error_label"sv,
    "token_label"sv,   "std"sv,         "boost"sv,         "schemetric"sv};

bool contains(std::span<const std::string_view> words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Reports a name that is a C++ keyword or a predefined macro; `what` is "metric name", ....
// True when the name is a usable identifier. Names the schema reader rejected are skipped.
bool check_identifier(std::string_view name, source_position position, std::string_view what,
                      diagnostics& diags) {
  if (!is_valid_name(name)) return false;
  if (is_keyword(name)) {
    diags.error(position, fmt::format("{} '{}' is a C++ keyword; choose another name", what, name));
    return false;
  }
  if (is_predefined_macro(name)) {
    diags.error(position, fmt::format("{} '{}' is a macro predefined by C++ compilers or the "
                                      "standard library; choose another name",
                                      what, name));
    return false;
  }
  return true;
}

void check_schema_name(const schema& model, diagnostics& diags) {
  if (!check_identifier(model.name, model.name_position, "schema name", diags)) return;
  if (contains(reserved_schema_names, model.name)) {
    diags.error(model.name_position,
                fmt::format("schema name '{}' would clash with namespace '{}' in the generated "
                            "header; choose another name",
                            model.name, model.name));
  } else if (is_global_name(model.name)) {
    diags.error(model.name_position,
                fmt::format("schema name '{}' would clash with '::{}', which the C and C++ "
                            "headers the generated header includes declare at global scope; "
                            "choose another name, e.g. '{}_service'",
                            model.name, model.name, model.name));
  }
}

void check_label_name(const label_definition& label, diagnostics& diags) {
  if (label.name.starts_with("__")) return;  // reserved by Prometheus: reported
  if (!check_identifier(label.name, label.position, "label name", diags)) return;
  if (contains(reserved_label_names, label.name)) {
    diags.error(label.position,
                fmt::format("label name '{}' collides with a name the generated header uses in "
                            "the schema's namespace; choose another name",
                            label.name));
  } else if (contains(label_struct_members, label.name)) {
    diags.error(label.position,
                fmt::format("label name '{}' collides with a member of the generated label "
                            "structs; choose another name",
                            label.name));
  } else if (label.kind_known && label.kind == label_kind::bounded &&
             contains(reserved_bounded_label_names, label.name)) {
    diags.error(label.position,
                fmt::format("bounded label name '{}' collides with a member of the struct "
                            "generated for it or of its base schemetric::bounded_label; choose "
                            "another name",
                            label.name));
  }
}

// Reports values of one closed set that get the same enumerator. The first `templates` values
// are a route label's templates, followed by its no-match value; `plural` names the values
// ("values", "states", "route templates") and `owner` their label or stateset.
void check_enumerators(std::span<const label_value> values, std::span<const std::string> names,
                       std::size_t templates, std::string_view plural, std::string_view owner,
                       diagnostics& diags) {
  std::unordered_map<std::string_view, std::size_t> first_with;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto [same, inserted] = first_with.emplace(names[i], i);
    if (inserted) continue;
    const label_value& first = values[same->second];
    const label_value& value = values[i];
    std::string message;
    if (i >= templates && templates > 0) {  // a route label's no-match value
      message = fmt::format(
          "the no-match value '{}' and route template '{}' (at {}) of {} both "
          "have the C++ spelling '{}'; choose another 'other' value",
          value.text, first.text, position_text(first.position), owner, names[i]);
    } else {
      message = fmt::format(
          "{} '{}' (at {}) and '{}' of {} both have the C++ spelling '{}'; "
          "rename one of them",
          plural, first.text, position_text(first.position), value.text, owner, names[i]);
    }
    diags.error(value.position, std::move(message));
  }
}

void check_label_enumerators(const schema& model, diagnostics& diags) {
  for (const label_definition& label : model.labels) {
    if (!label.kind_known || !label.is_closed_set()) continue;
    const std::size_t templates = label.route_templates().size();
    check_enumerators(label.values, enumerators_of(label), templates,
                      templates > 0 ? "route templates" : "values",
                      fmt::format("label '{}'", label.name), diags);
  }
  for (const metric_definition& metric : model.metrics) {
    if (!metric.kind_known || metric.kind != metric_kind::stateset) continue;
    check_enumerators(metric.states, enumerators_of(metric.states), 0, "states",
                      fmt::format("stateset '{}'", metric.name), diags);
  }
}

// Route and status labels get a function `<label>_of`, statesets an enum `<metric>_state`,
// beside the label enums.
void check_generated_functions_and_enums(const schema& model, diagnostics& diags) {
  std::map<std::string_view, const label_definition*, std::less<>> labels;
  for (const label_definition& label : model.labels) labels.emplace(label.name, &label);
  for (const label_definition& label : model.labels) {
    if (!label.kind_known ||
        (label.kind != label_kind::route && label.kind != label_kind::status)) {
      continue;
    }
    const std::string function_name = label.name + "_of";
    if (const auto other = labels.find(function_name); other != labels.end()) {
      diags.error(other->second->position,
                  fmt::format("label name '{}' collides with the function '{}' generated for {} "
                              "label '{}' (at {}); rename the label",
                              function_name, function_name, to_string(label.kind), label.name,
                              position_text(label.position)));
    }
  }
  for (const metric_definition& metric : model.metrics) {
    if (!metric.kind_known || metric.kind != metric_kind::stateset) continue;
    const std::string enum_name = metric.name + "_state";
    if (const auto label = labels.find(enum_name); label != labels.end()) {
      diags.error(label->second->position,
                  fmt::format("label name '{}' collides with the state enum generated for "
                              "stateset '{}' (at {}); rename the label",
                              enum_name, metric.name, position_text(metric.position)));
    }
  }
}

void check_metric(const metric_definition& metric, diagnostics& diags) {
  if (check_identifier(metric.name, metric.position, "metric name", diags) &&
      contains(reserved_metric_names, metric.name)) {
    diags.error(metric.position,
                fmt::format("metric name '{}' collides with a name the generated header "
                            "declares; choose another name",
                            metric.name));
  }
  if (!metric.kind_known) return;
  for (const reference<label_definition>& label : metric.labels) {
    // A stateset's label named like it is a schema error, reported by the resolver.
    if (label.target == nullptr || label.name != metric.name ||
        metric.kind == metric_kind::stateset) {
      continue;
    }
    diags.error(label.position,
                fmt::format("metric '{}' cannot have a label named like itself: the generated "
                            "'labels::{}' struct would have a member of its own name; rename the "
                            "label",
                            metric.name, metric.name));
  }
  if (metric.health && metric.name == "health") {
    diags.error(metric.health_position,
                "stateset 'health' cannot have 'health: true': its generated descriptor "
                "'metrics::health' would have a member of its own name; rename the metric, e.g. "
                "'component_health'");
  }
}

void check_tracker(const tracker_definition& tracker, const schema& model, diagnostics& diags) {
  const std::string function_name = "track_" + tracker.name;
  if (check_identifier(tracker.name, tracker.position, "tracker name", diags)) {
    const auto clash =
        std::find_if(model.metrics.begin(), model.metrics.end(),
                     [&](const metric_definition& metric) { return metric.name == function_name; });
    if (contains(reserved_tracker_names, tracker.name)) {
      diags.error(tracker.position,
                  fmt::format("tracker name '{}' collides with a name the struct generated for it "
                              "uses; choose another name",
                              tracker.name));
    } else if (clash != model.metrics.end()) {
      diags.error(
          tracker.position,
          fmt::format("tracker '{}' generates the registry function '{}', which collides "
                      "with metric '{}' (at {}); rename the tracker or the metric",
                      tracker.name, function_name, function_name, position_text(clash->position)));
    }
  }
  for (const reference<label_definition>& label : tracker.labels) {
    if (label.target == nullptr || label.name != function_name) continue;
    diags.error(label.position,
                fmt::format("tracker '{}' cannot have a label named '{}': the generated "
                            "'labels::{}' struct would have a member of its own name; rename the "
                            "label",
                            tracker.name, label.name, label.name));
  }
}

}  // namespace

void check(const schema& model, diagnostics& diags) {
  check_schema_name(model, diags);
  for (const label_definition& label : model.labels) check_label_name(label, diags);
  check_label_enumerators(model, diags);
  check_generated_functions_and_enums(model, diags);
  for (const metric_definition& metric : model.metrics) {
    if (!metric.from_process) check_metric(metric, diags);
  }
  for (const tracker_definition& tracker : model.trackers) check_tracker(tracker, model, diags);
}

}  // namespace schemetric::codegen::cpp
