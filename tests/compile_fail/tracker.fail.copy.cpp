// Must not compile: copying a tracker (it would record twice).
// expect: (use of deleted function|call to deleted constructor)
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto t = reg.track_db_query({.operation = service::operation::select}); auto copy = t;
}
