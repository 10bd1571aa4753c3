// Must not compile: a failure category in a std::string (a temporary the tracker would have
// kept a view of until the end of its scope).
// expect: tracker fail\(\): the category must be a value of the tracker's error label enum
#include <string>

#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg, const char* name) {
  auto query = reg.track_db_query({.operation = service::operation::select});
  query.fail(std::string(name));
}
