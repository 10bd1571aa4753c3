// Must not compile: copying the registry (it owns the series; a copy would record apart).
// expect: (use of deleted function .*registry::registry\(const .*registry&\)|call to deleted constructor of '.*registry')
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  auto copy = reg;
  (void)copy;
}
