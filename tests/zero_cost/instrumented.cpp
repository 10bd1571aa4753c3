// A request handler instrumented through the generated API. Built with SCHEMETRIC_ENABLED=0,
// its machine code must be identical to plain.cpp's, the same handler uninstrumented.
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

extern shop::registry metrics;

extern "C" int handle_request(int payload) {
  metrics.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc();
  auto latency = metrics.latency_seconds({.method = shop::method::get});
  latency.observe(0.25);
  metrics.up_now().inc();
  metrics.health({.method = shop::method::post}).set(shop::health_state::degraded);
  int result = payload * 3 + 1;
  if (result > 100) {
    metrics.requests_total({.method = shop::method::post, .status = shop::status::_5_xx__}).inc(2);
    metrics.cost_dollars_total().inc(0.5);
    result -= 100;
  }
  metrics.up_now().dec();
  return result;
}
