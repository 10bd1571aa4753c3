// Helpers for the tests of the schema stages and the emitters: schemas from YAML text through
// the generator's stages, and models built in a test.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "driver/pipeline.hpp"
#include "emit/cpp/cpp_emitter.hpp"
#include "emit/emitter.hpp"
#include "model/schema.hpp"
#include "schema/read.hpp"
#include "schema/resolve.hpp"
#include "schema/sections.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen::testing {

/// Raw string literals in the tests start with a line break for readability; line 1 is the line
/// after `R"(`.
inline std::string without_leading_newline(std::string_view text) {
  if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  return std::string{text};
}

/// The emitters a plain `schemetric-gen` run checks for: the C++ header.
inline std::vector<const emitter*> cpp_only() {
  return {find_emitter("cpp")};
}

/// Every diagnostic of the whole front end (read, resolve, the C++ emitter's checks, the
/// budget) for `yaml`, formatted as schemetric-gen prints them for a file named s.yaml.
inline std::string errors_of(std::string_view yaml) {
  diagnostics diags("s.yaml");
  const std::optional<checked_schema> checked =
      check_schema(without_leading_newline(yaml), cpp_only(), diags);
  EXPECT_EQ(checked.has_value(), !diags.has_errors());
  return diags.format();
}

/// The diagnostics of the schema reader alone.
inline std::string read_errors_of(std::string_view yaml) {
  diagnostics diags("s.yaml");
  (void)read_schema(without_leading_newline(yaml), diags);
  return diags.format();
}

/// The diagnostics of the reader and the resolver, without any emitter's checks.
inline std::string resolve_errors_of(std::string_view yaml) {
  diagnostics diags("s.yaml");
  if (std::optional<schema> model = read_schema(without_leading_newline(yaml), diags)) {
    resolve(*model, diags);
  }
  return diags.format();
}

/// The diagnostics of the C++ emitter's checks alone, on the model read and resolved from `yaml`
/// (whatever errors those stages found are not shown).
inline std::string cpp_errors_of(std::string_view yaml) {
  diagnostics earlier("s.yaml");
  std::optional<schema> model = read_schema(without_leading_newline(yaml), earlier);
  if (!model) return "no model\n";
  resolve(*model, earlier);
  diagnostics diags("s.yaml");
  cpp::check(*model, diags);
  return diags.format();
}

/// The model one section reader (`read_labels`, ...) makes of `yaml`, a document whose only key is
/// that section; its errors go to `diags`.
template <class SectionReader>
schema read_section(std::string_view yaml, SectionReader read, diagnostics& diags) {
  const std::string text = without_leading_newline(yaml);
  yaml::node_reader reader(text, diags);
  schema model;
  for (const yaml::entry& section : reader.entries_of(YAML::Load(text))) {
    read(reader, section, model);
  }
  return model;
}

/// The model of a schema that must pass every stage.
inline schema parse_valid(std::string_view yaml) {
  diagnostics diags("s.yaml");
  std::optional<checked_schema> checked =
      check_schema(without_leading_newline(yaml), cpp_only(), diags);
  EXPECT_EQ(diags.format(), "");
  if (!checked) return schema{};
  return std::move(checked->model);
}

/// The names of a list of references, for comparisons.
template <class Definition>
std::vector<std::string> names_of(const std::vector<reference<Definition>>& references) {
  std::vector<std::string> names;
  for (const reference<Definition>& reference : references) names.push_back(reference.name);
  return names;
}

// --- models built in a test --------------------------------------------------------------------

template <class Definition>
std::vector<reference<Definition>> references(std::initializer_list<std::string_view> names) {
  std::vector<reference<Definition>> result;
  for (const std::string_view name : names) result.push_back({std::string{name}, {}, nullptr});
  return result;
}

inline std::vector<label_value> values_of(std::initializer_list<std::string_view> texts) {
  std::vector<label_value> values;
  for (const std::string_view text : texts) values.push_back(label_value{std::string{text}, {}});
  return values;
}

inline label_definition label_of(std::string name, label_kind kind,
                                 std::initializer_list<std::string_view> values = {}) {
  label_definition label;
  label.name = std::move(name);
  label.kind = kind;
  label.values = values_of(values);
  return label;
}

inline metric_definition metric_of(std::string name, metric_kind kind, std::string help,
                                   std::initializer_list<std::string_view> labels = {}) {
  metric_definition metric;
  metric.name = std::move(name);
  metric.kind = kind;
  metric.help = std::move(help);
  metric.labels = references<label_definition>(labels);
  return metric;
}

inline tracker_definition tracker_of(std::string name, tracker_kind kind, std::string_view duration,
                                     std::initializer_list<std::string_view> labels = {}) {
  tracker_definition tracker;
  tracker.name = std::move(name);
  tracker.kind = kind;
  tracker.labels = references<label_definition>(labels);
  tracker.metric(metric_role::duration).name = std::string{duration};
  return tracker;
}

/// `model` with its references linked by the resolver, which must find nothing wrong.
inline schema resolved(schema model) {
  diagnostics diags("model");
  resolve(model, diags);
  EXPECT_EQ(diags.format(), "");
  return model;
}

}  // namespace schemetric::codegen::testing
