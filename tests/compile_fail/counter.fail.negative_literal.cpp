// Must not compile: a negative counter increment.
// expect: (throw-expression.* is not a constant expression|call to consteval function.*constant_increment.* is not a constant expression)
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(-1);
}
