// Must not compile: a value of one label's enum for another label.
// expect: (no match for call to|no matching function for call to object of type).*counter_family< ?(::)?shop::metrics::requests_total>
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::status::_200, .status = shop::status::_200}).inc();
}
