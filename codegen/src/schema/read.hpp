// Reads a schema file (YAML, format version 1) into the model, section by section, reporting
// every error. References between definitions are left for `resolve` (schema/resolve.hpp).
#pragma once

#include <optional>
#include <string_view>

#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// The schema format versions this generator reads.
inline constexpr int supported_format_version = 1;

/// Reads the YAML text of a schema. Every error found is added to `diags` with the 1-based line
/// and column of the offending node. The model is returned whenever the text is one YAML mapping,
/// even when parts of it had errors, so that later stages can report their errors in the same
/// run: definitions whose kind could not be read have `kind_known == false`, values that could
/// not be read are left out. Nothing is returned for malformed YAML or a document that is not a
/// mapping. Never throws for bad input.
[[nodiscard]] std::optional<schema> read_schema(std::string_view yaml_text, diagnostics& diags);

}  // namespace schemetric::codegen
