// Must not compile: a fraction set on an integer gauge (a tracker's in-progress gauge).
// expect: this gauge holds integers \(schema `value: integer`\): give it an integer, or declare `value: float` in the schema
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  reg.http_requests_in_progress({.method = service::method::get}).set(0.5);
}
