// The handler of plain.cpp recording its metrics with schemetric: a request tracker (duration,
// count by status, in-progress), a counter with labels and a histogram, through the header
// generated from schema/example.yaml and nothing else.
#include <string>
#include <string_view>
#include <vector>

#include "example_metrics.hpp"

int handle_request(example::registry& metrics, std::string_view path, int status,
                   std::vector<std::string>& log) {
  auto request = metrics.track_http_request(
      {.method = example::method::get, .route = example::route_of(path)});
  metrics.tasks_created_total({.task_priority = example::task_priority::high}).inc();
  metrics.http_request_size_bytes({.method = example::method::get, .route = example::route::other})
      .observe(512);
  request.status(status);
  log.emplace_back(path);
  return status >= 500 ? 1 : 0;
}
