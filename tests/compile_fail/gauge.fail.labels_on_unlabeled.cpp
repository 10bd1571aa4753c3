// Must not compile: labels given to a metric without labels.
// expect: (no match for call to|no matching function for call to object of type).*gauge_family< ?(::)?shop::metrics::up_now>
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.up_now({.method = shop::method::get}).set(1);
}
