// Must not compile: a label the tracker does not own (the outcome is set by the tracker).
// expect: (cannot convert [^ ]*<brace-enclosed initializer list>[^ ]* to [^ ]*const service::labels::track_http_request|field designator 'status' does not refer to any field in type 'const labels::track_http_request')
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto t = reg.track_http_request({.method = service::method::get, .route = service::route::api_tasks, .status = service::status::_2xx});
}
