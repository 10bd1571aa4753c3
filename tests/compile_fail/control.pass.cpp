// Must compile: the correct uses the compile-fail cases get wrong.
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void correct_use(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc();
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(3);
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(3u);
  reg.cost_dollars_total().inc(0.5);
  reg.latency_seconds({.method = shop::method::get}).observe(1);
  reg.health({.method = shop::method::get}).set(shop::health_state::degraded);
  reg.up_now().set(1);
  reg.build_info.set({.version = "1.0", .revision = "abc"});
}
