// Writing YAML for other tools (rule files, promtool tests, configuration) through yaml-cpp's
// emitter, with strings that stay strings when the tool reads them back.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace schemetric::codegen {

/// Writes `text` as a string scalar: double-quoted when a YAML reader would take it for
/// something else (a number, a boolean, null, empty), as a literal block when it has several
/// lines, plain otherwise (yaml-cpp quotes what needs quoting for the syntax).
void write_string(YAML::Emitter& out, std::string_view text);

/// `key: text` in the current mapping, with write_string.
void write_entry(YAML::Emitter& out, std::string_view key, std::string_view text);

/// The emitter's document with a `# comment` line before it and a final newline.
[[nodiscard]] std::string document_with_banner(std::string_view banner, const YAML::Emitter& out);

}  // namespace schemetric::codegen
