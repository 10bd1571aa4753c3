// Must compile: the correct uses the compile-fail cases get wrong.
#include <cstdint>

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
  // std::int8_t and std::uint8_t are numbers, not characters.
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200})
      .inc(std::uint8_t{2});
  reg.up_now().set(std::int8_t{-1});
  // Positional labels are allowed: in the schema's order, and each label has its own type, so
  // labels in the wrong order do not compile (label.fail.positional_wrong_order).
  reg.requests_total({shop::method::get, shop::status::_200}).inc();
}

// The tracker calls the tracker compile-fail cases get wrong.
#include "service_metrics.hpp"

void correct_tracker_use(service::registry& reg) {
  auto request = reg.track_http_request({.method = service::method::get, .route = service::route_of("/api/tasks")});
  request.status(404);
  auto query = reg.track_db_query({.operation = service::operation::select});
  query.fail(service::error_category::timeout);
  auto lookup = reg.track_cache_lookup({});
  lookup.hit();
  auto ai = reg.track_ai_request({.model = "model-a"});
  ai.tokens(10, 20);
  auto moved = std::move(query);
  reg.http_requests_in_progress({.method = service::method::get}).set(2);  // an integer gauge
}
