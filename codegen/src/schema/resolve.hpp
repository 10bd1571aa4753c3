// Links the references of a schema model (labels a metric has, metrics and labels a tracker
// uses) to their definitions and checks the rules that span sections.
#pragma once

#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// Sets the target of every reference of `model` to the definition it names, and reports names
/// that are not defined ("did you mean" the closest), the label kinds metrics and trackers may
/// not use, trackers' metrics of the wrong type, and outcome, error and token labels without the
/// values their trackers set. Runs on a model with reading errors too: references to definitions
/// whose kind is unknown are linked but not checked again. Afterwards the model's vectors must
/// not change (references point into them).
void resolve(schema& model, diagnostics& diags);

}  // namespace schemetric::codegen
