// Must not compile: a label left out.
// expect: (no match for call to|no matching function for call to object of type).*counter_family< ?(::)?shop::metrics::requests_total>
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get}).inc();
}
