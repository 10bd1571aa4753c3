// Must not compile: observe on a counter.
// expect: (has no member named [^ ]*observe|no member named 'observe')
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).observe(1.0);
}
