// What the resolver's files share (internal to schema/).
#pragma once

#include <map>
#include <string_view>
#include <vector>

#include "model/schema.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen {

/// The definitions of a model by name, and their names in alphabetical order (the candidates of
/// "did you mean", in a stable order).
class definitions_by_name {
 public:
  explicit definitions_by_name(const schema& model);

  [[nodiscard]] const label_definition* label(std::string_view name) const;
  [[nodiscard]] const metric_definition* metric(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string_view>& label_names() const { return label_names_; }
  [[nodiscard]] const std::vector<std::string_view>& metric_names() const { return metric_names_; }

 private:
  std::map<std::string_view, const label_definition*, std::less<>> labels_;
  std::map<std::string_view, const metric_definition*, std::less<>> metrics_;
  std::vector<std::string_view> label_names_;
  std::vector<std::string_view> metric_names_;
};

/// Links `reference` to its label; reports an unknown name as "OWNER uses unknown label 'x'
/// USE; did you mean ...". True when it is linked.
bool resolve_label(reference<label_definition>& reference, const definitions_by_name& names,
                   std::string_view owner, std::string_view use, diagnostics& diags);

/// Resolves and checks the trackers (schema/resolve_trackers.cpp).
void resolve_trackers(schema& model, const definitions_by_name& names, diagnostics& diags);

}  // namespace schemetric::codegen
