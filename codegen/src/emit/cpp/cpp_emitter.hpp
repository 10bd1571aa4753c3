// The `cpp` emitter: the C++ header of a schema (`<name>_metrics.hpp`), which declares label
// enums and structs, metric descriptors, the registry and tracker descriptors for the library
// in include/ to work on. Its checks reject schema names that would not compile there.
#pragma once

#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "emit/emitter.hpp"
#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen::cpp {

/// What the header says about where it came from.
struct header_options {
  std::string source_path;        ///< the schema path as given on the command line (banner)
  std::string header_name;        ///< the header's file name (static_assert message)
  std::string generator_version;  ///< "MAJOR.MINOR.PATCH" of schemetric-gen
};

/// Reports every name of `model` that would not compile in the header or would clash with a
/// declaration of the library (emit/cpp/checks.cpp). Skips definitions whose kind is unknown.
void check(const schema& model, diagnostics& diags);

/// The emitter's entry: the header, named `context.file_names[0]`.
[[nodiscard]] std::vector<std::string> emit(const schema& model, const schema_analysis& analysis,
                                            const emit_context& context);

/// The complete header of a checked model: deterministic (no timestamps), ends with a newline.
[[nodiscard]] std::string header(const schema& model, const header_options& options);

// The sections of the header, in order (each ends with the blank line that separates it from the
// next one). Tests check them one at a time.

/// The enums of closed label sets and the structs of bounded labels in schema order, then the
/// state enums of statesets; empty when there is none.
[[nodiscard]] std::string label_types(const schema& model);
/// `namespace labels`: the label struct of each metric, then of each tracker's start labels.
[[nodiscard]] std::string label_sets(const schema& model);
/// `namespace metrics`: the descriptor of each metric.
[[nodiscard]] std::string metric_descriptors(const schema& model);
/// The registry struct (after forward declarations of the tracker descriptors, if any).
[[nodiscard]] std::string registry(const schema& model);
/// `namespace trackers`: the descriptor of each tracker and the registry's `track_` functions;
/// empty without trackers.
[[nodiscard]] std::string tracker_descriptors(const schema& model);
/// `namespace alerts`: the definition of each alert the library evaluates in process, and
/// `all` of them; empty without such alerts.
[[nodiscard]] std::string alert_definitions(const schema& model);

}  // namespace schemetric::codegen::cpp
