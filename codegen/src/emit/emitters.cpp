// The table of emitters and the output file-name convention.
#include "emit/emitter.hpp"

#include <algorithm>
#include <array>

#include "emit/cpp/cpp_emitter.hpp"
#include "emit/dashboard/dashboard_emitter.hpp"
#include "emit/docs/docs_emitter.hpp"
#include "emit/rules/rules_emitter.hpp"

namespace schemetric::codegen {
namespace {

using namespace std::string_view_literals;

constexpr std::array cpp_outputs{"{name}_metrics.hpp"sv};
constexpr std::array rules_outputs{"{name}.rules.yml"sv, "{name}.rules.test.yml"sv};
constexpr std::array docs_outputs{"{name}.md"sv};
constexpr std::array dashboard_outputs{"{name}.dashboard.json"sv};

constexpr std::array all_emitters{
    emitter{"cpp", "the C++ header: label enums and structs, metric descriptors, the registry",
            cpp_outputs, &cpp::check, &cpp::emit},
    emitter{"rules", "Prometheus recording and alerting rules, and their promtool unit tests",
            rules_outputs, &rules_output::check, &rules_output::emit},
    emitter{"docs", "the metric reference in Markdown: metrics, trackers, alerts, SLOs, rules",
            docs_outputs, nullptr, &docs::emit},
    emitter{"dashboard", "a Grafana dashboard: panels from the metrics, trackers, alerts and SLOs",
            dashboard_outputs, &dashboard::check, &dashboard::emit},
};

}  // namespace

std::span<const emitter> emitters() noexcept {
  return all_emitters;
}

const emitter* find_emitter(std::string_view name) noexcept {
  const auto found = std::find_if(all_emitters.begin(), all_emitters.end(),
                                  [&](const emitter& candidate) { return candidate.name == name; });
  return found == all_emitters.end() ? nullptr : &*found;
}

std::string output_file_name(std::string_view pattern, std::string_view schema_name) {
  constexpr std::string_view placeholder = "{name}";
  std::string name{pattern};
  for (std::size_t at = name.find(placeholder); at != std::string::npos;
       at = name.find(placeholder, at + schema_name.size())) {
    name.replace(at, placeholder.size(), schema_name);
  }
  return name;
}

}  // namespace schemetric::codegen
