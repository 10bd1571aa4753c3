// Must not compile: the label set of another metric.
// expect: (no match for call to|no matching function for call to object of type).*counter_family< ?(::)?shop::metrics::requests_total>.*
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total(shop::labels::latency_seconds{.method = shop::method::get}).inc();
}
