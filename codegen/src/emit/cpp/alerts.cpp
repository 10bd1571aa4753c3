// The alert definitions of the C++ header: each alert the library evaluates in process
// (schemetric/alerting/evaluator.hpp) as constant data, from the same resolved model the
// Prometheus rules come from.
#include <algorithm>

#include <fmt/format.h>

#include "emit/cpp/cpp_emitter.hpp"
#include "emit/cpp/identifiers.hpp"
#include "emit/cpp/text.hpp"
#include "model/alerts.hpp"

namespace schemetric::codegen::cpp {
namespace {

// The arrays a selection's `match` needs, and the initializer that names them.
struct selection_text {
  std::string arrays;
  std::string initializer;  ///< `{.metric = "...", .match = NAME}`
};

std::string string_array(std::string_view name, std::span<const std::string> values) {
  std::vector<std::string> literals;
  for (const std::string& value : values) literals.push_back(cpp_string_literal(value));
  return packed(fmt::format("inline constexpr std::string_view {}[] = {{", name), literals, "};");
}

selection_text selection(const series_selection& chosen, std::string_view name) {
  selection_text text{"", "{.metric = \"\", .match = {}}"};
  if (!chosen.given()) return text;
  std::vector<std::string> matches;
  for (const value_match& match : chosen.match) {
    const std::string values = fmt::format("{}_{}", name, safe_identifier(match.label.name));
    text.arrays += string_array(values, match.values);
    matches.push_back(fmt::format("{{{}, {}}}", cpp_string_literal(match.label.name), values));
  }
  if (!matches.empty()) {
    text.arrays += one_per_line(
        fmt::format("inline constexpr schemetric::alerting::label_match {}[] = {{", name), matches,
        "};");
  }
  text.initializer =
      fmt::format("{{.metric = {}, .match = {}}}", cpp_string_literal(chosen.metric.name),
                  matches.empty() ? "{}" : name);
  return text;
}

std::string_view kind_name(alert_kind kind) {
  return alert_kind_keywords.text(kind);
}

// The definition's designated initializers, every member in order (one per line), and the
// arrays they name.
std::pair<std::string, std::string> definition(const alert_definition& alert) {
  const std::string id = safe_identifier(environment_name(alert.name));
  std::string arrays;
  selection_text first;
  selection_text second;
  double quantile = 0;
  std::string state;
  const auto select = [&](const series_selection& a, std::string_view a_name,
                          const series_selection& b, std::string_view b_name) {
    first = selection(a, fmt::format("{}_{}", id, a_name));
    second = selection(b, fmt::format("{}_{}", id, b_name));
  };
  std::visit(
      [&](const auto& indicator) {
        using type = std::decay_t<decltype(indicator)>;
        if constexpr (std::is_same_v<type, ratio_indicator>) {
          select(indicator.numerator, "numerator", indicator.denominator, "denominator");
        } else if constexpr (std::is_same_v<type, quantile_indicator>) {
          select(indicator.histogram, "histogram", {}, "");
          quantile = indicator.quantile;
        } else if constexpr (std::is_same_v<type, gauge_indicator>) {
          select(indicator.gauge, "gauge", indicator.divided_by, "divided_by");
        } else if constexpr (std::is_same_v<type, state_indicator>) {
          select(indicator.stateset, "stateset", {}, "");
          state = indicator.state;
        }
      },
      alert.indicator);
  arrays += first.arrays + second.arrays;
  std::string by = "{}";
  if (!alert.by.empty()) {
    std::vector<std::string> names;
    for (const reference<label_definition>& label : alert.by) names.push_back(label.name);
    arrays += string_array(id + "_by", names);
    by = id + "_by";
  }
  const bool windowed = alert.kind() == alert_kind::ratio || alert.kind() == alert_kind::quantile;
  const std::vector<std::string> fields{
      fmt::format(".name = {}", cpp_string_literal(alert.name)),
      fmt::format(".env_name = {}", cpp_string_literal(environment_name(alert.name))),
      fmt::format(".kind = schemetric::alerting::alert_kind::{}", kind_name(alert.kind())),
      fmt::format(".level = schemetric::alerting::severity::{}", to_string(alert.level)),
      fmt::format(".below = {}", alert.compare == comparison::below ? "true" : "false"),
      fmt::format(".threshold = {}",
                  cpp_double_literal(alert.kind() == alert_kind::state ? 1.0 : alert.threshold)),
      fmt::format(".window_ms = {}", windowed ? alert.window.count() : 0),
      fmt::format(".for_ms = {}", alert.for_duration.count()),
      ".first = " + first.initializer,
      ".second = " + second.initializer,
      fmt::format(".quantile = {}", cpp_double_literal(quantile)),
      fmt::format(".state = {}", cpp_string_literal(state)),
      fmt::format(".min_rate = {}", cpp_double_literal(alert.min_rate.value_or(0))),
      ".by = " + by,
      fmt::format(".summary = {}", cpp_string_literal(alert.summary))};
  std::string initializer = "    {";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    initializer += (i == 0 ? "" : ",\n     ") + fields[i];
  }
  return {arrays, initializer + "}"};
}

}  // namespace

std::string alert_definitions(const schema& model) {
  std::vector<const alert_definition*> evaluated;
  std::vector<std::string> skipped;
  for (const alert_definition& alert : model.alerts) {
    if (evaluated_in_process(alert.kind())) {
      evaluated.push_back(&alert);
    } else {
      skipped.push_back(alert.name);
    }
  }
  if (evaluated.empty()) return {};
  std::string arrays;
  std::string initializers;
  for (const alert_definition* alert : evaluated) {
    auto [alert_arrays, initializer] = definition(*alert);
    arrays += alert_arrays;
    initializers += (initializers.empty() ? "" : ",\n") + initializer;
  }
  std::string text =
      section_rule("alerts evaluated in process (schemetric/alerting/evaluator.hpp)");
  text += "namespace alerts {\n\n";
  if (!arrays.empty()) text += arrays + "\n";
  text += "/// The schema's alerts the library can evaluate in process, in schema order";
  if (!skipped.empty()) {
    std::string names;
    for (const std::string& name : skipped) names += (names.empty() ? "" : ", ") + name;
    text += fmt::format(" (not the\n/// absent and expr alerts, which need Prometheus: {})", names);
  }
  text += ".\n";
  text += fmt::format(
      "inline constexpr std::array<schemetric::alerting::definition, {}> all{{{{\n{}}}}};\n\n",
      evaluated.size(), initializers);
  text += "}  // namespace alerts\n\n";
  return text;
}

}  // namespace schemetric::codegen::cpp
