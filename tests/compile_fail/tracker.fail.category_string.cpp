// Must not compile: a failure category given as a string (a typo would have counted as
// another category); categories are values of the tracker's error label enum.
// expect: tracker fail\(\): the category must be a value of the tracker's error label enum
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto query = reg.track_db_query({.operation = service::operation::select});
  query.fail("timeot");
}
