// What the generator computes from a resolved, checked model once per run.
#include "analysis/analysis.hpp"

namespace schemetric::codegen {

schema_analysis analyse(const schema& model, diagnostics& diags) {
  schema_analysis analysis{compute_cardinality(model)};
  check_budget(model, analysis.cardinality, diags);
  return analysis;
}

}  // namespace schemetric::codegen
