// Must not compile: a bool observed by a histogram (it would count 1).
// expect: histogram observe\(\): a bool or a character is not a value
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.latency_seconds({.method = shop::method::get}).observe(true);
}
