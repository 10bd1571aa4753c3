// Must not compile: a bounded label given a number.
// expect: bounded label: 0, nullptr or a number is not a label value
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto request = reg.track_ai_request({.model = 42});
}
