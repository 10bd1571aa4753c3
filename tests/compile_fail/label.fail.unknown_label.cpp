// Must not compile: a label the metric does not have.
// expect: (no match for call to|no matching function for call to object of type).*histogram_family< ?(::)?shop::metrics::latency_seconds>
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.latency_seconds({.method = shop::method::get, .status = shop::status::_200}).observe(1);
}
