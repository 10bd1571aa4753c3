// Must not compile: a character added to a gauge.
// expect: gauge add\(\): a bool or a character is not an amount
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.up_now().add(U'x');
}
