// What the example service's metrics cost per request, for schemetric_add_overhead_check():
// one request through the handler, with the same random choices in every build (the seed is
// fixed) and no simulated latency.
#include "example_metrics.hpp"
#include "service.hpp"

void handle_one_request() {
  static example::registry metrics;
  static example_service::service app(metrics);
  static example_service::dice rng(1234, /*simulate_latency=*/false);
  app.handle_random_request(rng);
}
