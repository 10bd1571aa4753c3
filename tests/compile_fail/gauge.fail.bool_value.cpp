// Must not compile: a bool as a gauge value.
// expect: gauge set\(\): a bool or a character is not a value
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.up_now().set(true);
}
