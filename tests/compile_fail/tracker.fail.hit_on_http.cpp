// Must not compile: a cache outcome on an HTTP tracker.
// expect: (no matching function for call to [^ ]*tracker<service::trackers::http_request>::hit|no matching member function for call to 'hit'|constraints not satisfied)
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto t = reg.track_http_request({.method = service::method::get, .route = service::route::api_tasks}); t.hit();
}
