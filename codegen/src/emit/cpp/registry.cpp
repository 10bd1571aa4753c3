// The registry and the tracker descriptors of the C++ header.
#include <algorithm>

#include <fmt/format.h>

#include "emit/cpp/cpp_emitter.hpp"
#include "emit/cpp/text.hpp"
#include "support/text.hpp"

namespace schemetric::codegen::cpp {
namespace {

std::string_view family_template(const metric_definition& metric) {
  switch (metric.kind) {
    case metric_kind::counter:
      return "counter_family";
    case metric_kind::gauge:
      return metric.callback ? "callback_gauge_family" : "gauge_family";
    case metric_kind::histogram:
      return "histogram_family";
    case metric_kind::summary:
      return "summary_family";
    case metric_kind::info:
      return "info_family";
    case metric_kind::stateset:
      return "stateset_family";
  }
  return "gauge_family";
}

// What one tracked operation is, for "Starts tracking ...": the tracker's help made into a
// phrase ("One HTTP request." -> "one HTTP request"), or what the kind's trackers track.
std::string tracked_operation(const tracker_definition& tracker) {
  if (tracker.help.empty()) return std::string{info(tracker.kind).operation};
  std::string phrase = comment_text(tracker.help);
  while (!phrase.empty() && phrase.back() == '.') phrase.pop_back();
  // Lowercase a capital that starts a sentence, not one that starts an acronym ("HTTP").
  const auto is_upper = [](char c) {
    return c >= 'A' && c <= 'Z';
  };
  if (!phrase.empty() && is_upper(phrase[0]) && (phrase.size() == 1 || !is_upper(phrase[1]))) {
    phrase[0] = static_cast<char>(phrase[0] - 'A' + 'a');
  }
  return phrase;
}

// The bounded labels the metrics use, in first-use order: the library keeps their run-time
// value tables.
std::vector<std::string> bounded_labels_in_use(const schema& model, std::string_view ns) {
  std::vector<std::string> types;
  for (const metric_definition& metric : model.metrics) {
    for (const reference<label_definition>& label : metric.labels) {
      if (label->kind != label_kind::bounded) continue;
      std::string type = fmt::format("{}::{}", ns, label.name);
      if (std::find(types.begin(), types.end(), type) == types.end()) {
        types.push_back(std::move(type));
      }
    }
  }
  return types;
}

// The registry's members that list its families and bounded labels.
std::string registry_lists(const schema& model, std::string_view ns) {
  std::vector<std::string> member_pointers;
  for (const metric_definition& metric : model.metrics) {
    if (!metric.from_process) member_pointers.push_back(fmt::format("&registry::{}", metric.name));
  }
  if (model.process_metrics) member_pointers.emplace_back("&registry::schemetric_process_metrics");
  std::string text = "  static constexpr auto schemetric_families() noexcept {\n";
  text += one_per_line("    return schemetric::family_list<", member_pointers, ">{};");
  text += "  }\n";
  text += "  static constexpr auto schemetric_bounded_labels() noexcept {\n";
  text += one_per_line("    return schemetric::bounded_label_list<",
                       bounded_labels_in_use(model, ns), ">{};");
  text += "  }\n";
  return text;
}

// The descriptor a `schemetric::tracker` reads: its registry, labels, kind and roles.
std::string tracker_descriptor(const tracker_definition& tracker, std::string_view ns) {
  std::string text =
      fmt::format("/// What {} {} tracker updates.\n", article_for(tracker.name), tracker.name);
  text += fmt::format("struct {} {{\n", tracker.name);
  text += fmt::format("  using registry = {}::registry;\n", ns);
  text += fmt::format("  using labels = {}::labels::track_{};\n", ns, tracker.name);
  text += fmt::format(
      "  static constexpr schemetric::tracker_kind kind = schemetric::tracker_kind::{};\n",
      to_string(tracker.kind));
  for (const metric_role_info& role : metric_roles) {
    const reference<metric_definition>& metric = tracker.metric(role.role);
    text += fmt::format("  static constexpr auto {} = {};\n", role.key,
                        metric.given() ? "&registry::" + metric.name : "nullptr");
  }
  for (const label_role_info& role : label_roles) {
    text += fmt::format("  static constexpr std::string_view {} = {};\n", role.key,
                        cpp_string_literal(tracker.label(role.role).name));
  }
  return text + "};\n";
}

}  // namespace

std::string registry(const schema& model) {
  const std::string ns = "::" + model.name;
  std::string text;
  if (!model.trackers.empty()) {
    // The registry's tracker functions return types defined after it, from its member pointers.
    text += "namespace trackers {\n";
    for (const tracker_definition& tracker : model.trackers) {
      text += fmt::format("struct {};\n", tracker.name);
    }
    text += "}  // namespace trackers\n\n";
  }
  text += section_rule("the registry");
  if (!model.help.empty()) text += fmt::format("/// {}\n///\n", comment_text(model.help));
  text += fmt::format(
      "/// Every metric family of the {} schema. Non-copyable; give it static storage or "
      "allocate it.\n",
      model.name);
  text += "struct registry {\n";
  text += fmt::format("  static constexpr std::string_view schema_name = {};\n",
                      cpp_string_literal(model.name));
  // Declared here, so that copying names the registry in a two-line error, not its members.
  text += "  registry() = default;\n";
  text += "  registry(const registry&) = delete;  // it owns the series: pass it by reference\n";
  text += "  registry& operator=(const registry&) = delete;\n";
  for (const metric_definition& metric : model.metrics) {
    if (metric.from_process) continue;
    text += fmt::format("  schemetric::{}<{}::metrics::{}> {};\n", family_template(metric), ns,
                        metric.name, metric.name);
  }
  if (model.process_metrics) {
    text +=
        "  /// The process metrics (process_cpu_seconds_total, ...), read from /proc when "
        "written.\n";
    text += "  schemetric::process_metrics_family schemetric_process_metrics;\n";
  }
  text += registry_lists(model, ns);
  for (const tracker_definition& tracker : model.trackers) {
    text += fmt::format("  /// Starts tracking {}: see schemetric/tracker.hpp.\n",
                        tracked_operation(tracker));
    text += declaration(
        fmt::format("  [[nodiscard]] schemetric::tracker<{}::trackers::{}> track_{}", ns,
                    tracker.name, tracker.name),
        fmt::format("const {}::labels::track_{}& labels", ns, tracker.name), " noexcept;", 6);
  }
  return text + "};\n\n";
}

std::string tracker_descriptors(const schema& model) {
  if (model.trackers.empty()) return {};
  const std::string ns = "::" + model.name;
  std::vector<std::string> descriptors;
  for (const tracker_definition& tracker : model.trackers) {
    descriptors.push_back(tracker_descriptor(tracker, ns));
  }
  std::string text = namespace_section("trackers", "trackers", descriptors);
  for (const tracker_definition& tracker : model.trackers) {
    text +=
        declaration(fmt::format("inline schemetric::tracker<trackers::{}> registry::track_{}",
                                tracker.name, tracker.name),
                    fmt::format("const labels::track_{}& labels", tracker.name), " noexcept {", 4);
    text +=
        fmt::format("  return schemetric::tracker<trackers::{}>(*this, labels);\n", tracker.name);
    text += "}\n\n";
  }
  return text;
}

}  // namespace schemetric::codegen::cpp
