// Must not compile: a bounded label given 0 (a null `const char*` that would crash at run time).
// expect: bounded label: 0, nullptr or a number is not a label value
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  reg.ai_requests_total({.model = 0, .outcome = service::outcome::success}).inc();
}
