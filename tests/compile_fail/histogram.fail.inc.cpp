// Must not compile: inc on a histogram.
// expect: (has no member named [^ ]*inc[^ ]*|no member named 'inc' in 'schemetric::histogram)
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.latency_seconds({.method = shop::method::get}).inc();
}
