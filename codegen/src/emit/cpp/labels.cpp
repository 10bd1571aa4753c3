// The label sections of the C++ header: enums of closed sets with their value lists and route
// and status helpers, structs of bounded labels, and the label struct of each metric and
// tracker.
#include <fmt/format.h>

#include "emit/cpp/cpp_emitter.hpp"
#include "emit/cpp/identifiers.hpp"
#include "emit/cpp/text.hpp"
#include "support/text.hpp"

namespace schemetric::codegen::cpp {
namespace {

std::string_view enum_underlying_type(std::size_t value_count) {
  return value_count <= 256 ? "std::uint8_t" : "std::uint16_t";
}

// The enum and its `schemetric_label_values` overload for one closed label set or stateset.
std::string label_enum(std::string_view enum_name, std::string_view doc,
                       std::span<const label_value> values,
                       std::span<const std::string> enumerators) {
  std::vector<std::string> literals;
  for (const label_value& value : values) literals.push_back(cpp_string_literal(value.text));
  std::string text;
  text += fmt::format("/// {}\n", comment_text(doc));
  text +=
      packed(fmt::format("enum class {} : {} {{ ", enum_name, enum_underlying_type(values.size())),
             enumerators, " };");
  text += fmt::format(
      "constexpr std::array<std::string_view, {}> schemetric_label_values({}) noexcept {{\n",
      values.size(), enum_name);
  text += packed("  return {", literals, "};");
  text += "}\n";
  return text;
}

// The doc comment of a label's enum or struct: its help, or a default line.
std::string label_doc(const label_definition& label) {
  return label.help.empty() ? fmt::format("Values of the {} label.", label.name) : label.help;
}

std::string closed_label_enum(const label_definition& label) {
  return label_enum(label.name, label_doc(label), label.values, enumerators_of(label));
}

// A function returning a constant list, in the shape of `schemetric_label_values`.
std::string list_function(std::string_view return_type, std::string_view function_name,
                          std::string_view parameter, std::span<const std::string> items) {
  std::string text =
      fmt::format("constexpr {} {}({}) noexcept {{\n", return_type, function_name, parameter);
  text += packed("  return {", items, "};");
  text += "}\n";
  return text;
}

// The enum of `label` as the body of its `<label>_of(parameter)` function names it: unqualified,
// unless the parameter has the label's name and hides it (a route label named `path`, a status
// label named `code`).
std::string enum_in_function(const label_definition& label, std::string_view ns,
                             std::string_view parameter) {
  return label.name == parameter ? fmt::format("{}::{}", ns, label.name) : label.name;
}

// `/// doc` and `constexpr LABEL LABEL_of(PARAMETER) noexcept { return schemetric::CALL(...); }`
std::string of_function(const label_definition& label, std::string_view ns, std::string_view doc,
                        std::string_view parameter_type, std::string_view parameter,
                        std::string_view library_function) {
  std::string text = fmt::format("/// {}\n", doc);
  text += fmt::format("constexpr {} {}_of({} {}) noexcept {{\n", label.name, label.name,
                      parameter_type, parameter);
  text += fmt::format("  return schemetric::{}<{}>({});\n", library_function,
                      enum_in_function(label, ns, parameter), parameter);
  text += "}\n";
  return text;
}

// The enum, values and route helpers of a `kind: route` label.
std::string route_label(const label_definition& label, std::string_view ns) {
  std::string text = closed_label_enum(label);
  std::vector<std::string> templates;
  for (const label_value& route : label.route_templates()) {
    templates.push_back(cpp_string_literal(route.text));
  }
  text += list_function(fmt::format("std::array<std::string_view, {}>", templates.size()),
                        "schemetric_route_templates", label.name, templates);
  const std::string no_match = enumerators_of(label).back();
  text += of_function(label, ns,
                      fmt::format("The route template `path` matches; {}::{} when none does.",
                                  label.name, no_match),
                      "std::string_view", "path", "match_route");
  return text;
}

// The enum, values and status helpers of a `kind: status` label.
std::string status_label(const label_definition& label, std::string_view ns) {
  std::string text = closed_label_enum(label);
  if (label.is_status_classes()) {
    text += fmt::format("constexpr bool schemetric_status_classes({}) noexcept {{\n", label.name);
    text += "  return true;\n}\n";
    return text + of_function(label, ns, "The class of the HTTP status `code`.", "int", "code",
                              "status_class_of");
  }
  std::vector<std::string> codes;
  for (const int code : label.status_codes) codes.push_back(std::to_string(code));
  text += list_function(fmt::format("std::array<int, {}>", codes.size()), "schemetric_status_codes",
                        label.name, codes);
  return text + of_function(label, ns,
                            fmt::format("The value of the HTTP status `code`; {}::{} for a code "
                                        "not listed.",
                                        label.name, enumerators_of(label).back()),
                            "int", "code", "status_code_of");
}

// The struct of a `kind: bounded` label.
std::string bounded_label(const label_definition& label) {
  std::string text;
  text += fmt::format("/// {} At most {} distinct value{}; later ones are exposed as \"{}\".\n",
                      comment_text(label_doc(label)), label.max_values,
                      label.max_values == 1 ? "" : "s", comment_text(label.overflow_value));
  text += fmt::format("struct {} : schemetric::bounded_label<{}, {}> {{\n", label.name, label.name,
                      label.max_values);
  text += "  using bounded_label::bounded_label;\n";
  text += fmt::format("  static constexpr std::string_view label_name = {};\n",
                      cpp_string_literal(label.name));
  text += fmt::format("  static constexpr std::string_view overflow_value = {};\n",
                      cpp_string_literal(label.overflow_value));
  text += "};\n";
  return text;
}

// The declaration of one label, or nothing for a text label.
std::string label_type(const label_definition& label, std::string_view ns) {
  switch (label.kind) {
    case label_kind::enumeration:
      return closed_label_enum(label);
    case label_kind::route:
      return route_label(label, ns);
    case label_kind::status:
      return status_label(label, ns);
    case label_kind::bounded:
      return bounded_label(label);
    case label_kind::text:
      break;
  }
  return {};
}

// The type of a label struct's member for `label`.
std::string label_member_type(const label_definition& label, std::string_view ns) {
  if (label.kind == label_kind::text) return "schemetric::text_label";
  if (label.kind == label_kind::bounded) return fmt::format("{}::{}", ns, label.name);
  return fmt::format("schemetric::label<{}::{}>", ns, label.name);
}

// A label struct: an aggregate of one member per label, their names, and
// `schemetric_labels(visit)`, through which the library reads the members (`this->`, so that
// a label named `visit` is still its member); or an alias of `schemetric::no_labels`.
std::string label_struct(std::string_view ns, std::string_view struct_name,
                         std::span<const reference<label_definition>> labels,
                         std::string_view doc) {
  if (labels.empty()) {
    return fmt::format("/// {}: none.\nusing {} = schemetric::no_labels;\n", doc, struct_name);
  }
  std::string text = fmt::format("/// {}.\n", doc);
  text += fmt::format("struct {} {{\n", struct_name);
  std::vector<std::string> names;
  std::vector<std::string> members;
  for (const reference<label_definition>& label : labels) {
    text += fmt::format("  {} {};\n", label_member_type(*label, ns), label.name);
    names.push_back(cpp_string_literal(label.name));
    members.push_back("this->" + label.name);
  }
  text += packed(fmt::format("  static constexpr std::array<std::string_view, {}> "
                             "schemetric_label_names{{",
                             labels.size()),
                 names, "};");
  text += "  constexpr decltype(auto) schemetric_labels(auto visit) const {\n";
  text += packed("    return visit(", members, ");");
  text += "  }\n";
  text += "};\n";
  return text;
}

}  // namespace

std::string label_types(const schema& model) {
  const std::string ns = "::" + model.name;
  std::vector<std::string> declarations;
  for (const label_definition& label : model.labels) {
    if (std::string text = label_type(label, ns); !text.empty()) {
      declarations.push_back(std::move(text));
    }
  }
  for (const metric_definition& metric : model.metrics) {
    if (metric.kind != metric_kind::stateset) continue;
    declarations.push_back(label_enum(metric.name + "_state",
                                      fmt::format("States of {}.", metric.name), metric.states,
                                      enumerators_of(metric.states)));
  }
  if (declarations.empty()) return {};
  std::string text = section_rule("labels") + "\n";
  for (std::size_t i = 0; i < declarations.size(); ++i) {
    if (i > 0) text += "\n";
    text += declarations[i];
  }
  return text + "\n";
}

std::string label_sets(const schema& model) {
  const std::string ns = "::" + model.name;
  std::vector<std::string> structs;
  for (const metric_definition& metric : model.metrics) {
    if (metric.from_process) continue;
    structs.push_back(
        label_struct(ns, metric.name, metric.labels, fmt::format("Labels of {}", metric.name)));
  }
  for (const tracker_definition& tracker : model.trackers) {
    structs.push_back(label_struct(ns, "track_" + tracker.name, tracker.labels,
                                   fmt::format("Labels given when {} {} tracker starts",
                                               article_for(tracker.name), tracker.name)));
  }
  return namespace_section("label sets, one per metric", "labels", structs);
}

}  // namespace schemetric::codegen::cpp
