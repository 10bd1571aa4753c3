// Must not compile: a signed run-time increment (could be negative).
// expect: (the value of [^ ]*amount[^ ]* is not usable in a constant expression|call to consteval function .*constant_increment.* is not a constant expression)
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  int amount = 3;
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(amount);
}
