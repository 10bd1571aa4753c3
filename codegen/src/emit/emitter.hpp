// The emitters: each turns a checked schema into the text of one or more files. The command line
// and schemetric_generate() select them by name (`--emit cpp,...`, `EMIT cpp ...`).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// What an emitter is told about the run besides the model.
struct emit_context {
  std::string source_path;        ///< the schema's path as given on the command line (banners)
  std::string generator_version;  ///< "MAJOR.MINOR.PATCH" of schemetric-gen
  /// The names (without directory) of the files this run writes the emitter's outputs to, in the
  /// order of `emitter::outputs`: the conventional names, or those the command line chose.
  std::vector<std::string> file_names;
};

/// One output format of the generator. Stateless; both functions may be called for any number of
/// schemas. Emitters never write files: the caller writes every output of a run, all or none.
struct emitter {
  std::string_view name;         ///< its name for `--emit` and `EMIT`, e.g. "cpp"
  std::string_view description;  ///< one line for `--help`
  /// The files it writes, `{name}` standing for the schema's name ("{name}_metrics.hpp"). Every
  /// run writes all of them. This table is the one place output names are decided;
  /// cmake/schemetric_generate.cmake mirrors it (a test compares the two).
  std::span<const std::string_view> outputs;
  /// Reports what the schema says that this output cannot express (for C++: names that clash in
  /// the generated header). Called for every run that selects the emitter, before anything is
  /// written, on the resolved model even when earlier stages reported errors (so a user sees
  /// every error at once): it must skip definitions whose `kind_known` is false and references
  /// without a target.
  void (*check)(const schema& model, diagnostics& diags);
  /// The text of each output, in the order of `outputs`. Called only when no stage and no check
  /// reported an error. Deterministic: the same model gives the same bytes.
  std::vector<std::string> (*emit)(const schema& model, const schema_analysis& analysis,
                                   const emit_context& context);
};

/// Every emitter, in the order `--help` lists them.
[[nodiscard]] std::span<const emitter> emitters() noexcept;

/// The emitter called `name`, or nullptr.
[[nodiscard]] const emitter* find_emitter(std::string_view name) noexcept;

/// An output pattern with `{name}` replaced by the schema's name.
[[nodiscard]] std::string output_file_name(std::string_view pattern, std::string_view schema_name);

}  // namespace schemetric::codegen
