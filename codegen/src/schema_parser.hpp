// Reads a schema file (YAML, format version 1) into the validated model, reporting every error.
#pragma once

#include <optional>
#include <string_view>

#include "diagnostics.hpp"
#include "schema_model.hpp"

namespace schemetric::codegen {

/// The schema format versions this generator reads.
inline constexpr int supported_format_version = 1;

/// Parses and validates the YAML text of a schema. Every error found is added to `diags` (with
/// the 1-based line and column of the offending YAML node); the model is returned only when
/// there is none. Never throws for bad input: malformed YAML becomes a diagnostic too.
[[nodiscard]] std::optional<schema> parse_schema(std::string_view yaml_text, diagnostics& diags);

}  // namespace schemetric::codegen
