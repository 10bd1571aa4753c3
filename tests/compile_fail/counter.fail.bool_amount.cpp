// Must not compile: a bool as a counter increment (it would add 1).
// expect: counter inc\(\): a bool or a character is not an amount
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(true);
}
