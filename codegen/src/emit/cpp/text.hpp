// C++ source text: literals, comments and the line layout of the generated header.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace schemetric::codegen::cpp {

/// Lines are kept within this many columns where a line break is possible (long help strings
/// stay on one line).
inline constexpr std::size_t column_limit = 100;

/// `text` as a C++ string literal, quotes included. `"` and `\` are escaped, `\n` and `\t` use
/// their short escapes, other control characters, DEL and bytes that are not valid UTF-8 use
/// three-digit octal escapes (so a following digit cannot extend them), the second `?` of `??`
/// is escaped (no trigraphs); UTF-8 passes through.
[[nodiscard]] std::string cpp_string_literal(std::string_view text);

/// `text` made safe for a single `//` comment line: control characters (line breaks, tabs)
/// become spaces, runs of spaces become one, leading and trailing spaces go, and a trailing
/// backslash or `??/` (a line splice) gets a `.` after it.
[[nodiscard]] std::string comment_text(std::string_view text);

/// A C++ double literal that reads back as exactly `value` (shortest round-trip form, with a
/// `.0` added to integral values so they read as doubles).
[[nodiscard]] std::string cpp_double_literal(double value);

/// A number of seconds as a C++ literal: integral values read as integers (`600`).
[[nodiscard]] std::string seconds_literal(double seconds);

/// `// --- TITLE ---...` to column 80, with a line break.
[[nodiscard]] std::string section_rule(std::string_view title);

/// `prefix item, item, ...suffix` with a line break: on one line when it fits, else with the
/// items packed into lines aligned under the first one.
[[nodiscard]] std::string packed(std::string_view prefix, std::span<const std::string> items,
                                 std::string_view suffix);

/// Like `packed`, but one item per line when it does not fit on one.
[[nodiscard]] std::string one_per_line(std::string_view prefix, std::span<const std::string> items,
                                       std::string_view suffix);

/// A commented section rule, then `namespace NAME {`, the declarations separated by blank
/// lines, and the closing brace, followed by a blank line.
[[nodiscard]] std::string namespace_section(std::string_view title, std::string_view name,
                                            std::span<const std::string> declarations);

/// `head(parameters)tail` with a line break: on one line when it fits, else broken after the
/// parenthesis with the parameters indented by `indent` (clang-format's shape).
[[nodiscard]] std::string declaration(std::string_view head, std::string_view parameters,
                                      std::string_view tail, std::size_t indent);

}  // namespace schemetric::codegen::cpp
