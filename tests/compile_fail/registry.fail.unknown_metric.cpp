// Must not compile: a metric that is not in the schema.
// expect: (has no member named [^ ]*request_total|no member named 'request_total' in 'shop::registry')
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.request_total({.method = shop::method::get, .status = shop::status::_200}).inc();
}
