// Turns a validated schema into the text of its C++ header (`<name>_metrics.hpp`).
#pragma once

#include <string>
#include <string_view>

#include "schema_model.hpp"

namespace schemetric::codegen {

/// What the header says about where it came from.
struct cpp_emit_options {
  std::string source_path;        ///< the schema path as given on the command line (banner)
  std::string header_name;        ///< the header's file name (static_assert message)
  std::string generator_version;  ///< "MAJOR.MINOR.PATCH" of schemetric-gen
};

/// The conventional file name of a schema's header: `<schema name>_metrics.hpp`.
[[nodiscard]] std::string default_header_name(const schema& model);

/// The complete header for `model`: deterministic (no timestamps), ends with a newline.
[[nodiscard]] std::string emit_cpp_header(const schema& model, const cpp_emit_options& options);

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

}  // namespace schemetric::codegen
