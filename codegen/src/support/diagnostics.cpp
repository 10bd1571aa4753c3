// Collects the generator's error messages in the `FILE:LINE:COLUMN: error: MESSAGE` form.
#include "support/diagnostics.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace schemetric::codegen {

namespace {

// Messages quote the user's text (keys, values); a line break or other control character in it
// would break the one-line `FILE:LINE:COLUMN: error: MESSAGE` form that editors parse.
std::string one_line(std::string message) {
  if (std::none_of(message.begin(), message.end(),
                   [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return message;
  }
  std::string escaped;
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      escaped += "\\n";
    } else if (c == '\t') {
      escaped += "\\t";
    } else if (c == '\r') {
      escaped += "\\r";
    } else if (byte < 0x20 || byte == 0x7f) {
      escaped += fmt::format("\\x{:02x}", byte);
    } else {
      escaped += c;
    }
  }
  return escaped;
}

}  // namespace

void diagnostics::error(source_position position, std::string message) {
  entries_.push_back(diagnostic{position, one_line(std::move(message))});
}

std::vector<diagnostic> diagnostics::sorted() const {
  std::vector<diagnostic> result = entries_;
  std::stable_sort(result.begin(), result.end(), [](const diagnostic& a, const diagnostic& b) {
    if (a.position.line != b.position.line) return a.position.line < b.position.line;
    return a.position.column < b.position.column;
  });
  return result;
}

std::string diagnostics::format() const {
  std::string text;
  for (const diagnostic& entry : sorted()) {
    text += format_diagnostic(file_name_, entry);
    text += '\n';
  }
  return text;
}

std::string format_diagnostic(std::string_view file_name, const diagnostic& entry,
                              std::string_view severity) {
  if (entry.position.line <= 0) {
    return fmt::format("{}: {}: {}", file_name, severity, entry.message);
  }
  return fmt::format("{}:{}:{}: {}: {}", file_name, entry.position.line, entry.position.column,
                     severity, entry.message);
}

}  // namespace schemetric::codegen
