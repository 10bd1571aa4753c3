// The `docs` emitter: the metric reference of a schema (`<name>.md`): every metric with its type,
// unit, labels and their values, worst-case series, the tracker that updates it and the rules
// that read it; every tracker, alert (expression, threshold, `for`, severity, runbook) and SLO
// (objective, error budget, burn-rate alerts); the recording rules and the labels. Built from the
// same rule plan as the rules file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "emit/emitter.hpp"
#include "model/schema.hpp"

namespace schemetric::codegen::docs {

/// The emitter's entry: the reference, named `context.file_names[0]`.
[[nodiscard]] std::vector<std::string> emit(const schema& model, const schema_analysis& analysis,
                                            const emit_context& context);

/// `text` safe as Markdown prose in a table cell or a paragraph: characters Markdown would take
/// for syntax are escaped, line breaks become spaces.
[[nodiscard]] std::string markdown_text(std::string_view text);

/// `text` as one inline code span, with a fence longer than any run of backticks in it.
[[nodiscard]] std::string code_span(std::string_view text);

/// The anchor GitHub gives a heading (`Alert HighErrorRate` -> `alert-higherrorrate`).
[[nodiscard]] std::string heading_anchor(std::string_view heading);

}  // namespace schemetric::codegen::docs
