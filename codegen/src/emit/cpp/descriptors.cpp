// The metric descriptors of the C++ header: one struct per metric with its name, help, unit,
// label set and type-specific constants, as the library's family templates read them.
#include <fmt/format.h>

#include "emit/cpp/cpp_emitter.hpp"
#include "emit/cpp/text.hpp"

namespace schemetric::codegen::cpp {
namespace {

// `static constexpr std::array<double, N> NAME{...};`
std::string double_array(std::string_view name, std::span<const double> values) {
  std::vector<std::string> literals;
  for (const double value : values) literals.push_back(cpp_double_literal(value));
  return packed(fmt::format("  static constexpr std::array<double, {}> {}{{", values.size(), name),
                literals, "};");
}

// The members only some metric types have.
std::string type_specific_members(const metric_definition& metric, std::string_view ns) {
  switch (metric.kind) {
    case metric_kind::counter:
      return fmt::format("  using value_type = {};\n",
                         metric.value_type() == metric_value::integer ? "std::uint64_t" : "double");
    case metric_kind::histogram:
      return double_array("buckets", metric.buckets);
    case metric_kind::summary:
      return double_array("quantiles", metric.quantiles) +
             fmt::format("  static constexpr double max_age_seconds = {};\n",
                         seconds_literal(metric.max_age_seconds)) +
             fmt::format("  static constexpr std::size_t age_buckets = {};\n", metric.age_buckets);
    case metric_kind::stateset:
      return fmt::format("  using state = {}::{}_state;\n", ns, metric.name) +
             (metric.health ? "  static constexpr bool health = true;\n" : "");
    case metric_kind::info:
      return metric.from_build ? "  static constexpr bool from_build = true;\n" : "";
    case metric_kind::gauge:
      // Float gauges say nothing: the library's default.
      return metric.value_type() == metric_value::integer ? "  using value_type = std::int64_t;\n"
                                                          : "";
  }
  return {};
}

std::string descriptor(const metric_definition& metric, std::string_view ns) {
  std::string text = fmt::format("/// {}\n", comment_text(metric.help));
  text += fmt::format("struct {} {{\n", metric.name);
  text += fmt::format("  static constexpr std::string_view name = {};\n",
                      cpp_string_literal(metric.name));
  text += fmt::format("  static constexpr std::string_view help = {};\n",
                      cpp_string_literal(metric.help));
  text += fmt::format("  static constexpr std::string_view unit = {};\n",
                      cpp_string_literal(metric.unit));
  text += fmt::format("  using labels = {}::labels::{};\n", ns, metric.name);
  text += type_specific_members(metric, ns);
  return text + "};\n";
}

}  // namespace

std::string metric_descriptors(const schema& model) {
  const std::string ns = "::" + model.name;
  std::vector<std::string> descriptors;
  for (const metric_definition& metric : model.metrics) {
    if (!metric.from_process) descriptors.push_back(descriptor(metric, ns));
  }
  return namespace_section("metric descriptors", "metrics", descriptors);
}

}  // namespace schemetric::codegen::cpp
