// Collects the generator's error messages in the `FILE:LINE:COLUMN: error: MESSAGE` form.
#include "support/diagnostics.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/utf8.hpp"

namespace schemetric::codegen {

// Messages quote the user's text (keys, values, and what yaml-cpp quotes of it, which can be
// part of a multi-byte character): a line break, a control character or a stray byte in it would
// break the one-line UTF-8 `FILE:LINE:COLUMN: error: MESSAGE` form that editors parse.
void diagnostics::error(source_position position, std::string message) {
  entries_.push_back(diagnostic{position, printable(message)});
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
