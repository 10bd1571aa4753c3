// Must not compile: a bounded label given nullptr.
// expect: bounded label: 0, nullptr or a number is not a label value
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  reg.ai_requests_total({.model = nullptr, .outcome = service::outcome::success}).inc();
}
