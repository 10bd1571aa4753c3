// The generator's stages in order, for the command line and the tests: read, resolve, check for
// the chosen emitters, analyse, then emit every output in memory.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "emit/emitter.hpp"
#include "model/schema.hpp"
#include "support/diagnostics.hpp"
#include "support/file_io.hpp"

namespace schemetric::codegen {

/// A schema that passed every stage and check of a run, and its analysis.
struct checked_schema {
  schema model;
  schema_analysis analysis;  ///< refers to `model` (moving both together keeps it valid)
};

/// Reads and resolves `yaml_text`, runs the check of every emitter of `selected`, and analyses
/// the result. Every error of every stage goes to `diags` (the checks run even after reading
/// errors, so that one run reports all of them; the analysis runs on a schema without errors).
/// The schema only when there is no error.
[[nodiscard]] std::optional<checked_schema> check_schema(std::string_view yaml_text,
                                                         std::span<const emitter* const> selected,
                                                         diagnostics& diags);

/// The files one emitter writes in a run, in the order of its `outputs`.
struct planned_outputs {
  const emitter* by = nullptr;
  std::vector<std::filesystem::path> paths;
};

/// Where each emitter of `selected` writes in `out_dir`: its outputs named by the convention.
[[nodiscard]] std::vector<planned_outputs> plan_outputs(std::string_view schema_name,
                                                        std::span<const emitter* const> selected,
                                                        const std::filesystem::path& out_dir);

/// Runs every planned emitter on `checked`: the text of each planned file.
[[nodiscard]] std::vector<file_to_write> emit_outputs(const checked_schema& checked,
                                                      std::span<const planned_outputs> plan,
                                                      std::string_view source_path,
                                                      std::string_view generator_version);

}  // namespace schemetric::codegen
