// C++ spellings of schema names and values.
#include "emit/cpp/identifiers.hpp"

#include <algorithm>
#include <iterator>

namespace schemetric::codegen::cpp {
namespace {

// [lex.key] and [lex.digraph] of C++20, plus `import` and `module`, which start a module
// directive when they begin a line ([cpp.pre]) and so are unsafe as enumerators printed one per
// line.
// clang-format off
constexpr std::string_view cpp_keywords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char16_t", "char32_t", "char8_t", "class", "co_await", "co_return",
    "co_yield", "compl", "concept", "const", "const_cast", "consteval", "constexpr", "constinit",
    "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "import",
    "inline", "int", "long", "module", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
    "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void",
    "volatile", "wchar_t", "while", "xor", "xor_eq",
};
// clang-format on

bool is_lower_or_digit(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// The length of the UTF-8 sequence starting with `lead`, or 1 for a byte that cannot start one.
std::size_t utf8_sequence_length(unsigned char lead) noexcept {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc2) return 2;
  return 1;
}

}  // namespace

bool is_keyword(std::string_view word) noexcept {
  return std::find(std::begin(cpp_keywords), std::end(cpp_keywords), word) !=
         std::end(cpp_keywords);
}

std::string safe_identifier(std::string_view value) {
  std::string result;
  result.reserve(value.size() + 2);
  for (std::size_t i = 0; i < value.size();) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte >= 0x80) {
      // One `_` per UTF-8 character, not per byte, so "é" and "e" differ by one character.
      std::size_t length = utf8_sequence_length(byte);
      std::size_t consumed = 1;
      while (consumed < length && i + consumed < value.size() &&
             (static_cast<unsigned char>(value[i + consumed]) & 0xc0) == 0x80) {
        ++consumed;
      }
      result += '_';
      i += consumed;
      continue;
    }
    char c = static_cast<char>(byte);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    result += (is_lower_or_digit(c) || c == '_') ? c : '_';
    ++i;
  }
  // A new string rather than insert(0, "_"): g++ 12 at -O3 reports a false -Wrestrict there.
  if (!result.empty() && result.front() >= '0' && result.front() <= '9') result = '_' + result;
  if (is_keyword(result) || is_predefined_macro(result)) result += '_';
  return result;
}

std::string route_identifier(std::string_view route_template) {
  if (route_template == "/") return "root";
  if (route_template.starts_with('/')) route_template.remove_prefix(1);
  std::string without_braces;
  without_braces.reserve(route_template.size());
  for (const char c : route_template) {
    if (c != '{' && c != '}') without_braces += c;
  }
  return safe_identifier(without_braces);
}

std::vector<std::string> enumerators_of(const label_definition& label) {
  const std::size_t templates = label.route_templates().size();
  std::vector<std::string> names;
  names.reserve(label.values.size());
  for (std::size_t i = 0; i < label.values.size(); ++i) {
    const std::string& text = label.values[i].text;
    names.push_back(i < templates ? route_identifier(text) : safe_identifier(text));
  }
  return names;
}

std::vector<std::string> enumerators_of(std::span<const label_value> states) {
  std::vector<std::string> names;
  names.reserve(states.size());
  for (const label_value& state : states) names.push_back(safe_identifier(state.text));
  return names;
}

}  // namespace schemetric::codegen::cpp
