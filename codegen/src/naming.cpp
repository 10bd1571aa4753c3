// Naming rules shared by the parser and the emitters.
#include "naming.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

namespace schemetric::codegen {
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

// Object-like macros with lowercase names: GCC and Clang predefine `linux`, `unix` and `i386`
// in the GNU modes CMake selects by default (-std=gnu++20); <cerrno> defines `errno`.
constexpr std::string_view predefined_macros[] = {"errno", "i386", "linux", "unix"};

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

bool is_valid_name(std::string_view name) noexcept {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_lower_or_digit(c) || c == '_'; });
}

bool is_cpp_keyword(std::string_view word) noexcept {
  return std::find(std::begin(cpp_keywords), std::end(cpp_keywords), word) !=
         std::end(cpp_keywords);
}

bool is_predefined_macro(std::string_view word) noexcept {
  return std::find(std::begin(predefined_macros), std::end(predefined_macros), word) !=
         std::end(predefined_macros);
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
  if (is_cpp_keyword(result) || is_predefined_macro(result)) result += '_';
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

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows of the Damerau (optimal string alignment) table.
  std::vector<std::size_t> before_previous(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    // A third of the candidate's length: one typo in "help", two in "buckets".
    const std::size_t limit = std::max<std::size_t>(1, candidate.size() / 3);
    if (distance == 0 || distance > limit) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace schemetric::codegen
