// Must not compile: tokens on a cache tracker.
// expect: (no matching function for call to [^ ]*tracker<service::trackers::cache_lookup>::tokens|no matching member function for call to 'tokens'|constraints not satisfied)
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto t = reg.track_cache_lookup({}); t.tokens(10, 20);
}
