// A request handler instrumented through the generated API: metrics, trackers of several
// kinds, a bounded label and a status mapping. Built with SCHEMETRIC_ENABLED=0, its machine
// code must be identical to plain.cpp's, the same handler uninstrumented. (route_of(path)
// is left out: it stays a working function when metrics are off, since applications may
// route with it, so it costs what any call the application makes costs.)
#include <exception>
#include <string_view>

#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

extern service::registry metrics;

extern "C" int handle_request(int payload) {
  auto request = metrics.track_http_request(
      {.method = service::method::get, .route = service::route::api_tasks_task_id});
  auto query = metrics.track_db_query({.operation = service::operation::select});
  int result = query.run([&] { return payload * 3 + 1; });
  if (result > 100) {
    query.fail(service::error_category::timeout);
    auto ai = metrics.track_ai_request({.model = "model-a"});
    ai.tokens(10, 20);
    metrics.http_responses_total({.status_code = service::status_code_of(404)}).inc();
    result -= 100;
  }
  {
    auto lookup = metrics.track_cache_lookup({});
    lookup.hit();
  }
  metrics.http_requests_in_progress({.method = service::method::post}).set(1);
  metrics
      .http_request_errors_total(
          {.route = service::route::api_tasks,
           .error_category =
               schemetric::error_category<service::error_category>(std::exception_ptr())})
      .inc();
  request.status(200);
  return result;
}
