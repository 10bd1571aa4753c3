// A translation unit that records metrics and includes nothing but the generated header, as
// services' handlers do: recording_headers_test checks what it includes (not fmt, not the
// text writer), and bench/compile_time.py times one like it.
#include "example_metrics.hpp"

int handle_request(example::registry& metrics, int status) {
  auto request = metrics.track_http_request(
      {.method = example::method::get, .route = example::route_of("/api/tasks/42")});
  metrics.tasks_created_total({.task_priority = example::task_priority::high}).inc();
  request.status(status);
  return status;
}
