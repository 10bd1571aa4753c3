// A second translation unit resolving a bounded label: the value set is one per label type in
// the whole program, not one per translation unit.
#include <cstddef>
#include <string_view>

#include "label_kinds_metrics.hpp"

std::size_t resolve_tenant_in_other_translation_unit(std::string_view value) {
  return label_kinds::tenant(value).index();
}

std::size_t tenant_known_count_in_other_translation_unit() {
  return label_kinds::tenant::known_count();
}
