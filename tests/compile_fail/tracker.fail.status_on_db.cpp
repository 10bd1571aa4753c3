// Must not compile: a status on a DB tracker.
// expect: (no matching function for call to [^ ]*tracker<service::trackers::db_query>::status|no matching member function for call to 'status'|constraints not satisfied|requirement)
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto t = reg.track_db_query({.operation = service::operation::select}); t.status(404);
}
