// Writing YAML for other tools.
#include "support/yaml_output.hpp"

#include <array>

#include "yaml/scalars.hpp"

namespace schemetric::codegen {
namespace {

// Plain scalars YAML 1.1 readers (Go's yaml.v2, which Prometheus uses) resolve to something
// other than a string, beyond the 1.2 core schema's numbers and booleans.
bool reads_as_other_than_string(std::string_view text) {
  using namespace std::string_view_literals;
  constexpr std::array special{"~"sv,   "null"sv, "Null"sv, "NULL"sv, "y"sv,   "Y"sv,  "yes"sv,
                               "Yes"sv, "YES"sv,  "n"sv,    "N"sv,    "no"sv,  "No"sv, "NO"sv,
                               "on"sv,  "On"sv,   "ON"sv,   "off"sv,  "Off"sv, "OFF"sv};
  if (text.empty() || yaml::is_bool(text) || yaml::parse_number(text)) return true;
  for (const std::string_view word : special) {
    if (text == word) return true;
  }
  // Sexagesimal and dotted numbers of YAML 1.1 (1:30, 1_000).
  return text.find_first_not_of("0123456789:._+-") == std::string_view::npos;
}

}  // namespace

void write_string(YAML::Emitter& out, std::string_view text) {
  if (text.find('\n') != std::string_view::npos) {
    out << YAML::Literal << std::string{text};
  } else if (reads_as_other_than_string(text)) {
    out << YAML::DoubleQuoted << std::string{text};
  } else {
    out << std::string{text};
  }
}

void write_entry(YAML::Emitter& out, std::string_view key, std::string_view text) {
  out << YAML::Key << std::string{key} << YAML::Value;
  write_string(out, text);
}

std::string document_with_banner(std::string_view banner, const YAML::Emitter& out) {
  std::string text = "# ";
  text += banner;
  text += "\n";
  text += out.c_str();
  text += "\n";
  return text;
}

}  // namespace schemetric::codegen
